//! Handles stored updates in batches: a batch's handling, the closing of its inbox rows and the
//! replies it queues are one write transaction, so an update is handled exactly once even
//! across a crash; a batch that fails is handled update by update.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tracing::Instrument;

use crate::app::batch::{Batch, BuiltNames};
use crate::app::context::Ctx;
use crate::app::inbox::{self, InboxState, PendingUpdate};
use crate::chat::incoming::Incoming;
use crate::chat::router;
use crate::clock::{Clock, to_millis};
use crate::domain::flood::{FloodGuard, Pace};
use crate::domain::outgoing::Outgoing;
use crate::store::{Store, StoreError, StoreResult};
use crate::texts::common;

/// Reads a stored update in the transport's own wire format (`telegram::incoming::parse_raw`).
pub type ParseUpdate = fn(&str) -> Result<Incoming, String>;

pub struct Processor {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub bot_username: String,
    /// The transport's parser for what the inbox holds.
    pub parse: ParseUpdate,
    /// Woken when the poller stores updates.
    pub inbox_ready: Arc<Notify>,
    /// Woken when replies are queued.
    pub outbox_ready: Arc<Notify>,
    /// Woken when button answers are queued.
    pub buttons_ready: Arc<Notify>,
    /// Woken when handling an update scheduled a job.
    pub jobs_changed: Arc<Notify>,
    /// Each person's pace (messages and taps a minute).
    pub flood: Mutex<FloodGuard>,
    /// Name forms of large branches, carried from batch to batch (`app::batch::BuiltNames`).
    pub built_names: Mutex<BuiltNames>,
    /// Reading and handling updates failing this long without a single success is a fault that
    /// does not pass by itself (a disk gone read-only, a database lost): the processor stops, and
    /// with it the process, so its supervisor restarts zhibu and the operator sees it.
    pub persistent_fault: Duration,
}

const ATTEMPTS: u32 = 3;
/// At most this many updates are read for a batch (its work is cut by `BATCH_TIME` and
/// `BATCH_LIMIT` anyway).
const BATCH_UPDATES: i64 = 100;
/// A batch stops taking updates after working this long (besides reading rolls and names), and commits.
const BATCH_TIME: Duration = Duration::from_millis(30);
/// A batch stops taking updates after this long in all, reading included: in a province-wide
/// storm one batch answers many meetings and reads each one's roll and names, and every tap in
/// it waits for the commit.
const BATCH_LIMIT: Duration = Duration::from_millis(100);

/// How long work has been failing without a success in between.
#[derive(Debug, Default)]
struct FailingSince(Option<tokio::time::Instant>);

impl FailingSince {
    /// Notes a failure at `now`; true once failures have lasted `limit` without a success.
    fn failed(&mut self, now: tokio::time::Instant, limit: Duration) -> bool {
        let since = *self.0.get_or_insert(now);
        now.duration_since(since) >= limit
    }

    fn succeeded(&mut self) {
        self.0 = None;
    }
}

