//! The delivery worker: takes due chat messages from the outbox (one per chat at a time, oldest
//! first), paces them within Telegram's limits, sends them, and records what happened to each.
//! Button answers go by `button_answers` instead.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use teloxide::{ApiError, Bot, RequestError};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::app::binding::follow_group_upgrade;
use crate::app::leadership::wait_to_lead;
use crate::clock::{Clock, to_millis};
use crate::domain::outgoing::Outgoing;
use crate::store::outbox::{self, OutboxRow, OutboxState};
use crate::store::{self, Store, StoreResult};
use crate::telegram::pacing::{Limits, Pacing};
use crate::telegram::redact::describe_error;
use crate::telegram::render::{self, Target};

/// How often a row is retried after failures that did not reach Telegram.
const MAX_ATTEMPTS: i64 = 8;
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
}

/// What became of one request.
enum Delivery {
    Sent(Option<i64>),
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

    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        match self.settle().await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(rows = n, "messages interrupted mid-send marked unknown (not resent)"),
            Err(e) => tracing::error!(error = %e, "cannot settle interrupted messages"),
        }
        let mut leader = self.leader.clone();
        while wait_to_lead(&mut leader, &mut stop).await {
            let wait = match self.pump().await {
                Ok(wait) => wait,
                Err(e) => {
                    tracing::error!(error = %e, "delivery pass failed");
                    Duration::from_secs(1)
                }
            };
            tokio::select! {
                _ = self.outbox_ready.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
                _ = leader.changed() => {}
            }
        }
    }

    /// Rows a previous process left mid-send become `unknown`.
    pub async fn settle(&self) -> StoreResult<u64> {
        let mut conn = self.store.conn().await?;
        outbox::settle_interrupted(&mut conn).await
    }

    /// One pass: sends what is due and paced; returns how long until something may be due.
    /// Every send of a pass has finished (and is recorded) when it returns.
    pub async fn pump(&self) -> StoreResult<Duration> {
        let now_ms = to_millis(self.clock.now());
        let rows = {
            let mut conn = self.store.conn().await?;
            outbox::due(&mut conn, now_ms, BATCH).await?
        };
        let mut next = Duration::from_secs(1);
        let mut sent_any = false;
        // At most `concurrency` requests in flight: with one (the default) a crash can leave at
        // most one message whose fate is unknown, and pacing is exact because each send is
        // recorded when its answer came, before the next is decided.
        let mut sends = JoinSet::new();
        for row in rows {
            if sends.len() >= self.concurrency {
                log_join(sends.join_next().await);
            }
            if row.stale_after.is_some_and(|stale| stale < now_ms) {
                let mut conn = self.store.conn().await?;
                outbox::close(&mut conn, row.id, OutboxState::SkippedStale, "no longer timely").await?;
                continue;
            }
            let message: Outgoing = match serde_json::from_str(&row.body) {
                Ok(m) => m,
                Err(e) => {
                    let mut conn = self.store.conn().await?;
                    outbox::close(&mut conn, row.id, OutboxState::Failed, &format!("unreadable body: {e}"))
                        .await?;
                    continue;
                }
            };
            if render::is_chat_message(&message) {
                let now = Instant::now();
                let mut pacing = self.pacing.lock().expect("pacing poisoned");
                let at = pacing.ready_at(row.chat_id, now);
                if at > now {
                    next = next.min(at - now);
                    continue;
                }
                if self.concurrency > 1 {
                    // Parallel sends are not yet answered: count them now.
                    pacing.record(row.chat_id, now);
                }
            }
            sent_any = true;
            let this = self.clone();
            sends.spawn(async move { this.deliver(row, message).await });
        }
        while let Some(result) = sends.join_next().await {
            log_join(Some(result));
        }
        if sent_any {
            return Ok(Duration::ZERO);
        }
        let mut conn = self.store.conn().await?;
        if let Some(at) = outbox::next_due_at(&mut conn).await? {
            let wait = (at - to_millis(self.clock.now())).max(0) as u64;
            next = next.min(Duration::from_millis(wait));
        }
        Ok(next)
    }

    async fn deliver(&self, row: OutboxRow, message: Outgoing) -> StoreResult<()> {
        let mut conn = self.store.conn().await?;
        if store::chats::is_unreachable(&mut conn, row.chat_id).await? && render::is_chat_message(&message) {
            return outbox::close(&mut conn, row.id, OutboxState::Failed, "chat unreachable").await;
        }
        let edit_message_id = match &message {
            Outgoing::Edit { of_outbox_id, .. } => {
                match outbox::message_id_of(&mut conn, *of_outbox_id).await? {
                    Some((_, Some(mid))) => Some(mid),
                    _ => {
                        return outbox::close(
                            &mut conn,
                            row.id,
                            OutboxState::Failed,
                            "edited message was never sent",
                        )
                        .await;
                    }
                }
            }
            _ => None,
        };
        if !outbox::claim(&mut conn, row.id).await? {
            return Ok(());
        }
        // A pending edit may have been rewritten since it was read (coalesced roll edits): send
        // the body as it stands now that it is claimed and can no longer change.
        let message = match outbox::body_of(&mut conn, row.id).await?.map(|b| serde_json::from_str(&b)) {
            Some(Ok(current)) => current,
            _ => message,
        };
        drop(conn);
        let target = Target { chat_id: row.chat_id, edit_message_id };
        let counts = render::is_chat_message(&message);
        let delivery = classify(render::send(&self.bot, target, message).await);
        if counts && self.concurrency == 1 {
            self.pacing.lock().expect("pacing poisoned").record(row.chat_id, Instant::now());
        }
        self.record(&row, delivery).await
    }

    async fn record(&self, row: &OutboxRow, delivery: Delivery) -> StoreResult<()> {
        let now = to_millis(self.clock.now());
        let mut tx = self.store.begin_write().await?;
        match delivery {
            Delivery::Sent(message_id) => outbox::mark_sent(&mut tx, row.id, message_id, now).await?,
            Delivery::RetryAfter(wait, why) if row.attempts < MAX_ATTEMPTS => {
                outbox::retry_at(&mut tx, row.id, now + wait.as_millis() as i64, &why).await?
            }
            Delivery::RetryAfter(_, why) => outbox::close(&mut tx, row.id, OutboxState::Failed, &why).await?,
            Delivery::Moved(to) if row.attempts < 2 => {
                follow_group_upgrade(&mut tx, row.chat_id, to, now).await?;
                outbox::redirect(&mut tx, row.id, to).await?;
            }
            Delivery::Moved(to) => {
                outbox::close(&mut tx, row.id, OutboxState::Failed, &format!("moved again to {to}")).await?
            }
            Delivery::Unreachable(why) => {
                let newly = !store::chats::is_unreachable(&mut tx, row.chat_id).await?;
                store::chats::mark_unreachable(&mut tx, row.chat_id, &why, now).await?;
                outbox::close(&mut tx, row.id, OutboxState::Failed, &why).await?;
                if newly {
                    crate::app::reachability::tell_admins(&mut tx, row.chat_id, now).await?;
                }
            }
            Delivery::Failed(why) => outbox::close(&mut tx, row.id, OutboxState::Failed, &why).await?,
            Delivery::Unknown(why) => outbox::close(&mut tx, row.id, OutboxState::Unknown, &why).await?,
        }
        tx.commit().await?;
        self.outbox_ready.notify_one();
        Ok(())
    }
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
        RequestError::RetryAfter(seconds) => Delivery::RetryAfter(seconds.duration(), describe_error(&error)),
        RequestError::MigrateToChatId(chat) => Delivery::Moved(chat.0),
        RequestError::Api(ApiError::MessageNotModified) => Delivery::Sent(None),
        RequestError::Api(api) => classify_api(api),
        // The request never left this machine: safe to try again.
        RequestError::Network(e) if e.is_connect() || e.is_builder() => {
            Delivery::RetryAfter(Duration::from_secs(2), describe_error(&error))
        }
        // It may have reached Telegram: never resend blindly.
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => {
            Delivery::Unknown(describe_error(&error))
        }
    }
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
