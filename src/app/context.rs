//! What every handler and job gets: the write transaction it runs in, and the time. Messages are
//! queued in the outbox inside that same transaction, so effects and the messages about them
//! commit together or not at all.

use crate::domain::outgoing::{Buttons, MAX_TEXT_CHARS, Outgoing, split_text};
use crate::store::outbox::Delivery;
use crate::store::{self, StoreError, StoreResult, Tx};

pub struct Ctx<'a> {
    pub tx: &'a mut Tx,
    /// Unix milliseconds: handlers never read the clock themselves.
    pub now: i64,
    pub bot_username: &'a str,
    /// Outbox rows queued while handling this update.
    pub queued: usize,
    /// Jobs scheduled while handling this update.
    pub scheduled: usize,
    /// Button answers among `queued` (they have their own worker to wake).
    pub answers: usize,
    /// The outbox priority of what this context says (a reply, or background traffic).
    pub priority: i64,
    /// The inbox row of the update being handled, if any (so a handler can scrub what it must not
    /// keep).
    pub inbox_id: Option<i64>,
    /// What the batch this update is handled in knows and defers (none when handled alone).
    pub batch: Option<&'a mut crate::app::batch::Batch>,
}

/// A text longer than Telegram takes becomes several messages; the buttons go with the last.
fn split_long(message: Outgoing) -> Vec<Outgoing> {
    match message {
        Outgoing::Text { text, buttons } if text.chars().count() > MAX_TEXT_CHARS => {
            let parts = split_text(&text, MAX_TEXT_CHARS);
            let last = parts.len() - 1;
            parts
                .into_iter()
                .enumerate()
                .map(|(i, text)| Outgoing::Text {
                    text,
                    buttons: if i == last { buttons.clone() } else { Buttons::None },
                })
                .collect()
        }
        other => vec![other],
    }
}

/// When an edit may go: not before the message it edits, should that still be held (quiet
/// hours); anything else goes when asked.
async fn held_edit(tx: &mut Tx, part: &Outgoing, asked: Option<i64>, now: i64) -> StoreResult<Option<i64>> {
    let Outgoing::Edit { of_outbox_id, .. } = part else { return Ok(asked) };
    let held = store::outbox::pending_not_before(tx, *of_outbox_id).await?.filter(|at| *at > now);
    Ok(match (asked, held) {
        (Some(a), Some(h)) => Some(a.max(h)),
        (a, h) => a.or(h),
    })
}

