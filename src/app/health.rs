//! Health notes: asked for by the secretary, kept only once the member (or contact) consents,
//! shown only to the secretary and the member's contact persons, never in a group.

use crate::store::{self, Conn, StoreResult, audit::Actor, members::MemberRow};

/// Who is asked for consent: the member and their contact persons (bound ones).
pub async fn consent_askees(conn: &mut Conn, member: &MemberRow) -> StoreResult<Vec<i64>> {
    let mut ids: Vec<i64> = member.telegram_user_id.into_iter().collect();
    for contact in store::contacts::of_member(conn, member.id).await? {
        if !ids.contains(&contact) {
            ids.push(contact);
        }
    }
    Ok(ids)
}

/// Stores the note as pending consent; returns who must be asked (empty: nobody can consent, so
/// nothing is stored).
pub async fn request(
    conn: &mut Conn,
    actor: i64,
    member: &MemberRow,
    note: &str,
    now: i64,
) -> StoreResult<Vec<i64>> {
    let askees = consent_askees(conn, member).await?;
    if askees.is_empty() {
        return Ok(askees);
    }
    store::health::request(conn, member.id, note, actor, now).await?;
    store::audit::record(
        conn,
        Some(member.branch_id),
        Actor::Telegram(actor),
        "health.request",
        &member.name,
        now,
    )
    .await?;
    Ok(askees)
}

pub enum ConsentOutcome {
    Recorded {
        member: Box<MemberRow>,
        consented: bool,
        notify: Vec<i64>,
    },
    /// Already answered, withdrawn, or the user may not answer for this member.
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
    if !consent_askees(conn, &member).await?.contains(&user_id) {
        return Ok(ConsentOutcome::Gone);
    }
    let changed = if consented {
        store::health::consent(conn, member_id, user_id, now).await?
    } else {
        store::health::drop_pending(conn, member_id).await?
    };
    if !changed {
        return Ok(ConsentOutcome::Gone);
    }
    let action = if consented { "health.consent" } else { "health.refuse" };
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
