//! Tests for quiet hours, holidays and the sending window.

use super::*;
use chrono_tz::America::New_York;
use chrono_tz::Asia::{Shanghai, Urumqi};
use chrono_tz::UTC;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn bj(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Tz> {
    Shanghai.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn default_window() -> SendingWindow {
    SendingWindow::default()
}

fn national_day() -> Holidays {
    Holidays::parse("2026-10-01~2026-10-07").unwrap()
}

#[test]
fn the_default_windows_are_evening_to_morning_and_the_midday_rest() {
    let quiet = QuietHours::default_for_retirees();
    assert_eq!(quiet.to_spec(), "20:00-08:00,12:00-14:30");
    assert_eq!(QuietHours::default(), quiet);
}

#[test]
fn contains_treats_windows_as_half_open() {
    let quiet = QuietHours::default_for_retirees();
    assert!(!quiet.contains(hm(19, 59)));
    assert!(quiet.contains(hm(20, 0)));
    assert!(quiet.contains(hm(23, 59)));
    assert!(quiet.contains(hm(0, 0)));
    assert!(quiet.contains(hm(7, 59)));
    assert!(!quiet.contains(hm(8, 0)));
    assert!(!quiet.contains(hm(11, 59)));
    assert!(quiet.contains(hm(12, 0)));
    assert!(quiet.contains(hm(14, 29)));
    assert!(!quiet.contains(hm(14, 30)));
}

#[test]
fn one_minute_before_eight_in_the_evening_goes_out_at_once() {
    let at = bj(2026, 6, 3, 19, 59);
    assert_eq!(default_window().next_allowed(at, false), at);
}

#[test]
fn eight_in_the_evening_waits_until_eight_the_next_morning() {
    let at = bj(2026, 6, 3, 20, 0);
    assert_eq!(default_window().next_allowed(at, false), bj(2026, 6, 4, 8, 0));
    let late = bj(2026, 6, 3, 23, 45);
    assert_eq!(default_window().next_allowed(late, false), bj(2026, 6, 4, 8, 0));
}

#[test]
fn one_minute_before_eight_in_the_morning_waits_until_eight_the_same_day() {
    let at = bj(2026, 6, 4, 7, 59);
    assert_eq!(default_window().next_allowed(at, false), bj(2026, 6, 4, 8, 0));
    let midnight = bj(2026, 6, 4, 0, 0);
    assert_eq!(default_window().next_allowed(midnight, false), bj(2026, 6, 4, 8, 0));
}

#[test]
fn the_midday_rest_defers_to_half_past_two() {
    let at = bj(2026, 6, 4, 12, 0);
    assert_eq!(default_window().next_allowed(at, false), bj(2026, 6, 4, 14, 30));
    let allowed = bj(2026, 6, 4, 14, 30);
    assert_eq!(default_window().next_allowed(allowed, false), allowed);
}

#[test]
fn an_allowed_instant_is_returned_exactly_with_its_seconds() {
    let at = Shanghai.with_ymd_and_hms(2026, 6, 4, 10, 15, 42).unwrap() + chrono::Duration::milliseconds(123);
    assert_eq!(default_window().next_allowed(at, false), at);
}

#[test]
fn urgent_messages_ignore_quiet_hours_and_holidays() {
    let window = SendingWindow { quiet: QuietHours::default_for_retirees(), holidays: national_day() };
    let at = bj(2026, 10, 1, 22, 0);
    assert_eq!(window.next_allowed(at, true), at);
}

#[test]
fn a_holiday_defers_to_eight_on_the_next_working_day() {
    let window = SendingWindow {
        quiet: QuietHours::default_for_retirees(),
        holidays: Holidays::new([ymd(2026, 6, 19)]),
    };
    let at = bj(2026, 6, 19, 10, 0);
    assert_eq!(window.next_allowed(at, false), bj(2026, 6, 20, 8, 0));
}

#[test]
fn a_run_of_holidays_defers_past_the_whole_national_day_week() {
    let window = SendingWindow { quiet: QuietHours::default_for_retirees(), holidays: national_day() };
    assert_eq!(window.next_allowed(bj(2026, 10, 1, 10, 0), false), bj(2026, 10, 8, 8, 0));
    assert_eq!(window.next_allowed(bj(2026, 10, 7, 15, 0), false), bj(2026, 10, 8, 8, 0));
}

#[test]
fn a_quiet_evening_before_a_holiday_skips_the_holiday_too() {
    let window = SendingWindow { quiet: QuietHours::default_for_retirees(), holidays: national_day() };
    // 30 September, 21:00: quiet until 08:00 on 1 October, a holiday, so 8 October 08:00.
    assert_eq!(window.next_allowed(bj(2026, 9, 30, 21, 0), false), bj(2026, 10, 8, 8, 0));
    // The last evening of the holiday is quiet as well: still 8 October 08:00.
    assert_eq!(window.next_allowed(bj(2026, 10, 7, 23, 0), false), bj(2026, 10, 8, 8, 0));
}

#[test]
fn holidays_alone_defer_to_midnight_when_no_window_covers_it() {
    let window = SendingWindow {
        quiet: QuietHours::new(vec![(hm(12, 0), hm(14, 30))]),
        holidays: Holidays::new([ymd(2026, 6, 19)]),
    };
    assert_eq!(window.next_allowed(bj(2026, 6, 19, 10, 0), false), bj(2026, 6, 20, 0, 0));
}

#[test]
fn a_window_wrapping_midnight_defers_across_the_date_change() {
    let window =
        SendingWindow { quiet: QuietHours::new(vec![(hm(22, 0), hm(6, 30))]), holidays: Holidays::default() };
    assert_eq!(window.next_allowed(bj(2026, 12, 31, 22, 30), false), bj(2027, 1, 1, 6, 30));
    assert_eq!(window.next_allowed(bj(2027, 1, 1, 3, 0), false), bj(2027, 1, 1, 6, 30));
    assert!(!window.quiet.contains(hm(21, 59)));
}

#[test]
fn overlapping_windows_are_followed_to_the_end_of_the_last_one() {
    let window = SendingWindow {
        quiet: QuietHours::new(vec![
            (hm(20, 0), hm(8, 0)),
            (hm(7, 0), hm(9, 0)),
            (hm(8, 30), hm(9, 15)),
            (hm(12, 0), hm(14, 30)),
            (hm(13, 0), hm(14, 0)),
        ]),
        holidays: Holidays::default(),
    };
    assert_eq!(window.next_allowed(bj(2026, 6, 3, 21, 0), false), bj(2026, 6, 4, 9, 15));
    assert_eq!(window.next_allowed(bj(2026, 6, 4, 13, 30), false), bj(2026, 6, 4, 14, 30));
}

#[test]
fn windows_covering_the_whole_day_are_refused_by_parse_and_ignored_when_built() {
    assert!(matches!(QuietHours::parse("00:00-12:00,11:00-00:00"), Err(SendingWindowError::WholeDay(_))));
    let window = SendingWindow {
        quiet: QuietHours::new(vec![(hm(0, 0), hm(12, 0)), (hm(12, 0), hm(0, 0))]),
        holidays: Holidays::default(),
    };
    let at = bj(2026, 6, 4, 10, 0);
    assert_eq!(window.next_allowed(at, false), at);
}

#[test]
fn urumqi_time_is_read_on_its_own_clock() {
    let window = default_window();
    let at = Urumqi.with_ymd_and_hms(2026, 6, 3, 20, 30, 0).unwrap();
    let next = window.next_allowed(at, false);
    assert_eq!(next.to_rfc3339(), "2026-06-04T08:00:00+06:00");
    // 20:30 in Urumqi is 22:30 in Beijing; the same instant seen from Beijing is also quiet.
    let in_beijing = at.with_timezone(&Shanghai);
    assert_eq!(window.next_allowed(in_beijing, false), bj(2026, 6, 4, 8, 0));
}

#[test]
fn utc_works_like_any_other_zone() {
    let at = UTC.with_ymd_and_hms(2026, 3, 29, 12, 10, 0).unwrap();
    assert_eq!(default_window().next_allowed(at, false).to_rfc3339(), "2026-03-29T14:30:00+00:00");
}

#[test]
fn a_daylight_saving_gap_moves_to_the_first_existing_minute() {
    // New York skips 02:00–03:00 on 8 March 2026.
    let window =
        SendingWindow { quiet: QuietHours::new(vec![(hm(1, 0), hm(2, 30))]), holidays: Holidays::default() };
    let at = New_York.with_ymd_and_hms(2026, 3, 8, 1, 15, 0).unwrap();
    assert_eq!(window.next_allowed(at, false).to_rfc3339(), "2026-03-08T03:00:00-04:00");
}

#[test]
fn quiet_hours_parse_and_print_round_trip() {
    let quiet = QuietHours::parse("20:00-08:00,12:00-14:30").unwrap();
    assert_eq!(quiet, QuietHours::default_for_retirees());
    assert_eq!(QuietHours::parse(&quiet.to_spec()).unwrap(), quiet);
}

#[test]
fn quiet_hours_parse_accepts_chinese_punctuation_and_full_width() {
    let quiet = QuietHours::parse("２０：００至０８：００，12:00~14:30").unwrap();
    assert_eq!(quiet, QuietHours::default_for_retirees());
    let quiet = QuietHours::parse("21:30 - 07:00\n12:00—14:00").unwrap();
    assert_eq!(quiet.to_spec(), "21:30-07:00,12:00-14:00");
    assert_eq!(QuietHours::parse("22:00-24:00").unwrap().to_spec(), "22:00-00:00");
    assert!(QuietHours::parse("22:00-24:00").unwrap().contains(hm(23, 0)));
}

#[test]
fn an_empty_spec_means_no_quiet_hours() {
    for spec in ["", "  ", "无"] {
        let quiet = QuietHours::parse(spec).unwrap();
        assert_eq!(quiet, QuietHours::none());
        assert!(!quiet.contains(hm(3, 0)));
    }
}

#[test]
fn malformed_windows_are_reported() {
    assert!(matches!(QuietHours::parse("20:00"), Err(SendingWindowError::BadWindow(_))));
    assert!(matches!(QuietHours::parse("25:00-08:00"), Err(SendingWindowError::BadWindow(_))));
    assert!(matches!(QuietHours::parse("24:00-08:00"), Err(SendingWindowError::BadWindow(_))));
    assert!(matches!(QuietHours::parse("08:00-08:00"), Err(SendingWindowError::EmptyWindow(_))));
}

#[test]
fn holidays_parse_lists_lines_and_ranges() {
    let commas = Holidays::parse("2026-10-01,2026-10-02").unwrap();
    assert_eq!(commas.iter().collect::<Vec<_>>(), [ymd(2026, 10, 1), ymd(2026, 10, 2)]);
    let lines = Holidays::parse("# 国庆\n2026-10-01\n２０２６-10-02\n\n2026/10/03 # 周六\n").unwrap();
    assert_eq!(lines.len(), 3);
    assert!(lines.contains(ymd(2026, 10, 3)));
    let range = national_day();
    assert_eq!(range.len(), 7);
    assert!(range.contains(ymd(2026, 10, 7)));
    assert!(!range.contains(ymd(2026, 10, 8)));
    assert_eq!(Holidays::parse("2026-10-01..2026-10-07").unwrap(), range);
    assert_eq!(Holidays::parse(&range.to_spec()).unwrap(), range);
    assert!(Holidays::parse("").unwrap().is_empty());
}

#[test]
fn malformed_holidays_are_reported() {
    for spec in ["2026-13-01", "10月1日", "2026-10-07~2026-10-01"] {
        assert!(matches!(Holidays::parse(spec), Err(SendingWindowError::BadDate(_))), "{spec}");
    }
}
