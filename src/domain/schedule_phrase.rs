//! Recurring schedules: what a secretary says in Chinese ("每周三上午9点") turned into a cron expression.
//!
//! The engine is the `cron` crate (0.17): seven fields, seconds first
//! (`sec min hour day-of-month month day-of-week year`), no `L` and no `#`, day-of-month and
//! day-of-week combined with AND, and numeric weekdays counted from Sunday = 1. Every expression
//! built here therefore names its weekdays (`Mon-Fri`, `Sat,Sun`) and never uses weekday numbers.
//!
//! Supported phrases (Chinese or Arabic numerals, full- or half-width, spaces ignored, the few
//! traditional characters such phrases use — 點 週 禮 號 個 時 兩 — read as simplified):
//! - daily: `每天8点`, `每日早上8点半`, `天天晚上7点`
//! - weekdays: `工作日早上8点半` (Mon–Fri here; the scheduler skips public holidays and fires on
//!   调休 working weekend days: `domain::schedules::workday_occurrences`),
//!   `周末上午10点` (Sat, Sun)
//! - weekly: `每周三上午9点`, `每周一、三、五上午9点`, `每周一三五早上8点`, `每星期一至五…`,
//!   `每礼拜天…`, `每逢周六下午两点半`, `每周3…` (Arabic weekdays count from Monday = 1,
//!   7 = Sunday; a wrapping range such as `周五至周一` is allowed)
//! - monthly: `每月1号上午9点`, `每月15日下午3点`, `每月1、15日…`, `每月第一个星期五上午9点`,
//!   `每月第一个和第三个星期五…` (the N-th weekday, N = 1..5, is a day-of-month range such as
//!   `1-7` ANDed with the weekday; months without a fifth one are skipped)
//! - quarterly: `每季度第一个月1日上午9点` (Jan, Apr, Jul, Oct), `每季度第二个月第一个星期五…`;
//!   without `第N个月` the first month of the quarter is meant
//! - yearly: `每年7月1日上午9点`, `每年7月第一个星期五…`
//! - times: `上午/早上/早晨/清晨/早/中午/下午/午后/傍晚/晚上/晚/夜里/凌晨` + hour +
//!   `点/时/:` + `半/一刻/三刻/N分/NN`. Without a period word the hour is on the 24-hour clock,
//!   except that 1–5 mean the afternoon (`两点` = 14:00). No time at all means 上午9点 and the
//!   summary says so: `每周三（未指定时间，默认上午9点）`.
//!
//! Summaries are normalised: `每周` for 周/星期/礼拜 lists, `星期` in `第N个星期X`, Arabic digits,
//! the period word the secretary used (or one chosen from the hour), 半 for :30.
//!
//! Not supported (parse returns [`PhraseError::Unrecognised`]): `最后一个`/`倒数` (cron has no
//! `L`), `每两周`/`隔周` (cron cannot count weeks), several times a day (`上午9点和下午3点`),
//! different weekdays for different N (`第一个周一和第三个周五`), weekly phrases without `每`
//! (`周三上午9点` reads as a one-off date), lunar dates (`初一`), `晚上12点` (say `凌晨0点`),
//! any trailing words (`…提醒大家学习`). Days 29–31 (and 2月29日) are accepted and simply skip
//! months (years) that lack them.

mod cursor;
mod parser;
#[cfg(test)]
mod tests;
mod time_of_day;

use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use cron::Schedule;

/// A recurrence the scheduler can run: a validated cron expression and a Chinese summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// Seven fields, seconds first, weekday names only.
    cron: String,
    /// Chinese, for the confirmation message: "每周三上午9点".
    summary: String,
    schedule: Schedule,
}

/// Why a phrase or expression could not become a [`Recurrence`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhraseError {
    #[error("the schedule text is empty")]
    Empty,
    #[error("the schedule phrase is not one the bot understands")]
    Unrecognised,
    #[error("invalid cron expression: {0}")]
    InvalidCron(String),
}

