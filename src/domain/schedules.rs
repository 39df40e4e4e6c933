//! Rules for recurring schedules: what kinds there are, how late an occurrence may still go out
//! (the catch-up policy after downtime), which occurrences are due, and how a secretary's
//! "每周三上午9点 学习《…》" splits into a recurrence and the words after it.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use crate::domain::job_kind::JobKind;
use crate::domain::schedule_phrase::Recurrence;

/// A study reminder older than this (after downtime) is skipped rather than sent late.
pub const STUDY_STALE_HOURS: i64 = 12;
/// Non-acknowledgers of a briefing get their one reminder after this many hours by default.
pub const BRIEFING_REMIND_AFTER_HOURS: i64 = 24;
/// How many occurrences a catch-up pass looks through at most (an hourly schedule, a year down).
const CATCH_UP_LIMIT: usize = 10_000;

/// What a schedule issues on each occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleKind {
    /// 学习提醒: the material to the group and to members who opted in, with 【已学习】.
    Study,
    /// 情况通报: a notice to the group and every member, with 【收到】.
    Briefing,
}

impl ScheduleKind {
    pub fn code(self) -> &'static str {
        match self {
            ScheduleKind::Study => "study",
            ScheduleKind::Briefing => "briefing",
        }
    }

    pub fn from_code(code: &str) -> Option<ScheduleKind> {
        match code {
            "study" => Some(ScheduleKind::Study),
            "briefing" => Some(ScheduleKind::Briefing),
            _ => None,
        }
    }

    /// The scheduled job kind that runs one occurrence.
    pub fn job_kind(self) -> JobKind {
        match self {
            ScheduleKind::Study => JobKind::ScheduleStudy,
            ScheduleKind::Briefing => JobKind::ScheduleBriefing,
        }
    }

    /// After this instant (unix ms) an occurrence at `occurrence` is no longer worth sending:
    /// a stale study reminder is skipped; a briefing still goes, whenever it may.
    pub fn stale_after(self, occurrence: i64) -> Option<i64> {
        match self {
            ScheduleKind::Study => Some(occurrence + Duration::hours(STUDY_STALE_HOURS).num_milliseconds()),
            ScheduleKind::Briefing => None,
        }
    }
}

/// The unique key of one occurrence of one schedule: a job with it exists at most once.
pub fn occurrence_key(schedule_id: i64, occurrence: DateTime<Tz>) -> String {
    format!("schedule:{schedule_id}:{}", occurrence.timestamp())
}

/// The occurrences to materialise after `from`: the latest one already due (older missed ones
/// are dropped: one catch-up, not a burst) and the first one still ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrences {
    pub due: Option<DateTime<Tz>>,
    pub next: Option<DateTime<Tz>>,
}

pub fn occurrences(recurrence: &Recurrence, from: DateTime<Tz>, now: DateTime<Tz>) -> Occurrences {
    let mut due = None;
    let mut cursor = from;
    for _ in 0..CATCH_UP_LIMIT {
        match recurrence.upcoming(cursor, 1).first() {
            Some(&at) if at <= now => {
                due = Some(at);
                cursor = at;
            }
            Some(&at) => return Occurrences { due, next: Some(at) },
            None => return Occurrences { due, next: None },
        }
    }
    // Far behind: skip straight to what lies ahead.
    Occurrences { due, next: recurrence.upcoming(now, 1).first().copied() }
}

/// Splits "每周三上午9点 学习《党章》第三章" into the recurrence and the rest: the longest
/// prefix that is a schedule phrase decides. `None` when no prefix is one.
pub fn split_phrase(text: &str) -> Option<(Recurrence, String)> {
    let text = text.trim();
    let mut ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    ends.push(text.len());
    ends.into_iter().rev().find_map(|end| {
        let recurrence = Recurrence::parse_phrase(&text[..end]).ok()?;
        let rest = text[end..].trim_start_matches([' ', '，', ',', '：', ':', '\u{3000}']).trim();
        Some((recurrence, rest.to_owned()))
    })
}

/// Words that mark an internal document (文件) rather than a public notice; briefings carry
/// only public summaries, so such a text is not sent.
const CONFIDENTIAL_MARKS: &[&str] =
    &["绝密", "机密", "秘密", "内部文件", "内部资料", "内部传达", "不得外传", "请勿外传", "红头文件"];

/// Whether a briefing's text looks like an internal document instead of a public notice.
pub fn looks_confidential(text: &str) -> bool {
    CONFIDENTIAL_MARKS.iter().any(|mark| text.contains(mark))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Tz> {
        Shanghai.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn a_phrase_splits_from_the_material_after_it() {
        let (rec, rest) = split_phrase("每周三上午9点 学习《党章》第三章").unwrap();
        assert_eq!(rec.summary(), "每周三上午9点");
        assert_eq!(rest, "学习《党章》第三章");
        let (rec, rest) = split_phrase("每月第一个星期五上午9点，学习新思想").unwrap();
        assert_eq!(rec.cron(), "0 0 9 1-7 * Fri *");
        assert_eq!(rest, "学习新思想");
        let (rec, rest) = split_phrase("工作日早上8点半学习强国").unwrap();
        assert_eq!((rec.cron(), rest.as_str()), ("0 30 8 * * Mon-Fri *", "学习强国"));
        assert!(split_phrase("学习党章").is_none());
    }

    #[test]
    fn only_the_latest_missed_occurrence_is_due_and_the_next_one_follows() {
        let rec = Recurrence::parse_phrase("每天上午9点").unwrap();
        let got = occurrences(&rec, at(2026, 11, 1, 10), at(2026, 11, 4, 12));
        assert_eq!(got.due, Some(at(2026, 11, 4, 9)));
        assert_eq!(got.next, Some(at(2026, 11, 5, 9)));
        let got = occurrences(&rec, at(2026, 11, 4, 9), at(2026, 11, 4, 12));
        assert_eq!(got.due, None, "the occurrence already materialised is not due again");
    }

    #[test]
    fn internal_documents_are_told_from_public_notices() {
        assert!(looks_confidential("【机密】关于干部调整的通知"));
        assert!(looks_confidential("以下内容不得外传：……"));
        assert!(!looks_confidential("本周六上午组织参观红色教育基地，自愿参加。"));
    }

    #[test]
    fn study_goes_stale_and_briefings_do_not() {
        assert_eq!(ScheduleKind::Study.stale_after(0), Some(12 * 3_600_000));
        assert_eq!(ScheduleKind::Briefing.stale_after(0), None);
        assert_eq!(occurrence_key(7, at(2026, 11, 4, 9)), "schedule:7:1793754000");
    }
}
