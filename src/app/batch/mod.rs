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
    /// Forms built by earlier batches for large branches, with the names each was built from:
    /// reused while the names read are the same (`BuiltNames`).
    pub built: BuiltNames,
}

/// Name forms of large branches carried from batch to batch: building them costs a pass over
/// every name, and a large branch's batch of words would pay it again and again. Each is used
/// only while the names the batch reads are exactly those it was built from.
#[derive(Default)]
pub struct BuiltNames {
    pub(crate) by_branch: HashMap<i64, (Vec<String>, Arc<NameForms>)>,
}

impl BuiltNames {
    /// Branches with fewer names build their forms quickly: they are not kept.
    pub const LARGE: usize = 300;
    /// At most this many branches' forms are kept (a few large rolls at once).
    pub const KEPT: usize = 8;

    /// The forms of these names of the branch: those built before from the very same names, or
    /// built now (and kept, for a large branch).
    pub fn forms(&mut self, branch_id: i64, names: Vec<String>) -> Arc<NameForms> {
        if let Some((built_from, forms)) = self.by_branch.get(&branch_id)
            && *built_from == names
        {
            return forms.clone();
        }
        let forms = Arc::new(NameForms::new(names.iter().map(String::as_str)));
        if names.len() >= BuiltNames::LARGE {
            if self.by_branch.len() >= BuiltNames::KEPT {
                self.by_branch.clear();
            }
            self.by_branch.insert(branch_id, (names, forms.clone()));
        }
        forms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(n: usize, last: &str) -> Vec<String> {
        let mut names: Vec<String> = (0..n).map(|i| format!("党员{i}")).collect();
        names.push(last.to_owned());
        names
    }

    #[test]
    fn forms_are_reused_only_for_the_very_same_names_of_a_large_branch() {
        let mut built = BuiltNames::default();
        let first = built.forms(1, roster(BuiltNames::LARGE, "王建国"));
        assert!(Arc::ptr_eq(&first, &built.forms(1, roster(BuiltNames::LARGE, "王建国"))));
        let renamed = built.forms(1, roster(BuiltNames::LARGE, "王建华"));
        assert!(!Arc::ptr_eq(&first, &renamed), "a changed name builds afresh");
        let small = built.forms(2, roster(3, "李秀英"));
        assert!(!Arc::ptr_eq(&small, &built.forms(2, roster(3, "李秀英"))), "small branches are not kept");
    }
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
