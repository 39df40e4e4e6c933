//! Plain words from people, in a group or in private: each feature that may be waiting for an
//! answer is offered the message in turn; the first that takes it wins. Words nobody takes get no
//! reaction at all — chatter in the group is none of the bot's business.

use crate::app::context::Ctx;
use crate::store::StoreResult;
use crate::telegram::incoming::TextMessage;

/// Offers the message to every feature; true when one took it.
pub async fn offer(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    // Features add their `take(ctx, msg) -> StoreResult<bool>` here, most specific first
    // (a reply to a bot message before a guess from what is open).
    if super::meeting_dialogue::take(ctx, msg).await? {
        return Ok(true);
    }
    if super::meeting_answer::take(ctx, msg).await? {
        return Ok(true);
    }
    Ok(false)
}
