//! Privacy in the member's hands, in chat: what the branch holds about them (for the member or
//! their contact person), withdrawing consent to the health note, and asking for erasure — a
//! request the branch's secretaries carry out with one tap (the member leaves the roster, so the
//! branch must know), through the same door as `zhibu member forget`.

use crate::app::context::Ctx;
use crate::app::erasure::{self, ForgetOutcome};
use crate::domain::Role;
use crate::domain::audit_action::AuditAction;
use crate::store::audit::Actor;
use crate::store::members::MemberRow;
use crate::store::{self, Conn, StoreResult};

/// The member whose information the user may see and act on: their own record, else the first
/// member they are the contact person of.
pub async fn subject_of(conn: &mut Conn, user: i64) -> StoreResult<Option<MemberRow>> {
    if let Some(own) = store::members::by_telegram_user(conn, user).await?.into_iter().next() {
        return Ok(Some(own));
    }
    for id in store::contacts::members_answered_by(conn, user).await? {
        if let Some(m) = store::members::get(conn, id).await?.filter(|m| m.forgotten_at.is_none()) {
            return Ok(Some(m));
        }
    }
    Ok(None)
}

/// The member's consented health note, shown only to them and their contact person.
pub async fn health_note(conn: &mut Conn, member_id: i64) -> StoreResult<Option<String>> {
    store::health::consented_note(conn, member_id).await
}

/// Consent withdrawn: the note (consented or waiting), the copies in its consent requests and in
/// the messages that showed it (filed under `store::health::view_topic`) are deleted, audited. Returns the secretaries to tell, or `None` when there was no note.
pub async fn withdraw_health(
    ctx: &mut Ctx<'_>,
    member: &MemberRow,
    by: i64,
) -> StoreResult<Option<Vec<i64>>> {
    if !store::health::withdraw(ctx.tx, member.id).await? {
        return Ok(None);
    }
    store::health::empty_request_messages(ctx.tx, member.id).await?;
    store::health::empty_view_messages(ctx.tx, member.id).await?;
    let detail = format!("#{}", member.id);
    store::audit::record(
        ctx.tx,
        Some(member.branch_id),
        Actor::Telegram(by),
        AuditAction::HealthWithdraw,
        &detail,
        ctx.now,
    )
    .await?;
    Ok(Some(secretaries(ctx.tx, member.branch_id).await?))
}

/// The erasure request, confirmed by the member (or their contact person): audited; returns
/// the secretaries who carry it out.
pub async fn request_erasure(ctx: &mut Ctx<'_>, member: &MemberRow, by: i64) -> StoreResult<Vec<i64>> {
    let detail = format!("#{}", member.id);
    store::audit::record(
        ctx.tx,
        Some(member.branch_id),
        Actor::Telegram(by),
        AuditAction::ErasureRequest,
        &detail,
        ctx.now,
    )
    .await?;
    secretaries(ctx.tx, member.branch_id).await
}

/// A secretary's 【同意删除】: the member is forgotten in this transaction; returns the accounts
/// to tell it is done (the member's and their contact persons'), or `None` when already done.
pub async fn erase(ctx: &mut Ctx<'_>, member_id: i64, secretary: i64) -> StoreResult<Option<Vec<i64>>> {
    let Some(member) = store::members::get(ctx.tx, member_id).await? else { return Ok(None) };
    let mut tell: Vec<i64> = member.telegram_user_id.into_iter().collect();
    tell.extend(store::contacts::of_member(ctx.tx, member_id).await?);
    match erasure::forget_in(ctx.tx, member_id, Actor::Telegram(secretary), ctx.now).await? {
        ForgetOutcome::Forgotten { .. } => Ok(Some(tell)),
        ForgetOutcome::NotFound => Ok(None),
    }
}

/// The branch's secretaries (its committee when no secretary uses the bot).
pub async fn secretaries(conn: &mut Conn, branch: i64) -> StoreResult<Vec<i64>> {
    let admins = store::roles::admins(conn, branch).await?;
    let of = |secretary: bool| -> Vec<i64> {
        admins.iter().filter(|(_, r)| (*r == Role::Secretary) == secretary).map(|(u, _)| *u).collect()
    };
    let chosen = of(true);
    Ok(if chosen.is_empty() { of(false) } else { chosen })
}

/// The outbox topic of what the branch holds shown to a member (emptied when consent goes).
pub fn view_topic(member_id: i64) -> String {
    store::health::view_topic(member_id)
}
