//! The audit log: every admin action, who did it and when.

use super::{Conn, StoreResult};

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
    action: &str,
    detail: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO audit_log (branch_id, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(branch_id)
        .bind(actor.code())
        .bind(action)
        .bind(detail)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub branch_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub detail: String,
    pub at: i64,
}

pub async fn list(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<AuditRow>> {
    Ok(sqlx::query_as(
        "SELECT branch_id, actor, action, detail, at FROM audit_log WHERE branch_id = $1 ORDER BY id",
    )
    .bind(branch_id)
    .fetch_all(conn)
    .await?)
}

/// The branch's latest `limit` entries, newest first.
pub async fn latest(conn: &mut Conn, branch_id: i64, limit: i64) -> StoreResult<Vec<AuditRow>> {
    Ok(sqlx::query_as(
        "SELECT branch_id, actor, action, detail, at FROM audit_log WHERE branch_id = $1
         ORDER BY id DESC LIMIT $2",
    )
    .bind(branch_id)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
