//! The delivery worker: takes due chat messages from the outbox (one per chat at a time, oldest
//! first), paces them within Telegram's limits, sends them, and records what happened to each.
//! Button answers go by `button_answers` instead.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use teloxide::{ApiError, Bot, RequestError};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tracing::Instrument;

use crate::app::binding::follow_group_upgrade;
use crate::app::leadership::take_over_then_pass;
use crate::clock::{Clock, to_millis};
use crate::domain::outgoing::Outgoing;
use crate::store::outbox::{self, OutboxRow, OutboxState};
use crate::store::{self, Store, StoreResult, Tx};
use crate::telegram::pacing::{Limits, Pacing};
use crate::telegram::redact::describe_error;
use crate::telegram::render::{self, Target};

/// How often a row is retried after failures that did not reach Telegram.
/// The longest wait between two tries of a message Telegram did not take (an outage).
const LONGEST_RETRY_WAIT: Duration = Duration::from_secs(300);
const BATCH: i64 = 30;

#[derive(Clone)]
pub struct Sender {
    pub bot: Bot,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub outbox_ready: Arc<Notify>,
    pacing: Arc<Mutex<Pacing>>,
    /// Requests in flight at once (1 by default: see `pump`).
    concurrency: usize,
    /// Only the lease holder sends.
    leader: watch::Receiver<bool>,
    /// Outcomes of sends whose recording failed (the database refused the write): kept and
    /// recorded at the start of the next pass, so a message that went out is marked sent instead
    /// of staying `sending` — and holding up its chat — until a restart.
    unrecorded: Arc<Mutex<Vec<Finished>>>,
}

/// What became of one request.
enum Delivery {
    Sent(Option<i64>),
    /// 429 Too Many Requests: wait that long.
    Throttled(Duration, String),
    /// Certainly not carried out (the request never left, a proxy refused it, a server error):
    /// tried again after this first wait, doubling with each try — until it goes through, or,
    /// for a message that is only timely for a while, until the sender skips it as stale.
    RetryAfter(Duration, String),
    Moved(i64),
    Unreachable(String),
    Failed(String),
    Unknown(String),
}

impl Sender {
    pub fn new(
        bot: Bot,
        store: Store,
        clock: Arc<dyn Clock>,
        outbox_ready: Arc<Notify>,
        limits: Limits,
    ) -> Sender {
        Sender {
            bot,
            store,
            clock,
            outbox_ready,
            pacing: Arc::new(Mutex::new(Pacing::new(limits))),
            concurrency: 1,
            leader: watch::channel(true).1,
            unrecorded: Arc::default(),
        }
    }

    /// Sends only while this instance holds the lease.
    pub fn led_by(mut self, leader: watch::Receiver<bool>) -> Sender {
        self.leader = leader;
        self
    }

    /// Allows more requests in flight (faster over a slow link; a crash may then leave up to
    /// that many messages `unknown`).
    pub fn with_concurrency(mut self, concurrency: usize) -> Sender {
        self.concurrency = concurrency.max(1);
        self
    }

    pub async fn run(self, stop: watch::Receiver<bool>) {
        let this = &self;
        let take_over = || async move { this.take_over().await };
        let pass = || async move {
            match this.pump().await {
                Ok(wait) => wait,
                Err(e) => {
                    tracing::error!(error = %e, "delivery pass failed");
                    Duration::from_secs(1)
                }
            }
        };
        take_over_then_pass(self.leader.clone(), stop, &self.outbox_ready, take_over, pass).await;
    }

