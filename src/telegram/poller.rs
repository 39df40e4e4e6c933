//! Long polling: every update Telegram hands out is stored in the inbox before the next
//! `getUpdates` confirms it, so nothing is lost if the process dies at any moment.

use std::sync::Arc;
use std::time::Duration;

use teloxide::Bot;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::requests::Requester;
use teloxide::types::Update;
use tokio::sync::{Notify, watch};

use crate::clock::{Clock, to_millis};
use crate::store::{self, Store, StoreResult};
use crate::telegram::redact::describe_error;

pub struct Poller {
    pub bot: Bot,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub timeout_secs: u32,
    pub inbox_ready: Arc<Notify>,
}

impl Poller {
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let mut offset = match self.resume_offset().await {
            Ok(offset) => offset,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the polling offset");
                return;
            }
        };
        let mut backoff = Duration::from_millis(500);
        while !*stop.borrow() {
            let request = self.bot.get_updates().offset(offset).timeout(self.timeout_secs);
            let result = tokio::select! {
                result = request => result,
                _ = stop.changed() => break,
            };
            match result {
                Ok(updates) if updates.is_empty() => backoff = Duration::from_millis(500),
                Ok(updates) => match self.store_batch(&updates).await {
                    Ok(next) => {
                        offset = next;
                        backoff = Duration::from_millis(500);
                        self.inbox_ready.notify_one();
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "storing updates failed; they will be fetched again");
                        backoff = pause(backoff, &mut stop).await;
                    }
                },
                Err(e) => {
                    tracing::warn!(error = %describe_error(&e), "getUpdates failed; retrying");
                    backoff = pause(backoff, &mut stop).await;
                }
            }
        }
    }

    /// The offset after everything already stored.
    async fn resume_offset(&self) -> StoreResult<i32> {
        let mut conn = self.store.conn().await?;
        let saved = store::meta::get(&mut conn, store::meta::NEXT_UPDATE_OFFSET).await?;
        let from_meta = saved.and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
        let from_inbox = store::inbox::max_update_id(&mut conn).await?.map_or(0, |m| m as i32 + 1);
        Ok(from_meta.max(from_inbox))
    }

    /// Stores the batch in one transaction and returns the next offset.
    async fn store_batch(&self, updates: &[Update]) -> StoreResult<i32> {
        let now = to_millis(self.clock.now());
        let mut tx = self.store.begin_write().await?;
        let mut next = 0i32;
        for update in updates {
            let payload =
                serde_json::to_string(update).map_err(|e| store::StoreError::Corrupt(e.to_string()))?;
            let id = i64::from(update.id.0);
            store::inbox::insert(&mut tx, id, &payload, now).await?;
            next = next.max(update.id.0 as i32 + 1);
        }
        store::meta::set(&mut tx, store::meta::NEXT_UPDATE_OFFSET, &next.to_string()).await?;
        tx.commit().await?;
        Ok(next)
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
