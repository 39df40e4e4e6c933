//! The one-time login link through Telegram: an office account tied to a Telegram user asks
//! for it on the login page, the bot sends it privately (through the outbox), and opening it
//! logs in exactly as a password does. The page's answer never says whether the account exists.

use crate::app::office::{self, LoginOutcome, new_token, token_hash};
use crate::domain::audit_action::AuditAction;
use crate::domain::outgoing::Outgoing;
use crate::store::audit::{self, Actor};
use crate::store::office::AttemptKind;
use crate::store::outbox::{self, Delivery};
use crate::store::{Conn, Store, StoreError, StoreResult, office_links};
use crate::texts::login_link as words;

/// How long a link stays good.
pub const LINK_MS: i64 = 10 * 60_000;

/// What the login page says to a request (the same whether or not a link went).
#[derive(Debug, PartialEq, Eq)]
pub enum LinkRequest {
    Answered,
    /// Too many requests lately, for this login or from this address.
    TooMany,
}

/// The outbox topic of a link's message, emptied once the link is used.
fn topic(hash: &str) -> String {
    format!("office_link:{hash}")
}

/// Sends a link to the Telegram user of `login`, if the account has one the bot can write to.
/// `base` is the dashboard's public URL. Every request counts against the login rate limit.
pub async fn request(
    store: &Store,
    login: &str,
    address: &str,
    base: &url::Url,
    now: i64,
) -> StoreResult<LinkRequest> {
    let login = login.trim();
    if office::throttled(store, AttemptKind::Link, Some(login), address, now).await? {
        return Ok(LinkRequest::TooMany);
    }
    let mut tx = store.begin_write().await?;
    crate::store::office::record_attempt(&mut tx, AttemptKind::Link, login, address, false, now).await?;
    let reachable = match office_links::telegram_of(&mut tx, login).await? {
        Some((user_id, telegram)) if office_links::private_chat_open(&mut tx, telegram).await? => {
            Some((user_id, telegram))
        }
        _ => None,
    };
    match reachable {
        Some((user_id, telegram)) => send(&mut tx, user_id, telegram, base, address, now).await?,
        None => {
            let detail =
                format!("login {login} from {address}: no such login or no Telegram chat to send to");
            audit::record(&mut tx, None, Actor::System, AuditAction::OfficeLinkNotSent, &detail, now).await?;
        }
    }
    tx.commit().await?;
    Ok(LinkRequest::Answered)
}

async fn send(
    tx: &mut Conn,
    user_id: i64,
    telegram: i64,
    base: &url::Url,
    address: &str,
    now: i64,
) -> StoreResult<()> {
    let token = new_token();
    let hash = token_hash(&token);
    office_links::insert(tx, &hash, user_id, now, now + LINK_MS).await?;
    let link = base.join(&format!("login/link/{token}")).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let body = serde_json::to_string(&Outgoing::text(words::message(link.as_str())))
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let topic = topic(&hash);
    let delivery = Delivery { topic: Some(&topic), stale_after: Some(now + LINK_MS), ..Delivery::default() };
    outbox::enqueue(tx, telegram, &body, now, &delivery).await?;
    let detail = format!("to Telegram user {telegram}, asked from {address}");
    audit::record(tx, None, Actor::Office(user_id), AuditAction::OfficeLinkSent, &detail, now).await
}

/// What the page of a link finds.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkState {
    Live,
    /// Used, expired or never existed.
    Gone,
    /// Too many links that were not good opened from this address lately.
    TooMany,
}

/// Whether a link's token is still good (the confirmation page; nothing is used up). A token
/// that is not counts against the address, as a failed open does: the page tells a good token
/// from a bad one, so guessing through it is limited alike.
pub async fn check(store: &Store, token: &str, address: &str, now: i64) -> StoreResult<LinkState> {
    if opens_throttled(store, address, now).await? {
        return Ok(LinkState::TooMany);
    }
    let live = {
        let mut conn = store.conn().await?;
        office_links::live(&mut conn, &token_hash(token), now).await?.is_some()
    };
    if live {
        return Ok(LinkState::Live);
    }
    let mut tx = store.begin_write().await?;
    record_failed_open(&mut tx, address, now).await?;
    tx.commit().await?;
    Ok(LinkState::Gone)
}

/// Uses a link: opens a session as a password login does, audited as a login by Telegram link.
/// `None` when the link was used, expired or never existed (audited as a failed login, and
/// counted against the address); `TooMany` after too many such from the address lately, as for
/// a password.
pub async fn open(store: &Store, token: &str, address: &str, now: i64) -> StoreResult<Option<LoginOutcome>> {
    if opens_throttled(store, address, now).await? {
        return Ok(Some(LoginOutcome::TooMany));
    }
    let hash = token_hash(token);
    let mut tx = store.begin_write().await?;
    let outcome = match office_links::take(&mut tx, &hash, now).await? {
        Some(user_id) => {
            // The message's copy of the link is of no use any more: no copy is kept.
            outbox::empty_topic(&mut tx, &topic(&hash), "login link used").await?;
            Some(office::open_session(&mut tx, user_id, AuditAction::OfficeLoginLink, address, now).await?)
        }
        None => {
            record_failed_open(&mut tx, address, now).await?;
            let detail = format!("one-time link from {address}: used, expired or unknown");
            audit::record(&mut tx, None, Actor::System, AuditAction::OfficeLoginFailed, &detail, now).await?;
            None
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Whether the address opened too many links that were not good lately (the password's limit).
async fn opens_throttled(store: &Store, address: &str, now: i64) -> StoreResult<bool> {
    office::throttled(store, AttemptKind::LinkOpen, None, address, now).await
}

/// Counts a link that was not good, opened from `address` (no login: the token names none).
async fn record_failed_open(tx: &mut Conn, address: &str, now: i64) -> StoreResult<()> {
    crate::store::office::record_attempt(tx, AttemptKind::LinkOpen, "", address, false, now).await
}

/// Ties an account to a Telegram user (`None` unties it). Returns whether the account exists.
pub async fn tie(store: &Store, login: &str, telegram_user_id: Option<i64>, now: i64) -> StoreResult<bool> {
    let mut tx = store.begin_write().await?;
    let tied = office_links::set_telegram(&mut tx, login, telegram_user_id).await?;
    if tied {
        let whom = telegram_user_id.map_or_else(|| "none".to_owned(), |id| id.to_string());
        let detail = format!("office user {login} telegram {whom}");
        audit::record(&mut tx, None, Actor::Cli, AuditAction::OfficeTelegram, &detail, now).await?;
    }
    tx.commit().await?;
    Ok(tied)
}

/// Every account's Telegram user, for `zhibu office list`.
pub async fn tied(conn: &mut Conn) -> StoreResult<Vec<(String, i64)>> {
    office_links::tied(conn).await
}
