//! The phrasings a secretary writes after /export, read on a fixed day.

use chrono::NaiveDate;

use super::{PeriodError, RecordPeriod};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Tuesday 24 November 2026.
fn today() -> NaiveDate {
    d(2026, 11, 24)
}

#[test]
fn periods_in_words_cover_the_days_a_secretary_means() {
    let cases = [
        ("本季度", d(2026, 10, 1), d(2026, 12, 31)),
        ("这个季度", d(2026, 10, 1), d(2026, 12, 31)),
        ("上季度", d(2026, 7, 1), d(2026, 9, 30)),
        ("上个季度", d(2026, 7, 1), d(2026, 9, 30)),
        ("本月", d(2026, 11, 1), d(2026, 11, 30)),
        ("这个月", d(2026, 11, 1), d(2026, 11, 30)),
        ("上个月", d(2026, 10, 1), d(2026, 10, 31)),
        ("上月", d(2026, 10, 1), d(2026, 10, 31)),
        ("今年", d(2026, 1, 1), d(2026, 12, 31)),
        ("本年度", d(2026, 1, 1), d(2026, 12, 31)),
        ("去年", d(2025, 1, 1), d(2025, 12, 31)),
        ("2026年", d(2026, 1, 1), d(2026, 12, 31)),
        ("2025年度", d(2025, 1, 1), d(2025, 12, 31)),
        ("２０２６年", d(2026, 1, 1), d(2026, 12, 31)),
        ("2025", d(2025, 1, 1), d(2025, 12, 31)),
        ("2025年全年", d(2025, 1, 1), d(2025, 12, 31)),
        ("10月到12月", d(2026, 10, 1), d(2026, 12, 31)),
        ("10月至12月", d(2026, 10, 1), d(2026, 12, 31)),
        ("10-12月", d(2026, 10, 1), d(2026, 12, 31)),
        ("十月到十二月", d(2026, 10, 1), d(2026, 12, 31)),
        ("2月", d(2026, 2, 1), d(2026, 2, 28)),
        ("二月份", d(2026, 2, 1), d(2026, 2, 28)),
        ("2024年2月", d(2024, 2, 1), d(2024, 2, 29)),
        ("第三季度", d(2026, 7, 1), d(2026, 9, 30)),
        ("三季度", d(2026, 7, 1), d(2026, 9, 30)),
        ("2025年第4季度", d(2025, 10, 1), d(2025, 12, 31)),
        ("去年第四季度", d(2025, 10, 1), d(2025, 12, 31)),
        ("上半年", d(2026, 1, 1), d(2026, 6, 30)),
        ("2025年下半年", d(2025, 7, 1), d(2025, 12, 31)),
        ("2026年10月1日至12月31日", d(2026, 10, 1), d(2026, 12, 31)),
        ("10月5日到11月20号", d(2026, 10, 5), d(2026, 11, 20)),
        ("2025年12月到2026年2月", d(2025, 12, 1), d(2026, 2, 28)),
        ("去年10月到12月", d(2025, 10, 1), d(2025, 12, 31)),
        (" 本季度。", d(2026, 10, 1), d(2026, 12, 31)),
    ];
    for (words, first, last) in cases {
        assert_eq!(RecordPeriod::parse(words, today()), Ok(RecordPeriod { first, last }), "{words}");
    }
}

#[test]
fn a_month_not_yet_begun_this_year_without_a_year_means_last_years() {
    let february = d(2027, 2, 10);
    let autumn = RecordPeriod { first: d(2026, 10, 1), last: d(2026, 12, 31) };
    assert_eq!(RecordPeriod::parse("10月到12月", february), Ok(autumn));
    assert_eq!(RecordPeriod::parse("第四季度", february), Ok(autumn));
    let january = RecordPeriod { first: d(2027, 1, 1), last: d(2027, 1, 31) };
    assert_eq!(RecordPeriod::parse("1月", february), Ok(january));
    let last_quarter = RecordPeriod { first: d(2026, 10, 1), last: d(2026, 12, 31) };
    assert_eq!(RecordPeriod::parse("上季度", february), Ok(last_quarter));
}

#[test]
fn words_that_are_no_period_say_why() {
    let cases = [
        ("", PeriodError::Empty),
        ("  ", PeriodError::Empty),
        ("最近", PeriodError::Unrecognised),
        ("开会记录", PeriodError::Unrecognised),
        ("12345", PeriodError::Unrecognised),
        ("13月", PeriodError::NoSuchDate),
        ("2月30日", PeriodError::NoSuchDate),
        ("第五季度", PeriodError::NoSuchDate),
        ("2026年12月到2026年10月", PeriodError::Reversed),
        ("明年", PeriodError::Future),
        ("2027年", PeriodError::Future),
    ];
    for (words, error) in cases {
        assert_eq!(RecordPeriod::parse(words, today()), Err(error), "{words:?}");
    }
}
