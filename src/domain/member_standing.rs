//! A member's standing over time: when they joined the branch, and their status with the day
//! each change took effect (正式, 预备, 去世, 转出, 停止党籍 …) — so who was expected on a given
//! day can be told for any day, not only today.

use chrono::NaiveDate;

/// A member's status from a given day on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// 正式党员
    Full,
    /// 预备党员
    Probationary,
    /// 去世
    Deceased,
    /// 转出 (organizational relations moved to another branch)
    TransferredOut,
    /// 停止党籍
    Suspended,
    /// 出党 (退党, 除名, 开除)
    Left,
}

/// What changes in a member's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StandingChange {
    Status {
        status: Status,
        since: NaiveDate,
    },
    Joined(Option<NaiveDate>),
    /// A committee post, or `None` to leave the committee.
    Committee(Option<String>),
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Full,
        Status::Probationary,
        Status::Deceased,
        Status::TransferredOut,
        Status::Suspended,
        Status::Left,
    ];

    /// The stored code; `full` and `probationary` are the roster's membership codes too.
    pub fn code(self) -> &'static str {
        match self {
            Status::Full => "full",
            Status::Probationary => "probationary",
            Status::Deceased => "deceased",
            Status::TransferredOut => "transferred_out",
            Status::Suspended => "suspended",
            Status::Left => "left",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name_cn(self) -> &'static str {
        match self {
            Status::Full => "正式党员",
            Status::Probationary => "预备党员",
            Status::Deceased => "去世",
            Status::TransferredOut => "转出",
            Status::Suspended => "停止党籍",
            Status::Left => "出党",
        }
    }

    /// Reads the word a secretary writes: 正式, 预备, 去世, 逝世, 转出, 停止党籍, 出党 …
    pub fn parse(word: &str) -> Option<Status> {
        let word = word.trim();
        let status = match word {
            "正式" | "正式党员" | "转正" => Status::Full,
            "预备" | "预备党员" => Status::Probationary,
            "去世" | "逝世" | "病逝" | "死亡" => Status::Deceased,
            "转出" | "组织关系转出" | "调出" => Status::TransferredOut,
            "停止党籍" => Status::Suspended,
            "出党" | "退党" | "除名" | "开除" | "开除党籍" => Status::Left,
            _ => return Status::from_code(word),
        };
        Some(status)
    }

    /// Whether someone with this status belongs to the branch (and is expected at its meetings).
    pub fn belongs(self) -> bool {
        matches!(self, Status::Full | Status::Probationary)
    }
}

/// What is known of one member's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The day they joined the branch; `None` when they were in the founding roster.
    pub joined: Option<NaiveDate>,
    /// Status changes, oldest first.
    pub changes: Vec<(NaiveDate, Status)>,
    /// The status before the first recorded change: the roster's 正式 or 预备.
    pub before_changes: Status,
}

impl Standing {
    /// The member's status on `day`; `None` when they did not belong to the branch that day.
    pub fn on(&self, day: NaiveDate) -> Option<Status> {
        if self.joined.is_some_and(|joined| day < joined) {
            return None;
        }
        let status = match self.changes.iter().rev().find(|(since, _)| *since <= day) {
            Some((_, status)) => *status,
            None => self.before_changes,
        };
        status.belongs().then_some(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_member_who_joined_in_march_did_not_belong_in_february() {
        let s = Standing { joined: Some(d(2026, 3, 10)), changes: vec![], before_changes: Status::Full };
        assert_eq!(s.on(d(2026, 2, 28)), None);
        assert_eq!(s.on(d(2026, 3, 10)), Some(Status::Full));
    }

    #[test]
    fn a_member_who_died_in_june_belongs_until_the_day_before() {
        let s = Standing {
            joined: None,
            changes: vec![(d(2026, 6, 10), Status::Deceased)],
            before_changes: Status::Full,
        };
        assert_eq!(s.on(d(2026, 6, 9)), Some(Status::Full));
        assert_eq!(s.on(d(2026, 6, 10)), None);
    }

    #[test]
    fn a_probationary_member_who_became_full_counts_as_probationary_before() {
        let s = Standing {
            joined: None,
            changes: vec![(d(2020, 1, 1), Status::Probationary), (d(2026, 5, 1), Status::Full)],
            before_changes: Status::Probationary,
        };
        assert_eq!(s.on(d(2026, 4, 30)), Some(Status::Probationary));
        assert_eq!(s.on(d(2026, 5, 1)), Some(Status::Full));
    }

    #[test]
    fn every_status_word_reads_back() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        assert_eq!(Status::parse("逝世"), Some(Status::Deceased));
        assert_eq!(Status::parse("随便"), None);
    }
}
