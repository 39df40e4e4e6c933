//! One-time login links for office accounts tied to a Telegram user: the tie itself, and each
//! link's token kept as a hash, with when it expires and when it was used.

use super::{Conn, StoreResult};

/// Ties (or, with `None`, unties) an enabled account to a Telegram user. Returns whether there
/// was such an account.
pub async fn set_telegram(conn: &mut Conn, login: &str, telegram_user_id: Option<i64>) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE office_users SET telegram_user_id = $2 WHERE login = $1 AND disabled_at IS NULL")
            .bind(login)
            .bind(telegram_user_id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// The enabled account of `login` and its Telegram user, when it has one.
pub async fn telegram_of(conn: &mut Conn, login: &str) -> StoreResult<Option<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT id, telegram_user_id FROM office_users
         WHERE login = $1 AND disabled_at IS NULL AND telegram_user_id IS NOT NULL",
    )
    .bind(login)
    .fetch_optional(conn)
    .await?)
}

/// Every enabled account's Telegram user, as (login, user id).
pub async fn tied(conn: &mut Conn) -> StoreResult<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT login, telegram_user_id FROM office_users
         WHERE disabled_at IS NULL AND telegram_user_id IS NOT NULL ORDER BY login",
    )
    .fetch_all(conn)
    .await?)
}

/// Whether the bot can write to the user privately: they wrote to it in private (and were
/// greeted), or bound themselves as a member, contact or administrator; and Telegram has not
/// refused their chat since.
pub async fn private_chat_open(conn: &mut Conn, telegram_user_id: i64) -> StoreResult<bool> {
    let open: i64 = sqlx::query_scalar(
        "SELECT CAST(CASE WHEN (EXISTS (SELECT 1 FROM greeted_users WHERE telegram_user_id = $1)
                    OR EXISTS (SELECT 1 FROM members WHERE telegram_user_id = $1 AND forgotten_at IS NULL)
                    OR EXISTS (SELECT 1 FROM contact_persons WHERE telegram_user_id = $1)
                    OR EXISTS (SELECT 1 FROM roles WHERE telegram_user_id = $1))
                AND NOT EXISTS (SELECT 1 FROM chats WHERE chat_id = $1 AND unreachable_at IS NOT NULL)
                THEN 1 ELSE 0 END AS BIGINT)",
    )
    .bind(telegram_user_id)
    .fetch_one(conn)
    .await?;
    Ok(open == 1)
}

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO office_login_links (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The enabled account a link's token opens, if the link is unused and has not expired.
pub async fn live(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT l.user_id FROM office_login_links l JOIN office_users u ON u.id = l.user_id
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND u.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Marks a live link used and returns its account; `None` when it was not live (used, expired,
/// unknown). Only one of two racing uses gets the account. Also drops links long expired.
pub async fn take(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<i64>> {
    let Some(user_id) = live(conn, token_hash, now).await? else { return Ok(None) };
    let done = sqlx::query(
        "UPDATE office_login_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM office_login_links WHERE expires_at <= $1")
        .bind(now - 86_400_000)
        .execute(conn)
        .await?;
    Ok((done.rows_affected() == 1).then_some(user_id))
}
