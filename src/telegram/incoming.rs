//! Telegram updates parsed into the conversation's shapes (`chat::incoming`); everything zhibu
//! does not act on is `Ignored`.

use teloxide::types::{Message, Update, UpdateKind, User};

use crate::chat::incoming::{Chat, Incoming, Person, TextMessage};

/// Telegram's GroupAnonymousBot: the `from` of messages sent by anonymous group administrators.
const GROUP_ANONYMOUS_BOT: u64 = 1087968824;

/// Parses a stored update. Kinds zhibu does not act on are `Ignored` without going through
/// teloxide's types at all (its deserializer panics on some real payloads, such as a reaction
/// whose actor was removed); for the others a panic is caught and reported as an error.
pub fn parse_raw(payload: &str) -> Result<Incoming, String> {
    let value: serde_json::Value = serde_json::from_str(payload).map_err(|e| e.to_string())?;
    let acted_on = crate::telegram::poller::ALLOWED_UPDATES.iter().any(|kind| value.get(*kind).is_some());
    if !acted_on {
        return Ok(Incoming::Ignored);
    }
    // From the text, not the `Value`: teloxide's flattened update kinds read a `Value` wrongly.
    let update = std::panic::catch_unwind(|| serde_json::from_str::<Update>(payload))
        .map_err(|_| "teloxide panicked while reading the update".to_owned())?
        .map_err(|e| e.to_string())?;
    Ok(parse(&update))
}

pub fn parse(update: &Update) -> Incoming {
    match &update.kind {
        UpdateKind::Message(message) => from_message(message),
        UpdateKind::EditedMessage(message) => match from_message(message) {
            Incoming::Text(text) => Incoming::Text(TextMessage { edited: true, ..text }),
            _ => Incoming::Ignored,
        },
        UpdateKind::CallbackQuery(query) => match (&query.data, query.from.is_bot) {
            (Some(data), false) => Incoming::Callback {
                id: query.id.0.clone(),
                from: person(&query.from),
                chat_id: query.message.as_ref().map(|m| m.chat().id.0),
                message_id: query.message.as_ref().map(|m| i64::from(m.id().0)),
                data: data.clone(),
            },
            _ => Incoming::Ignored,
        },
        UpdateKind::MyChatMember(change) => Incoming::BotMembership {
            chat: chat(&change.chat),
            by: person(&change.from),
            present: change.new_chat_member.is_present(),
        },
        _ => Incoming::Ignored,
    }
}

fn from_message(message: &Message) -> Incoming {
    if let Some(to) = message.migrate_to_chat_id() {
        return Incoming::GroupUpgraded { from: message.chat.id.0, to: to.0 };
    }
    if let Some(from) = message.migrate_from_chat_id() {
        return Incoming::GroupUpgraded { from: from.0, to: message.chat.id.0 };
    }
    // Forwarded and automatically forwarded messages are quotes, never commands or answers.
    if message.forward_origin().is_some() || message.is_automatic_forward() || message.via_bot.is_some() {
        return Incoming::Ignored;
    }
    let Some(sender) = message.from.as_ref() else { return Incoming::Ignored };
    let anonymous_admin = message.sender_chat.as_ref().is_some_and(|c| c.id == message.chat.id)
        || sender.id.0 == GROUP_ANONYMOUS_BOT;
    if sender.is_bot && !anonymous_admin {
        return Incoming::Ignored;
    }
    if let Some(contact) = message.contact() {
        return Incoming::Contact {
            chat: chat(&message.chat),
            from: person(sender),
            phone: contact.phone_number.clone(),
            contact_user_id: contact.user_id.map(|u| u.0 as i64),
        };
    }
    if let Some(document) = message.document() {
        return Incoming::Document {
            chat: chat(&message.chat),
            from: person(sender),
            file_id: document.file.id.0.clone(),
            file_name: document.file_name.clone().unwrap_or_default(),
            size: u64::from(document.file.size),
        };
    }
    match message.text() {
        Some(text) => Incoming::Text(TextMessage {
            chat: chat(&message.chat),
            from: person(sender),
            text: text.to_owned(),
            message_id: i64::from(message.id.0),
            reply_to: message.reply_to_message().map(|m| i64::from(m.id.0)),
            anonymous_admin,
            edited: false,
        }),
        None => Incoming::Ignored,
    }
}

fn person(user: &User) -> Person {
    Person { id: user.id.0 as i64, name: user.full_name() }
}

fn chat(chat: &teloxide::types::Chat) -> Chat {
    Chat { id: chat.id.0, private: chat.is_private() }
}
