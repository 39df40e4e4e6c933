//! Draws the chart pictures as PNG with `plotters` on a bitmap, in the bundled CJK font: large
//! bars and large words, one row per kind, meeting or study round, sized for a phone held at
//! arm's length.

use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, RGBColor};

use super::{ReportChart, StudyChart};
use crate::texts::charts as words;

/// Noto Sans SC Bold cut down to `texts::charts::GLYPHS` (see assets/fonts/README.md).
pub(super) const FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-Bold-chart-subset.otf");
const FAMILY: &str = "zhibu-chart";

const WIDTH: u32 = 1080;
const MARGIN: i32 = 48;
const TITLE: u32 = 60;
const LABEL: u32 = 42;
const FIGURES: u32 = 38;
const BAR: i32 = 56;
const ROW: i32 = 160;

const GREEN: RGBColor = RGBColor(34, 139, 34);
const ORANGE: RGBColor = RGBColor(230, 140, 0);
const RED: RGBColor = RGBColor(210, 30, 30);
const GREY: RGBColor = RGBColor(200, 200, 200);
const BLUE: RGBColor = RGBColor(30, 100, 220);
const INK: RGBColor = RGBColor(20, 20, 20);

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;
type DrawResult = Result<(), String>;

fn font_ready() -> Result<(), String> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok =
        *REGISTERED.get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok { Ok(()) } else { Err("the bundled chart font does not load".to_owned()) }
}

fn text(area: &Area, s: &str, size: u32, (x, y): (i32, i32), right: bool) -> DrawResult {
    let anchor = if right { HPos::Right } else { HPos::Left };
    let style = (FAMILY, size).into_font().color(&INK).pos(Pos::new(anchor, VPos::Top));
    area.draw_text(s, &style, (x, y)).map_err(|e| e.to_string())
}

/// A bar across the picture, split into coloured parts in proportion to `parts`.
fn bar(area: &Area, y: i32, parts: &[(u32, RGBColor)]) -> DrawResult {
    let total: u32 = parts.iter().map(|(n, _)| n).sum();
    let width = WIDTH as i32 - 2 * MARGIN;
    let mut x = MARGIN;
    if total == 0 {
        return fill(area, (x, y), (x + width, y + BAR), GREY);
    }
    let mut done = 0;
    for (n, colour) in parts {
        done += n;
        let end = MARGIN + (width as i64 * i64::from(done) / i64::from(total)) as i32;
        if end > x {
            fill(area, (x, y), (end, y + BAR), *colour)?;
        }
        x = end;
    }
    Ok(())
}

fn fill(area: &Area, from: (i32, i32), to: (i32, i32), colour: RGBColor) -> DrawResult {
    area.draw(&Rectangle::new([from, to], colour.filled())).map_err(|e| e.to_string())
}

/// A row of coloured squares with their words, under a title.
fn legend(area: &Area, y: i32, entries: &[(&str, RGBColor)]) -> DrawResult {
    let mut x = MARGIN;
    for (word, colour) in entries {
        fill(area, (x, y + 2), (x + 36, y + 38), *colour)?;
        text(area, word, FIGURES, (x + 46, y), false)?;
        x += 46 + FIGURES as i32 * word.chars().count() as i32 + 40;
    }
    Ok(())
}

/// Paints on a white picture of `height` and returns it as PNG.
fn picture(height: u32, paint: impl FnOnce(&Area) -> DrawResult) -> Result<Vec<u8>, String> {
    font_ready()?;
    let mut pixels = vec![0u8; (WIDTH * height * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (WIDTH, height)).into_drawing_area();
        area.fill(&WHITE).map_err(|e| e.to_string())?;
        paint(&area)?;
        area.present().map_err(|e| e.to_string())?;
    }
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, WIDTH, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&pixels).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(png)
}

/// A labelled row: words on the left and right, a bar under them.
fn row(area: &Area, y: i32, label: &str, figures: &str, parts: &[(u32, RGBColor)]) -> DrawResult {
    text(area, label, LABEL, (MARGIN, y), false)?;
    text(area, figures, FIGURES, (WIDTH as i32 - MARGIN, y + 4), true)?;
    bar(area, y + 56, parts)
}

/// The /report picture: the year's periods per required kind, then each closed meeting's
/// attendance.
pub fn report(chart: &ReportChart) -> Result<Vec<u8>, String> {
    let meeting_rows = chart.meetings.len().max(1) as i32;
    let height = 260 + ROW * chart.kinds.len() as i32 + 110 + ROW * meeting_rows + MARGIN;
    picture(height as u32, |area| {
        text(area, &words::report_title(chart.year), TITLE, (MARGIN, MARGIN), false)?;
        text(area, &words::as_of(chart.as_of.0, chart.as_of.1), FIGURES, (MARGIN, MARGIN + 80), false)?;
        let entries =
            [(words::DONE, GREEN), (words::DUE, ORANGE), (words::OVERDUE, RED), (words::UPCOMING, GREY)];
        legend(area, MARGIN + 140, &entries)?;
        let mut y = 260;
        for k in &chart.kinds {
            let figures = words::kind_figures(k.done, k.due, k.overdue);
            let parts = [(k.done, GREEN), (k.due, ORANGE), (k.overdue, RED), (k.upcoming, GREY)];
            row(area, y, words::kind_label(k.kind), &figures, &parts)?;
            y += ROW;
        }
        text(area, words::ATTENDANCE_TITLE, TITLE, (MARGIN, y + 20), false)?;
        y += 110;
        if chart.meetings.is_empty() {
            return text(area, words::NO_MEETINGS, LABEL, (MARGIN, y), false);
        }
        for m in &chart.meetings {
            let label = words::meeting_label(m.month, m.day, m.kind);
            let figures = words::attendance_figure(m.present, m.expected);
            let absent = m.expected.saturating_sub(m.present) as u32;
            row(area, y, &label, &figures, &[(m.present as u32, GREEN), (absent, GREY)])?;
            y += ROW;
        }
        Ok(())
    })
}

/// The /study_status picture: the latest study rounds, studied (on time, made up) and not yet.
pub fn study(chart: &StudyChart) -> Result<Vec<u8>, String> {
    let rows = chart.rounds.len().max(1) as i32;
    let height = 220 + ROW * rows + MARGIN;
    picture(height as u32, |area| {
        text(area, words::STUDY_TITLE, TITLE, (MARGIN, MARGIN), false)?;
        legend(area, MARGIN + 100, &[(words::STUDIED, GREEN), (words::LATE, BLUE), (words::NOT_YET, GREY)])?;
        let mut y = 220;
        if chart.rounds.is_empty() {
            return text(area, words::NO_ROUNDS, LABEL, (MARGIN, y), false);
        }
        for r in &chart.rounds {
            let on_time = r.studied.saturating_sub(r.late);
            let figures = words::round_figures(on_time, r.late, r.missing);
            let parts = [(on_time as u32, GREEN), (r.late as u32, BLUE), (r.missing as u32, GREY)];
            row(area, y, &words::round_label(r.month, r.day), &figures, &parts)?;
            y += ROW;
        }
        Ok(())
    })
}
