//! What a batch of updates knows of each open meeting's roll: read once per batch (the expected
//! members with their answers), kept up to date by every answer the batch records, and drawn
//! once before the batch commits — so an answer costs its own writes, not a re-read and a
//! redraw of the whole roll. An update that may have changed a roll some other way (a roster
//! change, a correction, a check-in) makes the batch read it afresh.

use std::collections::hash_map::Entry as Slot;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{branch_tz, entries_in, notices};
pub use crate::app::batch::{KnownRoll, RollMemo};
use crate::app::context::Ctx;
use crate::domain::meeting::Entry;
use crate::domain::reply_intent::NameForms;
use crate::store::meetings::MeetingRow;
use crate::store::{self, Conn, StoreResult};

impl KnownRoll {
    /// The roll as the database holds it.
    pub async fn read(conn: &mut Conn, m: &MeetingRow) -> StoreResult<KnownRoll> {
        let tz = branch_tz(conn, m.branch_id).await?;
        let (_, entries) = entries_in(conn, m, tz).await?;
        let index = entries.iter().enumerate().map(|(i, e)| (e.member_id, i)).collect();
        Ok(KnownRoll { tz, entries, index })
    }

    /// The member's entry, when they are expected.
    pub fn entry_mut(&mut self, member_id: i64) -> Option<&mut Entry> {
        let i = *self.index.get(&member_id)?;
        self.entries.get_mut(i)
    }

    pub fn expects(&self, member_id: i64) -> bool {
        self.index.contains_key(&member_id)
    }
}

impl RollMemo {
    /// The meeting's roll, read once.
    pub async fn roll(&mut self, conn: &mut Conn, m: &MeetingRow) -> StoreResult<&mut KnownRoll> {
        let slot = match self.rolls.entry(m.id) {
            Slot::Occupied(known) => return Ok(known.into_mut()),
            Slot::Vacant(slot) => slot,
        };
        let started = Instant::now();
        let roll = KnownRoll::read(conn, m).await?;
        self.reading += started.elapsed();
        Ok(slot.insert(roll))
    }

    /// How long the batch spent reading rolls (a batch's time limit leaves it out: a large roll
    /// read for a few answers would cost every answer a share of the whole roll again).
    pub fn reading(&self) -> Duration {
        self.reading
    }

    /// The forms of the branch's member names, read and built once.
    pub async fn names(&mut self, conn: &mut Conn, branch_id: i64) -> StoreResult<Arc<NameForms>> {
        if let Some(names) = self.names.get(&branch_id) {
            return Ok(names.clone());
        }
        let started = Instant::now();
        let names = store::members::names(conn, branch_id).await?;
        let forms = self.built.forms(branch_id, names);
        self.reading += started.elapsed();
        self.names.insert(branch_id, forms.clone());
        Ok(forms)
    }

    /// The meeting's roll changed: redraw it before the batch commits.
    pub fn owe(&mut self, meeting_id: i64) {
        self.owed.insert(meeting_id);
    }

    /// The update being handled changed rolls only through the memo (an answer).
    pub fn keep(&mut self) {
        self.kept = true;
    }

    /// Redraws every roll owed (rewriting the edit still waiting, or queueing one), from what the
    /// memo knows or, when it had to forget, from the database. The batch calls this last.
    pub async fn draw_owed(&mut self, ctx: &mut Ctx<'_>) -> StoreResult<()> {
        for id in std::mem::take(&mut self.owed) {
            let Some(m) = store::meetings::get(ctx.tx, id).await? else { continue };
            if m.state == "cancelled" {
                continue;
            }
            let roll = match self.rolls.remove(&id) {
                Some(roll) => roll,
                None => KnownRoll::read(ctx.tx, &m).await?,
            };
            notices::refresh_roll(ctx, &m, &roll.entries, roll.tz).await?;
            self.rolls.insert(id, roll);
        }
        Ok(())
    }
}

/// The forms of the names of the branch's members, as the database holds them.
pub async fn name_forms(conn: &mut Conn, branch_id: i64) -> StoreResult<NameForms> {
    let names = store::members::names(conn, branch_id).await?;
    Ok(NameForms::new(names.iter().map(String::as_str)))
}
