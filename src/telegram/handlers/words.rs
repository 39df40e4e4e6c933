//! Plain words from people, in a group or in private: each feature that may be waiting for an
//! answer is offered the message in turn; the first that takes it wins. Words nobody takes get no
//! reaction at all — chatter in the group is none of the bot's business.

use crate::app::context::Ctx;
use crate::domain::reply_intent::{ReplyContext, ReplyIntent, parse_reply};
use crate::store::members::MemberRow;
use crate::store::{self, StoreResult};
use crate::telegram::handlers::{briefing, schedule, study};
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
    Ok(schedule::take(ctx, msg).await? || study::take(ctx, msg).await? || briefing::take(ctx, msg).await?)
}

/// The sender's memberships when their private words mean `intent` in `context` ("已学" for a
/// study round, "收到" for a briefing); empty in a group or for other words.
pub async fn private_members_saying(
    ctx: &mut Ctx<'_>,
    msg: &TextMessage,
    context: ReplyContext,
    intent: ReplyIntent,
) -> StoreResult<Vec<MemberRow>> {
    if !msg.chat.private {
        return Ok(Vec::new());
    }
    let members = store::members::by_telegram_user(ctx.tx, msg.from.id).await?;
    Ok(members
        .into_iter()
        .filter(|m| parse_reply(&msg.text, context, &[m.name.as_str()]).is_some_and(|r| r.intent == intent))
        .collect())
}
