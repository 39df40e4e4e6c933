//! Plain words from people, in a group or in private. A dialogue or question the bot is waiting
//! on takes them first; otherwise `app::replies` routes them (a reply to a bot message to that
//! message's feature, else the one open thing they fit, else asked back with buttons) and this
//! module only says the outcome. Words nobody takes get no reaction here (in private, the
//! member handler then answers kindly with the buttons).
//!
//! Confirmations go to the member privately (a message they can read again, which does not
//! flood the group); only when their private chat is unreachable do they go to the chat the
//! words came from. A meeting answer recorded from words in a group also gets a 👍 on those
//! words at once, since the private words go last (see `meeting_answer::confirm`).

use crate::app::context::Ctx;
use crate::app::meetings::answer::AnswerOutcome;
use crate::app::replies::{self, Words, WordsOutcome};
use crate::chat::handlers::{meeting_answer, schedule};
use crate::chat::incoming::TextMessage;
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;
use crate::texts::receipts::confirmation;

/// Offers the message to every feature; true when one took it.
pub async fn offer(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    if super::meeting_dialogue::take(ctx, msg).await? || schedule::take(ctx, msg).await? {
        return Ok(true);
    }
    let words = Words {
        chat_id: msg.chat.id,
        private: msg.chat.private,
        reply_to: msg.reply_to,
        user_id: msg.from.id,
        user_name: &msg.from.name,
        text: &msg.text,
    };
    if let Some(outcome) = replies::answer_question(ctx, &words).await? {
        meeting_answer::confirm(ctx, msg.from.id, msg.chat.id, &outcome).await?;
        return Ok(true);
    }
    let Some(outcome) = replies::from_words(ctx, &words).await? else { return Ok(false) };
    match outcome {
        WordsOutcome::Meeting { outcome, replied } => {
            if !msg.chat.private && matches!(outcome, AnswerOutcome::Recorded { .. }) {
                ctx.react(msg.chat.id, msg.message_id).await?;
            }
            meeting_answer::on_words(ctx, msg.from.id, msg.chat.id, &outcome, replied).await?
        }
        WordsOutcome::Receipt(what, receipt) => {
            let message = confirmation(what, &receipt).message;
            ctx.tell(msg.from.id, msg.chat.id, Outgoing::text(message)).await?;
        }
        WordsOutcome::AskBack(question) => {
            ctx.tell(msg.from.id, msg.chat.id, question).await?;
        }
    }
    Ok(true)
}
