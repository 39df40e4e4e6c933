//! The outbox: every outgoing message is a row before it is a request.
//!
//! States: pending → sending → sent | unknown | failed | skipped_stale. A row in `sending` when
//! the process died may have reached Telegram, so it becomes `unknown` and is never resent blindly.

use sqlx::Connection;

use super::{Conn, StoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    Pending,
    Sending,
    Sent,
    Unknown,
    Failed,
    SkippedStale,
}

impl OutboxState {
    pub fn code(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Unknown => "unknown",
            OutboxState::Failed => "failed",
            OutboxState::SkippedStale => "skipped_stale",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub chat_id: i64,
    pub body: String,
    pub attempts: i64,
    pub not_before: i64,
    pub stale_after: Option<i64>,
    pub priority: i64,
}

/// When and under what name a message goes out.
#[derive(Debug, Clone, Default)]
pub struct Delivery<'a> {
    /// Not before this instant (unix ms); `None` means as soon as possible.
    pub not_before: Option<i64>,
    /// After this instant the message is `skipped_stale` instead of sent.
    pub stale_after: Option<i64>,
    /// What it is about (`meeting:12`), to track or withdraw it.
    pub topic: Option<&'a str>,
    /// A message with a key already used is not queued again.
    pub dedupe_key: Option<&'a str>,
    /// Which go first when the rate limit makes them wait (`PRIORITY_*`); `None` means a reply.
    pub priority: Option<i64>,
}

/// An answer to a button press: first, and outside its chat's queue.
pub const PRIORITY_BUTTON: i64 = 0;
/// An edit that shows what just happened to many at once (a meeting's live roll): before the
/// replies to each of them, so it goes at its group's own pace (about once per 3 s in a storm).
pub const PRIORITY_LIVE: i64 = 1;
/// A reply to what someone just said or did.
pub const PRIORITY_REPLY: i64 = 2;
/// Scheduled and broadcast traffic.
pub const PRIORITY_BACKGROUND: i64 = 3;
/// The private words confirming an answer given in a group, which the member has already seen
/// recorded there (a 👍 on their words, the notice of their tap, their name in the live roll):
/// last, so a storm of answers in one branch never holds up other branches' due messages.
pub const PRIORITY_CONFIRM: i64 = 4;

/// Queues a message. With a `dedupe_key` already used, nothing is queued and `None` returned.
///
/// A reply or a live edit due now raises the rows still pending ahead of it in its chat to reply
/// priority (`raise_older`): the chat's order is kept, so otherwise a confirmation (4) at the head
/// of a member's chat held the question queued right after it (the reason for a leave) until
/// every other branch's confirmations had gone.
pub async fn enqueue(
    conn: &mut Conn,
    chat_id: i64,
    body: &str,
    now: i64,
    delivery: &Delivery<'_>,
) -> StoreResult<Option<i64>> {
    let priority = delivery.priority.unwrap_or(PRIORITY_REPLY);
    let not_before = delivery.not_before.unwrap_or(now);
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO outbox (chat_id, body, state, not_before, created_at, dedupe_key, topic, stale_after, priority)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
    )
    .bind(chat_id)
    .bind(body)
    .bind(not_before)
    .bind(now)
    .bind(delivery.dedupe_key)
    .bind(delivery.topic)
    .bind(delivery.stale_after)
    .bind(priority)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = id
        && raises_older(priority)
        && not_before <= now
    {
        raise_older(conn, chat_id, id, now).await?;
    }
    Ok(id)
}

/// Whether a row queued at `priority` raises the older pending rows of its chat: a reply or a
/// live edit. Not a button answer or reaction (outside any chat's queue), nor background or a
/// confirmation (the storm's hot path queues one per answer: no statement added there).
fn raises_older(priority: i64) -> bool {
    (PRIORITY_LIVE..=PRIORITY_REPLY).contains(&priority)
}

/// Raises the pending rows of `chat_id` older than `id` to reply priority. Not to live priority
/// for a live edit: a row at `PRIORITY_LIVE` is paced as a live edit (every 3 s, within the live
/// share); at reply priority the rows ahead of the edit go among other chats' replies, within the
/// share left to them. The `outbox_waiting` index finds them (its condition is repeated here).
async fn raise_older(conn: &mut Conn, chat_id: i64, id: i64, now: i64) -> StoreResult<()> {
    // Only rows already due: one held for later (quiet hours) holds up nothing behind it. The
    // first line repeats `outbox_waiting`'s condition, so that partial index is used (without
    // it every row the chat ever had was read, sent ones too).
    sqlx::query(
        "UPDATE outbox SET priority = $3
         WHERE chat_id = $1 AND id < $2 AND state IN ('pending', 'sending') AND priority > 0
           AND state = 'pending' AND priority > $3 AND not_before <= $4",
    )
    .bind(chat_id)
    .bind(id)
    .bind(PRIORITY_REPLY)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A message to queue with the rest of its batch (`enqueue_many`): no dedupe key, topic or
/// staleness, due at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMessage {
    pub chat_id: i64,
    pub body: String,
    pub priority: i64,
}

