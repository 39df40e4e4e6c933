//! Handing the secretary role to a successor after 换届: offered by the secretary, taking effect
//! only when the successor accepts in their own chat. The outgoing secretary keeps committee
//! powers (支委 may do what the secretary grants, domain.md), which the new secretary can take
//! back with `/revoke`; the committee posts used for quorum follow: the successor's post becomes
//! 书记, the outgoing secretary's 委员. Everything is audited.

use crate::app::context::Ctx;
use crate::app::standing::{self, StandingChange};
use crate::domain::Role;
use crate::domain::audit_action::AuditAction;
use crate::store::audit::Actor;
use crate::store::members::MemberRow;
use crate::store::{self, Conn, StoreResult};

/// The committee post of a branch's secretary, and of an outgoing one.
pub const SECRETARY_POST: &str = "书记";
pub const MEMBER_POST: &str = "委员";

pub enum Offered {
    Asked {
        handover_id: i64,
        to_user_id: i64,
    },
    /// Only the secretary hands the role over.
    NotSecretary,
    /// The successor has not bound their Telegram account yet.
    NotBound,
    /// The member named is a secretary already.
    AlreadySecretary,
}

async fn is_secretary(conn: &mut Conn, user_id: i64, branch_id: i64) -> StoreResult<bool> {
    let roles = store::roles::of_user(conn, user_id).await?;
    Ok(roles.contains(&(branch_id, Role::Secretary)))
}

pub async fn offer(
    ctx: &mut Ctx<'_>,
    secretary: i64,
    role: Role,
    member: &MemberRow,
) -> StoreResult<Offered> {
    if role != Role::Secretary {
        return Ok(Offered::NotSecretary);
    }
    let Some(to_user_id) = member.telegram_user_id else { return Ok(Offered::NotBound) };
    if is_secretary(ctx.tx, to_user_id, member.branch_id).await? {
        return Ok(Offered::AlreadySecretary);
    }
    let handover_id =
        store::handovers::offer(ctx.tx, member.branch_id, secretary, member.id, to_user_id, ctx.now).await?;
    let actor = Actor::Telegram(secretary);
    store::audit::record(
        ctx.tx,
        Some(member.branch_id),
        actor,
        AuditAction::HandoverOffer,
        &member.name,
        ctx.now,
    )
    .await?;
    Ok(Offered::Asked { handover_id, to_user_id })
}

pub enum Answer {
    Accepted {
        from_user_id: i64,
        successor: String,
        branch_name: String,
    },
    Declined {
        from_user_id: i64,
        successor: String,
    },
    /// Answered already, superseded, or the one who offered is no longer secretary.
    Gone,
}

/// The successor's answer (already authorized by `app::taps`).
pub async fn answer(ctx: &mut Ctx<'_>, handover_id: i64, yes: bool) -> StoreResult<Answer> {
    let Some(h) = store::handovers::get(ctx.tx, handover_id).await? else { return Ok(Answer::Gone) };
    let Some(successor) = store::members::get(ctx.tx, h.member_id).await? else { return Ok(Answer::Gone) };
    let still_theirs = successor.telegram_user_id == Some(h.to_user_id);
    if h.state != "pending" || !still_theirs || !is_secretary(ctx.tx, h.from_user_id, h.branch_id).await? {
        return Ok(Answer::Gone);
    }
    store::handovers::answer(ctx.tx, h.id, yes, ctx.now).await?;
    let actor = Actor::Telegram(h.to_user_id);
    if !yes {
        store::audit::record(
            ctx.tx,
            Some(h.branch_id),
            actor,
            AuditAction::HandoverDecline,
            &successor.name,
            ctx.now,
        )
        .await?;
        return Ok(Answer::Declined { from_user_id: h.from_user_id, successor: successor.name });
    }
    let (branch, from, to) = (h.branch_id, h.from_user_id, h.to_user_id);
    store::roles::revoke(ctx.tx, branch, from, Role::Secretary).await?;
    store::roles::grant(ctx.tx, branch, from, Role::Committee, Some(to), ctx.now).await?;
    store::roles::revoke(ctx.tx, branch, to, Role::Committee).await?;
    store::roles::grant(ctx.tx, branch, to, Role::Secretary, Some(from), ctx.now).await?;
    let outgoing = store::members::by_telegram_user(ctx.tx, from).await?;
    for member in outgoing.iter().filter(|m| m.branch_id == branch) {
        if member.committee_post.as_deref() == Some(SECRETARY_POST) {
            let post = StandingChange::Committee(Some(MEMBER_POST.to_owned()));
            standing::change(ctx.tx, actor, member, &post, ctx.now).await?;
        }
    }
    let post = StandingChange::Committee(Some(SECRETARY_POST.to_owned()));
    standing::change(ctx.tx, actor, &successor, &post, ctx.now).await?;
    store::audit::record(ctx.tx, Some(branch), actor, AuditAction::HandoverAccept, &successor.name, ctx.now)
        .await?;
    let branch_name = store::branches::get(ctx.tx, branch).await?.map(|b| b.name).unwrap_or_default();
    Ok(Answer::Accepted { from_user_id: from, successor: successor.name, branch_name })
}
