//! Small named values the bot keeps between runs (the polling offset, its own username).

use super::{Conn, StoreResult};

pub const NEXT_UPDATE_OFFSET: &str = "next_update_offset";
pub const BOT_USERNAME: &str = "bot_username";

pub async fn get(conn: &mut Conn, key: &str) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1").bind(key).fetch_optional(conn).await?)
}

pub async fn set(conn: &mut Conn, key: &str, value: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}
