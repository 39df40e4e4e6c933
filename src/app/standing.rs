//! A member's standing, set by the operator: a status from a day on (去世, 转出, 转正 …), the day
//! they joined the branch, and their post on the branch's own committee (支委). Closed records are
//! frozen first, so no change here rewrites a past record.

use crate::domain::audit_action::AuditAction;
use crate::store::audit::Actor;
use crate::store::members::MemberRow;
use crate::store::{self, Conn, StoreResult};

pub use crate::domain::member_standing::StandingChange;

pub async fn change(
    conn: &mut Conn,
    actor: Actor,
    member: &MemberRow,
    change: &StandingChange,
    now: i64,
) -> StoreResult<()> {
    crate::app::meetings::record::freeze_unfrozen(conn, member.branch_id).await?;
    let detail = match change {
        StandingChange::Status { status, since } => {
            store::standing::add_status(conn, member, *status, *since, now).await?;
            format!("#{} status {} {since}", member.id, status.code())
        }
        StandingChange::Joined(day) => {
            store::standing::set_joined(conn, member.id, *day).await?;
            format!("#{} joined {}", member.id, day.map(|d| d.to_string()).unwrap_or_default())
        }
        StandingChange::Committee(post) => {
            store::standing::set_committee(conn, member.id, post.as_deref()).await?;
            format!("#{} committee {}", member.id, post.as_deref().unwrap_or("-"))
        }
    };
    store::audit::record(conn, Some(member.branch_id), actor, AuditAction::MemberStanding, &detail, now).await
}

/// How many days after a meeting closes its record may still be corrected in chat; audited.
pub async fn set_grace_days(
    conn: &mut Conn,
    branch_id: i64,
    days: u32,
    by: Actor,
    now: i64,
) -> StoreResult<()> {
    store::standing::set_grace_days(conn, branch_id, i64::from(days)).await?;
    store::audit::record(conn, Some(branch_id), by, AuditAction::RecordGrace, &format!("grace {days}"), now)
        .await
}
