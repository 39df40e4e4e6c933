//! Creating branches and handing their secretary a one-time binding code; a branch's time zone.

use crate::domain::audit_action::AuditAction;
use crate::domain::{BindingPurpose, new_binding_code};
use crate::store::{self, Store, StoreResult, audit::Actor};

pub struct NewBranch {
    pub id: i64,
    pub secretary_code: String,
}

pub async fn create(store: &Store, name: &str, timezone: &str, now: i64) -> StoreResult<NewBranch> {
    let mut tx = store.begin_write().await?;
    let id = store::branches::insert(&mut tx, name, timezone, now).await?;
    let code = issue_code(&mut tx, id, BindingPurpose::Secretary, None, now).await?;
    store::audit::record(&mut tx, Some(id), Actor::Cli, AuditAction::BranchCreate, name, now).await?;
    tx.commit().await?;
    Ok(NewBranch { id, secretary_code: code })
}

/// A fresh secretary code for an existing branch, when nobody can hand the role over; `None`
/// when there is no such branch. Audited.
pub async fn fresh_secretary_code(store: &Store, branch_id: i64, now: i64) -> StoreResult<Option<String>> {
    let mut tx = store.begin_write().await?;
    if store::branches::get(&mut tx, branch_id).await?.is_none() {
        return Ok(None);
    }
    let code = issue_code(&mut tx, branch_id, BindingPurpose::Secretary, None, now).await?;
    store::audit::record(&mut tx, Some(branch_id), Actor::Cli, AuditAction::CodeSecretary, "", now).await?;
    tx.commit().await?;
    Ok(Some(code))
}

/// A fresh code of the given purpose, stored.
pub async fn issue_code(
    conn: &mut store::Conn,
    branch_id: i64,
    purpose: BindingPurpose,
    member_id: Option<i64>,
    now: i64,
) -> StoreResult<String> {
    let code = new_binding_code(purpose);
    store::codes::insert(conn, &code, branch_id, purpose, member_id, now).await?;
    Ok(code)
}

/// `https://t.me/<bot>?start=<code>` when the bot's username is known.
pub fn start_link(bot_username: Option<&str>, code: &str) -> Option<String> {
    bot_username.map(|bot| format!("https://t.me/{bot}?start={code}"))
}

/// The bot's username: as recorded by a running bot, or as configured.
pub async fn bot_username(store: &Store, configured: Option<&str>) -> StoreResult<Option<String>> {
    if let Some(name) = configured {
        return Ok(Some(name.to_owned()));
    }
    let mut conn = store.conn().await?;
    store::meta::get(&mut conn, store::meta::BOT_USERNAME).await
}

/// The branch's time zone (Asia/Shanghai when unknown or unreadable).
pub async fn branch_tz(conn: &mut store::Conn, branch_id: i64) -> StoreResult<chrono_tz::Tz> {
    let name = store::branches::get(conn, branch_id).await?.map(|b| b.timezone).unwrap_or_default();
    Ok(parse_tz(&name))
}

pub fn parse_tz(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::Asia::Shanghai)
}

/// An instant (unix ms) in the branch's time zone.
pub fn local(ms: i64, tz: chrono_tz::Tz) -> chrono::DateTime<chrono_tz::Tz> {
    crate::clock::from_millis(ms).with_timezone(&tz)
}

/// The branch's name ("" for a branch that no longer exists).
pub async fn name(conn: &mut store::Conn, branch_id: i64) -> StoreResult<String> {
    Ok(store::branches::get(conn, branch_id).await?.map(|b| b.name).unwrap_or_default())
}

/// Whether the branch exists.
pub async fn exists(conn: &mut store::Conn, branch_id: i64) -> StoreResult<bool> {
    Ok(store::branches::get(conn, branch_id).await?.is_some())
}

/// Every branch, by id.
pub async fn all(conn: &mut store::Conn) -> StoreResult<Vec<store::branches::BranchRow>> {
    store::branches::list(conn).await
}

/// The branch's roster (花名册), members erased on request included as their anonymous rows.
pub async fn roster(conn: &mut store::Conn, branch_id: i64) -> StoreResult<Vec<store::members::MemberRow>> {
    store::members::list(conn, branch_id).await
}

/// The branch with this number, if it exists.
pub async fn find(conn: &mut store::Conn, branch_id: i64) -> StoreResult<Option<store::branches::BranchRow>> {
    store::branches::get(conn, branch_id).await
}
