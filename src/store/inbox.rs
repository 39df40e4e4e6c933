//! The inbox: every Telegram update is a row before it is acted upon. Rows are keyed by the
//! inbox's own id, in arrival order: Telegram's `update_id` repeats after a week of silence (the
//! next one is then chosen at random), so a repeated delivery is known by its id *and* payload.

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

/// Stores the update unless this very update is already there (a repeated delivery: the same
/// `update_id` with the same payload). Returns whether it was new.
pub async fn insert(conn: &mut Conn, update_id: i64, payload: &str, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO inbox (update_id, payload, state, received_at)
         SELECT $1, $2, 'pending', $3
         WHERE NOT EXISTS (SELECT 1 FROM inbox WHERE update_id = $1 AND payload = $2)",
    )
    .bind(update_id)
    .bind(payload)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `insert` for the updates of one `getUpdates` answer, `(update_id, payload)` in arrival order:
/// those not already stored go in that order, in a few statements. Returns how many were new.
pub async fn insert_many(conn: &mut Conn, updates: &[(i64, String)], now: i64) -> StoreResult<usize> {
    use super::sql_list::{ROWS_PER_STATEMENT, ids_of, json_ids};
    if updates.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = updates.iter().map(|(id, _)| *id).collect();
    let sql = format!("SELECT update_id, payload FROM inbox WHERE update_id IN ({})", ids_of(conn, "$1"));
    let stored: Vec<(i64, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(json_ids(&ids)?).fetch_all(&mut *conn).await?;
    let mut new: Vec<&(i64, String)> = Vec::with_capacity(updates.len());
    for update in updates {
        if !stored.contains(update) && !new.contains(&update) {
            new.push(update);
        }
    }
    for chunk in new.chunks(ROWS_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|r| format!("(${}, ${}, 'pending', ${})", 3 * r + 1, 3 * r + 2, 3 * r + 3))
            .collect();
        let sql =
            format!("INSERT INTO inbox (update_id, payload, state, received_at) VALUES {}", rows.join(", "));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, payload) in chunk {
            query = query.bind(*id).bind(payload.clone()).bind(now);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(new.len())
}

/// A stored update waiting to be handled.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PendingUpdate {
    /// The inbox's own key.
    pub id: i64,
    pub update_id: i64,
    pub payload: String,
}

/// The updates not yet handled, in the order they arrived.
pub async fn pending(conn: &mut Conn, limit: i64) -> StoreResult<Vec<PendingUpdate>> {
    Ok(sqlx::query_as(
        "SELECT id, update_id, payload FROM inbox WHERE state = 'pending' ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Closes a pending update (by its inbox id); false if it was already closed (handled elsewhere).
pub async fn finish(
    conn: &mut Conn,
    id: i64,
    state: InboxState,
    error: Option<&str>,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE inbox SET state = $2, error = $3, handled_at = $4
         WHERE id = $1 AND state = 'pending'",
    )
    .bind(id)
    .bind(state.code())
    .bind(error)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes a batch's handled updates as done; returns how many were still pending (fewer than
/// given means another process handled some meanwhile).
pub async fn finish_done(conn: &mut Conn, ids: &[i64], now: i64) -> StoreResult<u64> {
    let list = super::sql_list::ids_of(conn, "$1");
    let sql = format!(
        "UPDATE inbox SET state = 'done', error = NULL, handled_at = $2
         WHERE state = 'pending' AND id IN ({list})"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(super::sql_list::json_ids(ids)?)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn count_in_state(conn: &mut Conn, state: InboxState) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE state = $1")
        .bind(state.code())
        .fetch_one(conn)
        .await?)
}

/// Replaces `word` in one stored update's payload (as JSON writes it; `id` is its inbox row) with
/// `with`: for what a handler stores elsewhere under stricter rules (a health note awaiting consent).
pub async fn scrub_payload(conn: &mut Conn, id: i64, word: &str, with: &str) -> StoreResult<()> {
    let json = |s: &str| serde_json::to_string(s).map(|q| q[1..q.len() - 1].to_owned());
    let (Ok(word), Ok(with)) = (json(word), json(with)) else { return Ok(()) };
    if word.is_empty() {
        return Ok(());
    }
    sqlx::query("UPDATE inbox SET payload = REPLACE(payload, $2, $3) WHERE id = $1")
        .bind(id)
        .bind(word)
        .bind(with)
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes the text of the message a stored button press quotes (Telegram sends the message the
/// button is under along with the press): for buttons under messages that must leave no copy (a
/// health note's consent request).
pub async fn drop_quoted_text(conn: &mut Conn, id: i64) -> StoreResult<()> {
    let payload: Option<String> = sqlx::query_scalar("SELECT payload FROM inbox WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(mut update) = payload.and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok()) else {
        return Ok(());
    };
    let Some(message) = update.pointer_mut("/callback_query/message").and_then(|m| m.as_object_mut()) else {
        return Ok(());
    };
    for field in ["text", "entities", "reply_markup"] {
        message.remove(field);
    }
    sqlx::query("UPDATE inbox SET payload = $2 WHERE id = $1")
        .bind(id)
        .bind(update.to_string())
        .execute(conn)
        .await?;
    Ok(())
}
