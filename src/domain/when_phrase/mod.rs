//! Dates and times as secretaries write them (12月5日下午两点半, 下周五 9:00), and back in words.
//!
//! Interpretation choices:
//! - Everything is relative to the `now` passed in, in its time zone; the clock is never read.
//! - A date without a year is the next such date on or after today (12月5日 said on 12月20日 is
//!   next year's); a time already past on that date is `InPast`, not moved to next year.
//! - 周五 / 星期五 / 礼拜五 is the coming Friday: today if it is Friday and the time is still ahead,
//!   else next week's. 本周五 / 这周五 is the Friday of this Monday-to-Sunday week, as in speech:
//!   the same day whenever that Friday is still ahead, `InPast` when it is gone (本周五 said on a
//!   Saturday), rather than silently meaning next week. 下周五 is the Friday of next week;
//!   下下周五 the week after.
//! - A time without a date is today's (`InPast` when gone). A date without a time is `NoTime`.
//! - 下午 / 傍晚 / 晚上 add 12 to 1–11; 中午 12点 is 12:00 and 中午1点 13:00; 上午12点 is noon.
//!   With no part of the day, 1–6 o'clock means the afternoon (no branch meets at 2 a.m.), unless
//!   written with a leading zero (02:00); 7–12 are taken as written; 13–23 are unambiguous.
//! - A bare minute after 点 needs two characters (9点30, 九点十五) or 分 (9点5分), so that
//!   "9点2楼会议室" is 9点 followed by 2楼会议室.
//! - A weekday written next to a date (12月4日（星期五）) must agree with it, else `InvalidDate`.
//! - `InvalidDate` also covers impossible clock times (25点, 9:75, 晚上12点).

mod numerals;
mod scan;
#[cfg(test)]
mod tests;
mod words;

pub use words::{date_in_words, time_of_day_cn, weekday_cn};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use scan::{DateSpec, Period, Phrase, TimeSpec, WeekRef};

/// Why a phrase is not a usable meeting time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error("no date or time given")]
    Empty,
    #[error("not a date or time")]
    Unrecognised,
    #[error("no such date or time")]
    InvalidDate,
    #[error("a date without a time")]
    NoTime,
    #[error("the time is already past")]
    InPast,
}

/// Parse a meeting time as a secretary writes it, in the branch's time zone, relative to `now`.
pub fn parse_when(text: &str, now: DateTime<Tz>) -> Result<DateTime<Tz>, WhenError> {
    if text.trim().is_empty() {
        return Err(WhenError::Empty);
    }
    let phrase = scan::scan(text).ok_or(WhenError::Unrecognised)?;
    resolve(&phrase, now)
}

/// Split a one-line command's tail into (when, rest): the longest prefix written as a time decides;
/// `None` when there is none, or when it is no usable time (past, no time of day, no such date).
pub fn split_when_prefix(text: &str, now: DateTime<Tz>) -> Option<(DateTime<Tz>, String)> {
    let text = text.trim_start();
    let mut ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    ends.push(text.len());
    for &end in ends.iter().rev() {
        match parse_when(&text[..end], now) {
            Ok(at) => return Some((at, text[end..].trim().to_owned())),
            Err(WhenError::Unrecognised | WhenError::Empty) => continue,
            Err(_) => return None,
        }
    }
    None
}

/// Why a phrase is not a usable day that already came (the day something happened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PastDayError {
    #[error("not a date")]
    Unrecognised,
    #[error("no such date")]
    InvalidDate,
    #[error("the day is still ahead")]
    InFuture,
}

/// The day something happened, as written (今天, 昨天, 前天, 11月20日, 2026年11月20日), relative to
/// `today`. A date without a year is this year's; a day after `today` is `InFuture`, never moved
/// back a year. Weekday words (周五) are not taken: it is unclear which past week they mean.
pub fn parse_past_day(text: &str, today: NaiveDate) -> Result<NaiveDate, PastDayError> {
    let phrase = scan::scan(text.trim()).ok_or(PastDayError::Unrecognised)?;
    let date = match phrase.date.ok_or(PastDayError::Unrecognised)? {
        DateSpec::Full { year, month, day } => NaiveDate::from_ymd_opt(year, month, day),
        DateSpec::MonthDay { month, day } => NaiveDate::from_ymd_opt(today.year(), month, day),
        DateSpec::DaysFromToday(days) if days < 0 => today.checked_sub_days(Days::new(days.unsigned_abs())),
        DateSpec::DaysFromToday(days) => today.checked_add_days(Days::new(days as u64)),
        DateSpec::Weekday { .. } => return Err(PastDayError::Unrecognised),
    }
    .ok_or(PastDayError::InvalidDate)?;
    if phrase.stated_weekday.is_some_and(|w| w != date.weekday()) {
        return Err(PastDayError::InvalidDate);
    }
    if date > today {
        return Err(PastDayError::InFuture);
    }
    Ok(date)
}

