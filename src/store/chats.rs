//! What the bot knows about chats it writes to: unreachable ones, and groups that moved.

use super::{Conn, StoreResult};

pub async fn mark_unreachable(conn: &mut Conn, chat_id: i64, why: &str, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO chats (chat_id, unreachable_at, unreachable_why) VALUES ($1, $2, $3)
         ON CONFLICT (chat_id) DO UPDATE SET unreachable_at = excluded.unreachable_at,
                                             unreachable_why = excluded.unreachable_why",
    )
    .bind(chat_id)
    .bind(now)
    .bind(why)
    .execute(conn)
    .await?;
    Ok(())
}

/// The chat is reachable again (the user wrote to the bot, or the bot was added back).
pub async fn mark_reachable(conn: &mut Conn, chat_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE chats SET unreachable_at = NULL, unreachable_why = NULL WHERE chat_id = $1")
        .bind(chat_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn is_unreachable(conn: &mut Conn, chat_id: i64) -> StoreResult<bool> {
    let at: Option<Option<i64>> = sqlx::query_scalar("SELECT unreachable_at FROM chats WHERE chat_id = $1")
        .bind(chat_id)
        .fetch_optional(conn)
        .await?;
    Ok(at.flatten().is_some())
}

/// Which of these chats are unreachable (a batch's people, read at once).
pub async fn unreachable_among(conn: &mut Conn, chats: &[i64]) -> StoreResult<Vec<i64>> {
    let list = super::sql_list::ids_of(conn, "$1");
    let sql = format!("SELECT chat_id FROM chats WHERE chat_id IN ({list}) AND unreachable_at IS NOT NULL");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(super::sql_list::json_ids(chats)?)
        .fetch_all(conn)
        .await?)
}

pub async fn record_move(conn: &mut Conn, from: i64, to: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO chats (chat_id, moved_to) VALUES ($1, $2)
         ON CONFLICT (chat_id) DO UPDATE SET moved_to = excluded.moved_to",
    )
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records that the user got the one explanation of how to bind; false if they already had it.
pub async fn greet_once(conn: &mut Conn, user_id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO greeted_users (telegram_user_id, at) VALUES ($1, $2)
         ON CONFLICT (telegram_user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Remembers that the user writes in the branch's group.
pub async fn record_seen(
    conn: &mut Conn,
    branch_id: i64,
    user_id: i64,
    display_name: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO group_seen (branch_id, telegram_user_id, display_name, last_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (branch_id, telegram_user_id)
         DO UPDATE SET display_name = excluded.display_name, last_at = excluded.last_at",
    )
    .bind(branch_id)
    .bind(user_id)
    .bind(display_name)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// `record_seen` for a batch's writers at once; one row per (branch, user), the last seen.
pub async fn record_seen_many(conn: &mut Conn, seen: &[SeenInGroup]) -> StoreResult<()> {
    for chunk in seen.chunks(super::sql_list::ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO group_seen (branch_id, telegram_user_id, display_name, last_at) VALUES {}
             ON CONFLICT (branch_id, telegram_user_id)
             DO UPDATE SET display_name = excluded.display_name, last_at = excluded.last_at",
            super::sql_list::values(chunk.len(), 4)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for s in chunk {
            query = query.bind(s.branch_id).bind(s.user_id).bind(s.display_name.clone()).bind(s.at);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Someone seen writing in a branch's group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenInGroup {
    pub branch_id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub at: i64,
}

/// Branches in whose group the user has been seen.
pub async fn branches_seen_in(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT branch_id FROM group_seen WHERE telegram_user_id = $1 ORDER BY branch_id")
        .bind(user_id)
        .fetch_all(conn)
        .await?)
}
