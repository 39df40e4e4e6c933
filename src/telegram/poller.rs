//! Long polling: every update Telegram hands out is stored in the inbox before the next
//! `getUpdates` confirms it, so nothing is lost if the process dies at any moment.
//!
//! Updates are fetched and stored as raw JSON, not through teloxide's types: one payload its
//! deserializer cannot take (some even make it panic) must not stop the bot from polling.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};
use teloxide::Bot;
use teloxide::requests::Requester;
use tokio::sync::{Notify, watch};

use crate::app::leadership::wait_to_lead;
use crate::clock::{Clock, to_millis};
use crate::operations::health::Liveness;
use crate::store::{self, Store, StoreResult};
use crate::telegram::redact::redact_token_shapes;

pub struct Poller {
    pub bot: Bot,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub timeout_secs: u32,
    pub inbox_ready: Arc<Notify>,
    /// Only the lease holder polls.
    pub leader: watch::Receiver<bool>,
    /// Told of every answer from `getUpdates`, for `/healthz`.
    pub liveness: Liveness,
}

impl Poller {
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let mut leader = self.leader.clone();
        while wait_to_lead(&mut leader, &mut stop).await {
            // getUpdates is refused while a webhook is set (from an earlier webhook run).
            if let Err(e) = self.bot.delete_webhook().await {
                tracing::warn!(error = %crate::telegram::redact::describe_error(&e), "deleteWebhook failed");
            }
            if let Err(e) = self.check_time_away().await {
                tracing::error!(error = %e, "cannot read when updates were last fetched");
            }
            // The previous leader may have moved the offset on: read it afresh.
            match self.resume_offset().await {
                Ok(offset) => self.poll_while_leading(offset, &mut leader, &mut stop).await,
                Err(e) => {
                    tracing::error!(error = %e, "cannot read the polling offset");
                    pause(Duration::from_secs(1), &mut stop).await;
                }
            }
        }
    }

    async fn poll_while_leading(
        &self,
        mut offset: i64,
        leader: &mut watch::Receiver<bool>,
        stop: &mut watch::Receiver<bool>,
    ) {
        let mut backoff = Duration::from_millis(500);
        let mut noted_at = 0;
        let mut answered_at = to_millis(self.clock.now());
        while !*stop.borrow() && *leader.borrow() {
            let result = tokio::select! {
                result = self.fetch(offset) => result,
                _ = stop.changed() => break,
                _ = leader.changed() => continue,
            };
            if result.is_ok() {
                let now = to_millis(self.clock.now());
                self.liveness.polled(now);
                if now - answered_at > UPDATES_KEPT_MS {
                    // Telegram could not be reached for longer than it keeps updates.
                    let _ = self.raise_expired_alarm(now, now - answered_at).await;
                }
                answered_at = now;
                if now - noted_at >= NOTE_POLLED_EVERY_MS && self.note_polled(now).await.is_ok() {
                    noted_at = now;
                }
            }
            match result {
                Ok(updates) if updates.is_empty() => backoff = Duration::from_millis(500),
                Ok(updates) => {
                    match crate::store::within(crate::store::WORK_WITHIN, self.store_batch(&updates, offset))
                        .await
                    {
                        Ok(next) => {
                            offset = next;
                            backoff = Duration::from_millis(500);
                            self.inbox_ready.notify_one();
                        }
                        Err(e) => {
                            tracing::error!(error = %e, "storing updates failed; they will be fetched again");
                            backoff = pause(backoff, stop).await;
                        }
                    }
                }
                Err(FetchError { description, retry_after }) => {
                    tracing::warn!(error = %description, "getUpdates failed; retrying");
                    let wait = retry_after.map_or(backoff, |s| Duration::from_secs(s).max(backoff));
                    backoff = pause(wait, stop).await;
                }
            }
        }
    }

    /// One `getUpdates` call, answered as raw JSON updates.
    async fn fetch(&self, offset: i64) -> Result<Vec<Value>, FetchError> {
        let mut url = self.bot.api_url();
        url.path_segments_mut()
            .map_err(|()| FetchError::plain("TELOXIDE_API_URL cannot take a path".to_owned()))?
            .pop_if_empty()
            .push(&format!("bot{}", self.bot.token()))
            .push("getUpdates");
        let body = json!({
            "offset": offset,
            "timeout": self.timeout_secs,
            "allowed_updates": ALLOWED_UPDATES,
        });
        let response = self.bot.client().post(url).json(&body).send().await.map_err(FetchError::network)?;
        let envelope: Envelope = response.json().await.map_err(FetchError::network)?;
        if envelope.ok {
            Ok(envelope.result.unwrap_or_default())
        } else {
            Err(FetchError {
                description: envelope.description.unwrap_or_else(|| "getUpdates refused".to_owned()),
                retry_after: envelope.parameters.and_then(|p| p.retry_after),
            })
        }
    }

    /// The offset that confirmed the last batch stored (0 at first: everything Telegram has).
    async fn resume_offset(&self) -> StoreResult<i64> {
        let mut conn = self.store.conn().await?;
        Ok(store::meta::get_i64(&mut conn, store::meta::NEXT_UPDATE_OFFSET).await?.unwrap_or(0))
    }

    /// Remembers that Telegram answered, so a later start knows how long zhibu was away.
    async fn note_polled(&self, now: i64) -> StoreResult<()> {
        let mut conn = self.store.conn().await?;
        store::meta::set(&mut conn, store::meta::LAST_POLLED_AT, &now.to_string()).await
    }

    /// Telegram keeps an update for 24 hours: after a longer absence (since `getUpdates` last
    /// answered, before this start), members' answers and taps sent meanwhile may be gone.
    async fn check_time_away(&self) -> StoreResult<()> {
        let now = to_millis(self.clock.now());
        let mut conn = self.store.conn().await?;
        let Some(last) = store::meta::get_i64(&mut conn, store::meta::LAST_POLLED_AT).await? else {
            return Ok(());
        };
        drop(conn);
        if now - last > UPDATES_KEPT_MS {
            self.raise_expired_alarm(now, now - last).await?;
        }
        Ok(())
    }

    /// An error line and the `/metrics` flag: updates sent while zhibu was away `gap` ms may be lost.
    async fn raise_expired_alarm(&self, now: i64, gap: i64) -> StoreResult<()> {
        tracing::error!(
            hours_away = gap / 3_600_000,
            "zhibu fetched no updates for more than 24 hours; Telegram discards older updates, so \
             answers and taps sent in that time may be lost: ask the branches to send them again"
        );
        let mut conn = self.store.conn().await?;
        store::meta::set(&mut conn, store::meta::UPDATES_MAY_HAVE_EXPIRED_AT, &now.to_string()).await
    }

    /// Stores the batch in one transaction and returns the offset that confirms it: the id after
    /// the last update Telegram handed out. Ids are not assumed to grow (after a week without
    /// updates Telegram picks the next one at random, possibly below every id seen before), and a
    /// stored id is not a reason to skip an update: only the same update delivered again is.
    async fn store_batch(&self, updates: &[Value], offset: i64) -> StoreResult<i64> {
        let now = to_millis(self.clock.now());
        let mut tx = self.store.begin_write().await?;
        let mut next = offset;
        let mut rows = Vec::with_capacity(updates.len());
        for update in updates {
            let Some(id) = update.get("update_id").and_then(Value::as_i64) else {
                tracing::warn!("an update without update_id was skipped");
                continue;
            };
            rows.push((id, update.to_string()));
            next = id + 1;
        }
        store::inbox::insert_many(&mut tx, &rows, now).await?;
        store::meta::set(&mut tx, store::meta::NEXT_UPDATE_OFFSET, &next.to_string()).await?;
        tx.commit().await?;
        Ok(next)
    }
}

