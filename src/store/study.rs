//! Study rounds (one per occurrence of a study schedule), who studied them and when, and the
//! members who asked for the material privately.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RoundRow {
    pub id: i64,
    pub branch_id: i64,
    pub schedule_id: i64,
    pub material: String,
    pub occurrence_at: i64,
}

const COLUMNS: &str = "id, branch_id, schedule_id, material, occurrence_at";

/// The round of one occurrence; `None` when it exists already.
pub async fn insert_round(
    conn: &mut Conn,
    branch_id: i64,
    schedule_id: i64,
    material: &str,
    occurrence_at: i64,
    now: i64,
) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "INSERT INTO study_rounds (branch_id, schedule_id, material, occurrence_at, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (schedule_id, occurrence_at) DO NOTHING RETURNING id",
    )
    .bind(branch_id)
    .bind(schedule_id)
    .bind(material)
    .bind(occurrence_at)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

pub async fn round(conn: &mut Conn, id: i64) -> StoreResult<Option<RoundRow>> {
    let sql = format!("SELECT {COLUMNS} FROM study_rounds WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?)
}

pub async fn latest_round(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<RoundRow>> {
    let sql = format!("SELECT {COLUMNS} FROM study_rounds WHERE branch_id = $1 ORDER BY id DESC LIMIT 1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).fetch_optional(conn).await?)
}

/// The member's latest round since `since` that they have not studied yet.
pub async fn open_round_for(conn: &mut Conn, member_id: i64, since: i64) -> StoreResult<Option<RoundRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM study_rounds r
         WHERE r.branch_id = (SELECT branch_id FROM members WHERE id = $1) AND r.created_at >= $2
           AND NOT EXISTS (SELECT 1 FROM study_records s WHERE s.round_id = r.id AND s.member_id = $1)
         ORDER BY r.id DESC LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(member_id).bind(since).fetch_optional(conn).await?)
}

/// Whether the branch has any study round created since `since` (when none, `open_round_for`
/// need not be asked member by member).
pub async fn any_round_since(conn: &mut Conn, branch_id: i64, since: i64) -> StoreResult<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM study_rounds WHERE branch_id = $1 AND created_at >= $2 LIMIT 1")
            .bind(branch_id)
            .bind(since)
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}

/// Records that the member studied; false when it was recorded already.
pub async fn record(
    conn: &mut Conn,
    round_id: i64,
    member_id: i64,
    now: i64,
    studied_on: &str,
    late: bool,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO study_records (round_id, member_id, studied_at, studied_on, late) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (round_id, member_id) DO NOTHING",
    )
    .bind(round_id)
    .bind(member_id)
    .bind(now)
    .bind(studied_on)
    .bind(i64::from(late))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// (member id, studied on, late) of everyone who studied the round.
pub async fn records(conn: &mut Conn, round_id: i64) -> StoreResult<Vec<(i64, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT member_id, studied_on, late FROM study_records WHERE round_id = $1 ORDER BY studied_at",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await?)
}

pub async fn subscribe(conn: &mut Conn, member_id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO study_subscribers (member_id, since) VALUES ($1, $2) ON CONFLICT (member_id) DO NOTHING",
    )
    .bind(member_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Telegram ids of the branch's bound members who asked for the material privately.
pub async fn subscribers(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.telegram_user_id FROM study_subscribers s JOIN members m ON m.id = s.member_id
         WHERE m.branch_id = $1 AND m.telegram_user_id IS NOT NULL AND m.forgotten_at IS NULL ORDER BY m.id",
    )
    .bind(branch_id)
    .fetch_all(conn)
    .await?)
}

/// The branch's latest `limit` rounds, newest first.
pub async fn recent_rounds(conn: &mut Conn, branch_id: i64, limit: i64) -> StoreResult<Vec<RoundRow>> {
    let sql = format!("SELECT {COLUMNS} FROM study_rounds WHERE branch_id = $1 ORDER BY id DESC LIMIT $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).bind(limit).fetch_all(conn).await?)
}
