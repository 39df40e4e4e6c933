//! The pictures that follow /report and /study_status: drawn by `app::charts`, sent as photos
//! to the administrator who asked (only counts are drawn, never a name).

use crate::app::charts;
use crate::app::context::Ctx;
use crate::chat::handlers::admin::Admin;
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;
use crate::texts::charts as words;

/// The year's 三会一课 picture, after the /report text.
pub async fn send_report_chart(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let picture = charts::report_picture(ctx.tx, admin.branch_id, ctx.now).await?;
    send(ctx, admin.chat_id, picture, "report.png", words::REPORT_CAPTION).await
}

/// The latest study rounds' picture, after the /study_status text.
pub async fn send_study_chart(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let picture = charts::study_picture(ctx.tx, admin.branch_id).await?;
    send(ctx, admin.chat_id, picture, "study.png", words::STUDY_CAPTION).await
}

async fn send(
    ctx: &mut Ctx<'_>,
    chat: i64,
    picture: Option<Vec<u8>>,
    name: &str,
    caption: &str,
) -> StoreResult<()> {
    let Some(content) = picture else { return Ok(()) };
    let photo = Outgoing::Photo { file_name: name.to_owned(), content, caption: Some(caption.to_owned()) };
    ctx.say(chat, photo).await.map(drop)
}