impl Recurrence {
    /// Parses what a secretary says ("每周三上午9点", "工作日早上8点半", "每月第一个星期五").
    /// See the module documentation for the phrases understood and those refused.
    pub fn parse_phrase(text: &str) -> Result<Recurrence, PhraseError> {
        let parsed = parser::parse(text)?;
        let cron =
            format!("0 {} {} {} {} {} *", parsed.minute, parsed.hour, parsed.dom, parsed.month, parsed.dow);
        let summary = match &parsed.time_words {
            Some(time) => format!("{}{}", parsed.date_words, time),
            None => format!("{}（未指定时间，默认上午9点）", parsed.date_words),
        };
        Self::build(cron, summary)
    }

    /// Accepts an operator's cron expression: 7 fields or 6 fields (seconds first, year
    /// optional; weekdays must be names because the engine counts Sunday = 1), a 5-field crontab
    /// line (minute first; its numeric weekdays 0/7 = Sunday, 1 = Monday … become names), or one
    /// of `@yearly @annually @monthly @weekly @daily @midnight @hourly`.
    ///
    /// A crontab line restricting both day-of-month and day-of-week is refused: crontab fires
    /// when *either* matches, this engine only when *both* do.
    pub fn from_cron(expr: &str) -> Result<Recurrence, PhraseError> {
        let text = cursor::to_half_width(expr);
        let fields: Vec<&str> = text.split_whitespace().collect();
        let cron = match fields.as_slice() {
            [] => return Err(PhraseError::Empty),
            [shorthand] if shorthand.starts_with('@') => expand_shorthand(shorthand)?.to_owned(),
            [minute, hour, dom, month, dow] => {
                let dow = crontab_weekdays(dow)?;
                if !is_any(dom) && !is_any(&dow) {
                    return Err(PhraseError::InvalidCron(
                        "a crontab line restricting both day of month and day of week fires on \
                         either; write a 7-field expression instead"
                            .to_owned(),
                    ));
                }
                format!("0 {minute} {hour} {dom} {month} {dow} *")
            }
            six_or_seven if six_or_seven.len() == 6 || six_or_seven.len() == 7 => {
                require_weekday_names(six_or_seven[5])?;
                let mut all = six_or_seven.join(" ");
                if six_or_seven.len() == 6 {
                    all.push_str(" *");
                }
                all
            }
            _ => {
                return Err(PhraseError::InvalidCron(format!(
                    "expected 5, 6 or 7 fields, found {}",
                    fields.len()
                )));
            }
        };
        let summary = format!("按表达式：{cron}");
        let recurrence = Self::build(cron, summary)?;
        if recurrence.schedule.after(&Utc::now()).next().is_none() {
            return Err(PhraseError::InvalidCron("the expression never fires again".to_owned()));
        }
        Ok(recurrence)
    }

    /// The cron expression: seven fields, seconds first.
    pub fn cron(&self) -> &str {
        &self.cron
    }

    /// The Chinese summary for confirmations and lists.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// Next `n` fire times strictly after `after`, in the branch time zone. The expression is
    /// read on the wall clock, so a zone that changes its clocks neither doubles nor drops one: a
    /// time that happens twice (clocks going back) fires the first time only, and a time that
    /// never happens (clocks going forward) fires when the clocks jump past it.
    pub fn upcoming(&self, after: DateTime<Tz>, n: usize) -> Vec<DateTime<Tz>> {
        let zone = after.timezone();
        // UTC has no clock changes: walk the wall clock as if it were UTC.
        let wall_after = after.naive_local().and_utc();
        self.schedule
            .after(&wall_after)
            .filter_map(|wall| on_the_wall_clock(zone, wall.naive_utc()))
            .filter(|at| *at > after)
            .take(n)
            .collect()
    }

    fn build(cron: String, summary: String) -> Result<Recurrence, PhraseError> {
        let schedule = Schedule::from_str(&cron).map_err(|e| PhraseError::InvalidCron(e.to_string()))?;
        Ok(Recurrence { cron, summary, schedule })
    }
}

