//! Rules for recurring schedules: what kinds there are, how late an occurrence may still go out
//! (the catch-up policy after downtime), which occurrences are due, and how a secretary's
//! "每周三上午9点 学习《…》" splits into a recurrence and the words after it.

use chrono::{DateTime, Duration, NaiveDate};
use chrono_tz::Tz;

use crate::domain::job_kind::JobKind;
use crate::domain::schedule_phrase::Recurrence;

/// A study reminder older than this (after downtime) is skipped rather than sent late.
pub const STUDY_STALE_HOURS: i64 = 12;
/// Non-acknowledgers of a briefing get their one reminder after this many hours by default.
pub const BRIEFING_REMIND_AFTER_HOURS: i64 = 24;
/// How many occurrences a catch-up pass looks through at most (an hourly schedule, a year down).
const CATCH_UP_LIMIT: usize = 10_000;
/// How many occurrences ahead a far-behind pass looks for the next one to keep (a year of days).
const FAR_AHEAD: usize = 400;

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
    occurrences_kept(recurrence, from, now, |_| true)
}

/// Whether a recurrence fires Monday to Friday at one time of day (`工作日…`, or an operator's
/// `… * * Mon-Fri *`): such a schedule follows the working days of the holiday calendar.
pub fn is_workdays(recurrence: &Recurrence) -> bool {
    let fields: Vec<&str> = recurrence.cron().split_whitespace().collect();
    matches!(fields.as_slice(), [_, _, _, "*", "*", "Mon-Fri", _])
}

/// The occurrences of a 工作日 schedule: every day at its time, kept only on working days
/// (`working`: not a public holiday or the branch's day off, and Monday to Friday or a weekend day
/// worked in exchange — `HolidayCalendar::is_working_day`). `None` when the recurrence is not a
/// 工作日 one.
pub fn workday_occurrences(
    recurrence: &Recurrence,
    from: DateTime<Tz>,
    now: DateTime<Tz>,
    working: impl Fn(NaiveDate) -> bool,
) -> Option<Occurrences> {
    if !is_workdays(recurrence) {
        return None;
    }
    let every_day = recurrence.cron().replacen("Mon-Fri", "*", 1);
    let every_day = Recurrence::from_cron(&every_day).ok()?;
    Some(occurrences_kept(&every_day, from, now, |at| working(at.date_naive())))
}

fn occurrences_kept(
    recurrence: &Recurrence,
    from: DateTime<Tz>,
    now: DateTime<Tz>,
    keep: impl Fn(DateTime<Tz>) -> bool,
) -> Occurrences {
    let mut due = None;
    let mut cursor = from;
    for _ in 0..CATCH_UP_LIMIT {
        match recurrence.upcoming(cursor, 1).first() {
            Some(&at) if !keep(at) => cursor = at,
            Some(&at) if at <= now => {
                due = Some(at);
                cursor = at;
            }
            Some(&at) => return Occurrences { due, next: Some(at) },
            None => return Occurrences { due, next: None },
        }
    }
    // Far behind: skip straight to what lies ahead.
    Occurrences { due, next: recurrence.upcoming(now, FAR_AHEAD).into_iter().find(|at| keep(*at)) }
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
    fn a_workday_schedule_skips_national_day_and_fires_on_the_saturday_worked_in_exchange() {
        use crate::domain::holiday_calendar::HolidayCalendar;
        use crate::domain::quiet_hours::Holidays;
        let calendar = HolidayCalendar::china();
        let off = calendar.days_off(&Holidays::default(), &Holidays::default());
        let working = |d: NaiveDate| calendar.is_working_day(d, &off);
        let rec = Recurrence::parse_phrase("工作日早上8点半").unwrap();
        assert!(is_workdays(&rec));
        let half_past = |d: u32| Shanghai.with_ymd_and_hms(2026, 10, d, 8, 30, 0).unwrap();
        // Wednesday 9月30日 fired; next comes 10月8日 (1–7 is 国庆节), then Friday 9日, Saturday 10日.
        let mut fired = Vec::new();
        let mut cursor = Shanghai.with_ymd_and_hms(2026, 9, 30, 8, 30, 0).unwrap();
        for _ in 0..4 {
            let found = workday_occurrences(&rec, cursor, cursor, working).unwrap();
            cursor = found.next.unwrap();
            fired.push(cursor);
        }
        assert_eq!(fired, [half_past(8), half_past(9), half_past(10), half_past(12)]);
        // Caught up after downtime over the holiday: the latest working day is due.
        let got =
            workday_occurrences(&rec, half_past(1), half_past(10) + Duration::hours(1), working).unwrap();
        assert_eq!((got.due, got.next), (Some(half_past(10)), Some(half_past(12))));
        assert!(
            workday_occurrences(&Recurrence::parse_phrase("每天8点").unwrap(), cursor, cursor, working)
                .is_none()
        );
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
