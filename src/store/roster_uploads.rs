//! Rosters sent as documents in chat: waiting to be fetched, previewed, then answered.

use super::{Conn, StoreResult};

/// How long a fetch may be in hand before another worker may take it up (a crash mid-download).
const CLAIM_MS: i64 = 5 * 60 * 1000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Upload {
    pub id: i64,
    pub branch_id: i64,
    pub user_id: i64,
    pub file_id: String,
    pub file_name: String,
    pub state: String,
}

const COLUMNS: &str = "id, branch_id, user_id, file_id, file_name, state";

/// Keeps a roster to fetch; returns its id.
pub async fn add(
    conn: &mut Conn,
    branch_id: i64,
    user_id: i64,
    file_id: &str,
    file_name: &str,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO roster_uploads (branch_id, user_id, file_id, file_name, state, created_at)
         VALUES ($1, $2, $3, $4, 'fetching', $5) RETURNING id",
    )
    .bind(branch_id)
    .bind(user_id)
    .bind(file_id)
    .bind(file_name)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// Takes up the oldest roster waiting to be fetched (or one whose fetch was abandoned).
pub async fn claim_next(conn: &mut Conn, now: i64) -> StoreResult<Option<Upload>> {
    let sql = format!(
        "UPDATE roster_uploads SET claimed_at = $1
         WHERE id = (SELECT id FROM roster_uploads
                     WHERE state = 'fetching' AND (claimed_at IS NULL OR claimed_at < $2)
                     ORDER BY id LIMIT 1)
           AND state = 'fetching' AND (claimed_at IS NULL OR claimed_at < $2)
         RETURNING {COLUMNS}"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now).bind(now - CLAIM_MS).fetch_optional(conn).await?)
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<Upload>> {
    let sql = format!("SELECT {COLUMNS} FROM roster_uploads WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?)
}

/// The file's bytes, while its preview waits for a tap.
pub async fn content(conn: &mut Conn, id: i64) -> StoreResult<Option<Vec<u8>>> {
    let found: Option<Option<Vec<u8>>> =
        sqlx::query_scalar("SELECT content FROM roster_uploads WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(found.flatten())
}

/// Moves an upload from `from` to `to`, keeping `content` (or clearing it with `None`); false
/// when it was not in `from` any more (a second tap, a worker that lost the race).
pub async fn advance(
    conn: &mut Conn,
    id: i64,
    from: &str,
    to: &str,
    content: Option<&[u8]>,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE roster_uploads SET state = $3, content = $4, answered_at = $5 WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(content)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Earlier uploads of the branch still waiting become stale: only the newest roster is imported.
pub async fn make_older_stale(conn: &mut Conn, branch_id: i64, newest: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE roster_uploads SET state = 'stale', content = NULL, answered_at = $3
         WHERE branch_id = $1 AND id < $2 AND state IN ('fetching', 'previewed')",
    )
    .bind(branch_id)
    .bind(newest)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Rosters sent before `before` and never answered are let go, with the names and phones in
/// them (retention, like the bodies of old messages); returns how many.
pub async fn expire_unanswered(conn: &mut Conn, before: i64, now: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE roster_uploads SET state = 'expired', content = NULL, answered_at = $2
         WHERE created_at < $1 AND state IN ('fetching', 'previewed')",
    )
    .bind(before)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
