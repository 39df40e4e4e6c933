//! A meeting record's files — XLSX and printable HTML — sent as documents (a leaf shared by
//! closing a meeting and fetching records again).

use crate::app::context::Ctx;
use crate::app::meetings::export::{self, Format, MeetingRecord};
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;

pub async fn send_files(ctx: &mut Ctx<'_>, chat: i64, records: &[MeetingRecord]) -> StoreResult<()> {
    let Some(first) = records.first() else { return Ok(()) };
    let branch = crate::app::branches::name(ctx.tx, first.meeting.branch_id).await?;
    for format in [Format::Xlsx, Format::Html] {
        match export::render(&branch, records, format) {
            Ok(content) => {
                let file_name = format!("meeting-{}.{}", first.meeting.id, format.extension());
                ctx.say(chat, Outgoing::Document { file_name, content, caption: None }).await?;
            }
            Err(e) => tracing::error!(error = %e, "rendering a meeting record failed"),
        }
    }
    Ok(())
}