impl<'a> Ctx<'a> {
    /// The context of handling someone's update: what it says are replies.
    pub fn for_update(tx: &'a mut Tx, now: i64, bot_username: &'a str) -> Ctx<'a> {
        Ctx::with_priority(tx, now, bot_username, store::outbox::PRIORITY_REPLY)
    }

    /// The context of a scheduled job or an operator's command: background traffic.
    pub fn for_job(tx: &'a mut Tx, now: i64, bot_username: &'a str) -> Ctx<'a> {
        Ctx::with_priority(tx, now, bot_username, store::outbox::PRIORITY_BACKGROUND)
    }

    fn with_priority(tx: &'a mut Tx, now: i64, bot_username: &'a str, priority: i64) -> Ctx<'a> {
        Ctx {
            tx,
            now,
            bot_username,
            queued: 0,
            scheduled: 0,
            answers: 0,
            priority,
            inbox_id: None,
            batch: None,
        }
    }

    /// Queues a message for `chat_id`; returns its outbox id.
    pub async fn say(&mut self, chat_id: i64, message: Outgoing) -> StoreResult<i64> {
        let id = self.say_with(chat_id, message, &Delivery::default()).await?;
        id.ok_or_else(|| StoreError::Corrupt("outbox refused an undeduplicated row".into()))
    }

    /// Queues a message with a time, a topic or a dedupe key; `None` when the key was used.
    pub async fn say_with(
        &mut self,
        chat_id: i64,
        message: Outgoing,
        delivery: &Delivery<'_>,
    ) -> StoreResult<Option<i64>> {
        // What the batch deferred goes first, so every chat's messages keep their order.
        if let Some(batch) = self.batch.as_deref_mut()
            && batch.deferred.has_messages()
        {
            batch.deferred.flush(self.tx, self.now).await?;
        }
        let mut id = None;
        for (i, part) in split_long(message).into_iter().enumerate() {
            let body = serde_json::to_string(&part).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            // Only the first part carries the dedupe key; the rest follow it.
            let priority = Some(match &part {
                Outgoing::CallbackAnswer { .. } | Outgoing::Reaction { .. } => store::outbox::PRIORITY_BUTTON,
                _ => delivery.priority.unwrap_or(self.priority),
            });
            let not_before = held_edit(self.tx, &part, delivery.not_before, self.now).await?;
            let part_delivery = Delivery {
                dedupe_key: delivery.dedupe_key.filter(|_| i == 0),
                priority,
                not_before,
                ..delivery.clone()
            };
            let part_id = store::outbox::enqueue(self.tx, chat_id, &body, self.now, &part_delivery).await?;
            if part_id.is_none() {
                return Ok(None);
            }
            self.queued += 1;
            id = part_id;
        }
        Ok(id)
    }

    /// Queues a message nothing refers back to (no id, key, topic or time), written with the rest
    /// of the batch when there is one.
    pub async fn say_deferred(&mut self, chat_id: i64, message: Outgoing, priority: i64) -> StoreResult<()> {
        let fits = !matches!(&message, Outgoing::Text { text, .. } if text.chars().count() > MAX_TEXT_CHARS);
        // A reply or live edit raises what waits before it in its chat (`store::outbox::enqueue`):
        // only button answers and confirmations, which raise nothing, wait for the batch.
        let raises_nothing =
            matches!(priority, store::outbox::PRIORITY_BUTTON | store::outbox::PRIORITY_CONFIRM);
        match self.batch.as_deref_mut() {
            Some(batch) if fits && raises_nothing => {
                let body = serde_json::to_string(&message).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                batch.deferred.message(store::outbox::QueuedMessage { chat_id, body, priority });
                self.queued += 1;
            }
            _ => {
                let delivery = Delivery { priority: Some(priority), ..Delivery::default() };
                self.say_with(chat_id, message, &delivery).await?;
            }
        }
        Ok(())
    }

    /// Says `message` to the user privately, or in `fallback` (the chat they wrote or tapped in)
    /// when their private chat is unreachable; returns the chat it went to.
    pub async fn tell(&mut self, user: i64, fallback: i64, message: Outgoing) -> StoreResult<i64> {
        let unreachable = match self.batch.as_deref_mut() {
            Some(batch) => batch.known.is_unreachable(self.tx, user).await?,
            None => store::chats::is_unreachable(self.tx, user).await?,
        };
        let chat = if unreachable { fallback } else { user };
        self.say(chat, message).await?;
        Ok(chat)
    }

    pub async fn say_text(&mut self, chat_id: i64, text: impl Into<String>) -> StoreResult<i64> {
        self.say(chat_id, Outgoing::text(text)).await
    }

    /// Schedules a job; `None` when a job with its key exists already.
    pub async fn schedule(&mut self, job: &store::jobs::NewJob<'_>) -> StoreResult<Option<i64>> {
        let id = store::jobs::schedule(self.tx, job, self.now).await?;
        if id.is_some() {
            self.scheduled += 1;
        }
        Ok(id)
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
        self.say_deferred(chat_id, answer, store::outbox::PRIORITY_BUTTON).await?;
        self.answers += 1;
        Ok(())
    }

    /// Sets 👍 on someone's message in `chat_id` (their answer is recorded): no message of its own,
    /// so none of the chat's or Telegram's message budget; it goes with the button answers.
    pub async fn react(&mut self, chat_id: i64, message_id: i64) -> StoreResult<()> {
        let reaction =
            Outgoing::Reaction { message_id, emoji: crate::texts::common::RECORDED_REACTION.to_owned() };
        self.say_deferred(chat_id, reaction, store::outbox::PRIORITY_BUTTON).await?;
        self.answers += 1;
        Ok(())
    }
}
