//! The audit log: every admin action, who did it and when.

use super::{Conn, StoreResult};
use crate::domain::audit_action::AuditAction;

/// Who acted: a Telegram user or the command line on the server.
#[derive(Debug, Clone, Copy)]
pub enum Actor {
    Telegram(i64),
    Cli,
    /// zhibu itself, following something Telegram told it.
    System,
    /// An account of the superior office, on the dashboard.
    Office(i64),
}

impl Actor {
    fn code(self) -> String {
        match self {
            Actor::Telegram(id) => format!("tg:{id}"),
            Actor::Cli => "cli".to_owned(),
            Actor::System => "system".to_owned(),
            Actor::Office(id) => format!("office:{id}"),
        }
    }
}

pub async fn record(
    conn: &mut Conn,
    branch_id: Option<i64>,
    actor: Actor,
    action: AuditAction,
    detail: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO audit_log (branch_id, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(branch_id)
        .bind(actor.code())
        .bind(action.code())
        .bind(detail)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub branch_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub detail: String,
    pub at: i64,
}

pub async fn list(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<AuditRow>> {
    Ok(sqlx::query_as(
        "SELECT id, branch_id, actor, action, detail, at FROM audit_log WHERE branch_id = $1 ORDER BY id",
    )
    .bind(branch_id)
    .fetch_all(conn)
    .await?)
}

/// The branch's latest `limit` entries older than entry `before`, newest first.
pub async fn latest_before(
    conn: &mut Conn,
    branch_id: i64,
    before: i64,
    limit: i64,
) -> StoreResult<Vec<AuditRow>> {
    Ok(sqlx::query_as(
        "SELECT id, branch_id, actor, action, detail, at FROM audit_log WHERE branch_id = $1 AND id < $2
         ORDER BY id DESC LIMIT $3",
    )
    .bind(branch_id)
    .bind(before)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
