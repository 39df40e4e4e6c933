//! Guided dialogues in progress (a secretary creating a meeting step by step), one per user.

use super::{Conn, StoreResult};

/// The user's dialogue: (branch, state as JSON, last step's instant).
pub async fn get(conn: &mut Conn, user_id: i64) -> StoreResult<Option<(i64, String, i64)>> {
    Ok(sqlx::query_as("SELECT branch_id, state, updated_at FROM dialogues WHERE telegram_user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?)
}

pub async fn put(conn: &mut Conn, user_id: i64, branch_id: i64, state: &str, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO dialogues (telegram_user_id, branch_id, state, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (telegram_user_id) DO UPDATE SET branch_id = excluded.branch_id, state = excluded.state,
             updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(branch_id)
    .bind(state)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete(conn: &mut Conn, user_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM dialogues WHERE telegram_user_id = $1").bind(user_id).execute(conn).await?;
    Ok(())
}
