//! Fetches the files people send (a secretary's 花名册) through the Bot API — `getFile`, then the
//! file's URL — and hands the bytes to the conversation (`app::roster_upload::fetched`). Kept out
//! of the update's transaction: a download never holds the database.

use std::sync::Arc;

use teloxide::net::Download;
use teloxide::requests::Requester;
use teloxide::types::FileId;
use teloxide::{Bot, DownloadError};
use tokio::sync::{Notify, watch};

use crate::app::leadership::{pass_while_leading, wait_after};
use crate::app::roster_upload::{self, Fetched};
use crate::clock::{Clock, to_millis};
use crate::domain::roster::MAX_FILE_BYTES;
use crate::store::{Store, StoreResult};
use crate::telegram::redact::describe_error;

pub struct RosterFetcher {
    pub bot: Bot,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Woken to look for rosters to fetch (it also looks every second).
    pub ready: Arc<Notify>,
    /// Woken when a preview is queued.
    pub outbox_ready: Arc<Notify>,
    /// Only the lease holder fetches.
    pub leader: watch::Receiver<bool>,
}

impl RosterFetcher {
    pub async fn run(self, stop: watch::Receiver<bool>) {
        let this = &self;
        let pass = || async move { wait_after(this.pass().await, "fetching a roster failed") };
        pass_while_leading(self.leader.clone(), stop, &self.ready, pass).await;
    }

    /// Fetches every roster waiting; returns how many.
    pub async fn pass(&self) -> StoreResult<usize> {
        let mut fetched = 0;
        loop {
            let now = to_millis(self.clock.now());
            let upload = {
                let mut conn = self.store.conn().await?;
                crate::store::roster_uploads::claim_next(&mut conn, now).await?
            };
            let Some(upload) = upload else { return Ok(fetched) };
            let got = self.fetch(&upload.file_id).await;
            roster_upload::fetched(&self.store, &upload, got, to_millis(self.clock.now())).await?;
            self.outbox_ready.notify_one();
            fetched += 1;
        }
    }

    async fn fetch(&self, file_id: &str) -> Fetched {
        let file = match self.bot.get_file(FileId(file_id.to_owned())).await {
            Ok(file) => file,
            Err(e) => {
                tracing::warn!(error = %describe_error(&e), "getFile failed");
                return Fetched::Failed;
            }
        };
        if u64::from(file.meta.size) > MAX_FILE_BYTES {
            return Fetched::TooLarge;
        }
        let mut bytes: Vec<u8> = Vec::new();
        match self.bot.download_file(&file.path, &mut bytes).await {
            Ok(()) => Fetched::Bytes(bytes),
            Err(e) => {
                // Never the error's text: it carries the file's URL, and the URL the token.
                let reason = match &e {
                    DownloadError::Network(n) => n.status().map_or("network".to_owned(), |s| s.to_string()),
                    DownloadError::Io(_) => "io".to_owned(),
                };
                tracing::warn!(reason, "downloading a file failed");
                Fetched::Failed
            }
        }
    }
}
