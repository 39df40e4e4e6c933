//! The kinds of scheduled job, one enum: the strings stored in `scheduled_jobs.kind` are read and
//! written here only, so a kind the code inserts is always one the dispatcher runs.
//!
//! To add a kind: add a variant, its stored string in `code` (never change an existing one: rows
//! already in the database carry it), the variant in `ALL`, and its arm in `app/jobs.rs::run`.

/// What a scheduled job does when it comes due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// One occurrence of a study schedule.
    ScheduleStudy,
    /// One occurrence of a briefing schedule.
    ScheduleBriefing,
    /// A briefing sent at the time a secretary chose.
    BriefingSend,
    /// The one reminder to members who have not acknowledged a briefing.
    BriefingRemind,
    /// The daily look at birthdays, political birthdays and the committee's term.
    DatesDaily,
    /// A meeting's reminder (the day before, two hours before).
    MeetingRemind,
    /// A meeting's check-in notice.
    MeetingCheckIn,
    /// The warning before a period closes without a required meeting.
    MeetingWarn,
    /// The care visit after a member missed meetings.
    MeetingCare,
    /// The secretary's reminder a few days before the month's 主题党日.
    ThemeDayRemind,
}

impl JobKind {
    pub const ALL: [JobKind; 10] = [
        JobKind::ScheduleStudy,
        JobKind::ScheduleBriefing,
        JobKind::BriefingSend,
        JobKind::BriefingRemind,
        JobKind::DatesDaily,
        JobKind::MeetingRemind,
        JobKind::MeetingCheckIn,
        JobKind::MeetingWarn,
        JobKind::MeetingCare,
        JobKind::ThemeDayRemind,
    ];

    /// The string stored in `scheduled_jobs.kind`.
    pub fn code(self) -> &'static str {
        match self {
            JobKind::ScheduleStudy => "schedule.study",
            JobKind::ScheduleBriefing => "schedule.briefing",
            JobKind::BriefingSend => "briefing.send",
            JobKind::BriefingRemind => "briefing.remind",
            JobKind::DatesDaily => "dates.daily",
            JobKind::MeetingRemind => "meeting.remind",
            JobKind::MeetingCheckIn => "meeting.check_in",
            JobKind::MeetingWarn => "meeting.warn",
            JobKind::MeetingCare => "meeting.care",
            JobKind::ThemeDayRemind => "theme_day.remind",
        }
    }

    /// The kind a stored string names; `None` for one this version does not know.
    pub fn parse(code: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_kind_is_listed_once_and_its_string_is_unique_and_parses_back() {
        let mut seen = std::collections::HashSet::new();
        for kind in JobKind::ALL {
            assert!(seen.insert(kind.code()), "`{}` is used twice", kind.code());
            assert_eq!(JobKind::parse(kind.code()), Some(kind));
        }
        // `ALL` misses no variant: this match stops compiling when one is added.
        for kind in JobKind::ALL {
            match kind {
                JobKind::ScheduleStudy
                | JobKind::ScheduleBriefing
                | JobKind::BriefingSend
                | JobKind::BriefingRemind
                | JobKind::DatesDaily
                | JobKind::MeetingRemind
                | JobKind::MeetingCheckIn
                | JobKind::MeetingWarn
                | JobKind::MeetingCare
                | JobKind::ThemeDayRemind => {}
            }
        }
    }

    #[test]
    fn the_strings_already_stored_still_parse_and_strangers_do_not() {
        assert_eq!(JobKind::parse("schedule.study"), Some(JobKind::ScheduleStudy));
        assert_eq!(JobKind::parse("meeting.check_in"), Some(JobKind::MeetingCheckIn));
        assert_eq!(JobKind::parse("from.the.future"), None);
        assert_eq!(JobKind::parse("meeting."), None);
    }
}
