//! The superior office's accounts (老干部局 / 党委): adding one from the CLI, logging in with a
//! password (argon2), sessions that expire, a login rate limit per login and per address, and
//! every login in the audit log. The one-time link through Telegram is `app::office_link`.

use crate::domain::audit_action::AuditAction;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use rand::RngExt;
use sha2::Digest;

use crate::store::audit::{self, Actor};
use crate::store::office::{self, AttemptKind, SessionRow};
use crate::store::{Conn, Store, StoreResult};

/// How long a session lasts.
pub const SESSION_MS: i64 = 8 * 3_600_000;
/// The window over which failed logins are counted.
pub const FAILURE_WINDOW_MS: i64 = 15 * 60_000;
/// Failed logins allowed per login within the window.
pub const FAILURES_PER_LOGIN: i64 = 5;
/// Failed logins allowed per address within the window.
pub const FAILURES_PER_ADDRESS: i64 = 20;
/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// A password hash in PHC form (`$argon2id$…`).
pub fn hash_password(password: &str) -> String {
    Argon2::default().hash_password(password.as_bytes()).expect("argon2 with default parameters").to_string()
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A random token, URL-safe.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the session cookie's token is kept as in the database.
pub fn token_hash(token: &str) -> String {
    use std::fmt::Write;
    let digest = sha2::Sha256::digest(token.as_bytes());
    digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Why an account was not added.
#[derive(Debug, PartialEq, Eq)]
pub enum AddError {
    ShortPassword,
    BadLogin,
}

/// Adds (or resets) an account. `district: None` sees every district.
pub async fn add_user(
    store: &Store,
    login: &str,
    district: Option<&str>,
    password: &str,
    now: i64,
) -> StoreResult<Result<i64, AddError>> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Ok(Err(AddError::ShortPassword));
    }
    let valid = (1..=64).contains(&login.len())
        && login.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@'));
    if !valid {
        return Ok(Err(AddError::BadLogin));
    }
    let hash = hash_password(password);
    let mut tx = store.begin_write().await?;
    let id = office::upsert_user(&mut tx, login, district, &hash, now).await?;
    let detail = format!("office user {login} district {}", district.unwrap_or("*"));
    audit::record(&mut tx, None, Actor::Cli, AuditAction::OfficeAdd, &detail, now).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Disables an account and ends its sessions. Returns whether there was one.
pub async fn remove_user(store: &Store, login: &str, now: i64) -> StoreResult<bool> {
    let mut tx = store.begin_write().await?;
    let removed = office::disable_user(&mut tx, login, now).await?;
    if removed {
        audit::record(
            &mut tx,
            None,
            Actor::Cli,
            AuditAction::OfficeRemove,
            &format!("office user {login}"),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(removed)
}

/// What became of a login.
#[derive(Debug)]
pub enum LoginOutcome {
    /// The session's token (for the cookie) and its CSRF token.
    LoggedIn {
        token: String,
        csrf: String,
    },
    WrongPassword,
    /// Too many failures lately, for this login or from this address.
    TooMany,
}

/// Whether `kind` attempts for this login or from this address are over the limit; a refusal
/// is audited. Without a login (opening a one-time link) only the address counts.
pub(crate) async fn throttled(
    store: &Store,
    kind: AttemptKind,
    login: Option<&str>,
    address: &str,
    now: i64,
) -> StoreResult<bool> {
    let (by_login, by_address) = {
        let mut conn = store.conn().await?;
        let since = now - FAILURE_WINDOW_MS;
        office::failures_since(&mut conn, kind, login.unwrap_or_default(), address, since).await?
    };
    let login_over = login.is_some() && by_login >= FAILURES_PER_LOGIN;
    if !login_over && by_address < FAILURES_PER_ADDRESS {
        return Ok(false);
    }
    let mut tx = store.begin_write().await?;
    let who = login.map_or_else(|| "one-time link".to_owned(), |login| format!("login {login}"));
    let detail = format!("{who} from {address}: refused, too many failures");
    audit::record(&mut tx, None, Actor::System, AuditAction::OfficeLoginThrottled, &detail, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Opens a session of the account and audits the login as `action`: the one way in, for a
/// password and a one-time link alike.
pub(crate) async fn open_session(
    tx: &mut Conn,
    user_id: i64,
    action: AuditAction,
    address: &str,
    now: i64,
) -> StoreResult<LoginOutcome> {
    let (token, csrf) = (new_token(), new_token());
    office::insert_session(tx, &token_hash(&token), user_id, &csrf, now, now + SESSION_MS).await?;
    audit::record(tx, None, Actor::Office(user_id), action, &format!("from {address}"), now).await?;
    Ok(LoginOutcome::LoggedIn { token, csrf })
}

/// Checks a login; on success opens a session. Every attempt is counted and audited.
pub async fn log_in(
    store: &Store,
    login: &str,
    password: &str,
    address: &str,
    now: i64,
) -> StoreResult<LoginOutcome> {
    let login = login.trim();
    if throttled(store, AttemptKind::Password, Some(login), address, now).await? {
        return Ok(LoginOutcome::TooMany);
    }
    let user = {
        let mut conn = store.conn().await?;
        office::user_by_login(&mut conn, login).await?
    };
    // Hash even for an unknown login, so the answer takes as long either way.
    let ok = match &user {
        Some(u) => verify(password, &u.password_hash),
        None => {
            verify(password, &hash_password("not-a-password-of-anyone"));
            false
        }
    };
    let mut tx = store.begin_write().await?;
    office::record_attempt(&mut tx, AttemptKind::Password, login, address, ok, now).await?;
    let outcome = match user.filter(|_| ok) {
        Some(u) => open_session(&mut tx, u.id, AuditAction::OfficeLogin, address, now).await?,
        None => {
            let detail = format!("login {login} from {address}: wrong password or no such login");
            audit::record(&mut tx, None, Actor::System, AuditAction::OfficeLoginFailed, &detail, now).await?;
            LoginOutcome::WrongPassword
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// The live session of a cookie's token.
pub async fn session(store: &Store, token: &str, now: i64) -> StoreResult<Option<SessionRow>> {
    let mut conn = store.conn().await?;
    office::live_session(&mut conn, &token_hash(token), now).await
}

pub async fn log_out(store: &Store, token: &str, user_id: i64, now: i64) -> StoreResult<()> {
    let mut tx = store.begin_write().await?;
    office::end_session(&mut tx, &token_hash(token), now).await?;
    audit::record(&mut tx, None, Actor::Office(user_id), AuditAction::OfficeLogout, "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Every office account, for `zhibu office list`.
pub async fn users(conn: &mut Conn) -> StoreResult<Vec<crate::store::office::OfficeUser>> {
    crate::store::office::list_users(conn).await
}
