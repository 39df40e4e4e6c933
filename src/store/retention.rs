//! Pruning what is kept only for delivery and audits: the raw payload of handled updates and
//! the body of messages whose delivery is over. The rows stay (ids, states, times: the polling
//! offset, reports and `/brief_report` need them); their text becomes `{}`.

use super::{Conn, StoreResult};

/// What a pruned payload or body reads.
pub const PRUNED: &str = "{}";

/// Empties the payload of updates handled (or given up on) and received before `before`.
pub async fn prune_update_payloads(conn: &mut Conn, before: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE inbox SET payload = $2 WHERE state <> 'pending' AND received_at < $1 AND payload <> $2",
    )
    .bind(before)
    .bind(PRUNED)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Empties the body of messages queued before `before` whose delivery is over (sent, failed,
/// unknown, skipped); pending and sending ones keep theirs.
pub async fn prune_message_bodies(conn: &mut Conn, before: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET body = $2
         WHERE state NOT IN ('pending', 'sending') AND created_at < $1 AND body <> $2",
    )
    .bind(before)
    .bind(PRUNED)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