    /// On becoming the sender (at start, or taking over from a leader that died or stalled): rows
    /// the previous one left mid-send become `unknown`, and the sends of the last minute, read
    /// from the outbox, count against Telegram's limits as if this process had made them — so no
    /// restart or take-over floods.
    async fn take_over(&self) {
        match self.settle().await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(rows = n, "messages interrupted mid-send marked unknown (not resent)"),
            Err(e) => tracing::error!(error = %e, "cannot settle interrupted messages"),
        }
        if let Err(e) = self.remember_recent_sends().await {
            tracing::error!(error = %e, "cannot read the last minute's sends; pacing starts afresh");
        }
    }

    /// Loads the last minute's sends into pacing, each at its age.
    async fn remember_recent_sends(&self) -> StoreResult<()> {
        let now_ms = to_millis(self.clock.now());
        let recent = {
            let mut conn = self.store.conn().await?;
            outbox::sent_since(&mut conn, now_ms - 60_000).await?
        };
        let now = Instant::now();
        let mut pacing = self.pacing.lock().expect("pacing poisoned");
        pacing.forget();
        for (chat_id, sent_at) in recent {
            let age = Duration::from_millis(u64::try_from(now_ms - sent_at).unwrap_or(0));
            pacing.record(chat_id, now.checked_sub(age).unwrap_or(now));
        }
        Ok(())
    }

    /// Rows a previous process left mid-send become `unknown`.
    pub async fn settle(&self) -> StoreResult<u64> {
        let mut conn = self.store.conn().await?;
        outbox::settle_interrupted(&mut conn).await
    }

    /// One pass: sends what is due and paced; returns how long until something may be due.
    /// Every send of a pass has finished (and is recorded) when it returns.
    pub async fn pump(&self) -> StoreResult<Duration> {
        self.record_left_over().await?;
        let now_ms = to_millis(self.clock.now());
        let mut next = Duration::from_secs(1);
        let (rows, others_waiting) =
            store::within(store::WORK_WITHIN, self.ready_rows(now_ms, &mut next)).await?;
        // Sent, or closed without sending: more may be ready at once.
        let mut handled_any = false;
        // At most `concurrency` requests in flight: with one (the default) a crash can leave at
        // most one message whose fate is unknown, and pacing is exact because each send is
        // recorded when its answer came, before the next is decided.
        let mut sends = JoinSet::new();
        // With one in flight, each send's result is recorded with the next claim.
        let mut unrecorded: Option<Finished> = None;
        let pass_started = Instant::now();
        let pass_time = self.pacing.lock().expect("pacing poisoned").second();
        for (row, parsed) in rows {
            if handled_any && pass_started.elapsed() >= pass_time {
                // The rest are read again at once: a live edit redrawn meanwhile goes first,
                // instead of waiting behind a page of confirmations held up by the batches' writes.
                break;
            }
            if sends.len() >= self.concurrency {
                log_join(sends.join_next().await);
            }
            if row.stale_after.is_some_and(|stale| stale < now_ms) {
                let mut conn = self.store.conn().await?;
                outbox::close(&mut conn, row.id, OutboxState::SkippedStale, "no longer timely").await?;
                handled_any = true;
                continue;
            }
            let message = match parsed {
                Ok(m) => m,
                Err(e) => {
                    let mut conn = self.store.conn().await?;
                    outbox::close(&mut conn, row.id, OutboxState::Failed, &format!("unreadable body: {e}"))
                        .await?;
                    handled_any = true;
                    continue;
                }
            };
            if render::is_chat_message(&message) {
                let now = Instant::now();
                let mut pacing = self.pacing.lock().expect("pacing poisoned");
                let live = is_live(&row);
                let at = if live {
                    pacing.live_ready_at(row.chat_id, now, others_waiting)
                } else {
                    pacing.ready_at(row.chat_id, now)
                };
                if at > now {
                    next = next.min(at - now);
                    continue;
                }
                if self.concurrency > 1 {
                    // Parallel sends are not yet answered: count them now.
                    record_send(&mut pacing, &row, now);
                }
            }
            handled_any = true;
            if self.concurrency == 1 {
                match self.deliver_after(row, message, unrecorded.as_ref()).await {
                    Ok(finished) => unrecorded = finished,
                    Err(e) => {
                        if let Some(previous) = unrecorded.take() {
                            self.record(previous).await?;
                        }
                        return Err(e);
                    }
                }
                continue;
            }
            let this = self.clone();
            sends.spawn(async move { this.deliver(row, message).await });
        }
        if let Some(last) = unrecorded {
            self.record(last).await?;
        }
        while let Some(result) = sends.join_next().await {
            log_join(Some(result));
        }
        if handled_any {
            return Ok(Duration::ZERO);
        }
        // Rows due by this pass's start and left pending are held (`next` says until when), or
        // wait behind an older row of their chat being sent (its recording wakes the sender).
        let mut conn = self.store.conn().await?;
        if let Some(at) = outbox::next_due_after(&mut conn, now_ms).await? {
            let wait = (at - to_millis(self.clock.now())).max(0) as u64;
            next = next.min(Duration::from_millis(wait));
        }
        Ok(next)
    }

    /// Up to `BATCH` due rows whose chats' own limits let them go now, each with its body read,
    /// and whether rows other than live edits may be among those waiting to go (then live edits
    /// keep to their share of the 30/s). `next` becomes the earliest a held chat may go.
    ///
    /// The chats still waiting out their own limits (1/s, 20/min a group) are left out by the
    /// query itself, so any number of them cannot hide the rows behind them. Before, their rows
    /// were read and skipped here, at most five pages of 30 a pass: mid-storm 500 groups each
    /// had a paced live-roll edit at the head of the queue, and a briefing to another chat
    /// waited until the storm ended. Leaving out a chat's every row keeps its order; priorities
    /// keep the query's order, and `pump` still checks each row against every limit, the
    /// overall 30/s too. A held chat's command-menu row, which does not count against its
    /// limits, now waits with it (at most a minute).
    async fn ready_rows(
        &self,
        now_ms: i64,
        next: &mut Duration,
    ) -> StoreResult<(Vec<(OutboxRow, Parsed)>, bool)> {
        let (held, live_spent) = {
            let now = Instant::now();
            let mut pacing = self.pacing.lock().expect("pacing poisoned");
            let held = pacing.held_chats(now);
            for chat in &held {
                *next = (*next).min(pacing.held_until(*chat, now).saturating_duration_since(now));
            }
            (held, pacing.live_share_spent(now))
        };
        let mut conn = self.store.conn().await?;
        let (rows, others_waiting) = waiting_rows(&mut conn, now_ms, &held, live_spent).await?;
        let read = |row: OutboxRow| {
            let parsed = serde_json::from_str(&row.body);
            (row, parsed)
        };
        Ok((rows.into_iter().map(read).collect(), others_waiting))
    }

    /// Claims and sends one row in its own transactions (several sends in flight).
    async fn deliver(&self, row: OutboxRow, message: Outgoing) -> StoreResult<()> {
        match self.deliver_after(row, message, None).await? {
            Some(finished) => self.record(finished).await,
            None => Ok(()),
        }
    }

    /// Records `previous` (a send whose answer came) and claims `row` in one transaction — one
    /// disk flush per message instead of two — then sends `row`. Returns what became of it, to
    /// be recorded with the next claim or on its own. `previous` is recorded only if this
    /// returns `Ok`.
    async fn deliver_after(
        &self,
        row: OutboxRow,
        message: Outgoing,
        previous: Option<&Finished>,
    ) -> StoreResult<Option<Finished>> {
        let claim = async {
            let mut tx = self.store.begin_write().await?;
            if let Some(previous) = previous {
                self.record_in(&mut tx, previous).await?;
            }
            let claimed = claim_in(&mut tx, &row, message).await?;
            tx.commit().await?;
            Ok(claimed)
        };
        let claimed = store::within(store::WORK_WITHIN, claim).await?;
        let Some((target, message)) = claimed else { return Ok(None) };
        let counts = render::is_chat_message(&message);
        let delivery = classify(render::send(&self.bot, target, message).instrument(send_span(&row)).await);
        if counts && self.concurrency == 1 {
            record_send(&mut self.pacing.lock().expect("pacing poisoned"), &row, Instant::now());
        }
        Ok(Some(Finished { row, delivery }))
    }

    /// Records an outcome in a transaction of its own; one that cannot be recorded now is kept
    /// for the next pass.
    async fn record(&self, finished: Finished) -> StoreResult<()> {
        let recorded = self.try_record(&finished).await;
        if recorded.is_err() {
            self.unrecorded.lock().expect("unrecorded poisoned").push(finished);
        }
        recorded
    }

    async fn try_record(&self, finished: &Finished) -> StoreResult<()> {
        let record = async {
            let mut tx = self.store.begin_write().await?;
            self.record_in(&mut tx, finished).await?;
            tx.commit().await?;
            Ok(())
        };
        store::within(store::WORK_WITHIN, record).await?;
        self.outbox_ready.notify_one();
        Ok(())
    }

    /// Records the outcomes an earlier pass could not; stops at the first that still fails.
    async fn record_left_over(&self) -> StoreResult<()> {
        let left = std::mem::take(&mut *self.unrecorded.lock().expect("unrecorded poisoned"));
        let mut left = left.into_iter();
        while let Some(finished) = left.next() {
            if let Err(e) = self.record(finished).await {
                self.unrecorded.lock().expect("unrecorded poisoned").extend(left);
                return Err(e);
            }
        }
        Ok(())
    }

    async fn record_in(&self, tx: &mut Tx, finished: &Finished) -> StoreResult<()> {
        self.record_outcome(tx, finished).instrument(send_span(&finished.row)).await
    }

    async fn record_outcome(&self, tx: &mut Tx, finished: &Finished) -> StoreResult<()> {
        let Finished { row, delivery } = finished;
        let now = to_millis(self.clock.now());
        tracing::debug!(sent = matches!(delivery, Delivery::Sent(_)), "send finished");
        match delivery {
            Delivery::Sent(message_id) => outbox::mark_sent(tx, row.id, *message_id, now).await,
            Delivery::RetryAfter(first, why) => {
                let wait = retry_wait(*first, row.attempts);
                tracing::warn!(error = %why, retry_in_ms = wait.as_millis() as u64, "not carried out; will retry");
                outbox::retry_at(tx, row.id, now + wait.as_millis() as i64, why).await
            }
            Delivery::Throttled(wait, why) => {
                outbox::throttled(tx, row.id, now + wait.as_millis() as i64, why, now).await
            }
            Delivery::Moved(to) if row.attempts < 2 => {
                follow_group_upgrade(tx, row.chat_id, *to, now).await?;
                outbox::redirect(tx, row.id, *to).await
            }
            Delivery::Moved(to) => {
                outbox::close(tx, row.id, OutboxState::Failed, &format!("moved again to {to}")).await
            }
            Delivery::Unreachable(why) => {
                let newly = !store::chats::is_unreachable(tx, row.chat_id).await?;
                store::chats::mark_unreachable(tx, row.chat_id, why, now).await?;
                outbox::close(tx, row.id, OutboxState::Failed, why).await?;
                if newly {
                    crate::app::reachability::tell_admins(tx, row.chat_id, now).await?;
                }
                Ok(())
            }
            Delivery::Failed(why) => outbox::close(tx, row.id, OutboxState::Failed, why).await,
            Delivery::Unknown(why) => {
                tracing::warn!(error = %why, "may or may not have reached Telegram: marked unknown, never resent");
                outbox::close(tx, row.id, OutboxState::Unknown, why).await
            }
        }
    }
}

