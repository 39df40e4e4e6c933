//! Creating branches and handing their secretary a one-time binding code.

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
    store::audit::record(&mut tx, Some(id), Actor::Cli, "branch.create", name, now).await?;
    tx.commit().await?;
    Ok(NewBranch { id, secretary_code: code })
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
