//! A period of the record book in the secretary's words — 本季度, 上个月, 2026年, 10月到12月,
//! 今年, 去年, 第三季度, 上半年, 2026年10月1日至12月31日 — read against today into the first and
//! last day it covers. A month or quarter named without a year that has not begun yet this year
//! means last year's (in February, 10月到12月 is the past autumn).

use chrono::{Datelike, Months, NaiveDate};

#[cfg(test)]
mod tests;

/// The days a record book covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordPeriod {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Why the words are not a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// Nothing after the command.
    Empty,
    /// Words that are no period zhibu knows.
    Unrecognised,
    /// 13月, 2月30日, 第五季度.
    NoSuchDate,
    /// The end comes before the start.
    Reversed,
    /// The whole period is still to come.
    Future,
}

/// Where a part of the words stands: a whole year, or a span within a year still to be placed.
#[derive(Debug, Clone, Copy)]
struct Point {
    /// Named explicitly (2026年, 今年, 去年, or a keyword that fixes it).
    year: Option<i32>,
    /// First and last (month, day) within the year.
    from: (u32, u32),
    to: (u32, u32),
}

impl RecordPeriod {
    /// Reads `words` on `today`.
    pub fn parse(words: &str, today: NaiveDate) -> Result<RecordPeriod, PeriodError> {
        let text: String = words
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(to_half_width)
            .collect::<String>()
            .trim_end_matches(['。', '.', '的'])
            .to_owned();
        if text.is_empty() {
            return Err(PeriodError::Empty);
        }
        let (a, b) = match split_range(&text) {
            // 10-12月: the first month borrows the second's 月.
            Some((a, b)) if number(a).is_some() && b.ends_with('月') => {
                (point(&format!("{a}月"), today)?, Some(point(b, today)?))
            }
            Some((a, b)) => (point(a, today)?, Some(point(b, today)?)),
            None => (point(&text, today)?, None),
        };
        let b_point = b.unwrap_or(a);
        // The second half of 2026年10月到12月 lives in the first half's year.
        let b_year = b_point.year.or(a.year);
        let mut year = a.year.unwrap_or(today.year());
        let unanchored = a.year.is_none() && b_year.is_none();
        if unanchored && day(year, a.from)? > today {
            year -= 1;
        }
        let first = day(year, a.from)?;
        let last = day(b_year.unwrap_or(year), b_point.to)?;
        if last < first {
            return Err(PeriodError::Reversed);
        }
        if first > today {
            return Err(PeriodError::Future);
        }
        Ok(RecordPeriod { first, last })
    }
}

fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// `a到b`, `a至b`, `a-b`, `a—b`, `a~b`.
fn split_range(text: &str) -> Option<(&str, &str)> {
    for sep in ["到", "至", "-", "—", "–", "~", "～"] {
        if let Some((a, b)) = text.split_once(sep) {
            return Some((a, b));
        }
    }
    None
}

/// (month, day) of the first and of the last day within a year.
type Span = ((u32, u32), (u32, u32));

/// A span's last day written as `END`: its month's last day, however long the month.
const END: u32 = 0;

fn day(year: i32, (month, day): (u32, u32)) -> Result<NaiveDate, PeriodError> {
    if !(1..=12).contains(&month) {
        return Err(PeriodError::NoSuchDate);
    }
    let last = last_of_month(year, month);
    match day {
        END => Ok(last),
        d if d > last.day() => Err(PeriodError::NoSuchDate),
        d => NaiveDate::from_ymd_opt(year, month, d).ok_or(PeriodError::NoSuchDate),
    }
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a month's first day");
    first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).expect("a month's last day")
}

const WHOLE_YEAR: Span = ((1, 1), (12, END));

fn quarter(q: u32) -> Result<Span, PeriodError> {
    if !(1..=4).contains(&q) {
        return Err(PeriodError::NoSuchDate);
    }
    Ok(((q * 3 - 2, 1), (q * 3, END)))
}

/// One side of a range, or the whole period.
fn point(text: &str, today: NaiveDate) -> Result<Point, PeriodError> {
    let (y, m) = (today.year(), today.month());
    let this_quarter = (m - 1) / 3 + 1;
    let fixed = |year: i32, span: Span| Point { year: Some(year), from: span.0, to: span.1 };
    let keyword = match text {
        "本月" | "这个月" | "这月" | "当月" => Some(fixed(y, ((m, 1), (m, END)))),
        "上月" | "上个月" | "上一个月" => {
            let d = today.checked_sub_months(Months::new(1)).expect("a month ago");
            Some(fixed(d.year(), ((d.month(), 1), (d.month(), END))))
        }
        "本季度" | "这个季度" | "本季" | "这季度" | "当季" => {
            Some(fixed(y, quarter(this_quarter)?))
        }
        "上季度" | "上个季度" | "上一季度" | "上一个季度" => {
            let (year, q) = if this_quarter == 1 { (y - 1, 4) } else { (y, this_quarter - 1) };
            Some(fixed(year, quarter(q)?))
        }
        _ => None,
    };
    if let Some(p) = keyword {
        return Ok(p);
    }
    let (year, rest) = year_prefix(text, y);
    let rest = rest.trim_start_matches("度");
    let span = if rest.is_empty() {
        if year.is_none() {
            return Err(PeriodError::Unrecognised);
        }
        WHOLE_YEAR
    } else if rest == "全年" || rest == "一年" {
        WHOLE_YEAR
    } else if rest == "上半年" {
        ((1, 1), (6, END))
    } else if rest == "下半年" {
        ((7, 1), (12, END))
    } else if let Some(q) = rest.trim_start_matches('第').strip_suffix("季度") {
        quarter(number(q).ok_or(PeriodError::Unrecognised)?)?
    } else {
        month_day(rest)?
    };
    Ok(Point { year, from: span.0, to: span.1 })
}

/// `2026年…`, `2026`, `今年…`, `去年…`, `明年…` (a year still to come is refused later).
fn year_prefix(text: &str, this_year: i32) -> (Option<i32>, &str) {
    for (word, offset) in [("今年", 0), ("本年", 0), ("去年", -1), ("上年", -1), ("前年", -2), ("明年", 1)]
    {
        if let Some(rest) = text.strip_prefix(word) {
            return (Some(this_year + offset), rest);
        }
    }
    if text.len() == 4
        && let Ok(year) = text.parse::<i32>()
    {
        return (Some(year), "");
    }
    if let Some((digits, rest)) = text.split_once('年')
        && digits.len() == 4
        && let Ok(year) = digits.parse::<i32>()
    {
        return (Some(year), rest);
    }
    (None, text)
}

/// `10月`, `十月`, `10月5日`, `10月5号`, `10月份`.
fn month_day(text: &str) -> Result<Span, PeriodError> {
    let (month, rest) = text.split_once('月').ok_or(PeriodError::Unrecognised)?;
    let month = number(month).ok_or(PeriodError::Unrecognised)?;
    let rest = rest.trim_start_matches('份');
    if rest.is_empty() {
        return Ok(((month, 1), (month, END)));
    }
    let d = rest.strip_suffix('日').or_else(|| rest.strip_suffix('号')).ok_or(PeriodError::Unrecognised)?;
    let d = number(d).filter(|d| *d != END).ok_or(PeriodError::NoSuchDate)?;
    Ok(((month, d), (month, d)))
}

/// 1–99 in Arabic digits or Chinese numerals (三, 十, 十二, 二十一).
fn number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().filter(|n| *n < 100);
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|n| n as u32);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}
