//! Branch settings as a secretary types them in chat: quiet hours (`21点到8点`,
//! `晚上9点到早上7点，12点到14点半`) and days off (`12月24日到12月26日`, `2027年1月1日`),
//! read into the same typed values the operator's command line sets.
//!
//! Interpretation choices:
//! - A time is taken as written on the 24-hour clock (`8点` is 08:00, `21点` 21:00); 下午 / 傍晚 /
//!   晚上 / 夜里 add 12 to 1–11, 中午 1–2 means 13–14 o'clock, 凌晨 / 早上 / 上午 change nothing.
//! - A date without a year is the next such date on or after today; a range's end before its
//!   start is in the following year (`12月30日到1月2日`); the end may leave out the month
//!   (`12月24日到26日`).

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::domain::meeting::{MeetingKind, Period};
use crate::domain::quiet_hours::{QuietHours, SendingWindowError};

/// The quiet hours `/settings` offers as buttons, in the operator's form: the default, two
/// common variants, and none.
pub const QUIET_PRESETS: [&str; 4] =
    ["20:00-08:00,12:00-14:30", "21:00-08:00", "21:00-07:00,12:00-14:00", ""];

/// The quiet hours of preset `index`.
pub fn quiet_preset(index: u8) -> Option<QuietHours> {
    QUIET_PRESETS.get(usize::from(index)).and_then(|spec| QuietHours::parse(spec).ok())
}

/// The longest range of days off typed at once.
pub const MAX_RANGE_DAYS: i64 = 31;

/// Why a typed setting could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsPhraseError {
    #[error("not a time of day: `{0}`")]
    BadTime(String),
    #[error("not a date: `{0}`")]
    BadDate(String),
    #[error("range longer than {MAX_RANGE_DAYS} days: `{0}`")]
    TooLong(String),
    #[error(transparent)]
    Window(#[from] SendingWindowError),
}

/// Reads quiet hours: windows `起点到终点` separated by `，,、；;和`; `无` / `不要` / `关闭` for none.
pub fn parse_quiet(text: &str) -> Result<QuietHours, SettingsPhraseError> {
    let text = half_width(text);
    if matches!(text.trim(), "无" | "不要" | "关闭" | "没有") {
        return Ok(QuietHours::none());
    }
    let mut spec = Vec::new();
    for part in text.split([',', '，', '、', ';', '；', '和']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || SettingsPhraseError::BadTime(part.to_owned());
        let (start, end) = part.split_once(['到', '至', '-', '~']).ok_or_else(bad)?;
        let start = parse_clock(start).ok_or_else(bad)?;
        let end = parse_clock(end).ok_or_else(bad)?;
        spec.push(format!("{}-{}", start.format("%H:%M"), end.format("%H:%M")));
    }
    if spec.is_empty() {
        return Err(SettingsPhraseError::BadTime(text.trim().to_owned()));
    }
    Ok(QuietHours::parse(&spec.join(","))?)
}

/// A change to one meeting kind's rules, as typed: `党课 每季度1次`, `支委会 每月`,
/// `党小组会 每月至少2次 不计入`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrequencyChange {
    pub kind: MeetingKind,
    pub period: Option<Period>,
    pub per_period: Option<u32>,
    /// Counted in the compliance view (`计入` / `不计入`).
    pub required: Option<bool>,
}

/// Reads a meeting kind's frequency; `None` when the kind is not known or nothing is changed.
pub fn parse_frequency(text: &str) -> Option<FrequencyChange> {
    let text = half_width(text);
    let mut words = text.split_whitespace();
    let kind = MeetingKind::parse(words.next()?)?;
    let rest: String = words.collect();
    let (required, rest) = match (rest.find("不计入"), rest.find("计入")) {
        (Some(at), _) => (Some(false), &rest[..at]),
        (None, Some(at)) => (Some(true), &rest[..at]),
        (None, None) => (None, rest.as_str()),
    };
    let periods = [
        ("每个月", Period::Month),
        ("每月", Period::Month),
        ("每季度", Period::Quarter),
        ("每季", Period::Quarter),
        ("每年", Period::Year),
    ];
    let (period, rest) = match periods.iter().find_map(|(w, p)| rest.strip_prefix(w).map(|r| (*p, r))) {
        Some((p, r)) => (Some(p), r),
        None => (None, rest),
    };
    let count = rest.trim_start_matches("至少").trim_end_matches('次');
    let per_period = match count {
        "" => None,
        n => Some(number(n).filter(|n| (1..=31).contains(n))?),
    };
    let change = FrequencyChange { kind, period, per_period, required };
    (period.is_some() || per_period.is_some() || required.is_some()).then_some(change)
}

