//! The 三会一课 record book of a period, and the files it is sent as: the one door for the
//! chat's /export and /record and the command line's `zhibu export`.

use crate::domain::audit_action::AuditAction;
use chrono::NaiveDate;

use super::export::{self, Format, MeetingRecord};
use super::{branch_tz, report::start_ms};
use crate::store::audit::Actor;
use crate::store::meetings::MeetingRow;
use crate::store::{self, Conn, StoreResult};

/// The records of the branch's meetings closed in `[first, last]` (days in the branch's time
/// zone, both included; `None` leaves that end open), oldest first.
pub async fn records_between(
    conn: &mut Conn,
    branch_id: i64,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> StoreResult<Vec<MeetingRecord>> {
    let tz = branch_tz(conn, branch_id).await?;
    let from = first.map(|d| start_ms(d, tz)).unwrap_or(i64::MIN);
    let to = last.and_then(|d| d.succ_opt()).map(|d| start_ms(d, tz)).unwrap_or(i64::MAX);
    let meetings = store::meetings::closed_between(conn, branch_id, from, to).await?;
    let mut records = Vec::with_capacity(meetings.len());
    for m in &meetings {
        records.push(export::record(conn, m).await?);
    }
    Ok(records)
}

/// The branch's latest `limit` closed meetings, newest first.
pub async fn recent_closed(conn: &mut Conn, branch_id: i64, limit: usize) -> StoreResult<Vec<MeetingRow>> {
    let all = store::meetings::closed_between(conn, branch_id, i64::MIN, i64::MAX).await?;
    Ok(all.into_iter().rev().take(limit).collect())
}

/// The branch's closed meeting `id`; `None` when it is not one.
pub async fn closed_meeting(conn: &mut Conn, branch_id: i64, id: i64) -> StoreResult<Option<MeetingRow>> {
    Ok(store::meetings::get(conn, id).await?.filter(|m| m.branch_id == branch_id && !m.is_open()))
}

/// The branch's 走访慰问 visits on days `[first, last]` (open ends as in `records_between`),
/// oldest first, as rows in `VISIT_COLUMNS` order. Their notes may be sensitive: for the
/// secretary's book only, never the dashboard.
pub async fn visits_between(
    conn: &mut Conn,
    branch_id: i64,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> StoreResult<Vec<Vec<String>>> {
    let first = first.map(|d| d.to_string()).unwrap_or_default();
    let last = last.map(|d| d.to_string()).unwrap_or_else(|| "9999-12-31".to_owned());
    let mut rows = Vec::new();
    for v in store::visits::of_branch_between(conn, branch_id, &first, &last).await? {
        let name = store::members::get(conn, v.member_id).await?.map(|m| m.name).unwrap_or_default();
        rows.push(vec![v.visited_on, name, v.visitor, v.notes.unwrap_or_default()]);
    }
    Ok(rows)
}

/// The record book as the files a secretary is sent: XLSX and printable HTML, named
/// `<stem>.xlsx` and `<stem>.html`, with the period's visits. A file that cannot be made is
/// logged and left out.
pub fn files(
    branch: &str,
    records: &[MeetingRecord],
    visits: &[Vec<String>],
    stem: &str,
) -> Vec<(String, Vec<u8>)> {
    [Format::Xlsx, Format::Html]
        .into_iter()
        .filter_map(|format| match export::render_book(branch, records, visits, format) {
            Ok(content) => Some((format!("{stem}.{}", format.extension()), content)),
            Err(e) => {
                tracing::error!(error = %e, "rendering a record book failed");
                None
            }
        })
        .collect()
}

/// The record book of a period was sent to a secretary: in the audit log.
pub async fn exported(conn: &mut Conn, branch_id: i64, by: Actor, detail: &str, now: i64) -> StoreResult<()> {
    store::audit::record(conn, Some(branch_id), by, AuditAction::RecordExport, detail, now).await
}

/// A past meeting's record was sent again: in the audit log.
pub async fn fetched(conn: &mut Conn, m: &MeetingRow, by: Actor, now: i64) -> StoreResult<()> {
    store::audit::record(conn, Some(m.branch_id), by, AuditAction::RecordFetch, &format!("#{}", m.id), now)
        .await
}
