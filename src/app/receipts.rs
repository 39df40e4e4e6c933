//! The one door for receipts — 收到 under a briefing, 已学习 under a study reminder or under a
//! meeting's 补学 material, by tap or by words: find the thing, find whom the person counts for,
//! record it once, and say how it went (`domain::receipt::Receipt`).

use chrono::Duration;

use crate::app::membership::{member_in_branch, speaks_for};
use crate::app::schedules::{branch_tz, local};
use crate::app::study::STUDY_DAYS;
use crate::domain::receipt::{Receipt, Receivable};
use crate::store::{self, Conn, StoreResult, members::MemberRow};

/// Records that `user_id` received or studied `what`, at `now`.
pub async fn record(conn: &mut Conn, what: Receivable, user_id: i64, now: i64) -> StoreResult<Receipt> {
    // (its branch, whom it counts for, whether it counts as 补学)
    let (branch_id, member, late) = match what {
        Receivable::Briefing(id) => {
            let Some(b) = store::briefings::get(conn, id).await? else { return Ok(Receipt::Gone) };
            (b.branch_id, member_in_branch(conn, user_id, b.branch_id).await?, false)
        }
        Receivable::StudyRound(id) => {
            let Some(round) = store::study::round(conn, id).await? else { return Ok(Receipt::Gone) };
            let late = now > round.occurrence_at + Duration::days(STUDY_DAYS).num_milliseconds();
            (round.branch_id, member_in_branch(conn, user_id, round.branch_id).await?, late)
        }
        Receivable::Makeup { meeting_id, member_id } => {
            let Some(m) = store::meetings::get(conn, meeting_id).await? else { return Ok(Receipt::Gone) };
            let member =
                store::members::get(conn, member_id).await?.filter(|member| member.branch_id == m.branch_id);
            let member = match member {
                Some(member) if speaks_for(conn, user_id, &member).await? => Some(member),
                _ => None,
            };
            (m.branch_id, member, true)
        }
    };
    let Some(member) = member else { return Ok(Receipt::NotAMember) };
    let on = local(now, branch_tz(conn, branch_id).await?).date_naive();
    let recorded = write(conn, what, &member, now, on, late).await?;
    Ok(if recorded {
        Receipt::Recorded { member: member.name, on, late }
    } else {
        Receipt::Already { member: member.name }
    })
}

/// Writes the receipt; whether it is new.
async fn write(
    conn: &mut Conn,
    what: Receivable,
    member: &MemberRow,
    now: i64,
    on: chrono::NaiveDate,
    late: bool,
) -> StoreResult<bool> {
    match what {
        Receivable::Briefing(id) => store::briefings::acknowledge(conn, id, member.id, now).await,
        Receivable::StudyRound(id) => {
            store::study::record(conn, id, member.id, now, &on.to_string(), late).await
        }
        Receivable::Makeup { meeting_id, member_id } => {
            store::attendance::mark_makeup(conn, meeting_id, member_id, now).await
        }
    }
}
