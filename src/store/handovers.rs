//! The secretary role offered to a successor, waiting for their answer.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Handover {
    pub id: i64,
    pub branch_id: i64,
    pub from_user_id: i64,
    pub member_id: i64,
    pub to_user_id: i64,
    pub state: String,
}

/// Offers the role; earlier offers of the branch still waiting are superseded. Returns its id.
pub async fn offer(
    conn: &mut Conn,
    branch_id: i64,
    from_user_id: i64,
    member_id: i64,
    to_user_id: i64,
    now: i64,
) -> StoreResult<i64> {
    sqlx::query(
        "UPDATE handovers SET state = 'superseded', answered_at = $2 WHERE branch_id = $1 AND state = 'pending'",
    )
    .bind(branch_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO handovers (branch_id, from_user_id, member_id, to_user_id, state, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id",
    )
    .bind(branch_id)
    .bind(from_user_id)
    .bind(member_id)
    .bind(to_user_id)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<Handover>> {
    Ok(sqlx::query_as(
        "SELECT id, branch_id, from_user_id, member_id, to_user_id, state FROM handovers WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Records the successor's answer; false when the offer was no longer pending.
pub async fn answer(conn: &mut Conn, id: i64, accepted: bool, now: i64) -> StoreResult<bool> {
    let state = if accepted { "accepted" } else { "declined" };
    let done =
        sqlx::query("UPDATE handovers SET state = $2, answered_at = $3 WHERE id = $1 AND state = 'pending'")
            .bind(id)
            .bind(state)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() > 0)
}
