//! The pictures: the bundled font holds every character a chart draws, and a chart is a PNG of
//! the promised width whose height grows with its rows and which is not blank.

use ab_glyph::{Font, FontRef};

use super::*;
use crate::texts::charts::GLYPHS;

#[test]
fn the_bundled_font_has_a_glyph_for_every_listed_character() {
    let font = FontRef::try_from_slice(draw::FONT).expect("the bundled font loads");
    for c in GLYPHS.chars().filter(|c| !c.is_whitespace()) {
        assert_ne!(font.glyph_id(c).0, 0, "{c:?} is missing: run scripts/subset-chart-font.sh");
    }
}

fn decoded(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    (info.width, info.height, pixels)
}

fn kinds() -> Vec<KindYear> {
    vec![
        KindYear { kind: MeetingKind::General, done: 3, due: 1, overdue: 0, upcoming: 0 },
        KindYear { kind: MeetingKind::Committee, done: 9, due: 1, overdue: 1, upcoming: 1 },
    ]
}

#[test]
fn the_report_picture_is_a_phone_wide_png_with_ink_and_one_row_per_kind_and_meeting() {
    let meeting =
        MeetingAttendance { month: 12, day: 5, kind: MeetingKind::General, present: 18, expected: 24 };
    let small = ReportChart { year: 2026, as_of: (12, 6), kinds: kinds(), meetings: vec![meeting.clone()] };
    let big = ReportChart { meetings: vec![meeting; 5], ..small.clone() };
    let (width, height, pixels) = decoded(&draw::report(&small).unwrap());
    let (_, taller, _) = decoded(&draw::report(&big).unwrap());
    assert_eq!(width, 1080);
    assert!(height > 800 && taller > height, "{height} {taller}");
    let dark = pixels.chunks(3).filter(|p| p.iter().all(|c| *c < 80)).count();
    let green = pixels.chunks(3).filter(|p| p == &[34, 139, 34]).count();
    assert!(dark > 2_000, "words are drawn: {dark} dark pixels");
    assert!(green > 20_000, "bars are drawn: {green} green pixels");
}

#[test]
fn the_study_picture_draws_even_without_rounds() {
    let empty = decoded(&draw::study(&StudyChart { rounds: vec![] }).unwrap());
    let round = RoundBar { month: 11, day: 18, studied: 15, late: 2, missing: 9 };
    let one = decoded(&draw::study(&StudyChart { rounds: vec![round] }).unwrap());
    assert_eq!((empty.0, one.0), (1080, 1080));
    assert!(empty.2.chunks(3).any(|p| p.iter().all(|c| *c < 80)), "the empty picture says so");
    assert!(one.2.chunks(3).filter(|p| p == &[30, 100, 220]).count() > 1_000, "made-up study is blue");
}
