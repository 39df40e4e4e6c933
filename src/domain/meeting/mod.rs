//! 三会一课 and the other fixed meetings: their kinds, the words secretaries call them by, and
//! each kind's rules (how often, who is expected, what quorum) — as data a branch may change.

mod close_preview;
mod compliance;
mod correction;
mod draft;
mod obligations;
mod record;
#[cfg(test)]
mod tests;

pub use close_preview::ClosePreview;
pub use compliance::{PeriodStatus, months_missed, period_bounds, period_status};
pub use correction::{Correction, CorrectionError, RecordCorrection, Vote};
pub use draft::Draft;
pub use obligations::{Obligation, Standing, obligations};
pub use record::{Answer, Entry, Mode, Roll, Tally, roll, tally};

/// A kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingKind {
    /// 支部党员大会
    General,
    /// 支部委员会会议 (支委会)
    Committee,
    /// 党小组会
    Group,
    /// 党课
    Lecture,
    /// 主题党日
    ThemeDay,
    /// 组织生活会
    LifeMeeting,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 6] = [
        MeetingKind::General,
        MeetingKind::Committee,
        MeetingKind::Group,
        MeetingKind::Lecture,
        MeetingKind::ThemeDay,
        MeetingKind::LifeMeeting,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::General => "general",
            MeetingKind::Committee => "committee",
            MeetingKind::Group => "group",
            MeetingKind::Lecture => "lecture",
            MeetingKind::ThemeDay => "theme_day",
            MeetingKind::LifeMeeting => "life_meeting",
        }
    }

    pub fn from_code(code: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The full Chinese name, as records print it.
    pub fn name_cn(self) -> &'static str {
        match self {
            MeetingKind::General => "支部党员大会",
            MeetingKind::Committee => "支部委员会会议",
            MeetingKind::Group => "党小组会",
            MeetingKind::Lecture => "党课",
            MeetingKind::ThemeDay => "主题党日",
            MeetingKind::LifeMeeting => "组织生活会",
        }
    }

    /// Reads the word a secretary writes for the kind: 党员大会, 支部大会, 支委会, 党课 …
    pub fn parse(word: &str) -> Option<MeetingKind> {
        let word = word.trim();
        ALIASES.iter().find(|(alias, _)| *alias == word).map(|(_, kind)| *kind)
    }

    /// The default rules (domain.md), which a branch may change.
    pub fn default_rules(self) -> KindRules {
        let (period, quorum, attendees, required) = match self {
            MeetingKind::General => (Period::Quarter, Quorum::MajorityOfFull, Attendees::All, true),
            MeetingKind::Committee => {
                (Period::Month, Quorum::MajorityOfCommittee, Attendees::Committee, true)
            }
            MeetingKind::Group => (Period::Month, Quorum::None, Attendees::Group, true),
            MeetingKind::Lecture => (Period::Quarter, Quorum::None, Attendees::All, true),
            MeetingKind::ThemeDay => (Period::Month, Quorum::None, Attendees::All, true),
            MeetingKind::LifeMeeting => (Period::Year, Quorum::None, Attendees::All, true),
        };
        KindRules { kind: self, period, per_period: 1, quorum, attendees, required }
    }
}

const ALIASES: &[(&str, MeetingKind)] = &[
    ("支部党员大会", MeetingKind::General),
    ("党员大会", MeetingKind::General),
    ("支部大会", MeetingKind::General),
    ("大会", MeetingKind::General),
    ("支委会", MeetingKind::Committee),
    ("支部委员会", MeetingKind::Committee),
    ("支部委员会会议", MeetingKind::Committee),
    ("党小组会", MeetingKind::Group),
    ("小组会", MeetingKind::Group),
    ("党课", MeetingKind::Lecture),
    ("主题党日", MeetingKind::ThemeDay),
    ("党日", MeetingKind::ThemeDay),
    ("组织生活会", MeetingKind::LifeMeeting),
    ("生活会", MeetingKind::LifeMeeting),
];

/// How often a kind must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    pub fn code(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    pub fn from_code(code: &str) -> Option<Period> {
        [Period::Month, Period::Quarter, Period::Year].into_iter().find(|p| p.code() == code)
    }
}

/// Who must be present for the meeting's decisions to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quorum {
    None,
    /// More than half of the full (正式) members expected.
    MajorityOfFull,
    /// More than half of the committee.
    MajorityOfCommittee,
}

impl Quorum {
    pub fn code(self) -> &'static str {
        match self {
            Quorum::None => "none",
            Quorum::MajorityOfFull => "majority_of_full",
            Quorum::MajorityOfCommittee => "majority_of_committee",
        }
    }

    pub fn from_code(code: &str) -> Option<Quorum> {
        [Quorum::None, Quorum::MajorityOfFull, Quorum::MajorityOfCommittee]
            .into_iter()
            .find(|q| q.code() == code)
    }

    /// Whether the quorum held, given the expected and present counts; `None` without a rule.
    /// `full` counts full members for `MajorityOfFull`, committee members otherwise.
    pub fn held(self, expected: usize, present: usize) -> Option<bool> {
        match self {
            Quorum::None => None,
            Quorum::MajorityOfFull | Quorum::MajorityOfCommittee => {
                Some(expected > 0 && present * 2 > expected)
            }
        }
    }
}

/// Who is expected at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attendees {
    All,
    /// The members of one party group.
    Group,
    Committee,
}

impl Attendees {
    pub fn code(self) -> &'static str {
        match self {
            Attendees::All => "all",
            Attendees::Group => "group",
            Attendees::Committee => "committee",
        }
    }

    pub fn from_code(code: &str) -> Option<Attendees> {
        [Attendees::All, Attendees::Group, Attendees::Committee].into_iter().find(|a| a.code() == code)
    }
}

/// One kind's rules in one branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindRules {
    pub kind: MeetingKind,
    pub period: Period,
    /// At least this many per period.
    pub per_period: u32,
    pub quorum: Quorum,
    pub attendees: Attendees,
    /// Counted in the compliance view.
    pub required: bool,
}

/// What a meeting button asks for (its callback data is `Action::Meeting`, in `domain::action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonAction {
    Attend,
    Leave,
    CheckIn,
    CheckInOnline,
    Close,
    /// The make-up study of one member (the button may reach their contact person).
    Studied(i64),
}