/// The due rows of chats not `held`, and whether rows other than live edits may be among those
/// waiting. Live edits first by priority, but once they have `live_spent` their share of the
/// second, the rest are read past them: 500 groups' ready edits would fill every page. When
/// nothing else waits, the live edits are read again and may take the whole 30/s.
async fn waiting_rows(
    conn: &mut store::Conn,
    now_ms: i64,
    held: &[i64],
    live_spent: bool,
) -> StoreResult<(Vec<OutboxRow>, bool)> {
    if live_spent {
        let others = outbox::due_above(conn, now_ms, held, BATCH, outbox::PRIORITY_LIVE).await?;
        if !others.is_empty() {
            return Ok((others, true));
        }
        return Ok((outbox::due(conn, now_ms, held, BATCH).await?, false));
    }
    let rows = outbox::due(conn, now_ms, held, BATCH).await?;
    // A full page of live edits may hide others behind it: they count as waiting until a read
    // past the live edits finds none.
    let others_waiting = rows.len() as i64 == BATCH || rows.iter().any(|row| !is_live(row));
    Ok((rows, others_waiting))
}

/// A live edit (a roll redrawn during a storm): spaced evenly over its group's minute, within
/// the live share of the 30/s while other messages wait.
fn is_live(row: &OutboxRow) -> bool {
    row.priority == outbox::PRIORITY_LIVE
}

