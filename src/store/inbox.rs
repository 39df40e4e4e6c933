//! The inbox: every Telegram update is a row (keyed by `update_id`) before it is acted upon.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxState {
    Pending,
    Done,
    Failed,
}

impl InboxState {
    fn code(self) -> &'static str {
        match self {
            InboxState::Pending => "pending",
            InboxState::Done => "done",
            InboxState::Failed => "failed",
        }
    }
}

/// Stores the update unless it is already there. Returns whether it was new.
pub async fn insert(conn: &mut Conn, update_id: i64, payload: &str, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO inbox (update_id, payload, state, received_at) VALUES ($1, $2, 'pending', $3)
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(payload)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The oldest updates not yet handled.
pub async fn pending(conn: &mut Conn, limit: i64) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT update_id, payload FROM inbox WHERE state = 'pending' ORDER BY update_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Closes a pending update; false if it was already closed (handled elsewhere).
pub async fn finish(
    conn: &mut Conn,
    update_id: i64,
    state: InboxState,
    error: Option<&str>,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE inbox SET state = $2, error = $3, handled_at = $4
         WHERE update_id = $1 AND state = 'pending'",
    )
    .bind(update_id)
    .bind(state.code())
    .bind(error)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The highest update id ever stored, so polling resumes after it.
pub async fn max_update_id(conn: &mut Conn) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT MAX(update_id) FROM inbox").fetch_one(conn).await?)
}

pub async fn count_in_state(conn: &mut Conn, state: InboxState) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE state = $1")
        .bind(state.code())
        .fetch_one(conn)
        .await?)
}

/// Replaces `word` in one stored update's payload (as JSON writes it) with `with`: for what a
/// handler stores elsewhere under stricter rules (a health note awaiting consent).
pub async fn scrub_payload(conn: &mut Conn, update_id: i64, word: &str, with: &str) -> StoreResult<()> {
    let json = |s: &str| serde_json::to_string(s).map(|q| q[1..q.len() - 1].to_owned());
    let (Ok(word), Ok(with)) = (json(word), json(with)) else { return Ok(()) };
    if word.is_empty() {
        return Ok(());
    }
    sqlx::query("UPDATE inbox SET payload = REPLACE(payload, $2, $3) WHERE update_id = $1")
        .bind(update_id)
        .bind(word)
        .bind(with)
        .execute(conn)
        .await?;
    Ok(())
}
