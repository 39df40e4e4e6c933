//! The audit log as the secretary reads it in chat (/audit): the latest admin actions, newest
//! first, each with who did it by name where the roster knows them.

use crate::app::branches::{branch_tz, local};
use crate::store::{self, Conn, StoreResult};
use crate::texts::audit::{self as words, Who};

/// How many entries /audit shows.
pub const SHOWN: i64 = 20;

/// One page of the audit log in words, newest first.
#[derive(Debug, Default)]
pub struct Page {
    pub lines: Vec<String>,
    /// The oldest entry shown, when older ones remain (the 【更早的记录】 button asks for them).
    pub older_than: Option<i64>,
}

/// The branch's latest `SHOWN` entries older than entry `before` (all of them: `None`).
pub async fn page(conn: &mut Conn, branch_id: i64, before: Option<i64>) -> StoreResult<Page> {
    let tz = branch_tz(conn, branch_id).await?;
    let before = before.unwrap_or(i64::MAX);
    let mut rows = store::audit::latest_before(conn, branch_id, before, SHOWN + 1).await?;
    let more = rows.len() as i64 > SHOWN;
    rows.truncate(SHOWN as usize);
    let mut lines = Vec::with_capacity(rows.len());
    for row in &rows {
        let who = who(conn, branch_id, &row.actor).await?;
        lines.push(words::line(&words::when(&local(row.at, tz)), &who, &row.action, &row.detail));
    }
    let older_than = rows.last().map(|r| r.id).filter(|_| more);
    Ok(Page { lines, older_than })
}

async fn who(conn: &mut Conn, branch_id: i64, actor: &str) -> StoreResult<Who> {
    Ok(match actor {
        "cli" => Who::Cli,
        "system" => Who::System,
        _ => {
            let Some(user) = actor.strip_prefix("tg:").and_then(|id| id.parse::<i64>().ok()) else {
                return Ok(Who::System);
            };
            store::members::by_telegram_user(conn, user)
                .await?
                .into_iter()
                .find(|m| m.branch_id == branch_id && m.forgotten_at.is_none())
                .map(|m| Who::Person(m.name))
                .unwrap_or(Who::SomeoneOnTelegram)
        }
    })
}
