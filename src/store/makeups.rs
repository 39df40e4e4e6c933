//! Make-up study recorded by the secretary for a member (补学 or 送学上门), after a closed
//! meeting: the day, who visited, the member's views. One per member and meeting.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MakeupRow {
    pub meeting_id: i64,
    pub member_id: i64,
    /// `self` (补学) or `delivered` (送学上门).
    pub way: String,
    /// ISO day it happened.
    pub happened_on: String,
    pub visitor: Option<String>,
    pub views: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: i64,
}

const COLUMNS: &str = "meeting_id, member_id, way, happened_on, visitor, views, recorded_by, recorded_at";

/// Keeps the make-up; false when the member's make-up for the meeting was recorded already.
pub async fn add(conn: &mut Conn, row: &MakeupRow) -> StoreResult<bool> {
    let sql = format!(
        "INSERT INTO makeups ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (meeting_id, member_id) DO NOTHING"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(row.meeting_id)
        .bind(row.member_id)
        .bind(&row.way)
        .bind(&row.happened_on)
        .bind(row.visitor.as_deref())
        .bind(row.views.as_deref())
        .bind(row.recorded_by)
        .bind(row.recorded_at)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn of_meeting(conn: &mut Conn, meeting_id: i64) -> StoreResult<Vec<MakeupRow>> {
    let sql = format!("SELECT {COLUMNS} FROM makeups WHERE meeting_id = $1 ORDER BY member_id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting_id).fetch_all(conn).await?)
}

pub async fn get(conn: &mut Conn, meeting_id: i64, member_id: i64) -> StoreResult<Option<MakeupRow>> {
    let sql = format!("SELECT {COLUMNS} FROM makeups WHERE meeting_id = $1 AND member_id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting_id).bind(member_id).fetch_optional(conn).await?)
}

/// The views heard at the member's make-ups.
pub async fn views_of_member(conn: &mut Conn, member_id: i64) -> StoreResult<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT views FROM makeups WHERE member_id = $1 AND views IS NOT NULL")
        .bind(member_id)
        .fetch_all(conn)
        .await?)
}