/// The words that mark a briefing or reminder urgent when they open it: `/brief 紧急 …`.
const URGENT_MARKS: [&str; 3] = ["【紧急】", "[紧急]", "紧急"];

/// Whether `text` opens with 紧急 (then it goes even in quiet hours and on days off), and the
/// text after the mark and any `：:，, ` following it.
pub fn split_urgent(text: &str) -> (bool, &str) {
    let trimmed = text.trim_start();
    match URGENT_MARKS.iter().find_map(|m| trimmed.strip_prefix(m)) {
        Some(rest) => (true, rest.trim_start_matches(|c: char| c.is_whitespace() || "：:，,".contains(c))),
        None => (false, text),
    }
}

/// Reads one time of day: `21点`, `8点半`, `14点30`, `9点15分`, `晚上9点`, `21:00`.
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let text: String = half_width(text).chars().filter(|c| !c.is_whitespace()).collect();
    let periods = [
        ("凌晨", 0),
        ("早上", 0),
        ("早晨", 0),
        ("上午", 0),
        ("中午", 1),
        ("下午", 2),
        ("傍晚", 2),
        ("晚上", 2),
        ("夜里", 2),
        ("夜间", 2),
    ];
    let (period, rest) = periods
        .iter()
        .find_map(|(word, p)| text.strip_prefix(word).map(|rest| (*p, rest)))
        .unwrap_or((0, text.as_str()));
    let (hour, minutes) = rest.split_once(['点', '时', ':']).unwrap_or((rest, ""));
    let hour = number(hour)?;
    let minute = match minutes.trim_end_matches('分') {
        "" | "整" => 0,
        "半" => 30,
        m => number(m).filter(|m| *m < 60)?,
    };
    let hour = match (period, hour) {
        (1, 1 | 2) | (2, 1..=11) => hour + 12,
        (_, 24) if minute == 0 => 0,
        _ => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// Reads days off: dates or ranges separated by `，,、；;和` or spaces, relative to `today`.
pub fn parse_days(text: &str, today: NaiveDate) -> Result<Vec<NaiveDate>, SettingsPhraseError> {
    let text = half_width(text);
    let mut days = Vec::new();
    let items = text.split([',', '，', '、', ';', '；', '和', ' ']).map(str::trim).filter(|p| !p.is_empty());
    for item in items {
        let bad = || SettingsPhraseError::BadDate(item.to_owned());
        let (first, last) = item.split_once(['到', '至', '~']).unwrap_or((item, item));
        let first = parse_date(first, None, today).ok_or_else(bad)?;
        let mut last = parse_date(last, Some(first), today).ok_or_else(bad)?;
        if last < first {
            last = last.with_year(last.year() + 1).ok_or_else(bad)?;
        }
        if (last - first).num_days() >= MAX_RANGE_DAYS {
            return Err(SettingsPhraseError::TooLong(item.to_owned()));
        }
        days.extend(first.iter_days().take_while(|d| *d <= last));
    }
    if days.is_empty() {
        return Err(SettingsPhraseError::BadDate(text.trim().to_owned()));
    }
    Ok(days)
}

/// `2027年1月1日`, `12月24日`, `24日` (the month of `start`), `2026-12-24`.
fn parse_date(text: &str, start: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some((y, rest)) = text.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        return NaiveDate::from_ymd_opt(number_i32(y)?, number(m)?, number(d)?);
    }
    let (year, rest) = match text.split_once('年') {
        Some((y, rest)) => (Some(number_i32(y)?), rest),
        None => (None, text),
    };
    let rest = rest.trim_end_matches(['日', '号']);
    let (month, day) = match rest.split_once('月') {
        Some((m, d)) => (number(m)?, number(d)?),
        None => (start?.month(), number(rest)?),
    };
    match (year, start) {
        (Some(year), _) => NaiveDate::from_ymd_opt(year, month, day),
        (None, Some(start)) => NaiveDate::from_ymd_opt(start.year(), month, day),
        (None, None) => (today.year()..=today.year() + 1)
            .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
            .find(|d| *d >= today),
    }
}

fn number(text: &str) -> Option<u32> {
    let text = text.trim();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().filter(|n| *n <= 9999);
    }
    chinese_number(text)
}

fn number_i32(text: &str) -> Option<i32> {
    number(text).and_then(|n| i32::try_from(n).ok())
}

/// 一 … 九十九, and 两 for 二.
fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32);
    let chars: Vec<char> = text.chars().map(|c| if c == '两' { '二' } else { c }).collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

