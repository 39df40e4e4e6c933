//! Leases: a named role one instance holds for a while and must keep renewing.

use super::{Conn, StoreResult};

/// Takes or renews the lease until `expires_at`; true when `holder` has it.
pub async fn acquire(
    conn: &mut Conn,
    name: &str,
    holder: &str,
    now: i64,
    expires_at: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at < $4",
    )
    .bind(name)
    .bind(holder)
    .bind(expires_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the lease up at once (a clean stop), so another instance takes over without waiting.
pub async fn release(conn: &mut Conn, name: &str, holder: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
        .bind(name)
        .bind(holder)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn holder(conn: &mut Conn, name: &str) -> StoreResult<Option<(String, i64)>> {
    Ok(sqlx::query_as("SELECT holder, expires_at FROM leases WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await?)
}
