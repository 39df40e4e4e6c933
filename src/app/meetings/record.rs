//! The meeting record as evidence: at close, who was expected and what became of each (with the
//! quorum rule) is written down in the close transaction, and from then on every export reads
//! that, never today's roster. Only make-up study (补学, dated) and the secretary's audited
//! corrections change it afterwards; erasure replaces a name and keeps every count.

use chrono_tz::Tz;

use super::{branch_tz, live_entries, local};
use crate::domain::meeting::{Answer, Entry, Mode, Quorum};
use crate::store::makeups::MakeupRow;
use crate::store::meetings::MeetingRow;
use crate::store::records::RecordEntryRow;
use crate::store::{self, Conn, StoreResult};

/// 2026-12-05, the day of `at` in the branch's time zone.
pub fn iso_day(at: i64, tz: Tz) -> String {
    local(at, tz).format("%Y-%m-%d").to_string()
}

/// The quorum rule of a frozen record; `None` when the meeting's record is not frozen (open, or
/// closed before records were frozen).
pub async fn frozen_quorum(conn: &mut Conn, meeting: &MeetingRow) -> StoreResult<Option<Quorum>> {
    if meeting.is_open() {
        return Ok(None);
    }
    let fields = store::meetings::record_fields(conn, meeting.id).await?;
    Ok(fields.record_quorum.as_deref().and_then(Quorum::from_code))
}

/// Writes the record of `meeting` as it stands now (its roster on the meeting's day).
pub async fn freeze(conn: &mut Conn, meeting: &MeetingRow) -> StoreResult<()> {
    let tz = branch_tz(conn, meeting.branch_id).await?;
    let (rules, entries) = live_entries(conn, meeting, tz).await?;
    let rows: Vec<RecordEntryRow> = entries
        .into_iter()
        .enumerate()
        .map(|(position, e)| {
            let (answer, reason) = match e.answer {
                Some(Answer::Attend) => (Some("attend".to_owned()), None),
                Some(Answer::Leave { reason }) => (Some("leave".to_owned()), reason),
                None => (None, None),
            };
            RecordEntryRow {
                meeting_id: meeting.id,
                member_id: e.member_id,
                position: position as i64,
                name: e.name,
                probationary: i64::from(e.probationary),
                committee: i64::from(e.committee),
                answer,
                reason,
                proxy_name: e.proxy,
                present_mode: e.present.map(|m| m.code().to_owned()),
                absent_reason: e.absent_reason,
            }
        })
        .collect();
    store::records::freeze(conn, meeting.id, &rows).await?;
    store::meetings::set_record_quorum(conn, meeting.id, Some(rules.quorum)).await
}

/// Freezes the branch's closed meetings that have no frozen record yet (closed before records
/// were frozen), before a roster change or an erasure could change what they read.
pub async fn freeze_unfrozen(conn: &mut Conn, branch_id: i64) -> StoreResult<()> {
    let closed = store::meetings::closed_between(conn, branch_id, i64::MIN, i64::MAX).await?;
    for m in &closed {
        if frozen_quorum(conn, m).await?.is_none() {
            freeze(conn, m).await?;
        }
    }
    Ok(())
}

/// The entries of a frozen record, with make-up study as recorded since.
pub async fn frozen_entries(conn: &mut Conn, meeting: &MeetingRow, tz: Tz) -> StoreResult<Vec<Entry>> {
    let rows = store::records::entries(conn, meeting.id).await?;
    let live = store::attendance::of_meeting(conn, meeting.id).await?;
    let mut entries: Vec<Entry> = rows
        .into_iter()
        .map(|r| {
            let makeup_at = live.iter().find(|l| l.member_id == r.member_id).and_then(|l| l.makeup_at);
            Entry {
                member_id: r.member_id,
                name: r.name,
                probationary: r.probationary != 0,
                committee: r.committee != 0,
                answer: match r.answer.as_deref() {
                    Some("attend") => Some(Answer::Attend),
                    Some("leave") => Some(Answer::Leave { reason: r.reason }),
                    _ => None,
                },
                proxy: r.proxy_name,
                present: r.present_mode.as_deref().and_then(Mode::from_code),
                makeup_on: makeup_at.map(|at| iso_day(at, tz)),
                makeup_visitor: None,
                makeup_views: None,
                absent_reason: r.absent_reason,
            }
        })
        .collect();
    add_makeups(&mut entries, &store::makeups::of_meeting(conn, meeting.id).await?);
    Ok(entries)
}

/// The make-ups the secretary recorded (`/makeup`) on top of the entries: an addition after
/// the meeting, never a change of what was frozen. A member's own 【已学习】 tap stays the day
/// shown when both exist.
pub fn add_makeups(entries: &mut [Entry], makeups: &[MakeupRow]) {
    for e in entries.iter_mut() {
        let Some(m) = makeups.iter().find(|m| m.member_id == e.member_id) else { continue };
        if e.makeup_on.is_none() {
            e.makeup_on = Some(m.happened_on.clone());
            e.makeup_visitor = m.visitor.clone().filter(|_| m.way == DELIVERED);
        }
        e.makeup_views = m.views.clone();
    }
}

/// The `way` of a make-up taken to the member (送学上门); `self` is 补学.
pub const DELIVERED: &str = "delivered";
/// The `way` of a make-up the member studied alone (补学).
pub const SELF_STUDY: &str = "self";

/// Before a member's personal data is erased: past records keep their entry and every count,
/// under a placeholder name.
pub async fn erase_name(conn: &mut Conn, branch_id: i64, member_id: i64) -> StoreResult<()> {
    freeze_unfrozen(conn, branch_id).await?;
    store::records::anonymise(conn, member_id, crate::texts::record::ERASED_NAME).await
}