/// Full-width digits and punctuation as their ASCII forms.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '－' | '—' => '-',
            '～' => '~',
            '　' => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn times_are_read_the_ways_a_secretary_writes_them() {
        for (text, want) in [
            ("21点", hm(21, 0)),
            ("8点", hm(8, 0)),
            ("8点半", hm(8, 30)),
            ("14点30", hm(14, 30)),
            ("9点15分", hm(9, 15)),
            ("晚上9点", hm(21, 0)),
            ("早上7点", hm(7, 0)),
            ("中午12点", hm(12, 0)),
            ("下午两点半", hm(14, 30)),
            ("２１：００", hm(21, 0)),
            ("九点", hm(9, 0)),
        ] {
            assert_eq!(parse_clock(text), Some(want), "{text}");
        }
        for text in ["", "点", "25点", "9点75", "明天"] {
            assert_eq!(parse_clock(text), None, "{text}");
        }
    }

    #[test]
    fn quiet_hours_read_back_as_the_operators_form() {
        assert_eq!(parse_quiet("21点到8点").unwrap().to_spec(), "21:00-08:00");
        assert_eq!(
            parse_quiet("晚上9点到早上7点，12点到14点半").unwrap().to_spec(),
            "21:00-07:00,12:00-14:30"
        );
        assert_eq!(parse_quiet("无").unwrap(), QuietHours::none());
        assert!(matches!(parse_quiet("21点"), Err(SettingsPhraseError::BadTime(_))));
        assert!(matches!(parse_quiet("8点到8点"), Err(SettingsPhraseError::Window(_))));
        assert!(matches!(parse_quiet("随便"), Err(SettingsPhraseError::BadTime(_))));
    }

    #[test]
    fn a_meeting_kinds_frequency_is_read_with_or_without_a_count() {
        let lecture = parse_frequency("党课 每季度1次").unwrap();
        assert_eq!(
            (lecture.kind, lecture.period, lecture.per_period),
            (MeetingKind::Lecture, Some(Period::Quarter), Some(1))
        );
        let group = parse_frequency("党小组会 每月至少两次 不计入").unwrap();
        assert_eq!(
            (group.period, group.per_period, group.required),
            (Some(Period::Month), Some(2), Some(false))
        );
        assert_eq!(parse_frequency("支委会 每月").unwrap().per_period, None);
        for text in ["", "党课", "茶话会 每月", "党课 每周", "党课 每月0次"] {
            assert_eq!(parse_frequency(text), None, "{text}");
        }
    }

    #[test]
    fn an_opening_urgent_mark_is_taken_off_and_others_are_left() {
        assert_eq!(split_urgent("紧急：明天停水"), (true, "明天停水"));
        assert_eq!(split_urgent("【紧急】 明天停水"), (true, "明天停水"));
        assert_eq!(split_urgent(" 紧急 每周三上午9点 学习"), (true, "每周三上午9点 学习"));
        assert_eq!(split_urgent("明天紧急停水"), (false, "明天紧急停水"));
    }

    #[test]
    fn every_quiet_preset_reads_and_the_first_is_the_default() {
        assert_eq!(quiet_preset(0), Some(QuietHours::default()));
        assert!((0..QUIET_PRESETS.len() as u8).all(|i| quiet_preset(i).is_some()));
        assert_eq!(quiet_preset(QUIET_PRESETS.len() as u8), None);
    }

    #[test]
    fn days_off_are_the_next_such_dates_and_ranges_may_cross_the_year() {
        let today = day(2026, 11, 24);
        assert_eq!(
            parse_days("12月24日到12月26日", today).unwrap(),
            vec![day(2026, 12, 24), day(2026, 12, 25), day(2026, 12, 26)]
        );
        assert_eq!(parse_days("12月24日到26日", today).unwrap().len(), 3);
        assert_eq!(parse_days("12月30日到1月2日", today).unwrap().last(), Some(&day(2027, 1, 2)));
        assert_eq!(parse_days("1月5日", today).unwrap(), vec![day(2027, 1, 5)]);
        assert_eq!(
            parse_days("2027年2月1日、2026-12-31", today).unwrap(),
            vec![day(2027, 2, 1), day(2026, 12, 31)]
        );
        assert!(matches!(parse_days("2月30日", today), Err(SettingsPhraseError::BadDate(_))));
        assert!(matches!(parse_days("12月1日到1月31日", today), Err(SettingsPhraseError::TooLong(_))));
        assert!(matches!(parse_days("下周", today), Err(SettingsPhraseError::BadDate(_))));
    }
}
