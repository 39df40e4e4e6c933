//! Secretaries' administration: who administers which branch, granting powers, personal links.

use super::MemberLookup;
use crate::domain::audit_action::AuditAction;
use crate::domain::{BindingPurpose, Role};
use crate::store::{self, Conn, StoreResult, audit::Actor, members::MemberRow};

/// The branch a user administers and with which role (the first, if several).
pub async fn administered_branch(conn: &mut Conn, user_id: i64) -> StoreResult<Option<(i64, Role)>> {
    let roles = store::roles::of_user(conn, user_id).await?;
    let chosen = store::roles::chosen_branch(conn, user_id).await?;
    let in_chosen =
        roles.iter().copied().filter(|(branch, _)| Some(*branch) == chosen).min_by_key(|(_, r)| *r);
    Ok(in_chosen.or_else(|| roles.into_iter().min_by_key(|(branch, role)| (*branch, *role))))
}

/// The branches a person administers, by name, and the one their commands now apply to.
#[derive(Debug)]
pub struct BranchChoice {
    pub current: Option<(i64, String)>,
    pub others: Vec<(i64, String)>,
}

pub async fn branch_choice(conn: &mut Conn, user_id: i64) -> StoreResult<BranchChoice> {
    let current = administered_branch(conn, user_id).await?.map(|(branch, _)| branch);
    let branches = super::people::administered_branches(conn, user_id).await?;
    let mut choice = BranchChoice { current: None, others: Vec::new() };
    for id in branches {
        let name = store::branches::get(conn, id).await?.map(|b| b.name).unwrap_or_default();
        if Some(id) == current {
            choice.current = Some((id, name));
        } else {
            choice.others.push((id, name));
        }
    }
    Ok(choice)
}

/// `/branch`'s button: from now on, `user_id`'s commands apply to `branch_id` (which they
/// administer: the tap was authorised). Returns the branch's name.
pub async fn choose_branch(conn: &mut Conn, user_id: i64, branch_id: i64, now: i64) -> StoreResult<String> {
    store::roles::choose_branch(conn, user_id, branch_id, now).await?;
    Ok(store::branches::get(conn, branch_id).await?.map(|b| b.name).unwrap_or_default())
}

pub async fn is_admin_of(conn: &mut Conn, user_id: i64, branch_id: i64) -> StoreResult<bool> {
    let roles = store::roles::of_user(conn, user_id).await?;
    Ok(roles.iter().any(|(b, _)| *b == branch_id))
}

/// Finds a member by what a secretary typed: a name, optionally followed by a phone tail or a
/// birth year ("王建国 8013", "王建国 1941").
pub async fn find_member(conn: &mut Conn, branch_id: i64, query: &str) -> StoreResult<MemberLookup> {
    let mut words = query.split_whitespace();
    let Some(name) = words.next() else { return Ok(MemberLookup::NotFound) };
    let hint = words.next();
    let candidates = store::members::by_name(conn, branch_id, name).await?;
    let matching: Vec<MemberRow> = match hint {
        Some(hint) => candidates.into_iter().filter(|m| matches_hint(m, hint)).collect(),
        None => candidates,
    };
    Ok(match matching.len() {
        0 => MemberLookup::NotFound,
        1 => MemberLookup::Found(Box::new(matching.into_iter().next().expect("one"))),
        _ => MemberLookup::Ambiguous(matching.iter().map(disambiguation_hint).collect()),
    })
}

fn matches_hint(member: &MemberRow, hint: &str) -> bool {
    let phone_tail = member.phone.as_deref().is_some_and(|p| p.ends_with(hint));
    let birth_year = member.birth_date.as_deref().is_some_and(|d| d.starts_with(hint));
    phone_tail || birth_year
}

fn disambiguation_hint(member: &MemberRow) -> String {
    match (&member.phone, &member.birth_date) {
        (Some(phone), _) => format!("{} {}", member.name, &phone[phone.len().saturating_sub(4)..]),
        (None, Some(birth)) => format!("{} {}", member.name, &birth[..4.min(birth.len())]),
        (None, None) => member.name.clone(),
    }
}

/// A one-time code that binds whoever opens it as the member, or as the member's contact person.
pub async fn personal_code(
    conn: &mut Conn,
    actor: i64,
    member: &MemberRow,
    purpose: BindingPurpose,
    now: i64,
) -> StoreResult<String> {
    let code = super::branches::issue_code(conn, member.branch_id, purpose, Some(member.id), now).await?;
    let action = match purpose {
        BindingPurpose::Secretary => AuditAction::CodeSecretary,
        BindingPurpose::Member => AuditAction::CodeMember,
        BindingPurpose::Contact => AuditAction::CodeContact,
    };
    store::audit::record(conn, Some(member.branch_id), Actor::Telegram(actor), action, &member.name, now)
        .await?;
    Ok(code)
}

pub enum GrantOutcome {
    Granted { user_id: i64 },
    NotBound,
}

pub async fn grant_committee(
    conn: &mut Conn,
    actor: i64,
    member: &MemberRow,
    now: i64,
) -> StoreResult<GrantOutcome> {
    let Some(user_id) = member.telegram_user_id else { return Ok(GrantOutcome::NotBound) };
    store::roles::grant(conn, member.branch_id, user_id, Role::Committee, Some(actor), now).await?;
    store::audit::record(
        conn,
        Some(member.branch_id),
        Actor::Telegram(actor),
        AuditAction::RoleGrant,
        &member.name,
        now,
    )
    .await?;
    Ok(GrantOutcome::Granted { user_id })
}

/// Takes the committee powers back; false when the member had none.
pub async fn revoke_committee(
    conn: &mut Conn,
    actor: i64,
    member: &MemberRow,
    now: i64,
) -> StoreResult<bool> {
    let Some(user_id) = member.telegram_user_id else { return Ok(false) };
    let revoked = store::roles::revoke(conn, member.branch_id, user_id, Role::Committee).await?;
    if revoked {
        store::audit::record(
            conn,
            Some(member.branch_id),
            Actor::Telegram(actor),
            AuditAction::RoleRevoke,
            &member.name,
            now,
        )
        .await?;
    }
    Ok(revoked)
}