fn resolve(phrase: &Phrase, now: DateTime<Tz>) -> Result<DateTime<Tz>, WhenError> {
    let today = now.date_naive();
    let time = match phrase.time {
        Some(spec) => Some(clock_time(spec)?),
        None => None,
    };
    let date = match phrase.date {
        Some(spec) => calendar_date(spec, today, time, now.time())?,
        None => today,
    };
    if phrase.stated_weekday.is_some_and(|w| w != date.weekday()) {
        return Err(WhenError::InvalidDate);
    }
    let time = time.ok_or(WhenError::NoTime)?;
    let at =
        now.timezone().from_local_datetime(&date.and_time(time)).earliest().ok_or(WhenError::InvalidDate)?;
    if at <= now {
        return Err(WhenError::InPast);
    }
    Ok(at)
}

/// The 24-hour clock time a written time means.
fn clock_time(spec: TimeSpec) -> Result<NaiveTime, WhenError> {
    let h = spec.hour;
    let hour = match spec.period {
        None if (1..=6).contains(&h) && !spec.zero_padded => Some(h + 12),
        None => Some(h),
        Some(Period::Dawn) => (h <= 12).then_some(h % 12),
        Some(Period::Morning) => (h <= 12).then_some(h),
        Some(Period::Noon) => match h {
            1 | 2 => Some(h + 12),
            11..=14 => Some(h),
            _ => None,
        },
        Some(Period::Afternoon) => (1..=23).contains(&h).then_some(if h < 12 { h + 12 } else { h }),
        Some(Period::Evening) => match h {
            1..=11 => Some(h + 12),
            13..=23 => Some(h),
            _ => None,
        },
    };
    hour.and_then(|hour| NaiveTime::from_hms_opt(hour, spec.minute, 0)).ok_or(WhenError::InvalidDate)
}

/// The calendar date a written date means; `time` (when given) decides whether 周五 said on a
/// Friday is today or next week.
fn calendar_date(
    spec: DateSpec,
    today: NaiveDate,
    time: Option<NaiveTime>,
    now_time: NaiveTime,
) -> Result<NaiveDate, WhenError> {
    let date = match spec {
        DateSpec::Full { year, month, day } => NaiveDate::from_ymd_opt(year, month, day),
        DateSpec::MonthDay { month, day } => next_month_day(today, month, day),
        DateSpec::DaysFromToday(days) if days < 0 => today.checked_sub_days(Days::new(days.unsigned_abs())),
        DateSpec::DaysFromToday(days) => today.checked_add_days(Days::new(days as u64)),
        DateSpec::Weekday { week, day } => {
            let monday = today.week(Weekday::Mon).first_day();
            let offset = u64::from(day.num_days_from_monday());
            match week {
                WeekRef::This => monday.checked_add_days(Days::new(offset)),
                WeekRef::Next(n) => monday.checked_add_days(Days::new(7 * u64::from(n) + offset)),
                WeekRef::Coming => {
                    let ahead = (7 + offset - u64::from(today.weekday().num_days_from_monday())) % 7;
                    let gone_today = ahead == 0 && time.is_some_and(|t| t <= now_time);
                    let ahead = if gone_today { 7 } else { ahead };
                    today.checked_add_days(Days::new(ahead))
                }
            }
        }
    };
    date.ok_or(WhenError::InvalidDate)
}

/// The next `month`/`day` on or after `today` (2月29日 waits for a leap year).
fn next_month_day(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    // Is there such a day at all (in a leap year)?
    NaiveDate::from_ymd_opt(2000, month, day)?;
    (today.year()..=today.year() + 8)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|date| *date >= today)
}
