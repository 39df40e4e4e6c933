//! The superior office's accounts, their sessions and login attempts, and each branch's 党委 /
//! district.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OfficeUser {
    pub id: i64,
    pub login: String,
    /// `None`: every district.
    pub district: Option<String>,
    pub password_hash: String,
}

const USER_COLUMNS: &str = "id, login, district, password_hash";

/// Adds an account, or replaces the district and password of an existing one. Returns its id.
pub async fn upsert_user(
    conn: &mut Conn,
    login: &str,
    district: Option<&str>,
    password_hash: &str,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO office_users (login, district, password_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (login) DO UPDATE SET district = excluded.district,
             password_hash = excluded.password_hash, disabled_at = NULL
         RETURNING id",
    )
    .bind(login)
    .bind(district)
    .bind(password_hash)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// An account that may log in.
pub async fn user_by_login(conn: &mut Conn, login: &str) -> StoreResult<Option<OfficeUser>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM office_users WHERE login = $1 AND disabled_at IS NULL");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(login).fetch_optional(conn).await?)
}

pub async fn list_users(conn: &mut Conn) -> StoreResult<Vec<OfficeUser>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM office_users WHERE disabled_at IS NULL ORDER BY login");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(conn).await?)
}

/// Disables an account and ends its sessions. Returns whether there was one.
pub async fn disable_user(conn: &mut Conn, login: &str, now: i64) -> StoreResult<bool> {
    sqlx::query(
        "DELETE FROM office_sessions WHERE user_id IN (SELECT id FROM office_users WHERE login = $1)",
    )
    .bind(login)
    .execute(&mut *conn)
    .await?;
    let done =
        sqlx::query("UPDATE office_users SET disabled_at = $2 WHERE login = $1 AND disabled_at IS NULL")
            .bind(login)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn insert_session(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    csrf_token: &str,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO office_sessions (token_hash, user_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A live session's account and CSRF token.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub login: String,
    pub district: Option<String>,
    pub csrf_token: String,
}

/// The session of a token's hash, if it has not expired at `now` and its account is enabled.
pub async fn live_session(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<SessionRow>> {
    Ok(sqlx::query_as(
        "SELECT s.user_id, u.login, u.district, s.csrf_token FROM office_sessions s
         JOIN office_users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Ends a session; also drops every expired one.
pub async fn end_session(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM office_sessions WHERE token_hash = $1 OR expires_at <= $2")
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// What an attempt counted against the login rate limit was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptKind {
    /// A password login (`ok`: the password was right).
    Password,
    /// A request for a one-time link through Telegram (never `ok`: it logs nobody in).
    Link,
    /// Opening a one-time link that is used, expired or unknown (only these are recorded; under
    /// no login: only the address counts).
    LinkOpen,
}

impl AttemptKind {
    fn code(self) -> &'static str {
        match self {
            AttemptKind::Password => "password",
            AttemptKind::Link => "link",
            AttemptKind::LinkOpen => "link_open",
        }
    }
}

pub async fn record_attempt(
    conn: &mut Conn,
    kind: AttemptKind,
    login: &str,
    address: &str,
    ok: bool,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO office_login_attempts (kind, login, address, ok, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(kind.code())
    .bind(login)
    .bind(address)
    .bind(i64::from(ok))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Attempts of `kind` that did not log in, since `since`: (for this login, from this address).
pub async fn failures_since(
    conn: &mut Conn,
    kind: AttemptKind,
    login: &str,
    address: &str,
    since: i64,
) -> StoreResult<(i64, i64)> {
    let count = |column: &'static str| {
        sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM office_login_attempts WHERE {column} = $1 AND ok = 0 AND at >= $2 AND kind = $3"
        ))
    };
    let by_login = sqlx::query_scalar(count("login"))
        .bind(login)
        .bind(since)
        .bind(kind.code())
        .fetch_one(&mut *conn)
        .await?;
    let by_address = sqlx::query_scalar(count("address"))
        .bind(address)
        .bind(since)
        .bind(kind.code())
        .fetch_one(conn)
        .await?;
    Ok((by_login, by_address))
}

/// Sets (or clears, with `None`) a branch's district. Returns whether the branch exists.
pub async fn set_district(conn: &mut Conn, branch_id: i64, district: Option<&str>) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE branches SET district = $1 WHERE id = $2")
        .bind(district)
        .bind(branch_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// A branch's district, `Ok(None)` for a branch without one, `Err`-free `None` when absent.
pub async fn district_of(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<Option<String>>> {
    Ok(sqlx::query_scalar("SELECT district FROM branches WHERE id = $1")
        .bind(branch_id)
        .fetch_optional(conn)
        .await?)
}

/// Every district in use, sorted.
pub async fn districts(conn: &mut Conn) -> StoreResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT district FROM branches WHERE district IS NOT NULL ORDER BY district",
    )
    .fetch_all(conn)
    .await?)
}