impl Processor {
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let mut failing = FailingSince::default();
        while !*stop.borrow() {
            let drained = self.drain().await;
            if drained.is_ok() {
                failing.succeeded();
            }
            match drained {
                Ok(0) => {
                    tokio::select! {
                        _ = self.inbox_ready.notified() => {}
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                        _ = stop.changed() => {}
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(error = %e, "reading the inbox failed");
                    if failing.failed(tokio::time::Instant::now(), self.persistent_fault) {
                        tracing::error!(
                            seconds = self.persistent_fault.as_secs(),
                            "the database has failed every time for too long; stopping so that the \
                             supervisor restarts zhibu (no update is lost: they wait in the inbox or at Telegram)"
                        );
                        return;
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Handles every pending update; returns how many. Tests and benchmarks call this directly.
    pub async fn drain(&self) -> StoreResult<usize> {
        let mut handled = 0;
        loop {
            let batch = inbox::in_time(async {
                let mut conn = self.store.conn().await?;
                inbox::waiting(&mut conn, BATCH_UPDATES).await
            })
            .await?;
            if batch.is_empty() {
                return Ok(handled);
            }
            // One transaction for the batch (one disk flush instead of one per update); if
            // anything in it fails, each update is handled on its own, as before.
            match inbox::in_time(self.handle_batch(&batch)).await? {
                Some(done) => handled += done,
                None => {
                    for update in &batch {
                        self.handle_one(update).instrument(update_span(update.update_id)).await?;
                    }
                    handled += batch.len();
                }
            }
        }
    }

    /// Handles the updates of the batch in one transaction, stopping early once it has worked
    /// `BATCH_TIME` (what it did commits at once, so a tap's answer never waits long for a
    /// batch; the rest stay pending); returns how many it handled, or `None` (nothing kept)
    /// when any of them does not parse or its handling fails.
    async fn handle_batch(&self, batch: &[PendingUpdate]) -> StoreResult<Option<usize>> {
        let now = to_millis(self.clock.now());
        let mut parsed = Vec::with_capacity(batch.len());
        for update in batch {
            let Ok(incoming) = (self.parse)(&update.payload) else { return Ok(None) };
            parsed.push(incoming);
        }
        let mut tx = self.store.begin_write().await?;
        let started = tokio::time::Instant::now();
        let mut effects = Effects::default();
        // What the batch's answers read (their people, rolls, meetings) is read once, what they
        // write is written together, and each roll is redrawn once, before it commits.
        let people = parsed.iter().filter_map(Incoming::person).collect();
        let mut state = Batch::of_people(people);
        state.rolls.built = std::mem::take(&mut *self.built_names.lock().expect("built names poisoned"));
        let mut done = 0;
        for (update, incoming) in batch.iter().zip(parsed) {
            let elapsed = started.elapsed();
            if done > 0
                && (elapsed.saturating_sub(state.rolls.reading()) >= BATCH_TIME || elapsed >= BATCH_LIMIT)
            {
                break;
            }
            if !router::defers_writes(&incoming) && state.deferred.flush(&mut tx, now).await.is_err() {
                inbox::abandon(tx).await;
                return Ok(None);
            }
            state.start_update();
            let mut ctx = Ctx::for_update(&mut tx, now, &self.bot_username);
            ctx.inbox_id = Some(update.id);
            ctx.batch = Some(&mut state);
            let span = update_span(update.update_id);
            let handled = self.act_on(&mut ctx, incoming).instrument(span.clone()).await;
            span.in_scope(|| tracing::debug!(ok = handled.is_ok(), "update handled"));
            effects.add(&ctx);
            if handled.is_err() {
                inbox::abandon(tx).await;
                return Ok(None);
            }
            // What the batch knows is read afresh after an update that was no answer (a refused
            // tap, chatter in an unbound group…): the answers it holds back go in first, or the
            // rolls read again would miss them.
            if !state.keeps_what_it_knows() && state.deferred.flush(&mut tx, now).await.is_err() {
                inbox::abandon(tx).await;
                return Ok(None);
            }
            state.end_update();
            state.deferred.handled(update.id);
            done += 1;
        }
        if state.deferred.flush(&mut tx, now).await.is_err() {
            inbox::abandon(tx).await;
            return Ok(None);
        }
        let mut ctx = Ctx::for_update(&mut tx, now, &self.bot_username);
        let drawn = state.rolls.draw_owed(&mut ctx).await;
        effects.add(&ctx);
        if drawn.is_err() {
            inbox::abandon(tx).await;
            return Ok(None);
        }
        tx.commit().await?;
        *self.built_names.lock().expect("built names poisoned") = std::mem::take(&mut state.rolls.built);
        self.wake(&effects);
        Ok(Some(done))
    }

    async fn handle_one(&self, update: &PendingUpdate) -> StoreResult<()> {
        let incoming = match (self.parse)(&update.payload) {
            Ok(incoming) => incoming,
            Err(e) => {
                tracing::warn!(error = %e, "stored update does not parse; skipped");
                return self.close_failed(update.id, &e, None).await;
            }
        };
        let mut last_error = None;
        for attempt in 1..=ATTEMPTS {
            match inbox::in_time(self.try_handle(update.id, incoming.clone())).await {
                Ok(()) => return Ok(()),
                Err(e) => {
                    tracing::warn!(attempt, error = %e, "handling an update failed");
                    last_error = Some(e);
                    tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
                }
            }
        }
        let error = last_error.map(|e| e.to_string()).unwrap_or_default();
        tracing::error!(error = %error, "giving up on an update");
        self.close_failed(update.id, &error, apology_chat(&incoming)).await
    }

    /// Handles one update in a transaction of its own; `inbox_id` is its inbox row.
    async fn try_handle(&self, inbox_id: i64, incoming: Incoming) -> StoreResult<()> {
        let now = to_millis(self.clock.now());
        let mut tx = self.store.begin_write().await?;
        let mut ctx = Ctx::for_update(&mut tx, now, &self.bot_username);
        ctx.inbox_id = Some(inbox_id);
        self.act_on(&mut ctx, incoming).await?;
        let mut effects = Effects::default();
        effects.add(&ctx);
        if !inbox::close(&mut tx, inbox_id, InboxState::Done, None, now).await? {
            // Someone else handled it meanwhile: undo ours.
            tx.rollback().await?;
            return Ok(());
        }
        tx.commit().await?;
        self.wake(&effects);
        Ok(())
    }

    /// Handles an update, unless its sender goes faster than a person does.
    async fn act_on(&self, ctx: &mut Ctx<'_>, incoming: Incoming) -> StoreResult<()> {
        let pace = match incoming.person() {
            Some(person) => self.flood.lock().expect("flood guard poisoned").check(person, ctx.now),
            None => Pace::Fine,
        };
        match pace {
            Pace::Fine => router::handle(ctx, incoming).await,
            Pace::TooFast { tell } => {
                if tell {
                    tracing::warn!(
                        person = incoming.person(),
                        "too many messages or taps a minute; not acted on"
                    );
                }
                router::too_fast(ctx, incoming, tell).await
            }
        }
    }

    /// Wakes the workers that have something new to do once a transaction committed.
    fn wake(&self, effects: &Effects) {
        if effects.answers > 0 {
            self.buttons_ready.notify_one();
        }
        if effects.queued > effects.answers {
            self.outbox_ready.notify_one();
        }
        if effects.scheduled > 0 {
            self.jobs_changed.notify_one();
        }
    }

    async fn close_failed(&self, inbox_id: i64, error: &str, apologise_to: Option<i64>) -> StoreResult<()> {
        let now = to_millis(self.clock.now());
        let mut tx = self.store.begin_write().await?;
        let mut ctx = Ctx::for_update(&mut tx, now, &self.bot_username);
        if let Some(chat) = apologise_to {
            ctx.say(chat, Outgoing::text(common::SORRY_INTERNAL)).await?;
        }
        inbox::close(&mut tx, inbox_id, InboxState::Failed, Some(error), now).await?;
        tx.commit().await.map_err(StoreError::from)?;
        self.outbox_ready.notify_one();
        Ok(())
    }
}

/// Every log line about one update carries its id.
fn update_span(update_id: i64) -> tracing::Span {
    tracing::info_span!("update", update_id)
}

/// What the handling of one or more updates left for other workers.
#[derive(Default)]
struct Effects {
    queued: usize,
    answers: usize,
    scheduled: usize,
}

impl Effects {
    fn add(&mut self, ctx: &Ctx<'_>) {
        self.queued += ctx.queued;
        self.answers += ctx.answers;
        self.scheduled += ctx.scheduled;
    }
}

/// Where an apology goes when zhibu fails someone who asked it something: private chats and
/// commands only, never a group's chatter.
fn apology_chat(incoming: &Incoming) -> Option<i64> {
    match incoming {
        Incoming::Text(m) if m.chat.private || m.text.starts_with('/') => Some(m.chat.id),
        Incoming::Contact { chat, .. } | Incoming::Document { chat, .. } => Some(chat.id),
        Incoming::Callback { from, .. } => Some(from.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_is_persistent_only_when_it_lasts_without_one_success() {
        let limit = Duration::from_secs(300);
        let t0 = tokio::time::Instant::now();
        let mut failing = FailingSince::default();
        assert!(!failing.failed(t0, limit));
        assert!(!failing.failed(t0 + Duration::from_secs(299), limit));
        failing.succeeded();
        assert!(!failing.failed(t0 + Duration::from_secs(400), limit), "a success starts the count afresh");
        assert!(failing.failed(t0 + Duration::from_secs(700), limit));
    }
}
