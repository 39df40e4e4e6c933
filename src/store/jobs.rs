//! Scheduled jobs: pending work with a time, run once under a unique key.

use super::{Conn, StoreResult};
use crate::domain::job_kind::JobKind;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub ref_id: i64,
    pub run_at: i64,
    pub stale_after: Option<i64>,
    pub payload: String,
}

/// A job to schedule; `dedupe_key` names it, so scheduling it again changes nothing.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub kind: JobKind,
    pub ref_id: i64,
    pub run_at: i64,
    pub stale_after: Option<i64>,
    pub dedupe_key: &'a str,
    pub payload: &'a str,
}

/// Returns the new job's id, or `None` when a job with that key exists already.
pub async fn schedule(conn: &mut Conn, job: &NewJob<'_>, now: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "INSERT INTO scheduled_jobs (kind, ref_id, run_at, stale_after, state, dedupe_key, payload, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
    )
    .bind(job.kind.code())
    .bind(job.ref_id)
    .bind(job.run_at)
    .bind(job.stale_after)
    .bind(job.dedupe_key)
    .bind(job.payload)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Pending jobs due at `now`, oldest first.
pub async fn due(conn: &mut Conn, now: i64, limit: i64) -> StoreResult<Vec<JobRow>> {
    Ok(sqlx::query_as(
        "SELECT id, kind, ref_id, run_at, stale_after, payload FROM scheduled_jobs
         WHERE state = 'pending' AND run_at <= $1 ORDER BY run_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

pub async fn next_run_at(conn: &mut Conn) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT MIN(run_at) FROM scheduled_jobs WHERE state = 'pending'")
        .fetch_one(conn)
        .await?)
}

/// pending → `state`; false if the job was no longer pending (another instance ran it).
pub async fn finish(
    conn: &mut Conn,
    id: i64,
    state: &str,
    error: Option<&str>,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE scheduled_jobs SET state = $2, error = $3, finished_at = $4 WHERE id = $1 AND state = 'pending'",
    )
    .bind(id)
    .bind(state)
    .bind(error)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Cancels the pending jobs of a kind about one thing (a cancelled meeting's reminders).
pub async fn cancel(conn: &mut Conn, kind_prefix: &str, ref_id: i64, now: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE scheduled_jobs SET state = 'cancelled', finished_at = $3
         WHERE state = 'pending' AND ref_id = $2 AND kind LIKE $1",
    )
    .bind(format!("{kind_prefix}%"))
    .bind(ref_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
