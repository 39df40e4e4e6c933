//! Briefings (情况通报) as issued, who acknowledged them, and what became of their deliveries.

use super::{Conn, StoreResult};
use crate::domain::job_kind::JobKind;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BriefingRow {
    pub id: i64,
    pub branch_id: i64,
    pub body: String,
    pub urgent: i64,
    pub remind_after_hours: i64,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, branch_id, body, urgent, remind_after_hours, sent_at";

pub async fn insert(
    conn: &mut Conn,
    branch_id: i64,
    body: &str,
    schedule_id: Option<i64>,
    remind_after_hours: i64,
    created_by: Option<i64>,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO briefings (branch_id, body, schedule_id, urgent, remind_after_hours, created_by, created_at)
         VALUES ($1, $2, $3, 0, $4, $5, $6) RETURNING id",
    )
    .bind(branch_id)
    .bind(body)
    .bind(schedule_id)
    .bind(remind_after_hours)
    .bind(created_by)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<BriefingRow>> {
    let sql = format!("SELECT {COLUMNS} FROM briefings WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?)
}

/// The branch's latest briefing that went out.
pub async fn latest_sent(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<BriefingRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM briefings WHERE branch_id = $1 AND sent_at IS NOT NULL ORDER BY id DESC LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).fetch_optional(conn).await?)
}

/// Marks it urgent: it goes even in quiet hours and on days off.
pub async fn mark_urgent(conn: &mut Conn, id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE briefings SET urgent = 1 WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// Marks it sent once; false when it had been sent already.
pub async fn mark_sent(conn: &mut Conn, id: i64, at: i64) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE briefings SET sent_at = $2 WHERE id = $1 AND sent_at IS NULL")
        .bind(id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The member's latest briefing sent between `since` and `now` they have not acknowledged (one
/// whose sending waits for the end of quiet hours is not open yet).
pub async fn open_for(
    conn: &mut Conn,
    member_id: i64,
    since: i64,
    now: i64,
) -> StoreResult<Option<BriefingRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM briefings b
         WHERE b.branch_id = (SELECT branch_id FROM members WHERE id = $1) AND b.sent_at >= $2 AND b.sent_at <= $3
           AND NOT EXISTS (SELECT 1 FROM briefing_acks a WHERE a.briefing_id = b.id AND a.member_id = $1)
         ORDER BY b.id DESC LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(member_id)
        .bind(since)
        .bind(now)
        .fetch_optional(conn)
        .await?)
}

/// Whether the branch sent any briefing between `since` and `now` (when none, no member of it
/// has one open: `open_for` need not be asked member by member).
pub async fn any_sent_between(conn: &mut Conn, branch_id: i64, since: i64, now: i64) -> StoreResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM briefings WHERE branch_id = $1 AND sent_at >= $2 AND sent_at <= $3 LIMIT 1",
    )
    .bind(branch_id)
    .bind(since)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// Records an acknowledgement; false when it was recorded already.
pub async fn acknowledge(conn: &mut Conn, briefing_id: i64, member_id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO briefing_acks (briefing_id, member_id, at) VALUES ($1, $2, $3)
         ON CONFLICT (briefing_id, member_id) DO NOTHING",
    )
    .bind(briefing_id)
    .bind(member_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn acknowledged(conn: &mut Conn, briefing_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT member_id FROM briefing_acks WHERE briefing_id = $1 ORDER BY at")
        .bind(briefing_id)
        .fetch_all(conn)
        .await?)
}

/// What became of one message about a topic: its chat, outbox state and error.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeliveryRow {
    pub chat_id: i64,
    pub state: String,
    pub error: Option<String>,
}

/// The outbox rows about `topic` (`briefing:{id}`), oldest first.
pub async fn deliveries(conn: &mut Conn, topic: &str) -> StoreResult<Vec<DeliveryRow>> {
    Ok(sqlx::query_as("SELECT chat_id, state, error FROM outbox WHERE topic = $1 ORDER BY id")
        .bind(topic)
        .fetch_all(conn)
        .await?)
}

/// A briefing timed to go once, not sent yet.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimedBriefing {
    pub id: i64,
    pub body: String,
    /// When its send job is due (unix ms).
    pub run_at: i64,
}

/// The branch's briefings waiting for their one timed send, soonest first.
pub async fn timed(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<TimedBriefing>> {
    Ok(sqlx::query_as(
        "SELECT b.id, b.body, j.run_at FROM briefings b
         JOIN scheduled_jobs j ON j.ref_id = b.id AND j.kind = $2 AND j.state = 'pending'
         WHERE b.branch_id = $1 AND b.sent_at IS NULL
         ORDER BY j.run_at, b.id",
    )
    .bind(branch_id)
    .bind(JobKind::BriefingSend.code())
    .fetch_all(conn)
    .await?)
}
