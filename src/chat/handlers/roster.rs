//! The roster in chat: a 花名册 sent as a document, and the answer to its preview.

use crate::app::context::Ctx;
use crate::app::roster_upload::{self, Answered};
use crate::chat::handlers::keyboards::share_phone_keyboard;
use crate::chat::incoming::Person;
use crate::domain::outgoing::{Buttons, Outgoing};
use crate::store::StoreResult;
use crate::texts::roster_chat as words;

/// A document sent privately: an administrator's roster is kept to be fetched and previewed.
pub async fn on_document(
    ctx: &mut Ctx<'_>,
    from: &Person,
    file_id: &str,
    file_name: &str,
    size: u64,
) -> StoreResult<()> {
    let Some((branch_id, _)) = crate::app::admin::administered_branch(ctx.tx, from.id).await? else {
        ctx.say_text(from.id, words::ONLY_ADMINS_SEND_ROSTER).await?;
        return Ok(());
    };
    roster_upload::receive(ctx, branch_id, from.id, file_id, file_name, size).await
}

/// 【导入】 or 【取消】 under a roster's preview.
pub async fn on_answer(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    upload_id: i64,
    yes: bool,
) -> StoreResult<()> {
    let answered = roster_upload::answer(ctx, upload_id, from.id, yes).await?;
    let (toast, text, buttons) = match answered {
        Answered::Imported { report: r, importer_unbound } => {
            let text = words::imported(r.added, r.updated, r.unchanged);
            if importer_unbound {
                let text = format!("{text}\n{}", crate::texts::binding::FIND_YOURSELF);
                (Some(words::TAP_IMPORTED), text, share_phone_keyboard())
            } else {
                (Some(words::TAP_IMPORTED), text, Buttons::None)
            }
        }
        Answered::Cancelled => (Some(words::TAP_CANCELLED), words::CANCELLED.to_owned(), Buttons::None),
        Answered::Stale => (None, words::STALE.to_owned(), Buttons::None),
        Answered::AlreadyAnswered => (None, words::ALREADY_ANSWERED.to_owned(), Buttons::None),
        Answered::Expired => (None, words::EXPIRED.to_owned(), Buttons::None),
        Answered::Unreadable(reason) => (None, words::unreadable(&reason), Buttons::None),
    };
    ctx.answer_callback(from.id, callback_id, toast).await?;
    ctx.say(from.id, Outgoing::with_buttons(text, buttons)).await?;
    Ok(())
}
