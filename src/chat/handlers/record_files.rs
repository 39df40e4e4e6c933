//! A meeting record's files — XLSX and printable HTML — sent as documents (a leaf shared by
//! closing a meeting, fetching records again and exporting a period's record book).

use crate::app::context::Ctx;
use crate::app::meetings::book;
use crate::app::meetings::export::MeetingRecord;
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;

/// One meeting's record (or several): `meeting-<first id>.xlsx` and `.html`.
pub async fn send_files(ctx: &mut Ctx<'_>, chat: i64, records: &[MeetingRecord]) -> StoreResult<()> {
    let Some(first) = records.first() else { return Ok(()) };
    send_book(ctx, chat, records, &[], &format!("meeting-{}", first.meeting.id)).await
}

/// The records (and a period's 走访慰问 visits) as XLSX and printable HTML documents named
/// `<stem>.xlsx` / `<stem>.html`.
pub async fn send_book(
    ctx: &mut Ctx<'_>,
    chat: i64,
    records: &[MeetingRecord],
    visits: &[Vec<String>],
    stem: &str,
) -> StoreResult<()> {
    let Some(first) = records.first() else { return Ok(()) };
    let branch = crate::app::branches::name(ctx.tx, first.meeting.branch_id).await?;
    for (file_name, content) in book::files(&branch, records, visits, stem) {
        ctx.say(chat, Outgoing::Document { file_name, content, caption: None }).await?;
    }
    Ok(())
}