/// Queues a batch's messages in the order given (their ids rising in that order), a few
/// statements for the batch.
pub async fn enqueue_many(conn: &mut Conn, messages: &[QueuedMessage], now: i64) -> StoreResult<()> {
    use super::sql_list::ROWS_PER_STATEMENT;
    for chunk in messages.chunks(ROWS_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|r| {
                format!(
                    "(${}, ${}, 'pending', ${}, ${}, ${})",
                    4 * r + 1,
                    4 * r + 2,
                    4 * r + 3,
                    4 * r + 3,
                    4 * r + 4
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO outbox (chat_id, body, state, not_before, created_at, priority) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for m in chunk {
            query = query.bind(m.chat_id).bind(m.body.clone()).bind(now).bind(m.priority);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Withdraws messages about `topic` that have not gone yet (a cancelled meeting's reminders).
pub async fn withdraw(conn: &mut Conn, topic: &str, why: &str) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'skipped_stale', error = $2 WHERE topic = $1 AND state = 'pending'",
    )
    .bind(topic)
    .bind(why)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Withdraws the messages about `topic` not gone yet and empties the body of every one of them:
/// no copy of what they said is kept (a health note, an erased member's message).
pub async fn empty_topic(conn: &mut Conn, topic: &str, why: &str) -> StoreResult<()> {
    withdraw(conn, topic, why).await?;
    sqlx::query("UPDATE outbox SET body = $2 WHERE topic = $1 AND body <> $2")
        .bind(topic)
        .bind(super::retention::PRUNED)
        .execute(conn)
        .await?;
    Ok(())
}

/// Due chat messages whose chat has nothing older still waiting, by priority then age. Button
/// answers are not among them: they go by `due_buttons`, outside any chat's queue.
///
/// Rows of the `held` chats (still waiting out their own flood limits) are left out here rather
/// than read and skipped: read, 500 storm groups' paced edits filled every page the sender reads
/// a pass, and a briefing to another chat waited until the storm ended. Leaving a chat's every
/// row out keeps its order.
///
/// Only rows that are due keep their chat's order: a row held for later (quiet hours) that was
/// never tried does not hold up the rows behind it that are due now. A row waiting to be tried
/// again (after a 429 or a failed connection) still does, so a chat's messages do not overtake
/// each other while Telegram makes it wait.
pub async fn due(conn: &mut Conn, now: i64, held: &[i64], limit: i64) -> StoreResult<Vec<OutboxRow>> {
    due_above(conn, now, held, limit, PRIORITY_BUTTON).await
}

/// As `due`, of the rows of priority above `above` only: `PRIORITY_LIVE` reads what waits
/// besides live edits, when they have used their share of the second (`telegram::pacing`). A
/// chat's live edit still holds the rows behind it.
pub async fn due_above(
    conn: &mut Conn,
    now: i64,
    held: &[i64],
    limit: i64,
    above: i64,
) -> StoreResult<Vec<OutboxRow>> {
    // Walks waiting rows in priority order and stops at `limit`, each checked for an older row
    // of its chat in the `outbox_waiting` index: a fraction of a millisecond with 13,000 chats
    // waiting, where grouping every waiting row took ~50 ms a pass. The held chats (at most those
    // sent to in the last minute) are read once into a hashed set that each row is checked
    // against, which leaves the walk as it was.
    let held_chats = super::sql_list::ids_of(conn, "$3");
    let sql = format!(
        "SELECT o.id, o.chat_id, o.body, o.attempts, o.not_before, o.stale_after, o.priority FROM outbox o
         WHERE o.state = 'pending' AND o.priority > $4 AND o.not_before <= $1
           AND o.chat_id NOT IN ({held_chats})
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat_id = o.chat_id AND e.id < o.id
                           AND e.state IN ('pending', 'sending') AND e.priority > 0
                           AND (e.state = 'sending' OR e.not_before <= $1 OR e.attempts > 0))
         ORDER BY o.priority, o.id LIMIT $2"
    );
    let held = serde_json::to_string(held).map_err(|e| super::StoreError::Corrupt(e.to_string()))?;
    let query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now).bind(limit).bind(held).bind(above);
    if conn.backend_name() != <sqlx::Postgres as sqlx::Database>::NAME {
        return Ok(query.fetch_all(conn).await?);
    }
    // PostgreSQL plans from statistics that lag a queue table. Planned while few rows waited,
    // it read and sorted every waiting row (20 ms a pass in the reply storm), and a plan cached
    // while the table was small scanned it once per waiting row (minutes, once a broadcast was
    // queued). The index walk is always the right plan here, so it is the only one allowed.
    let mut tx = conn.begin().await?;
    sqlx::query(
        "SELECT set_config('enable_sort', 'off', true), set_config('enable_seqscan', 'off', true),
                set_config('enable_bitmapscan', 'off', true)",
    )
    .execute(&mut *tx)
    .await?;
    let rows = query.fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows)
}

/// Button answers due now, oldest first.
pub async fn due_buttons(conn: &mut Conn, now: i64, limit: i64) -> StoreResult<Vec<OutboxRow>> {
    Ok(sqlx::query_as(
        "SELECT id, chat_id, body, attempts, not_before, stale_after, priority FROM outbox
         WHERE state = 'pending' AND priority = 0 AND not_before <= $1 ORDER BY id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// What became of a button answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonOutcome {
    Sent,
    Retry { at: i64, why: String },
    Failed(String),
}

/// Records a button answer's outcome (answers are never claimed: see `telegram::button_answers`).
pub async fn record_button(conn: &mut Conn, id: i64, outcome: &ButtonOutcome, now: i64) -> StoreResult<()> {
    let (state, not_before, error, sent_at) = match outcome {
        ButtonOutcome::Sent => ("sent", None, None, Some(now)),
        ButtonOutcome::Retry { at, why } => ("pending", Some(*at), Some(why.as_str()), None),
        ButtonOutcome::Failed(why) => ("failed", None, Some(why.as_str()), None),
    };
    sqlx::query(
        "UPDATE outbox SET state = $2, not_before = COALESCE($3, not_before), error = $4, sent_at = $5,
                attempts = attempts + 1
         WHERE id = $1 AND state = 'pending'",
    )
    .bind(id)
    .bind(state)
    .bind(not_before)
    .bind(error)
    .bind(sent_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records many button answers (or reactions) as sent in one statement: a storm sends them by
/// the hundred, and one round trip each was what recording them cost on PostgreSQL.
pub async fn record_buttons_sent(conn: &mut Conn, ids: &[i64], now: i64) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = serde_json::to_string(ids).map_err(|e| super::StoreError::Corrupt(e.to_string()))?;
    let ids = super::sql_list::ids_of(conn, "$1");
    let sql = format!(
        "UPDATE outbox SET state = 'sent', error = NULL, sent_at = $2, attempts = attempts + 1
         WHERE state = 'pending' AND priority = 0 AND id IN ({ids})"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(list).bind(now).execute(conn).await?;
    Ok(())
}

/// The earliest `not_before` after `now` among pending rows, to sleep until. Rows already due
/// are not counted: one still pending was held back (its chat's limits, an older row being sent),
/// and counting it woke the sender again at once, pass after pass, until it could go.
pub async fn next_due_after(conn: &mut Conn, now: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT MIN(not_before) FROM outbox WHERE state = 'pending' AND not_before > $1")
        .bind(now)
        .fetch_one(conn)
        .await?)
}

/// pending → sending; returns the row's body as it stands, or `None` if another worker took it.
pub async fn claim(conn: &mut Conn, id: i64) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = $1 AND state = 'pending'
         RETURNING body",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// What claiming a chat message found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Claimed (now `sending`): its body as it stands.
    Body(String),
    /// Its chat is unreachable: the row is closed as failed instead.
    Unreachable,
    /// No longer pending.
    Gone,
}

/// `claim` for a message to a chat, and in the same statement the check that the chat is
/// reachable (one statement a message instead of two).
pub async fn claim_if_reachable(conn: &mut Conn, id: i64) -> StoreResult<Claim> {
    let row: Option<(String, String)> = sqlx::query_as(
        "UPDATE outbox SET
             state = CASE WHEN EXISTS (SELECT 1 FROM chats c WHERE c.chat_id = outbox.chat_id
                                                                AND c.unreachable_at IS NOT NULL)
                          THEN 'failed' ELSE 'sending' END,
             error = CASE WHEN EXISTS (SELECT 1 FROM chats c WHERE c.chat_id = outbox.chat_id
                                                                AND c.unreachable_at IS NOT NULL)
                          THEN 'chat unreachable' ELSE error END,
             attempts = attempts + 1
         WHERE id = $1 AND state = 'pending'
         RETURNING state, body",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some((state, body)) if state == OutboxState::Sending.code() => Claim::Body(body),
        Some(_) => Claim::Unreachable,
        None => Claim::Gone,
    })
}

pub async fn mark_sent(conn: &mut Conn, id: i64, message_id: Option<i64>, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'sent', message_id = $2, sent_at = $3, error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(message_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the row in a final state other than sent.
pub async fn close(conn: &mut Conn, id: i64, state: OutboxState, error: &str) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET state = $2, error = $3 WHERE id = $1")
        .bind(id)
        .bind(state.code())
        .bind(error)
        .execute(conn)
        .await?;
    Ok(())
}

/// Back to pending, not before `not_before` (a 429, or a failure before the request left).
pub async fn retry_at(conn: &mut Conn, id: i64, not_before: i64, error: &str) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET state = 'pending', not_before = $2, error = $3 WHERE id = $1")
        .bind(id)
        .bind(not_before)
        .bind(error)
        .execute(conn)
        .await?;
    Ok(())
}

/// Telegram refused the row with 429 Too Many Requests: pending again from `not_before`, and
/// counted in `/metrics`.
pub async fn throttled(conn: &mut Conn, id: i64, not_before: i64, error: &str, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'pending', not_before = $2, error = $3, throttled_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(not_before)
    .bind(error)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Rows a dead process left in `sending` may have been delivered: they become `unknown`.
pub async fn settle_interrupted(conn: &mut Conn) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'unknown', error = 'interrupted while sending' WHERE state = 'sending'",
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Every message sent since `since` (unix ms): its chat and when, oldest first.
pub async fn sent_since(conn: &mut Conn, since: i64) -> StoreResult<Vec<(i64, i64)>> {
    Ok(sqlx::query_as("SELECT chat_id, sent_at FROM outbox WHERE sent_at >= $1 ORDER BY sent_at, id")
        .bind(since)
        .fetch_all(conn)
        .await?)
}

/// The Telegram message id of an earlier row (for edits), once it is sent.
pub async fn message_id_of(conn: &mut Conn, id: i64) -> StoreResult<Option<(i64, Option<i64>)>> {
    let row: Option<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT chat_id, state, message_id FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(chat, state, mid)| (chat, if state == "sent" { mid } else { None })))
}

/// Pending rows for `from` follow a group that moved to `to`.
pub async fn move_chat(conn: &mut Conn, from: i64, to: i64) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET chat_id = $2 WHERE chat_id = $1 AND state = 'pending'")
        .bind(from)
        .bind(to)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count_in_state(conn: &mut Conn, state: OutboxState) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = $1")
        .bind(state.code())
        .fetch_one(conn)
        .await?)
}

