//! The retention job: raw update payloads (contact cards with phone numbers, "请假 住院") and
//! the bodies of delivered messages are emptied once they are older than the configured ages
//! (`ZHIBU_RETAIN_UPDATES_DAYS`, 30; `ZHIBU_RETAIN_MESSAGES_DAYS`, 90; 0 keeps them). The
//! lease holder runs it at start and hourly; it is idempotent, so a second run changes nothing.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};

use crate::app::leadership::pass_while_leading;
use crate::clock::{Clock, to_millis};
use crate::store::{self, Store, StoreResult};

const EVERY: Duration = Duration::from_secs(3600);
const DAY_MS: i64 = 24 * 3600 * 1000;

pub struct Retention {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Days a handled update's payload is kept; 0 keeps it for ever.
    pub updates_days: u32,
    /// Days a delivered message's body is kept; 0 keeps it for ever.
    pub messages_days: u32,
    pub leader: watch::Receiver<bool>,
}

/// How many payloads and bodies one pass emptied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub updates: u64,
    pub messages: u64,
}

impl Retention {
    pub async fn run(self, stop: watch::Receiver<bool>) {
        let never = Notify::new();
        let this = &self;
        let pass = || async move {
            match this.prune().await {
                Ok(pruned) if pruned != Pruned::default() => {
                    tracing::info!(
                        updates = pruned.updates,
                        messages = pruned.messages,
                        "retention pruned old texts"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "retention pass failed; will retry"),
            }
            EVERY
        };
        pass_while_leading(self.leader.clone(), stop, &never, pass).await;
    }

    /// One pass at the clock's `now`.
    pub async fn prune(&self) -> StoreResult<Pruned> {
        let now = to_millis(self.clock.now());
        let mut pruned = Pruned::default();
        let mut conn = self.store.conn().await?;
        if self.updates_days > 0 {
            let before = now - i64::from(self.updates_days) * DAY_MS;
            pruned.updates = store::retention::prune_update_payloads(&mut conn, before).await?;
        }
        if self.messages_days > 0 {
            let before = now - i64::from(self.messages_days) * DAY_MS;
            pruned.messages = store::retention::prune_message_bodies(&mut conn, before).await?;
            pruned.messages += store::roster_uploads::expire_unanswered(&mut conn, before, now).await?;
        }
        Ok(pruned)
    }
}