/// Counts a send against its chat's limits (and, for a live edit, the spacing of live edits).
fn record_send(pacing: &mut Pacing, row: &OutboxRow, at: Instant) {
    if is_live(row) {
        pacing.record_live(row.chat_id, at);
    } else {
        pacing.record(row.chat_id, at);
    }
}

/// Every log line about one outgoing message carries its outbox id and chat.
pub fn send_span(row: &OutboxRow) -> tracing::Span {
    tracing::info_span!("send", outbox_id = row.id, chat_id = row.chat_id)
}

/// A due row's body, read once.
type Parsed = Result<Outgoing, serde_json::Error>;

/// A send whose answer came, not yet recorded.
struct Finished {
    row: OutboxRow,
    delivery: Delivery,
}

/// pending → sending, unless the chat is unreachable or an edit's message was never sent (the
/// row is closed instead). Returns where and what to send; `None` when there is nothing to.
async fn claim_in(
    tx: &mut Tx,
    row: &OutboxRow,
    message: Outgoing,
) -> StoreResult<Option<(Target, Outgoing)>> {
    let edit_message_id = match &message {
        Outgoing::Edit { of_outbox_id, .. } => match outbox::message_id_of(tx, *of_outbox_id).await? {
            Some((_, Some(mid))) => Some(mid),
            // The message is still held (quiet hours): the edit waits for it.
            _ if let Some(at) = outbox::pending_not_before(tx, *of_outbox_id).await? => {
                outbox::retry_at(tx, row.id, at, "waiting for the edited message").await?;
                return Ok(None);
            }
            _ => {
                outbox::close(tx, row.id, OutboxState::Failed, "edited message was never sent").await?;
                return Ok(None);
            }
        },
        _ => None,
    };
    // A pending edit may have been rewritten since it was read (coalesced roll edits): send the
    // body as it stands now that it is claimed and can no longer change.
    // An unreachable chat's message is closed instead (checked by the claim itself).
    let body = if render::is_chat_message(&message) {
        match outbox::claim_if_reachable(tx, row.id).await? {
            outbox::Claim::Body(body) => body,
            outbox::Claim::Unreachable | outbox::Claim::Gone => return Ok(None),
        }
    } else {
        let Some(body) = outbox::claim(tx, row.id).await? else { return Ok(None) };
        body
    };
    let message = serde_json::from_str(&body).unwrap_or(message);
    Ok(Some((Target { chat_id: row.chat_id, edit_message_id }, message)))
}

