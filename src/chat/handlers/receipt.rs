//! Receipts said by a tap — 【收到】 under a briefing, 【已学习】 under a study reminder or under
//! 补学 material — recorded through `app::receipts` and confirmed: the toast answers the tap, and
//! once recorded a message the member can read again goes to them privately (in the chat they
//! tapped in only when their private chat is unreachable). Words go through `handlers::words`.

use crate::app::context::Ctx;
use crate::app::receipts;
use crate::chat::incoming::Person;
use crate::domain::outgoing::Outgoing;
use crate::domain::receipt::Receivable;
use crate::store::StoreResult;
use crate::texts::receipts::confirmation;

pub async fn on_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    tapped_in: i64,
    what: Receivable,
) -> StoreResult<()> {
    let receipt = receipts::record(ctx.tx, what, from.id, ctx.now).await?;
    let words = confirmation(what, &receipt);
    ctx.answer_callback(from.id, callback_id, Some(&words.toast)).await?;
    if receipt.is_recorded() {
        ctx.tell(from.id, tapped_in, Outgoing::text(words.message)).await?;
    }
    Ok(())
}