/// How long Telegram keeps an update nobody fetched.
const UPDATES_KEPT_MS: i64 = 24 * 3_600_000;
/// How often the time of the last answer from `getUpdates` is written down.
const NOTE_POLLED_EVERY_MS: i64 = 60_000;

/// The update kinds zhibu acts on; Telegram sends no others.
pub const ALLOWED_UPDATES: [&str; 4] = ["message", "edited_message", "callback_query", "my_chat_member"];

#[derive(Deserialize)]
struct Envelope {
    ok: bool,
    result: Option<Vec<Value>>,
    description: Option<String>,
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    retry_after: Option<u64>,
}

struct FetchError {
    description: String,
    retry_after: Option<u64>,
}

impl FetchError {
    fn plain(description: String) -> FetchError {
        FetchError { description, retry_after: None }
    }

    /// Network errors name the URL, which holds the token: it is masked.
    fn network(e: reqwest::Error) -> FetchError {
        FetchError::plain(redact_token_shapes(&e.without_url().to_string()))
    }
}

/// Sleeps (or stops early) and returns the next, longer backoff, capped at 30 s.
async fn pause(backoff: Duration, stop: &mut watch::Receiver<bool>) -> Duration {
    tokio::select! {
        _ = tokio::time::sleep(backoff) => {}
        _ = stop.changed() => {}
    }
    (backoff * 2).min(Duration::from_secs(30))
}