fn log_join(result: Option<Result<StoreResult<()>, tokio::task::JoinError>>) {
    match result {
        Some(Ok(Err(e))) => tracing::error!(error = %e, "recording a delivery failed"),
        Some(Err(e)) => tracing::error!(error = %e, "a delivery task panicked"),
        _ => {}
    }
}

fn classify(result: Result<Option<i64>, RequestError>) -> Delivery {
    let error = match result {
        Ok(message_id) => return Delivery::Sent(message_id),
        Err(e) => e,
    };
    match &error {
        RequestError::RetryAfter(seconds) => Delivery::Throttled(seconds.duration(), describe_error(&error)),
        RequestError::MigrateToChatId(chat) => Delivery::Moved(chat.0),
        RequestError::Api(ApiError::MessageNotModified) => Delivery::Sent(None),
        RequestError::Api(api) => classify_api(api),
        // The request never left this machine: safe to try again.
        RequestError::Network(e) if e.is_connect() || e.is_builder() => {
            Delivery::RetryAfter(Duration::from_secs(2), describe_error(&error))
        }
        // A proxy in front of the Bot API refused it with a page of its own: not carried out.
        RequestError::InvalidJson { raw, .. } if is_gateway_refusal(raw) => {
            Delivery::RetryAfter(Duration::from_secs(5), describe_error(&error))
        }
        // It may have reached Telegram: never resend blindly.
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => {
            Delivery::Unknown(describe_error(&error))
        }
    }
}

/// How long to wait after a message's `attempts`-th try was not carried out: `first`, doubling
/// with each try, at most five minutes.
fn retry_wait(first: Duration, attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.clamp(0, 16)).unwrap_or(16);
    first.saturating_mul(2u32.saturating_pow(doublings)).min(LONGEST_RETRY_WAIT)
}

/// A 502 or 503 page from a proxy (HTML, not the Bot API's JSON): the request was not carried out.
fn is_gateway_refusal(raw: &str) -> bool {
    let page = raw.to_ascii_lowercase();
    page.contains("502 bad gateway") || page.contains("503 service")
}

/// teloxide matches API errors on their exact text, and some of its texts are stale; decide on
/// the description's prefix, which the Bot API server keeps stable.
fn classify_api(api: &ApiError) -> Delivery {
    let description = api.to_string();
    let forbidden = matches!(
        api,
        ApiError::BotBlocked
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel
            | ApiError::UserDeactivated
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots
    ) || description.starts_with("Forbidden");
    if forbidden {
        Delivery::Unreachable(description)
    } else if description.starts_with("Bad Request")
        || description.starts_with("Unauthorized")
        || !matches!(api, ApiError::Unknown(_))
    {
        Delivery::Failed(description)
    } else {
        // A server-side hiccup (5xx and the like): teloxide already waited; try again later.
        Delivery::RetryAfter(Duration::from_secs(5), description)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_five_minutes() {
        let first = Duration::from_secs(2);
        let waits: Vec<u64> = (0..10).map(|n| retry_wait(first, n).as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(retry_wait(first, 10_000), LONGEST_RETRY_WAIT);
    }

    #[test]
    fn a_proxys_refusal_page_is_told_from_an_answer_that_may_have_been_carried_out() {
        let nginx =
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
        assert!(is_gateway_refusal(nginx));
        assert!(is_gateway_refusal("<html><body>503 Service Temporarily Unavailable</body></html>"));
        assert!(!is_gateway_refusal("<html><body>504 Gateway Time-out</body></html>"));
        assert!(!is_gateway_refusal("{\"ok\":true,\"result\""));
    }
}