/// When the row `id` is to go, while it still waits (`None` once sent, failed or gone): an edit
/// of a message that is held must wait for it.
pub async fn pending_not_before(conn: &mut Conn, id: i64) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT not_before FROM outbox WHERE id = $1 AND state = 'pending'")
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// Points a row at the chat a group moved to, to be sent once more.
pub async fn redirect(conn: &mut Conn, id: i64, to: i64) -> StoreResult<()> {
    sqlx::query("UPDATE outbox SET chat_id = $2, state = 'pending' WHERE id = $1")
        .bind(id)
        .bind(to)
        .execute(conn)
        .await?;
    Ok(())
}

/// Replaces the body of the pending row about `topic` (an edit not yet sent), so a burst of
/// changes makes one request; false when no such row waits.
pub async fn replace_pending(conn: &mut Conn, topic: &str, body: &str) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE outbox SET body = $2 WHERE topic = $1 AND state = 'pending'")
        .bind(topic)
        .bind(body)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The outbox row and body of the bot's message `message_id` in `chat_id`, if it sent one.
pub async fn row_of_message(
    conn: &mut Conn,
    chat_id: i64,
    message_id: i64,
) -> StoreResult<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, body FROM outbox WHERE chat_id = $1 AND message_id = $2 AND state = 'sent' ORDER BY id DESC LIMIT 1",
    )
    .bind(chat_id)
    .bind(message_id)
    .fetch_optional(conn)
    .await?)
}

/// The topic of the bot's message `message_id` in `chat_id`: `None` when the bot sent no such
/// message (it is someone else's), `Some(None)` when it was sent about no topic.
pub async fn topic_of_message(
    conn: &mut Conn,
    chat_id: i64,
    message_id: i64,
) -> StoreResult<Option<Option<String>>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT topic FROM outbox WHERE chat_id = $1 AND message_id = $2 ORDER BY id LIMIT 1")
            .bind(chat_id)
            .bind(message_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(topic,)| topic))
}
