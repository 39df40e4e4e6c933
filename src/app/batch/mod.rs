//! What a batch of updates carries from one update to the next (a leaf of types the context
//! holds): the rolls it has read (their behaviour is in `app::meetings::roll_memo`), what it
//! knows of its people (`known`), and the writes it keeps to make together (`deferred`).

mod deferred;
mod known;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono_tz::Tz;

pub use self::deferred::Deferred;
pub use self::known::Known;
use crate::domain::meeting::Entry;
use crate::domain::reply_intent::NameForms;

/// One meeting's roll: its expected members with their answers, in roster order.
pub struct KnownRoll {
    pub tz: Tz,
    pub entries: Vec<Entry>,
    /// Member id → position in `entries`.
    pub(crate) index: HashMap<i64, usize>,
}

/// The rolls (and the forms of branch members' names) a batch has read, and the rolls it owes a redraw.
#[derive(Default)]
pub struct RollMemo {
    pub(crate) rolls: HashMap<i64, KnownRoll>,
    pub(crate) names: HashMap<i64, Arc<NameForms>>,
    pub(crate) owed: BTreeSet<i64>,
    /// Whether the update being handled changed rolls only through this memo.
    pub(crate) kept: bool,
    pub(crate) reading: Duration,
}

/// Everything a batch carries between its updates.
///
/// What it knows (`rolls`, `known`) was read in the batch's transaction and stays true while
/// its updates only answer or chatter (`RollMemo::keep`); after any other update it is read
/// afresh. What it defers (`deferred`) is written before an update that may read it is handled
/// (`chat::router::defers_writes`), after any update that was not kept (before the re-read),
/// before anything else is queued in the outbox, and before the batch commits.
#[derive(Default)]
pub struct Batch {
    pub rolls: RollMemo,
    pub known: Known,
    pub deferred: Deferred,
}

impl Batch {
    /// A batch of these people's updates (their Telegram ids), read at once when first needed.
    pub fn of_people(people: Vec<i64>) -> Batch {
        Batch { known: Known::of_people(people), ..Batch::default() }
    }

    /// Before each update of the batch.
    pub fn start_update(&mut self) {
        self.rolls.kept = false;
    }

    /// Whether the update just handled changed nothing the batch knows except through it (it
    /// answered, or was chatter): if not, what it knows is read afresh (`end_update`), after
    /// what it holds back is written.
    pub fn keeps_what_it_knows(&self) -> bool {
        self.rolls.kept
    }

    /// After each update: unless it only answered, what it may have changed is read afresh.
    pub fn end_update(&mut self) {
        if !self.rolls.kept {
            self.rolls.rolls.clear();
            self.rolls.names.clear();
            self.known.forget();
        }
    }
}
