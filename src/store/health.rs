//! Health notes (健康状况): sensitive personal information, kept only with the member's consent.

use super::{Conn, StoreResult};

/// Stores a note awaiting consent, replacing any earlier one (which then needs consent again).
pub async fn request(conn: &mut Conn, member_id: i64, note: &str, by: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO health_notes (member_id, note, requested_by, requested_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (member_id) DO UPDATE SET note = excluded.note, requested_by = excluded.requested_by,
             requested_at = excluded.requested_at, consented_at = NULL, consented_by = NULL",
    )
    .bind(member_id)
    .bind(note)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records consent to the pending note; false if there is no pending note.
pub async fn consent(conn: &mut Conn, member_id: i64, by: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE health_notes SET consented_at = $2, consented_by = $3
         WHERE member_id = $1 AND consented_at IS NULL",
    )
    .bind(member_id)
    .bind(now)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the pending note; false if there is none.
pub async fn drop_pending(conn: &mut Conn, member_id: i64) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM health_notes WHERE member_id = $1 AND consented_at IS NULL")
        .bind(member_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The note, only once consented.
pub async fn consented_note(conn: &mut Conn, member_id: i64) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT note FROM health_notes WHERE member_id = $1 AND consented_at IS NOT NULL")
        .bind(member_id)
        .fetch_optional(conn)
        .await?)
}

/// What the consent request's messages are filed under, so their copy of the note can go.
pub fn request_topic(member_id: i64) -> String {
    format!("health:{member_id}")
}

/// Empties every consent request sent about the member's note (the note's only other copies)
/// and withdraws those not yet sent: once answered or replaced, the row alone holds the note.
/// The latest consent request for the member queued for `chat`, if any: `Some(None)` while it is
/// not sent yet, else `Some(Some(its Telegram message id))`.
pub async fn latest_request_message(
    conn: &mut Conn,
    member_id: i64,
    chat: i64,
) -> StoreResult<Option<Option<i64>>> {
    Ok(sqlx::query_scalar(
        "SELECT message_id FROM outbox WHERE topic = $1 AND chat_id = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(request_topic(member_id))
    .bind(chat)
    .fetch_optional(conn)
    .await?)
}

pub async fn empty_request_messages(conn: &mut Conn, member_id: i64) -> StoreResult<()> {
    super::outbox::empty_topic(conn, &request_topic(member_id), "health note answered or replaced").await
}

/// What the messages showing a member their own note (【我的信息】) are filed under, so their
/// copies go when consent is withdrawn.
pub fn view_topic(member_id: i64) -> String {
    format!("health_view:{member_id}")
}

/// Empties every message that showed the member their own note.
pub async fn empty_view_messages(conn: &mut Conn, member_id: i64) -> StoreResult<()> {
    super::outbox::empty_topic(conn, &view_topic(member_id), "health consent withdrawn").await
}

/// Deletes the member's note, consented or waiting (they withdrew their consent); false if
/// there was none.
pub async fn withdraw(conn: &mut Conn, member_id: i64) -> StoreResult<bool> {
    let done =
        sqlx::query("DELETE FROM health_notes WHERE member_id = $1").bind(member_id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}
