//! Answers button presses (`answerCallbackQuery`, which stops the spinner on the old man's
//! screen) and sets reactions (`setMessageReaction`, the 👍 on an answer given in words) apart
//! from the chat messages: many at once, recorded a batch per transaction (the sent ones in one
//! statement).
//!
//! An answer carries no exactly-once duty: sent twice, Telegram refuses the second as too old and
//! nothing shows. So an answer is not claimed before it goes; if the process dies in between it is
//! simply sent again. That saves two disk flushes per press, which under a storm of taps were
//! what kept the spinners turning. Outcomes are recorded aside, so the next answers go while a
//! batch of updates holds the write lock.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use teloxide::Bot;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tracing::Instrument;

use crate::app::leadership::pass_while_leading;
use crate::clock::{Clock, to_millis};
use crate::domain::outgoing::Outgoing;
use crate::store::outbox::{self, ButtonOutcome, OutboxRow};
use crate::store::{self, Store, StoreResult};
use crate::telegram::redact::describe_error;
use crate::telegram::render::{self, Target};

/// Answers read per pass (and recorded per transaction).
const BATCH: i64 = 200;
/// Requests in flight at once.
const IN_FLIGHT: usize = 16;
/// After this many failed tries an answer is given up (the spinner stops by itself).
const MAX_ATTEMPTS: i64 = 3;

pub struct ButtonAnswers {
    pub bot: Bot,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Woken when the processor queues answers.
    pub ready: Arc<Notify>,
    /// Only the lease holder sends.
    pub leader: watch::Receiver<bool>,
}

impl ButtonAnswers {
    pub async fn run(self, stop: watch::Receiver<bool>) {
        let this = &self;
        // Answers sent whose outcome is still being recorded: not sent again meanwhile.
        let unrecorded: Arc<Mutex<HashSet<i64>>> = Arc::default();
        let pass = || {
            let unrecorded = unrecorded.clone();
            async move {
                match this.pass_recording_aside(unrecorded).await {
                    Ok(0) => Duration::from_secs(1),
                    // More may have come meanwhile: look again at once.
                    Ok(_) => Duration::ZERO,
                    Err(e) => {
                        tracing::error!(error = %e, "answering button presses failed");
                        Duration::from_secs(1)
                    }
                }
            }
        };
        pass_while_leading(self.leader.clone(), stop, &self.ready, pass).await;
    }

    /// Sends the answers that are due and records them; returns how many were sent.
    pub async fn pass(&self) -> StoreResult<usize> {
        let outcomes = self.send_due(&HashSet::new()).await?;
        record(&self.store, self.clock.as_ref(), &outcomes).await?;
        Ok(outcomes.len())
    }

    /// Sends the answers that are due, and records their outcomes in a task of its own: the next
    /// answers need not wait for the write lock (a batch of updates may hold it), only for their
    /// own requests.
    async fn pass_recording_aside(&self, unrecorded: Arc<Mutex<HashSet<i64>>>) -> StoreResult<usize> {
        let skip = unrecorded.lock().expect("unrecorded answers poisoned").clone();
        let outcomes = self.send_due(&skip).await?;
        let ids: Vec<i64> = outcomes.iter().map(|(id, _)| *id).collect();
        unrecorded.lock().expect("unrecorded answers poisoned").extend(ids.iter().copied());
        let (store, clock, sent) = (self.store.clone(), self.clock.clone(), ids.len());
        tokio::spawn(async move {
            if let Err(e) = record(&store, clock.as_ref(), &outcomes).await {
                // Still pending: sent again, and Telegram refuses the repeat as too old.
                tracing::error!(error = %e, "recording button answers failed");
            }
            let mut unrecorded = unrecorded.lock().expect("unrecorded answers poisoned");
            for id in &ids {
                unrecorded.remove(id);
            }
        });
        Ok(sent)
    }

    /// Sends the answers due now, but those in `skip`, 16 at a time; returns their outcomes.
    async fn send_due(&self, skip: &HashSet<i64>) -> StoreResult<Vec<(i64, ButtonOutcome)>> {
        // Within the store's deadline: a half-open connection must not hold the answers (or a stop).
        let rows = store::within(store::WORK_WITHIN, async {
            let mut conn = self.store.conn().await?;
            outbox::due_buttons(&mut conn, to_millis(self.clock.now()), BATCH + skip.len() as i64).await
        })
        .await?;
        let rows = rows.into_iter().filter(|r| !skip.contains(&r.id)).take(BATCH as usize);
        let mut outcomes = Vec::new();
        let mut in_flight = JoinSet::new();
        for row in rows {
            if in_flight.len() >= IN_FLIGHT {
                collect(&mut outcomes, in_flight.join_next().await);
            }
            let span = crate::telegram::sender::send_span(&row);
            in_flight.spawn(answer(self.bot.clone(), self.clock.clone(), row).instrument(span));
        }
        while let Some(joined) = in_flight.join_next().await {
            collect(&mut outcomes, Some(joined));
        }
        Ok(outcomes)
    }
}

/// Records what became of sent answers, in one transaction.
async fn record(store: &Store, clock: &dyn Clock, outcomes: &[(i64, ButtonOutcome)]) -> StoreResult<()> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let now = to_millis(clock.now());
    store::within(store::WORK_WITHIN, async {
        let mut tx = store.begin_write().await?;
        let sent: Vec<i64> =
            outcomes.iter().filter(|(_, o)| *o == ButtonOutcome::Sent).map(|(id, _)| *id).collect();
        outbox::record_buttons_sent(&mut tx, &sent, now).await?;
        for (id, outcome) in outcomes.iter().filter(|(_, o)| *o != ButtonOutcome::Sent) {
            outbox::record_button(&mut tx, *id, outcome, now).await?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Keeps a finished answer's outcome; one whose task died stays pending and is sent again.
fn collect(
    outcomes: &mut Vec<(i64, ButtonOutcome)>,
    joined: Option<Result<(i64, ButtonOutcome), tokio::task::JoinError>>,
) {
    match joined {
        Some(Ok(outcome)) => outcomes.push(outcome),
        Some(Err(e)) => tracing::error!(error = %e, "a button answer task panicked"),
        None => {}
    }
}

async fn answer(bot: Bot, clock: Arc<dyn Clock>, row: OutboxRow) -> (i64, ButtonOutcome) {
    let message: Outgoing = match serde_json::from_str(&row.body) {
        Ok(message) => message,
        Err(e) => return (row.id, ButtonOutcome::Failed(format!("unreadable body: {e}"))),
    };
    let target = Target { chat_id: row.chat_id, edit_message_id: None };
    let outcome = match render::send(&bot, target, message).await {
        Ok(_) => ButtonOutcome::Sent,
        Err(teloxide::RequestError::RetryAfter(wait)) => ButtonOutcome::Retry {
            at: to_millis(clock.now()) + wait.duration().as_millis() as i64,
            why: "too many requests".into(),
        },
        // A refusal (too old, unknown id) will not change on a second try.
        Err(teloxide::RequestError::Api(api)) => ButtonOutcome::Failed(api.to_string()),
        Err(e) if row.attempts + 1 >= MAX_ATTEMPTS => ButtonOutcome::Failed(describe_error(&e)),
        Err(e) => ButtonOutcome::Retry { at: to_millis(clock.now()) + 2_000, why: describe_error(&e) },
    };
    (row.id, outcome)
}
