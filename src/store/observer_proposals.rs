//! Names given in `/present` that match nobody in the roster, waiting for the secretary's
//! 【按列席记录】: a name is never 列席 until then.

use super::{Conn, StoreResult};

/// Keeps `name` as a possible 列席 of meeting `meeting_id`; returns the proposal's id.
pub async fn propose(conn: &mut Conn, meeting_id: i64, name: &str, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO observer_proposals (meeting_id, name, proposed_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(meeting_id)
    .bind(name)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// The meeting and name of a proposal.
pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<(i64, String)>> {
    Ok(sqlx::query_as("SELECT meeting_id, name FROM observer_proposals WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// Removes a proposal once answered; `false` when it was already gone (a second tap).
pub async fn remove(conn: &mut Conn, id: i64) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM observer_proposals WHERE id = $1").bind(id).execute(conn).await?;
    Ok(done.rows_affected() > 0)
}
