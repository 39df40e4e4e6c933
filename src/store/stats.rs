//! Counts for `/metrics`, read from the tables so they are right whichever instance answers.

use super::{Conn, StoreResult};

/// The queues at one instant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueStats {
    /// Outbox rows by state.
    pub outbox: Vec<(String, i64)>,
    /// When the oldest message that is due and still waiting became due (unix ms).
    pub oldest_due_at: Option<i64>,
    pub inbox_pending: i64,
    pub inbox_failed: i64,
    /// Scheduled jobs by state.
    pub jobs: Vec<(String, i64)>,
    /// Messages refused with 429 in the minute before `now`.
    pub throttled_last_minute: i64,
    /// Messages sent in the minute before `now`.
    pub sent_last_minute: i64,
    /// When zhibu last found it had been away long enough for Telegram to discard updates.
    pub updates_may_have_expired_at: Option<i64>,
}

const MINUTE_MS: i64 = 60_000;

pub async fn queue_stats(conn: &mut Conn, now: i64) -> StoreResult<QueueStats> {
    let outbox = sqlx::query_as("SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY state")
        .fetch_all(&mut *conn)
        .await?;
    let oldest_due_at =
        sqlx::query_scalar("SELECT MIN(not_before) FROM outbox WHERE state = 'pending' AND not_before <= $1")
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
    let inbox_pending = count(conn, "SELECT COUNT(*) FROM inbox WHERE state = 'pending'", None).await?;
    let inbox_failed = count(conn, "SELECT COUNT(*) FROM inbox WHERE state = 'failed'", None).await?;
    let jobs = sqlx::query_as("SELECT state, COUNT(*) FROM scheduled_jobs GROUP BY state ORDER BY state")
        .fetch_all(&mut *conn)
        .await?;
    let since = Some(now - MINUTE_MS);
    let throttled_last_minute =
        count(conn, "SELECT COUNT(*) FROM outbox WHERE throttled_at >= $1", since).await?;
    let sent_last_minute = count(conn, "SELECT COUNT(*) FROM outbox WHERE sent_at >= $1", since).await?;
    let updates_may_have_expired_at =
        super::meta::get_i64(conn, super::meta::UPDATES_MAY_HAVE_EXPIRED_AT).await?;
    Ok(QueueStats {
        outbox,
        oldest_due_at,
        inbox_pending,
        inbox_failed,
        jobs,
        throttled_last_minute,
        sent_last_minute,
        updates_may_have_expired_at,
    })
}

async fn count(conn: &mut Conn, sql: &'static str, since: Option<i64>) -> StoreResult<i64> {
    let query = sqlx::query_scalar(sql);
    let query = match since {
        Some(since) => query.bind(since),
        None => query,
    };
    Ok(query.fetch_one(conn).await?)
}
