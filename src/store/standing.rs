//! Members' standing over time (joining the branch, status changes with their day), the branch's
//! own committee (支委, as the branch names it, not bot powers) and the record grace period.

use chrono::NaiveDate;

use super::{Conn, StoreResult};
use crate::domain::member_standing::{Standing, Status};
use crate::store::members::MemberRow;

/// Every status change of the branch's members: (member id, status code, since), oldest first.
pub async fn status_changes(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT s.member_id, s.status, s.since FROM member_statuses s JOIN members m ON m.id = s.member_id
         WHERE m.branch_id = $1 ORDER BY s.member_id, s.since, s.id",
    )
    .bind(branch_id)
    .fetch_all(conn)
    .await?)
}

/// The standing of `member`, given the branch's status changes.
pub fn standing_of(member: &MemberRow, changes: &[(i64, String, String)]) -> Standing {
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    Standing {
        joined: member.branch_joined_on.as_deref().and_then(day),
        changes: changes
            .iter()
            .filter(|(id, _, _)| *id == member.id)
            .filter_map(|(_, status, since)| Some((day(since)?, Status::from_code(status)?)))
            .collect(),
        before_changes: Status::from_code(&member.membership).unwrap_or(Status::Full),
    }
}

/// Records a status change; the first one also records the roster's status before it, so the
/// days before keep what the roster said.
pub async fn add_status(
    conn: &mut Conn,
    member: &MemberRow,
    status: Status,
    since: NaiveDate,
    now: i64,
) -> StoreResult<()> {
    let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM member_statuses WHERE member_id = $1")
        .bind(member.id)
        .fetch_one(&mut *conn)
        .await?;
    let mut rows = Vec::new();
    if known == 0 {
        rows.push((member.membership.clone(), "1900-01-01".to_owned()));
    }
    rows.push((status.code().to_owned(), since.format("%Y-%m-%d").to_string()));
    for (status, since) in rows {
        sqlx::query(
            "INSERT INTO member_statuses (member_id, status, since, recorded_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(member.id)
        .bind(status)
        .bind(since)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn set_joined(conn: &mut Conn, member_id: i64, day: Option<NaiveDate>) -> StoreResult<()> {
    sqlx::query("UPDATE members SET branch_joined_on = $2 WHERE id = $1")
        .bind(member_id)
        .bind(day.map(|d| d.format("%Y-%m-%d").to_string()))
        .execute(conn)
        .await?;
    Ok(())
}

/// Puts a member on the branch committee with a post (书记, 组织委员 …), or off it with `None`.
pub async fn set_committee(conn: &mut Conn, member_id: i64, post: Option<&str>) -> StoreResult<()> {
    sqlx::query("UPDATE members SET committee_post = $2 WHERE id = $1")
        .bind(member_id)
        .bind(post)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many days after closing a record may be corrected (default 7).
pub async fn grace_days(conn: &mut Conn, branch_id: i64) -> StoreResult<i64> {
    let days: Option<Option<i64>> =
        sqlx::query_scalar("SELECT record_grace_days FROM branches WHERE id = $1")
            .bind(branch_id)
            .fetch_optional(conn)
            .await?;
    Ok(days.flatten().unwrap_or(DEFAULT_GRACE_DAYS))
}

pub const DEFAULT_GRACE_DAYS: i64 = 7;

pub async fn set_grace_days(conn: &mut Conn, branch_id: i64, days: i64) -> StoreResult<()> {
    sqlx::query("UPDATE branches SET record_grace_days = $2 WHERE id = $1")
        .bind(branch_id)
        .bind(days)
        .execute(conn)
        .await?;
    Ok(())
}
