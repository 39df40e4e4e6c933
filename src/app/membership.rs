//! Whom a Telegram user counts for in a branch: their own membership, else the member they are the
//! contact person (联系人) of — a family helper studies, reads or answers on their behalf.

use crate::store::{self, Conn, StoreResult, members::MemberRow};

/// The member a tap or words from `user_id` count for in the branch, if any.
pub async fn member_in_branch(
    conn: &mut Conn,
    user_id: i64,
    branch_id: i64,
) -> StoreResult<Option<MemberRow>> {
    let own = store::members::by_telegram_user(conn, user_id).await?;
    if let Some(member) = own.into_iter().find(|m| m.branch_id == branch_id) {
        return Ok(Some(member));
    }
    Ok(answered_in_branch(conn, user_id, branch_id).await?.into_iter().next())
}

/// The members of the branch `user_id` is the contact person of.
pub async fn answered_in_branch(
    conn: &mut Conn,
    user_id: i64,
    branch_id: i64,
) -> StoreResult<Vec<MemberRow>> {
    let members = answered_members(conn, user_id).await?;
    Ok(members.into_iter().filter(|m| m.branch_id == branch_id).collect())
}

/// The members `user_id` is the contact person of, in every branch, in id order.
pub async fn answered_members(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<MemberRow>> {
    let mut members = Vec::new();
    for id in store::contacts::members_answered_by(conn, user_id).await? {
        members.extend(store::members::get(conn, id).await?);
    }
    Ok(members)
}

/// Whether `user_id` is the member themselves or their contact person.
pub async fn speaks_for(conn: &mut Conn, user_id: i64, member: &MemberRow) -> StoreResult<bool> {
    Ok(member.telegram_user_id == Some(user_id)
        || store::contacts::members_answered_by(conn, user_id).await?.contains(&member.id))
}
