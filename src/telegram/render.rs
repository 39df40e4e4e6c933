//! Turns a platform-neutral `Outgoing` into the Bot API request that delivers it.

use teloxide::payloads::{
    AnswerCallbackQuerySetters, EditMessageTextSetters, SendDocumentSetters, SendMessageSetters,
    SendPhotoSetters, SetMessageReactionSetters, SetMyCommandsSetters,
};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, ButtonRequest, CallbackQueryId, InlineKeyboardButton, InlineKeyboardMarkup,
    InputFile, KeyboardButton, KeyboardMarkup, KeyboardRemove, MessageId, ReactionType, Recipient,
    ReplyMarkup,
};

use crate::domain::outgoing::{Buttons, MenuScope, Outgoing};

/// What sending needs to know besides the message: the Telegram id of an edited message.
pub struct Target {
    pub chat_id: i64,
    pub edit_message_id: Option<i64>,
}

/// Sends one message; returns the Telegram message id when the request creates a message.
pub async fn send(
    bot: &Bot,
    target: Target,
    message: Outgoing,
) -> Result<Option<i64>, teloxide::RequestError> {
    let chat = ChatId(target.chat_id);
    match message {
        Outgoing::Text { text, buttons } => {
            let mut request = bot.send_message(chat, text);
            if let Some(markup) = reply_markup(buttons) {
                request = request.reply_markup(markup);
            }
            Ok(Some(i64::from(request.await?.id.0)))
        }
        Outgoing::Edit { text, buttons, .. } => {
            let Some(message_id) = target.edit_message_id else { return Ok(None) };
            let mut request = bot.edit_message_text(chat, MessageId(message_id as i32), text);
            if let Some(ReplyMarkup::InlineKeyboard(markup)) = reply_markup(buttons) {
                request = request.reply_markup(markup);
            }
            request.await?;
            Ok(Some(message_id))
        }
        Outgoing::CallbackAnswer { callback_id, text } => {
            let mut request = bot.answer_callback_query(CallbackQueryId(callback_id));
            if let Some(text) = text {
                request = request.text(text);
            }
            request.await?;
            Ok(None)
        }
        Outgoing::Reaction { message_id, emoji } => {
            let reaction = [ReactionType::Emoji { emoji }];
            bot.set_message_reaction(chat, MessageId(message_id as i32)).reaction(reaction).await?;
            Ok(None)
        }
        Outgoing::Document { file_name, content, caption } => {
            let mut request = bot.send_document(chat, InputFile::memory(content).file_name(file_name));
            if let Some(caption) = caption {
                request = request.caption(caption);
            }
            Ok(Some(i64::from(request.await?.id.0)))
        }
        Outgoing::Photo { file_name, content, caption } => {
            let mut request = bot.send_photo(chat, InputFile::memory(content).file_name(file_name));
            if let Some(caption) = caption {
                request = request.caption(caption);
            }
            Ok(Some(i64::from(request.await?.id.0)))
        }
        Outgoing::CommandMenu { commands, scope } => {
            let commands = commands.into_iter().map(|(c, d)| BotCommand::new(c, d));
            let scope = match scope {
                MenuScope::AllPrivate => BotCommandScope::AllPrivateChats,
                MenuScope::Chat(id) => BotCommandScope::Chat { chat_id: Recipient::Id(ChatId(id)) },
            };
            bot.set_my_commands(commands).scope(scope).await?;
            Ok(None)
        }
    }
}

fn reply_markup(buttons: Buttons) -> Option<ReplyMarkup> {
    match buttons {
        Buttons::None => None,
        Buttons::Inline { rows } => {
            Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows.into_iter().map(|row| {
                row.into_iter().map(|b| InlineKeyboardButton::callback(b.label, b.data)).collect::<Vec<_>>()
            }))))
        }
        Buttons::Keyboard { rows } => Some(ReplyMarkup::Keyboard(
            KeyboardMarkup::new(rows.into_iter().map(|row| {
                row.into_iter()
                    .map(|b| {
                        let button = KeyboardButton::new(b.label);
                        if b.shares_contact { button.request(ButtonRequest::Contact) } else { button }
                    })
                    .collect::<Vec<_>>()
            }))
            .resize_keyboard()
            .persistent(),
        )),
        Buttons::RemoveKeyboard => Some(ReplyMarkup::KeyboardRemove(KeyboardRemove::new())),
    }
}

/// Whether the message counts against Telegram's per-chat message limits.
pub fn is_chat_message(message: &Outgoing) -> bool {
    matches!(
        message,
        Outgoing::Text { .. } | Outgoing::Edit { .. } | Outgoing::Document { .. } | Outgoing::Photo { .. }
    )
}
