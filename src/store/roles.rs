//! Who may administer a branch: its secretary (支部书记) and the committee members they empower.

use super::{Conn, StoreResult};
use crate::domain::Role;

pub async fn grant(
    conn: &mut Conn,
    branch_id: i64,
    user_id: i64,
    role: Role,
    granted_by: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO roles (branch_id, telegram_user_id, role, granted_by, granted_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (branch_id, telegram_user_id, role) DO NOTHING",
    )
    .bind(branch_id)
    .bind(user_id)
    .bind(role.code())
    .bind(granted_by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revoke(conn: &mut Conn, branch_id: i64, user_id: i64, role: Role) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM roles WHERE branch_id = $1 AND telegram_user_id = $2 AND role = $3")
        .bind(branch_id)
        .bind(user_id)
        .bind(role.code())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Every (branch, role) the user holds.
pub async fn of_user(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<(i64, Role)>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT branch_id, role FROM roles WHERE telegram_user_id = $1 ORDER BY branch_id, role",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().filter_map(|(b, r)| Role::from_code(&r).map(|r| (b, r))).collect())
}

/// The branches the user administers, each once, by number.
pub async fn branches_of(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    let mut branches: Vec<i64> =
        of_user(conn, user_id).await?.into_iter().map(|(branch, _)| branch).collect();
    branches.dedup();
    Ok(branches)
}

/// Telegram ids of the branch's administrators (secretaries first).
pub async fn admins(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<(i64, Role)>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT telegram_user_id, role FROM roles WHERE branch_id = $1 ORDER BY role DESC, granted_at",
    )
    .bind(branch_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().filter_map(|(u, r)| Role::from_code(&r).map(|r| (u, r))).collect())
}

/// The branch `user_id` chose to work on with `/branch`, if they chose one.
pub async fn chosen_branch(conn: &mut Conn, user_id: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT branch_id FROM admin_branch_choice WHERE telegram_user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?)
}

pub async fn choose_branch(conn: &mut Conn, user_id: i64, branch_id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO admin_branch_choice (telegram_user_id, branch_id, chosen_at) VALUES ($1, $2, $3)
         ON CONFLICT (telegram_user_id) DO UPDATE SET branch_id = excluded.branch_id, chosen_at = excluded.chosen_at",
    )
    .bind(user_id)
    .bind(branch_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
