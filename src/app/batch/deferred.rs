//! The writes a batch of answers keeps to make together: each answer's history and current
//! answer, the outbox rows nothing refers back to (tap notices, 👍, private confirmations), who
//! was seen writing in a group, and the closing of the updates handled — a few multi-row
//! statements for the whole batch instead of a handful per update.
//!
//! An answer reads none of it back (the batch's rolls know the answers), and `flush` runs before
//! anything that could: before an update `chat::router::defers_writes` does not let through,
//! after an update that leaves what the batch knows to be read afresh (the rolls re-read must
//! hold these answers), before any other outbox row (so every chat's messages keep their
//! order), before the redraw of the rolls and before the commit.

use crate::store::attendance::GivenAnswer;
use crate::store::chats::SeenInGroup;
use crate::store::outbox::QueuedMessage;
use crate::store::{self, Conn, StoreError, StoreResult};

#[derive(Default)]
pub struct Deferred {
    answers: Vec<GivenAnswer>,
    messages: Vec<QueuedMessage>,
    seen: Vec<SeenInGroup>,
    /// Inbox rows of the updates handled.
    handled: Vec<i64>,
}

impl Deferred {
    pub fn answer(&mut self, answer: GivenAnswer) {
        self.answers.push(answer);
    }

    pub fn message(&mut self, message: QueuedMessage) {
        self.messages.push(message);
    }

    /// Someone seen writing in a group (the last sighting of each counts).
    pub fn seen(&mut self, seen: SeenInGroup) {
        self.seen.retain(|s| (s.branch_id, s.user_id) != (seen.branch_id, seen.user_id));
        self.seen.push(seen);
    }

    /// An update handled: its inbox row is closed with the rest.
    pub fn handled(&mut self, inbox_id: i64) {
        self.handled.push(inbox_id);
    }

    /// Whether outbox rows wait to be written (anything queued meanwhile must come after them).
    pub fn has_messages(&self) -> bool {
        !self.messages.is_empty()
    }

    /// Writes everything kept. An update closed meanwhile by another process is an error: the
    /// batch is then abandoned and its updates handled one by one.
    pub async fn flush(&mut self, conn: &mut Conn, now: i64) -> StoreResult<()> {
        if !self.answers.is_empty() {
            store::attendance::record_answers(conn, &self.answers, now).await?;
            self.answers.clear();
        }
        if !self.messages.is_empty() {
            store::outbox::enqueue_many(conn, &self.messages, now).await?;
            self.messages.clear();
        }
        if !self.seen.is_empty() {
            store::chats::record_seen_many(conn, &self.seen).await?;
            self.seen.clear();
        }
        if !self.handled.is_empty() {
            let closed = store::inbox::finish_done(conn, &self.handled, now).await?;
            if closed != self.handled.len() as u64 {
                return Err(StoreError::Corrupt(format!(
                    "{} of {} updates were handled elsewhere meanwhile",
                    self.handled.len() as u64 - closed,
                    self.handled.len()
                )));
            }
            self.handled.clear();
        }
        Ok(())
    }
}
