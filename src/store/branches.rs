//! Branches (党支部) and the Telegram group each one is bound to.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BranchRow {
    pub id: i64,
    pub name: String,
    pub timezone: String,
    pub group_chat_id: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, name, timezone, group_chat_id, created_at";

pub async fn insert(conn: &mut Conn, name: &str, timezone: &str, now: i64) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO branches (name, timezone, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(timezone)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<BranchRow>> {
    let sql = format!("SELECT {COLUMNS} FROM branches WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?)
}

pub async fn by_group_chat(conn: &mut Conn, chat_id: i64) -> StoreResult<Option<BranchRow>> {
    let sql = format!("SELECT {COLUMNS} FROM branches WHERE group_chat_id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(chat_id).fetch_optional(conn).await?)
}

pub async fn list(conn: &mut Conn) -> StoreResult<Vec<BranchRow>> {
    let sql = format!("SELECT {COLUMNS} FROM branches ORDER BY id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(conn).await?)
}

/// Binds `chat_id` to the branch, releasing it from any other branch first.
pub async fn bind_group(conn: &mut Conn, branch_id: i64, chat_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE branches SET group_chat_id = NULL WHERE group_chat_id = $1 AND id <> $2")
        .bind(chat_id)
        .bind(branch_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE branches SET group_chat_id = $1 WHERE id = $2")
        .bind(chat_id)
        .bind(branch_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The branch has no group any more.
pub async fn unbind_group(conn: &mut Conn, branch_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE branches SET group_chat_id = NULL WHERE id = $1")
        .bind(branch_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Follows a group that Telegram upgraded to a supergroup. Returns whether a branch moved.
pub async fn move_group(conn: &mut Conn, from: i64, to: i64) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE branches SET group_chat_id = $1 WHERE group_chat_id = $2")
        .bind(to)
        .bind(from)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
