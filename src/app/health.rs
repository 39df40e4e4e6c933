//! Health notes: asked for by the secretary, kept only once the member themself consents,
//! shown only to the secretary, never in a group; a refused or replaced note leaves no copy.

use crate::app::context::Ctx;
use crate::domain::action::Action;
use crate::domain::audit_action::AuditAction;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::outbox::Delivery;
use crate::store::{self, Conn, StoreResult, audit::Actor, members::MemberRow};
use crate::texts::admin as words;

/// Stores the note as pending consent, replacing (and withdrawing the requests of) any earlier
/// one, and keeps no other copy of its text: the update that carried it is scrubbed. Returns
/// who must be asked — the member only, since health is theirs to disclose; `None` when they
/// have not bound Telegram, and then nothing is stored.
pub async fn request(
    conn: &mut Conn,
    actor: i64,
    member: &MemberRow,
    note: &str,
    inbox_id: Option<i64>,
    now: i64,
) -> StoreResult<Option<i64>> {
    if let Some(inbox_id) = inbox_id {
        store::inbox::scrub_payload(conn, inbox_id, note, words::HEALTH_NOTE_WITHHELD).await?;
    }
    let Some(askee) = member.telegram_user_id else { return Ok(None) };
    store::health::empty_request_messages(conn, member.id).await?;
    store::health::request(conn, member.id, note, actor, now).await?;
    store::audit::record(
        conn,
        Some(member.branch_id),
        Actor::Telegram(actor),
        AuditAction::HealthRequest,
        &member.name,
        now,
    )
    .await?;
    Ok(Some(askee))
}

pub enum ConsentOutcome {
    Recorded {
        member: Box<MemberRow>,
        consented: bool,
        notify: Vec<i64>,
    },
    /// Someone other than the member tapped: only the member may answer.
    NotTheMember,
    /// Already answered or withdrawn.
    Gone,
}

pub async fn answer(
    conn: &mut Conn,
    member_id: i64,
    user_id: i64,
    consented: bool,
    now: i64,
) -> StoreResult<ConsentOutcome> {
    let Some(member) = store::members::get(conn, member_id).await? else { return Ok(ConsentOutcome::Gone) };
    if member.telegram_user_id != Some(user_id) {
        return Ok(ConsentOutcome::NotTheMember);
    }
    let changed = if consented {
        store::health::consent(conn, member_id, user_id, now).await?
    } else {
        store::health::drop_pending(conn, member_id).await?
    };
    if !changed {
        return Ok(ConsentOutcome::Gone);
    }
    store::health::empty_request_messages(conn, member_id).await?;
    let action = if consented { AuditAction::HealthConsent } else { AuditAction::HealthRefuse };
    store::audit::record(conn, Some(member.branch_id), Actor::Telegram(user_id), action, &member.name, now)
        .await?;
    let notify = secretaries(conn, member.branch_id).await?;
    Ok(ConsentOutcome::Recorded { member: Box::new(member), consented, notify })
}

async fn secretaries(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<i64>> {
    Ok(store::roles::admins(conn, branch_id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == crate::domain::Role::Secretary)
        .map(|(id, _)| id)
        .collect())
}

/// The note as the secretary may see it (only consented notes exist for viewing).
pub async fn view(conn: &mut Conn, member: &MemberRow) -> StoreResult<Option<String>> {
    store::health::consented_note(conn, member.id).await
}

/// A press on a consent request quotes the request, and with it the note: the stored update keeps
/// no copy of it.
pub async fn forget_quoted_note(conn: &mut Conn, inbox_id: i64) -> StoreResult<()> {
    store::inbox::drop_quoted_text(conn, inbox_id).await
}

/// Asks `askee` (the member, or their contact person) with 【同意】【不同意】, filed under the
/// member's request topic so that only the latest request answers for the note.
pub async fn ask_consent(ctx: &mut Ctx<'_>, askee: i64, member: &MemberRow, note: &str) -> StoreResult<()> {
    let buttons = Buttons::inline_row(vec![
        InlineButton::new(
            words::BUTTON_CONSENT_YES,
            Action::HealthConsent { member_id: member.id, yes: true }.encode(),
        ),
        InlineButton::new(
            words::BUTTON_CONSENT_NO,
            Action::HealthConsent { member_id: member.id, yes: false }.encode(),
        ),
    ]);
    let text = words::health_consent_request(&member.name, note);
    let topic = store::health::request_topic(member.id);
    let filed = Delivery { topic: Some(&topic), ..Delivery::default() };
    ctx.say_with(askee, Outgoing::with_buttons(text, buttons), &filed).await?;
    Ok(())
}
