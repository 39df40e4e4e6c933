//! What a batch of updates carries from one update to the next (a leaf of types the context
//! holds): the rolls it has read. Their behaviour is in `app::meetings::roll_memo`.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono_tz::Tz;

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
