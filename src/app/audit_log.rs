//! The audit log as the secretary reads it in chat (/audit): the latest admin actions, newest
//! first, each with who did it by name where the roster knows them.

use crate::app::branches::{branch_tz, local};
use crate::store::{self, Conn, StoreResult};
use crate::texts::audit::{self as words, Who};

/// How many entries /audit shows.
pub const SHOWN: i64 = 20;

/// The latest entries of the branch's audit log in words, newest first.
pub async fn latest_lines(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<String>> {
    let tz = branch_tz(conn, branch_id).await?;
    let rows = store::audit::latest(conn, branch_id, SHOWN).await?;
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let who = who(conn, branch_id, &row.actor).await?;
        lines.push(words::line(&words::when(&local(row.at, tz)), &who, &row.action, &row.detail));
    }
    Ok(lines)
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
