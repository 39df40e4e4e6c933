//! Who was there: members' own check-in (签到, 现场 or 线上) during the meeting window, and
//! make-up study (补学) confirmed afterwards. The secretary's `/present` is in `present`.

use super::{answer, entries};
use crate::app::context::Ctx;
use crate::domain::meeting::Mode;
use crate::store::meetings::MeetingRow;
use crate::store::{self, StoreResult};

const HOUR: i64 = 3_600_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInOutcome {
    CheckedIn,
    Already,
    /// Before the window (an hour before the start) or after it (four hours after).
    NotNow,
    Gone,
    UnknownUser,
    NotExpected,
}

/// A member taps 【签到】.
pub async fn check_in(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    user_id: i64,
    user_name: &str,
    mode: Mode,
) -> StoreResult<CheckInOutcome> {
    if !m.is_open() {
        return Ok(CheckInOutcome::Gone);
    }
    if ctx.now < m.starts_at - HOUR || ctx.now > m.starts_at + 4 * HOUR {
        return Ok(CheckInOutcome::NotNow);
    }
    let Some(who) = answer::answerer(ctx.tx, m.branch_id, user_id, user_name, None).await? else {
        return Ok(CheckInOutcome::UnknownUser);
    };
    let (_, expected) = entries(ctx.tx, m).await?;
    if !expected.iter().any(|e| e.member_id == who.member.id) {
        return Ok(CheckInOutcome::NotExpected);
    }
    Ok(if store::attendance::mark_present(ctx.tx, m.id, who.member.id, mode.code(), ctx.now).await? {
        CheckInOutcome::CheckedIn
    } else {
        CheckInOutcome::Already
    })
}
