//! Grammar for schedule phrases: a date part (每天 / 工作日 / 每周X / 每月… / 每季度… / 每年…)
//! followed by an optional time of day.

use super::PhraseError;
use super::cursor::{CN_DIGITS, CN_WEEKDAYS, Cursor, to_half_width};

/// A phrase broken into cron fields and normalised Chinese words.
#[derive(Debug)]
pub(super) struct Parsed {
    pub dom: String,
    pub month: String,
    pub dow: String,
    pub hour: u32,
    pub minute: u32,
    /// "每周一、三、五", "每月第一个星期五".
    pub date_words: String,
    /// "上午9点"; `None` when the phrase gave no time and 上午9点 was assumed.
    pub time_words: Option<String>,
}

const DEFAULT_HOUR: u32 = 9;
const WEEK_WORDS: [&str; 3] = ["星期", "礼拜", "周"];
const LIST_SEPARATORS: [&str; 6] = ["、", ",", "和", "及", "与", "/"];
const RANGE_SEPARATORS: [&str; 4] = ["至", "到", "-", "~"];
const CRON_WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const CRON_MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Cron weekday field for a Monday-first set of seven flags. Runs of three or more days that
/// do not include Sunday become ranges (`Mon-Fri`); Sunday is always named on its own because
/// the engine numbers it 1, so a range through it would run backwards.
pub(super) fn weekday_names(days: &[bool; 7]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        if !days[i] {
            i += 1;
            continue;
        }
        let mut end = i;
        while end + 1 < 6 && days[end + 1] {
            end += 1;
        }
        if end - i >= 2 {
            parts.push(format!("{}-{}", CRON_WEEKDAYS[i], CRON_WEEKDAYS[end]));
        } else {
            parts.extend((i..=end).map(|d| CRON_WEEKDAYS[d].to_owned()));
        }
        i = end + 1;
    }
    parts.join(",")
}

pub(super) fn parse(text: &str) -> Result<Parsed, PhraseError> {
    let cleaned: Vec<char> = to_half_width(text).chars().filter(|c| !c.is_whitespace()).collect();
    let trimmed = cleaned
        .iter()
        .rposition(|c| !matches!(c, '。' | '.' | '!' | '?' | ',' | ';'))
        .map_or(&cleaned[..0], |last| &cleaned[..=last]);
    if trimmed.is_empty() {
        return Err(PhraseError::Empty);
    }
    let mut cur = Cursor { chars: trimmed.to_vec(), pos: 0 };
    let date = cur.date_part().ok_or(PhraseError::Unrecognised)?;
    cur.eat_any(&[",", "、", "的"]);
    let time = cur.time_of_day().ok_or(PhraseError::Unrecognised)?;
    if cur.pos != cur.chars.len() {
        return Err(PhraseError::Unrecognised);
    }
    let (hour, minute, time_words) = match time {
        Some((hour, minute, words)) => (hour, minute, Some(words)),
        None => (DEFAULT_HOUR, 0, None),
    };
    Ok(Parsed {
        dom: date.dom,
        month: date.month,
        dow: date.dow,
        hour,
        minute,
        date_words: date.words,
        time_words,
    })
}

struct DatePart {
    dom: String,
    month: String,
    dow: String,
    words: String,
}

impl DatePart {
    fn new(dom: &str, month: &str, dow: &str, words: String) -> Self {
        DatePart { dom: dom.to_owned(), month: month.to_owned(), dow: dow.to_owned(), words }
    }
}

/// Days within a month: either dates or the N-th weekdays.
struct MonthDays {
    dom: String,
    dow: String,
    words: String,
    /// Dates given, to check them against a fixed month (每年2月30日).
    dates: Vec<u32>,
}

impl Cursor {
    /// 一、三、五 / 一三五 / 周一至周五 / 六和日: weekdays, each optionally repeating 周/星期.
    fn weekday_list(&mut self) -> Option<[bool; 7]> {
        let mut days = [false; 7];
        let mut any = false;
        // Arabic weekdays only right after 周/星期 or a separator, never run together.
        let mut digits = true;
        loop {
            let before_item = self.pos;
            let prefixed = self.eat_any(&WEEK_WORDS).is_some();
            let Some(first) = self.weekday(digits || prefixed) else {
                self.pos = before_item;
                break;
            };
            let mut last = first;
            let before_range = self.pos;
            if self.eat_any(&RANGE_SEPARATORS).is_some() {
                self.eat_any(&WEEK_WORDS);
                match self.weekday(true) {
                    Some(end) => last = end,
                    None => self.pos = before_range,
                }
            }
            let mut day = first;
            loop {
                days[day] = true;
                if day == last {
                    break;
                }
                day = (day + 1) % 7;
            }
            any = true;
            let after_item = self.pos;
            digits = self.eat_any(&LIST_SEPARATORS).is_some();
            if !digits && !self.peek().is_some_and(|c| "一二三四五六日天".contains(c)) {
                break;
            }
            if !self.peek().is_some_and(|c| "一二三四五六日天星礼周1234567".contains(c)) {
                self.pos = after_item;
                break;
            }
        }
        any.then_some(days)
    }

