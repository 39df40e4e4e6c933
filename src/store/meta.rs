//! Small named values the bot keeps between runs (the polling offset, its own username, when it
//! last heard from Telegram).

use super::{Conn, StoreResult};

pub const NEXT_UPDATE_OFFSET: &str = "next_update_offset";
pub const BOT_USERNAME: &str = "bot_username";
/// When `getUpdates` last answered (unix ms), written at most once a minute.
pub const LAST_POLLED_AT: &str = "last_polled_at";
/// When zhibu last found it had been away longer than Telegram keeps updates (unix ms).
pub const UPDATES_MAY_HAVE_EXPIRED_AT: &str = "updates_may_have_expired_at";

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

/// A stored number, `None` when unset or unreadable.
pub async fn get_i64(conn: &mut Conn, key: &str) -> StoreResult<Option<i64>> {
    Ok(get(conn, key).await?.and_then(|v| v.parse().ok()))
}
