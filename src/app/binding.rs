//! Binding people and groups to branches: codes, shared phone numbers, `/bind`, group upgrades.

use crate::domain::audit_action::AuditAction;
use crate::domain::roster::ChinaMobile;
use crate::domain::{BindingPurpose, Role};
use crate::store::{self, Conn, StoreResult, audit::Actor, members::MemberRow};

pub enum RedeemOutcome {
    /// The code's branch has a new secretary; `replaced` are former secretaries, now 支委;
    /// `find_yourself` when the roster is there but the secretary is not tied to a row of it;
    /// `several` when they now administer more than one branch (`/branch` chooses).
    Secretary {
        branch_name: String,
        replaced: Vec<i64>,
        find_yourself: bool,
        several: bool,
    },
    Member {
        member: MemberRow,
        branch_name: String,
    },
    Contact {
        member: MemberRow,
        notify: Vec<i64>,
    },
    Invalid,
}

/// Redeems a one-time code from `/start <code>`.
pub async fn redeem_code(
    conn: &mut Conn,
    code: &str,
    user_id: i64,
    display_name: &str,
    now: i64,
) -> StoreResult<RedeemOutcome> {
    let Some(found) = store::codes::find(conn, code).await? else { return Ok(RedeemOutcome::Invalid) };
    if found.used_by.is_some() || !store::codes::consume(conn, code, user_id, now).await? {
        return Ok(RedeemOutcome::Invalid);
    }
    let Some(branch) = store::branches::get(conn, found.branch_id).await? else {
        return Ok(RedeemOutcome::Invalid);
    };
    let member = match found.member_id {
        Some(id) => store::members::get(conn, id).await?.filter(|m| m.forgotten_at.is_none()),
        None => None,
    };
    let actor = Actor::Telegram(user_id);
    let outcome = match (found.purpose, member) {
        (BindingPurpose::Secretary, _) => {
            let replaced = replace_secretaries(conn, branch.id, user_id, now).await?;
            // A 支委 who becomes secretary holds one role, as after a handover.
            store::roles::revoke(conn, branch.id, user_id, Role::Committee).await?;
            store::roles::grant(conn, branch.id, user_id, Role::Secretary, None, now).await?;
            store::audit::record(conn, Some(branch.id), actor, AuditAction::BindSecretary, display_name, now)
                .await?;
            let roster = store::members::list(conn, branch.id).await?;
            let find_yourself =
                !roster.is_empty() && !roster.iter().any(|m| m.telegram_user_id == Some(user_id));
            let several = store::roles::branches_of(conn, user_id).await?.len() > 1;
            RedeemOutcome::Secretary { branch_name: branch.name, replaced, find_yourself, several }
        }
        (BindingPurpose::Member, Some(member)) => {
            store::members::bind_telegram(conn, member.id, user_id, now).await?;
            store::audit::record(
                conn,
                Some(branch.id),
                actor,
                AuditAction::BindMemberLink,
                &member.name,
                now,
            )
            .await?;
            RedeemOutcome::Member { member, branch_name: branch.name }
        }
        (BindingPurpose::Contact, Some(member)) => {
            store::contacts::bind(conn, member.id, user_id, display_name, now).await?;
            let detail = format!("{display_name} -> {}", member.name);
            store::audit::record(conn, Some(branch.id), actor, AuditAction::BindContact, &detail, now)
                .await?;
            let notify = admin_ids(conn, branch.id).await?;
            RedeemOutcome::Contact { member, notify }
        }
        (_, None) => RedeemOutcome::Invalid,
    };
    Ok(outcome)
}

/// A fresh secretary code (`zhibu branch code`, for when nobody can hand over) makes one
/// secretary, not two: whoever held the role keeps a 支委's powers, and is told.
async fn replace_secretaries(conn: &mut Conn, branch_id: i64, new: i64, now: i64) -> StoreResult<Vec<i64>> {
    let mut replaced = Vec::new();
    for (user, role) in store::roles::admins(conn, branch_id).await? {
        if role == Role::Secretary && user != new {
            store::roles::revoke(conn, branch_id, user, Role::Secretary).await?;
            store::roles::grant(conn, branch_id, user, Role::Committee, Some(new), now).await?;
            replaced.push(user);
        }
    }
    Ok(replaced)
}

pub enum PhoneOutcome {
    Bound {
        member: Box<MemberRow>,
        branch_name: String,
    },
    /// Not in any roster: the secretaries to tell (of branches where the user has been seen,
    /// or of the only branch there is).
    Unknown {
        masked: String,
        tail: String,
        notify: Vec<i64>,
    },
    TakenByAnother,
    Invalid,
}

/// Binds the user to the roster member(s) with the phone number they shared.
pub async fn bind_by_phone(
    conn: &mut Conn,
    user_id: i64,
    raw_phone: &str,
    now: i64,
) -> StoreResult<PhoneOutcome> {
    let Some(phone) = ChinaMobile::parse(raw_phone) else { return Ok(PhoneOutcome::Invalid) };
    let phone = phone.as_str();
    let members = store::members::all_by_phone(conn, phone).await?;
    if members.is_empty() {
        let notify = secretaries_to_tell(conn, user_id).await?;
        return Ok(PhoneOutcome::Unknown { masked: mask_phone(phone), tail: phone[7..].to_owned(), notify });
    }
    if members.iter().any(|m| m.telegram_user_id.is_some_and(|u| u != user_id)) {
        return Ok(PhoneOutcome::TakenByAnother);
    }
    for member in &members {
        store::members::bind_telegram(conn, member.id, user_id, now).await?;
        store::audit::record(
            conn,
            Some(member.branch_id),
            Actor::Telegram(user_id),
            AuditAction::BindMemberPhone,
            &member.name,
            now,
        )
        .await?;
    }
    let member = members.into_iter().next().expect("not empty");
    let branch_name = branch_name(conn, member.branch_id).await?;
    Ok(PhoneOutcome::Bound { member: Box::new(member), branch_name })
}