    fn date_part(&mut self) -> Option<DatePart> {
        if self.eat_any(&["每天", "每日", "天天"]).is_some() {
            return Some(DatePart::new("*", "*", "*", "每天".to_owned()));
        }
        let every = self.eat_any(&["每逢", "每个", "每"]).is_some();
        if self.eat("工作日") {
            return Some(DatePart::new("*", "*", "Mon-Fri", "工作日".to_owned()));
        }
        if self.eat("周末") {
            return Some(DatePart::new("*", "*", "Sat,Sun", "周末".to_owned()));
        }
        if !every {
            return None;
        }
        if self.eat_any(&["个月", "月"]).is_some() {
            self.eat("的");
            let days = self.month_days()?;
            return Some(DatePart::new(&days.dom, "*", &days.dow, format!("每月{}", days.words)));
        }
        if self.eat_any(&["个季度", "季度", "季"]).is_some() {
            return self.quarter();
        }
        if self.eat("年") {
            self.eat("的");
            let month = self.number().filter(|m| (1..=12).contains(m))?;
            if !self.eat("月") {
                return None;
            }
            self.eat("的");
            let days = self.month_days()?;
            let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
            if days.dates.iter().any(|&d| d > longest) {
                return None;
            }
            let words = format!("每年{month}月{}", days.words);
            let month = CRON_MONTHS[month as usize - 1];
            return Some(DatePart::new(&days.dom, month, &days.dow, words));
        }
        self.eat_any(&WEEK_WORDS)?;
        self.eat("的");
        let days = self.weekday_list()?;
        let words = format!("每周{}", weekday_words(&days));
        Some(DatePart::new("*", "*", &weekday_names(&days), words))
    }

    /// After 每季度: optional 第N个月 (default the first), then the days.
    fn quarter(&mut self) -> Option<DatePart> {
        self.eat("的");
        let before = self.pos;
        let mut which = 1;
        if self.eat("第") {
            match self.number() {
                Some(n) if self.eat("个月") || self.eat("月") => which = n,
                _ => self.pos = before,
            }
        }
        if !(1..=3).contains(&which) {
            return None;
        }
        self.eat("的");
        let days = self.month_days()?;
        let months: Vec<&str> = (0..4).map(|q| CRON_MONTHS[(which as usize - 1) + 3 * q]).collect();
        let words = format!("每季度第{}个月{}", CN_DIGITS[which as usize], days.words);
        Some(DatePart::new(&days.dom, &months.join(","), &days.dow, words))
    }

    /// 1号 / 15日 / 1、15日 / 第一个星期五 / 第一个和第三个周五.
    fn month_days(&mut self) -> Option<MonthDays> {
        if self.peek() == Some('第') {
            return self.nth_weekdays();
        }
        // Days as read, and the last point where the list ended on 号/日 (position, count,
        // suffix): a list must end on one, though earlier days may share it (1、15日).
        let mut dates = Vec::new();
        let mut complete = None;
        while let Some(day) = self.number().filter(|d| (1..=31).contains(d)) {
            dates.push(day);
            let suffix = self.eat_any(&["号", "日"]);
            if let Some(suffix) = suffix {
                complete = Some((self.pos, dates.len(), suffix));
            }
            // Go on after a separator, or straight after 号/日 (1号15号).
            if self.eat_any(&LIST_SEPARATORS).is_none() && suffix.is_none() {
                break;
            }
        }
        let (pos, count, suffix) = complete?;
        self.pos = pos;
        dates.truncate(count);
        dates.sort_unstable();
        dates.dedup();
        let words: Vec<String> = dates.iter().map(|d| format!("{d}{suffix}")).collect();
        let dom: Vec<String> = dates.iter().map(u32::to_string).collect();
        Some(MonthDays { dom: dom.join(","), dow: "*".to_owned(), words: words.join("、"), dates })
    }

    /// 第一个星期五 → days 1-7 AND Friday; N = 1..5.
    fn nth_weekdays(&mut self) -> Option<MonthDays> {
        let mut nths = Vec::new();
        loop {
            self.eat("第");
            let n = self.number().filter(|n| (1..=5).contains(n))?;
            nths.push(n);
            self.eat("个");
            if self.eat_any(&LIST_SEPARATORS).is_none() {
                break;
            }
        }
        self.eat_any(&WEEK_WORDS)?;
        let days = self.weekday_list()?;
        nths.sort_unstable();
        nths.dedup();
        let ranges: Vec<String> = nths.iter().map(|n| format!("{}-{}", 7 * n - 6, (7 * n).min(31))).collect();
        let ordinals: Vec<&str> = nths.iter().map(|&n| CN_DIGITS[n as usize]).collect();
        Some(MonthDays {
            dom: ranges.join(","),
            dow: weekday_names(&days),
            words: format!("第{}个星期{}", ordinals.join("、"), weekday_words(&days)),
            dates: Vec::new(),
        })
    }
}

/// "一、三、五" for summaries, runs of three or more as "一至五".
fn weekday_words(days: &[bool; 7]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        if !days[i] {
            i += 1;
            continue;
        }
        let mut end = i;
        while end + 1 < 7 && days[end + 1] {
            end += 1;
        }
        if end - i >= 2 {
            parts.push(format!("{}至{}", CN_WEEKDAYS[i], CN_WEEKDAYS[end]));
        } else {
            parts.extend((i..=end).map(|d| CN_WEEKDAYS[d].to_owned()));
        }
        i = end + 1;
    }
    parts.join("、")
}
