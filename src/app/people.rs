//! Who a Telegram user is to zhibu — a member, a contact person (联系人) answering for members, an
//! administrator, or a stranger — and the small facts kept about their private chat: whether it
//! is reachable, whether a stranger has had their one greeting, who was seen in a group.

use crate::app::binding::admin_ids;
use crate::app::context::Ctx;
use crate::store::chats::SeenInGroup;
use crate::store::{self, Conn, StoreResult, branches::BranchRow, members::MemberRow};

/// What a user is to zhibu, across branches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their own memberships (usually one).
    pub members: Vec<MemberRow>,
    /// The members they are the contact person of.
    pub answers_for: Vec<i64>,
    /// Secretary or committee of some branch.
    pub is_admin: bool,
}

impl Person {
    pub fn is_member(&self) -> bool {
        !self.members.is_empty()
    }

    /// Neither a member, nor a contact person, nor an administrator.
    pub fn is_stranger(&self) -> bool {
        self.members.is_empty() && self.answers_for.is_empty() && !self.is_admin
    }
}

pub async fn who_is(conn: &mut Conn, user_id: i64) -> StoreResult<Person> {
    Ok(Person {
        members: store::members::by_telegram_user(conn, user_id).await?,
        answers_for: store::contacts::members_answered_by(conn, user_id).await?,
        is_admin: !store::roles::of_user(conn, user_id).await?.is_empty(),
    })
}

/// Whether the user is on some branch's roster (one query, where that is all that is asked).
pub async fn is_member(conn: &mut Conn, user_id: i64) -> StoreResult<bool> {
    Ok(!store::members::by_telegram_user(conn, user_id).await?.is_empty())
}

/// Whether the user is a secretary or committee member of some branch.
pub async fn is_admin(conn: &mut Conn, user_id: i64) -> StoreResult<bool> {
    Ok(!store::roles::of_user(conn, user_id).await?.is_empty())
}

/// The branches the user administers.
pub async fn administered_branches(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    store::roles::branches_of(conn, user_id).await
}

/// The user wrote to the bot (or shared a contact): their private chat reaches them.
pub async fn reachable(conn: &mut Conn, chat_id: i64) -> StoreResult<()> {
    store::chats::mark_reachable(conn, chat_id).await
}

pub async fn is_unreachable(conn: &mut Conn, chat_id: i64) -> StoreResult<bool> {
    store::chats::is_unreachable(conn, chat_id).await
}

/// True the first time only: a stranger gets one greeting, not one per message.
pub async fn first_greeting(conn: &mut Conn, user_id: i64, now: i64) -> StoreResult<bool> {
    store::chats::greet_once(conn, user_id, now).await
}

/// The branch whose group this chat is, if any.
pub async fn group_branch(conn: &mut Conn, chat_id: i64) -> StoreResult<Option<BranchRow>> {
    store::branches::by_group_chat(conn, chat_id).await
}

/// Someone wrote in a branch's group: remembered, to route their binding questions (with the
/// rest of the batch's writes, when there is one).
pub async fn seen_in_group(ctx: &mut Ctx<'_>, branch_id: i64, user_id: i64, name: &str) -> StoreResult<()> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => {
            let seen = SeenInGroup { branch_id, user_id, display_name: name.to_owned(), at: ctx.now };
            batch.deferred.seen(seen);
            Ok(())
        }
        None => store::chats::record_seen(ctx.tx, branch_id, user_id, name, ctx.now).await,
    }
}

/// The bot was added to or removed from a chat, or blocked or unblocked in private. When a
/// branch's group removed it, returns the branch's name and its administrators, to be told.
pub async fn bot_membership(
    conn: &mut Conn,
    chat_id: i64,
    private: bool,
    present: bool,
    now: i64,
) -> StoreResult<Option<(String, Vec<i64>)>> {
    if present {
        store::chats::mark_reachable(conn, chat_id).await?;
        return Ok(None);
    }
    let why = if private { "blocked by the user" } else { "removed from the group" };
    store::chats::mark_unreachable(conn, chat_id, why, now).await?;
    if private {
        return Ok(None);
    }
    let Some(branch) = store::branches::by_group_chat(conn, chat_id).await? else { return Ok(None) };
    let admins = admin_ids(conn, branch.id).await?;
    Ok(Some((branch.name, admins)))
}

/// The user's name on the branch's roster (as a member), if they are on it.
pub async fn name_in_branch(conn: &mut Conn, user_id: i64, branch_id: i64) -> StoreResult<Option<String>> {
    let rows = store::members::by_telegram_user(conn, user_id).await?;
    Ok(rows.into_iter().find(|m| m.branch_id == branch_id).map(|m| m.name))
}

/// Whether the user is the branch's secretary (not only a committee member).
pub async fn is_secretary_of(conn: &mut Conn, user_id: i64, branch_id: i64) -> StoreResult<bool> {
    let roles = store::roles::of_user(conn, user_id).await?;
    Ok(roles.contains(&(branch_id, crate::domain::Role::Secretary)))
}

/// A roster row by its id.
pub async fn member(conn: &mut Conn, member_id: i64) -> StoreResult<Option<MemberRow>> {
    store::members::get(conn, member_id).await
}
