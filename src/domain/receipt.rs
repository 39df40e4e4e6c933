//! The receipt flow shared by 收到 under a briefing, 已学习 under a study reminder and 已学习
//! under a meeting's 补学 material: what a member says they received, and how recording it went.

use chrono::NaiveDate;

/// What a member (or their contact person) says they received or studied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receivable {
    /// A briefing (情况通报): 【收到】 or the word 收到.
    Briefing(i64),
    /// A study round (学习提醒): 【已学习】 or 已学.
    StudyRound(i64),
    /// A meeting's make-up material (补学) sent to one member: 【已学习】 under it.
    Makeup { meeting_id: i64, member_id: i64 },
}

/// How recording a receipt turned out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Receipt {
    /// Recorded now, for `member`, on the branch's local date; `late` when it counts as 补学.
    Recorded { member: String, on: NaiveDate, late: bool },
    /// It was recorded before; nothing changed.
    Already { member: String },
    /// The person is not the member (nor their contact person) in the thing's branch.
    NotAMember,
    /// The briefing, round or meeting no longer exists.
    Gone,
}

impl Receipt {
    pub fn is_recorded(&self) -> bool {
        matches!(self, Receipt::Recorded { .. })
    }
}