async fn secretaries_to_tell(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    let mut branches = store::chats::branches_seen_in(conn, user_id).await?;
    if branches.is_empty() {
        let all = store::branches::list(conn).await?;
        if all.len() == 1 {
            branches.push(all[0].id);
        }
    }
    let mut ids = Vec::new();
    for branch in branches {
        for (admin, role) in store::roles::admins(conn, branch).await? {
            if role == Role::Secretary && !ids.contains(&admin) {
                ids.push(admin);
            }
        }
    }
    Ok(ids)
}

/// Telegram ids of all administrators of the branch.
pub async fn admin_ids(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<i64>> {
    let mut ids: Vec<i64> =
        store::roles::admins(conn, branch_id).await?.into_iter().map(|(u, _)| u).collect();
    ids.dedup();
    Ok(ids)
}

pub fn mask_phone(phone: &str) -> String {
    if phone.len() == 11 { format!("{}****{}", &phone[..3], &phone[7..]) } else { "***".to_owned() }
}

async fn branch_name(conn: &mut Conn, branch_id: i64) -> StoreResult<String> {
    Ok(store::branches::get(conn, branch_id).await?.map(|b| b.name).unwrap_or_default())
}

pub enum GroupBindOutcome {
    Bound {
        branch_name: String,
    },
    NotSecretary,
    WhichBranch,
    /// The group belongs to another branch: only that branch's secretary can release it.
    TakenByAnother {
        owner_name: String,
    },
}

/// `/bind` in a group: only a secretary of the branch binds it. `branch_hint` picks the branch
/// when the user is secretary of several.
pub async fn bind_group(
    conn: &mut Conn,
    user_id: i64,
    chat_id: i64,
    branch_hint: Option<i64>,
    now: i64,
) -> StoreResult<GroupBindOutcome> {
    let secretary_of: Vec<i64> = store::roles::of_user(conn, user_id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == Role::Secretary)
        .map(|(branch, _)| branch)
        .collect();
    let branch_id = match (branch_hint, secretary_of.as_slice()) {
        (_, []) => return Ok(GroupBindOutcome::NotSecretary),
        (Some(hint), list) if list.contains(&hint) => hint,
        (Some(_), _) => return Ok(GroupBindOutcome::NotSecretary),
        (None, [only]) => *only,
        (None, _) => return Ok(GroupBindOutcome::WhichBranch),
    };
    if let Some(owner) = store::branches::by_group_chat(conn, chat_id).await?
        && owner.id != branch_id
    {
        return Ok(GroupBindOutcome::TakenByAnother { owner_name: owner.name });
    }
    store::branches::bind_group(conn, branch_id, chat_id).await?;
    store::chats::mark_reachable(conn, chat_id).await?;
    store::audit::record(
        conn,
        Some(branch_id),
        Actor::Telegram(user_id),
        AuditAction::BindGroup,
        &chat_id.to_string(),
        now,
    )
    .await?;
    Ok(GroupBindOutcome::Bound { branch_name: branch_name(conn, branch_id).await? })
}

pub enum GroupUnbindOutcome {
    Released {
        branch_name: String,
    },
    /// Only a secretary of the branch the group belongs to may release it.
    NotSecretary,
    NotBound,
}

/// `/unbind` in a group: a secretary of the group's branch releases it, so another branch's
/// secretary can bind it.
pub async fn unbind_group(
    conn: &mut Conn,
    user_id: i64,
    chat_id: i64,
    now: i64,
) -> StoreResult<GroupUnbindOutcome> {
    let Some(owner) = store::branches::by_group_chat(conn, chat_id).await? else {
        return Ok(GroupUnbindOutcome::NotBound);
    };
    let roles = store::roles::of_user(conn, user_id).await?;
    if !roles.contains(&(owner.id, Role::Secretary)) {
        return Ok(GroupUnbindOutcome::NotSecretary);
    }
    store::branches::unbind_group(conn, owner.id).await?;
    let actor = Actor::Telegram(user_id);
    store::audit::record(conn, Some(owner.id), actor, AuditAction::UnbindGroup, &chat_id.to_string(), now)
        .await?;
    Ok(GroupUnbindOutcome::Released { branch_name: owner.name })
}

/// Telegram upgraded a group to a supergroup: everything bound to the old id follows.
/// Returns the branch's name when the group was bound.
pub async fn follow_group_upgrade(
    conn: &mut Conn,
    from: i64,
    to: i64,
    now: i64,
) -> StoreResult<Option<String>> {
    store::chats::record_move(conn, from, to).await?;
    store::outbox::move_chat(conn, from, to).await?;
    if !store::branches::move_group(conn, from, to).await? {
        return Ok(None);
    }
    let Some(branch) = store::branches::by_group_chat(conn, to).await? else { return Ok(None) };
    let detail = format!("{from} -> {to}");
    store::audit::record(conn, Some(branch.id), Actor::System, AuditAction::GroupMigrated, &detail, now)
        .await?;
    Ok(Some(branch.name))
}
