//! Messages members left for their secretary through the bot (【给书记留言】), and the replies
//! the secretary sent back.

use super::{Conn, StoreResult};

/// One message and, once answered, its reply.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub branch_id: i64,
    pub member_id: i64,
    /// The Telegram user who wrote it (the member, or their contact person).
    pub from_user: i64,
    pub body: String,
    pub written_at: i64,
    pub reply: Option<String>,
}

/// Keeps a message for the branch's secretary; returns its id.
pub async fn insert(
    conn: &mut Conn,
    branch_id: i64,
    member_id: i64,
    from_user: i64,
    body: &str,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO member_notes (branch_id, member_id, from_user, body, written_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(branch_id)
    .bind(member_id)
    .bind(from_user)
    .bind(body)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<NoteRow>> {
    Ok(sqlx::query_as(
        "SELECT id, branch_id, member_id, from_user, body, written_at, reply FROM member_notes WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Keeps the secretary's reply on the message (a later reply replaces an earlier one).
pub async fn set_reply(conn: &mut Conn, id: i64, reply: &str, by: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE member_notes SET reply = $2, replied_by = $3, replied_at = $4 WHERE id = $1")
        .bind(id)
        .bind(reply)
        .bind(by)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// What the messages carrying a member's notes and the replies to them are filed under.
pub fn topic(member_id: i64) -> String {
    format!("member_note:{member_id}")
}

/// Empties every message that carried the member's notes or the replies to them (erasure):
/// those still waiting are withdrawn.
pub async fn empty_messages_about(conn: &mut Conn, member_id: i64) -> StoreResult<()> {
    super::outbox::empty_topic(conn, &topic(member_id), "member forgotten").await
}