/// The instant a wall-clock time names in `zone`: the earlier of two when the clocks go back, the
/// moment the clocks jump past it when they go forward (the first quarter hour that exists).
fn on_the_wall_clock(zone: Tz, wall: NaiveDateTime) -> Option<DateTime<Tz>> {
    (0..=12)
        .find_map(|quarters| zone.from_local_datetime(&(wall + TimeDelta::minutes(15 * quarters))).earliest())
}

fn expand_shorthand(word: &str) -> Result<&'static str, PhraseError> {
    Ok(match word.to_ascii_lowercase().as_str() {
        "@yearly" | "@annually" => "0 0 0 1 Jan * *",
        "@monthly" => "0 0 0 1 * * *",
        "@weekly" => "0 0 0 * * Sun *",
        "@daily" | "@midnight" => "0 0 0 * * * *",
        "@hourly" => "0 0 * * * * *",
        _ => {
            return Err(PhraseError::InvalidCron(format!("unknown shorthand {word}")));
        }
    })
}

fn is_any(field: &str) -> bool {
    field == "*" || field == "?"
}

/// Refuses numeric weekdays in a seconds-first expression: Quartz and this engine count
/// Sunday = 1, crontab counts Monday = 1, and the difference has already fired a reminder on a
/// Sunday. Steps (`Mon-Fri/2`) may stay numeric.
fn require_weekday_names(dow: &str) -> Result<(), PhraseError> {
    let numeric = dow
        .split(',')
        .any(|item| item.split('/').next().is_some_and(|base| base.chars().any(|c| c.is_ascii_digit())));
    if numeric {
        return Err(PhraseError::InvalidCron(format!(
            "weekday field `{dow}` is numeric; write weekday names such as Mon-Fri"
        )));
    }
    Ok(())
}

const CRON_WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Converts a crontab weekday field (0 or 7 = Sunday, 1 = Monday, names allowed, ranges, lists
/// and steps) into weekday names the engine reads unambiguously.
fn crontab_weekdays(field: &str) -> Result<String, PhraseError> {
    if is_any(field) {
        return Ok("*".to_owned());
    }
    let bad = || PhraseError::InvalidCron(format!("bad crontab weekday field `{field}`"));
    // Index 0 = Sunday … 6 = Saturday.
    let mut days = [false; 7];
    for item in field.split(',') {
        let (base, step) = match item.split_once('/') {
            Some((base, step)) => (base, step.parse::<usize>().map_err(|_| bad())?),
            None => (item, 1),
        };
        if step == 0 {
            return Err(bad());
        }
        let (start, end) = if is_any(base) {
            (0, 6)
        } else if let Some((a, b)) = base.split_once('-') {
            (crontab_day(a).ok_or_else(bad)?, crontab_day(b).ok_or_else(bad)?)
        } else {
            let day = crontab_day(base).ok_or_else(bad)?;
            // `N/step` runs from N to the end of the week, as in Vixie cron.
            (day, if item.contains('/') { 6 } else { day })
        };
        // Crontab allows 7 as Sunday at the end of a range (`5-7`).
        let end = if end == 0 && start > 0 { 7 } else { end };
        if start > end {
            return Err(bad());
        }
        for day in (start..=end).step_by(step) {
            days[day % 7] = true;
        }
    }
    Ok(parser::weekday_names(&[days[1], days[2], days[3], days[4], days[5], days[6], days[0]]))
}

/// A crontab weekday: number 0–7 (0 and 7 are Sunday) or English name; Sunday is returned as 0
/// except that a literal 7 stays 7 so that `5-7` is a valid range.
fn crontab_day(text: &str) -> Option<usize> {
    if let Ok(n) = text.parse::<usize>() {
        return (n <= 7).then_some(n);
    }
    let lower = text.to_ascii_lowercase();
    CRON_WEEKDAYS.iter().position(|name| lower.starts_with(&name.to_ascii_lowercase()))
}
