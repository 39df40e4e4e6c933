//! What every handler gets: the write transaction its update is handled in, and the time.
//! Replies are queued in the outbox inside that same transaction, so an update's effects and its
//! answers commit together or not at all.

use crate::domain::outgoing::Outgoing;
use crate::store::{self, StoreError, StoreResult, Tx};

pub struct Ctx<'a> {
    pub tx: &'a mut Tx,
    /// Unix milliseconds: handlers never read the clock themselves.
    pub now: i64,
    pub bot_username: &'a str,
    /// Outbox rows queued while handling this update.
    pub queued: usize,
}

impl Ctx<'_> {
    /// Queues a message for `chat_id`; returns its outbox id.
    pub async fn say(&mut self, chat_id: i64, message: Outgoing) -> StoreResult<i64> {
        let body = serde_json::to_string(&message).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let id = store::outbox::enqueue(self.tx, chat_id, &body, self.now, self.now, None).await?;
        self.queued += 1;
        id.ok_or_else(|| StoreError::Corrupt("outbox refused an undeduplicated row".into()))
    }

    pub async fn say_text(&mut self, chat_id: i64, text: impl Into<String>) -> StoreResult<i64> {
        self.say(chat_id, Outgoing::text(text)).await
    }

    /// Answers a button press (stops the spinner), optionally with a short notice.
    pub async fn answer_callback(
        &mut self,
        chat_id: i64,
        callback_id: &str,
        text: Option<&str>,
    ) -> StoreResult<()> {
        let answer =
            Outgoing::CallbackAnswer { callback_id: callback_id.to_owned(), text: text.map(str::to_owned) };
        self.say(chat_id, answer).await?;
        Ok(())
    }
}
