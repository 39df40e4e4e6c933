//! Dates as rosters write them: `1950-03-01`, `1950.3.1`, `1950/3/1`, `1950年3月1日`,
//! `19500301`, month-only forms, and Excel serial numbers.

use chrono::{Days, NaiveDate};

use super::cells::{Cell, fold_width, number_text};

/// Reads a date as secretaries type it. A month without a day (`1950-03`,
/// `1950年3月`, `195003`) gives the first of the month; five digits alone are
/// read as an Excel serial number (`15050` = 1941-03-15); a time after the
/// date is ignored. Day-first or month-first forms (`1/3/1950`) are ambiguous
/// and give `None`, as do years outside 1880–2100.
pub fn parse_roster_date(raw: &str) -> Option<NaiveDate> {
    let folded = fold_width(raw);
    let text: String = without_time(folded.trim()).chars().filter(|c| !c.is_whitespace()).collect();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        from_digits(&text)
    } else {
        from_parts(&text)
    }
}

/// The date in a cell: `Ok(None)` when empty, `Err(text)` when present but unreadable.
pub(super) fn date_from_cell(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(date) => Ok(Some(*date)),
        Cell::Number(n) => date_from_number(*n).map(Some).ok_or_else(|| number_text(*n)),
        Cell::Text(text) => match text.trim() {
            "" => Ok(None),
            text => parse_roster_date(text).map(Some).ok_or_else(|| text.to_string()),
        },
    }
}

/// A number in a date column: `19500301` typed as a number, or an Excel serial.
fn date_from_number(n: f64) -> Option<NaiveDate> {
    if n >= 100_000.0 && n.fract() == 0.0 { from_digits(&number_text(n)) } else { excel_serial_date(n) }
}

/// An Excel serial date in the 1900 date system. Excel counts the nonexistent
/// 1900-02-29 (serial 60, kept from Lotus 1-2-3), so later serials are one
/// day ahead: serial 61 is 1900-03-01. Any time of day is dropped.
pub(super) fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as u64;
    let epoch = match days {
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        60 => return None,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    epoch.checked_add_days(Days::new(days))
}

/// `1950-03-01 00:00:00` and `1950-03-01T00:00` lose their time.
fn without_time(text: &str) -> &str {
    let Some(colon) = text.find(':') else {
        return text;
    };
    let head = &text[..colon];
    head.rsplit_once(|c: char| c.is_whitespace() || c == 'T').map_or(head, |(date, _)| date)
}

/// `19500301`, `195003`, or a five-digit Excel serial.
fn from_digits(digits: &str) -> Option<NaiveDate> {
    let part = |from: usize, to: usize| digits.get(from..to);
    match digits.len() {
        8 => ymd(part(0, 4)?, part(4, 6)?, part(6, 8)?),
        6 => ymd(part(0, 4)?, part(4, 6)?, "1"),
        5 => excel_serial_date(digits.parse().ok()?),
        _ => None,
    }
}

/// Year, month and maybe day separated by `-` `.` `/` or 年 月 (日).
fn from_parts(text: &str) -> Option<NaiveDate> {
    let text = text.strip_suffix(['日', '号']).unwrap_or(text);
    let text = text.trim_end_matches(['月', '-', '.', '/']);
    let parts: Vec<&str> = text.split(['年', '月', '-', '.', '/']).collect();
    match parts.as_slice() {
        [year, month] => ymd(year, month, "1"),
        [year, month, day] => ymd(year, month, day),
        _ => None,
    }
}

/// A date from its digit groups; the year must have four digits.
fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let number = |text: &str| {
        let plain = !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
        plain.then(|| text.parse::<u32>().ok()).flatten()
    };
    let year = i32::try_from(number(year).filter(|_| year.len() == 4)?).ok()?;
    if !(1880..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn iso_dates_are_read() {
        assert_eq!(parse_roster_date("1950-03-01"), date(1950, 3, 1));
        assert_eq!(parse_roster_date(" 1950-3-1 "), date(1950, 3, 1));
    }

    #[test]
    fn dotted_dates_are_read() {
        assert_eq!(parse_roster_date("1950.03.01"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950.3.1."), date(1950, 3, 1));
    }

    #[test]
    fn slashed_dates_are_read() {
        assert_eq!(parse_roster_date("1950/3/1"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950/03/01"), date(1950, 3, 1));
    }

    #[test]
    fn chinese_dates_are_read() {
        assert_eq!(parse_roster_date("1950年3月1日"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950 年 03 月 01 日"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950年3月1号"), date(1950, 3, 1));
    }

    #[test]
    fn compact_digit_dates_are_read() {
        assert_eq!(parse_roster_date("19500301"), date(1950, 3, 1));
    }

    #[test]
    fn full_width_dates_are_read() {
        assert_eq!(parse_roster_date("１９５０－０３－０１"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("１９５０．３．１"), date(1950, 3, 1));
    }

    #[test]
    fn a_month_without_a_day_gives_the_first_of_the_month() {
        assert_eq!(parse_roster_date("1950-03"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950年3月"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950.3"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("195003"), date(1950, 3, 1));
    }

    #[test]
    fn a_time_after_the_date_is_ignored() {
        assert_eq!(parse_roster_date("1950-03-01 00:00:00"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950/3/1 0:00"), date(1950, 3, 1));
        assert_eq!(parse_roster_date("1950-03-01T00:00:00"), date(1950, 3, 1));
    }

    #[test]
    fn excel_serials_skip_the_lotus_leap_day() {
        assert_eq!(excel_serial_date(1.0), date(1900, 1, 1));
        assert_eq!(excel_serial_date(59.0), date(1900, 2, 28));
        assert_eq!(excel_serial_date(60.0), None);
        assert_eq!(excel_serial_date(61.0), date(1900, 3, 1));
        assert_eq!(excel_serial_date(15050.0), date(1941, 3, 15));
        assert_eq!(excel_serial_date(45836.75), date(2025, 6, 28));
        assert_eq!(excel_serial_date(0.0), None);
        assert_eq!(excel_serial_date(f64::NAN), None);
    }

    #[test]
    fn five_digit_text_is_read_as_an_excel_serial() {
        assert_eq!(parse_roster_date("15050"), date(1941, 3, 15));
    }

    #[test]
    fn unreadable_dates_give_none() {
        for raw in [
            "",
            "不详",
            "1950",
            "1950年",
            "1950-13-01",
            "1950-02-30",
            "3/1/1950",
            "50.3.1",
            "1850-01-01",
            "1950-03-01-02",
            "1950-0x-01",
            "1950.3.1.2",
        ] {
            assert_eq!(parse_roster_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn date_cells_of_every_kind_are_read() {
        let expected = Ok(date(1941, 3, 15));
        assert_eq!(date_from_cell(&Cell::Number(15050.0)), expected);
        assert_eq!(date_from_cell(&Cell::Number(19410315.0)), expected);
        assert_eq!(date_from_cell(&Cell::Text("1941.3.15".into())), expected);
        assert_eq!(date_from_cell(&Cell::Date(date(1941, 3, 15).unwrap())), expected);
        assert_eq!(date_from_cell(&Cell::Empty), Ok(None));
        assert_eq!(date_from_cell(&Cell::Text(" 不详 ".into())), Err("不详".into()));
    }
}
