//! 走访慰问 visits to a member, recorded by the branch's administrators. Notes may be
//! health-related (sensitive): read by the secretary only, deleted with the member.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VisitRow {
    pub id: i64,
    pub branch_id: i64,
    pub member_id: i64,
    /// ISO day of the visit.
    pub visited_on: String,
    pub visitor: String,
    pub notes: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: i64,
}

/// A visit to record.
#[derive(Debug, Clone)]
pub struct NewVisit<'a> {
    pub branch_id: i64,
    pub member_id: i64,
    pub visited_on: &'a str,
    pub visitor: &'a str,
    pub notes: Option<&'a str>,
    pub recorded_by: i64,
}

const COLUMNS: &str = "id, branch_id, member_id, visited_on, visitor, notes, recorded_by, recorded_at";

pub async fn add(conn: &mut Conn, v: &NewVisit<'_>, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO care_visits (branch_id, member_id, visited_on, visitor, notes, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(v.branch_id)
    .bind(v.member_id)
    .bind(v.visited_on)
    .bind(v.visitor)
    .bind(v.notes)
    .bind(v.recorded_by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The member's first visit recorded for ISO day `day`, if any.
pub async fn on_day(conn: &mut Conn, member_id: i64, day: &str) -> StoreResult<Option<VisitRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM care_visits WHERE member_id = $1 AND visited_on = $2 ORDER BY id LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(member_id).bind(day).fetch_optional(conn).await?)
}

/// The member's visits, newest first.
pub async fn of_member(conn: &mut Conn, member_id: i64) -> StoreResult<Vec<VisitRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM care_visits WHERE member_id = $1 ORDER BY visited_on DESC, id DESC");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(member_id).fetch_all(conn).await?)
}

/// The branch's visits on ISO days `first..=last`, oldest first.
pub async fn of_branch_between(
    conn: &mut Conn,
    branch_id: i64,
    first: &str,
    last: &str,
) -> StoreResult<Vec<VisitRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM care_visits WHERE branch_id = $1 AND visited_on >= $2 AND visited_on <= $3
         ORDER BY visited_on, id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(branch_id)
        .bind(first)
        .bind(last)
        .fetch_all(conn)
        .await?)
}
