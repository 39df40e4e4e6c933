//! Whether a message went out to a chat: a button may only be answered where its message was
//! delivered (a forged tap names things that never reached the chat it came from).

use super::{Conn, StoreResult};

/// Outbox states of a message that left (or may have left) for Telegram.
const LEFT: &str = "state IN ('sending', 'sent', 'unknown')";

/// A message about `topic` or `or_topic` went out to `chat_id`.
pub async fn about(conn: &mut Conn, chat_id: i64, topic: &str, or_topic: &str) -> StoreResult<bool> {
    let sql =
        format!("SELECT COUNT(*) FROM outbox WHERE chat_id = $1 AND (topic = $2 OR topic = $3) AND {LEFT}");
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(chat_id)
        .bind(topic)
        .bind(or_topic)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The message queued with `dedupe_key` went out.
pub async fn with_key(conn: &mut Conn, dedupe_key: &str) -> StoreResult<bool> {
    let sql = format!("SELECT COUNT(*) FROM outbox WHERE dedupe_key = $1 AND {LEFT}");
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(dedupe_key).fetch_one(conn).await?;
    Ok(n > 0)
}
