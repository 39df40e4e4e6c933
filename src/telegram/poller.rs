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
        while !*stop.borrow() && *leader.borrow() {
            let result = tokio::select! {
                result = self.fetch(offset) => result,
                _ = stop.changed() => break,
                _ = leader.changed() => continue,
            };
            if result.is_ok() {
                self.liveness.polled(to_millis(self.clock.now()));
            }
            match result {
                Ok(updates) if updates.is_empty() => backoff = Duration::from_millis(500),
                Ok(updates) => match self.store_batch(&updates, offset).await {
                    Ok(next) => {
                        offset = next;
                        backoff = Duration::from_millis(500);
                        self.inbox_ready.notify_one();
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "storing updates failed; they will be fetched again");
                        backoff = pause(backoff, stop).await;
                    }
                },
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

    /// The offset after everything already stored.
    async fn resume_offset(&self) -> StoreResult<i64> {
        let mut conn = self.store.conn().await?;
        let saved = store::meta::get(&mut conn, store::meta::NEXT_UPDATE_OFFSET).await?;
        let from_meta = saved.and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
        let from_inbox = store::inbox::max_update_id(&mut conn).await?.map_or(0, |m| m + 1);
        Ok(from_meta.max(from_inbox))
    }

    /// Stores the batch in one transaction and returns the next offset.
    async fn store_batch(&self, updates: &[Value], offset: i64) -> StoreResult<i64> {
        let now = to_millis(self.clock.now());
        let mut tx = self.store.begin_write().await?;
        let mut next = offset;
        for update in updates {
            let Some(id) = update.get("update_id").and_then(Value::as_i64) else {
                tracing::warn!("an update without update_id was skipped");
                continue;
            };
            store::inbox::insert(&mut tx, id, &update.to_string(), now).await?;
            next = next.max(id + 1);
        }
        store::meta::set(&mut tx, store::meta::NEXT_UPDATE_OFFSET, &next.to_string()).await?;
        tx.commit().await?;
        Ok(next)
    }
}

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
