//! Builders of incoming Bot API objects (messages, callback queries) in wire format.
//!
//! Messages get ids from the same per-chat counter as the bot's own messages, and are
//! stored, so the bot can reply to, copy or forward them.

use serde_json::{Map, Value, json};

use super::{
    FakeTelegram,
    wire::{anonymous_admin_user, chat_object, chat_type, now_unix, user_object},
};

/// The author `forwarded_group_text` messages were originally written by.
pub const ORIGINAL_AUTHOR_ID: i64 = 424_242;

impl FakeTelegram {
    /// A text message from a user in their private chat with the bot.
    pub fn private_text(&self, user_id: i64, first_name: &str, text: &str) -> Value {
        let chat = chat_object(user_id, first_name);
        let from = user_object(user_id, first_name);
        self.incoming(chat, from, fields([("text", json!(text))]))
    }

    /// A text message from a user in a group (`supergroup` for `-100…` ids).
    pub fn group_text(&self, chat_id: i64, user_id: i64, first_name: &str, text: &str) -> Value {
        let from = user_object(user_id, first_name);
        self.incoming(self.chat_of(chat_id), from, fields([("text", json!(text))]))
    }

    /// A group text message replying to `reply_to_message_id` in the same chat.
    pub fn group_reply(
        &self,
        chat_id: i64,
        user_id: i64,
        first_name: &str,
        text: &str,
        reply_to_message_id: i64,
    ) -> Value {
        let chat = self.chat_of(chat_id);
        let replied = self.known_message(&chat, reply_to_message_id);
        let from = user_object(user_id, first_name);
        let content = fields([("text", json!(text)), ("reply_to_message", replied)]);
        self.incoming(chat, from, content)
    }

    /// A user sharing a contact in their private chat; `contact_user_id` is the
    /// contact's Telegram user id (the sender's own id when sharing their own number).
    pub fn private_contact(
        &self,
        user_id: i64,
        first_name: &str,
        phone_number: &str,
        contact_user_id: impl Into<Option<i64>>,
    ) -> Value {
        let mut contact = json!({ "phone_number": phone_number, "first_name": first_name });
        if let Some(contact_user_id) = contact_user_id.into() {
            contact["user_id"] = json!(contact_user_id);
        }
        let chat = chat_object(user_id, first_name);
        let from = user_object(user_id, first_name);
        self.incoming(chat, from, fields([("contact", contact)]))
    }

    /// A callback query from pressing a button under message `message_id` in `chat_id`;
    /// the message is the stored one when the fake knows it.
    pub fn callback(
        &self,
        user_id: i64,
        first_name: &str,
        chat_id: i64,
        message_id: i64,
        data: &str,
    ) -> Value {
        let chat = self.chat_of(chat_id);
        let message = self.known_message(&chat, message_id);
        let serial = self.inner().next_serial();
        json!({
            "id": format!("{}{serial:08}", self.addr.port()),
            "from": user_object(user_id, first_name),
            "message": message,
            "chat_instance": format!("{}", chat_id.wrapping_mul(-7_919).wrapping_add(13)),
            "data": data,
        })
    }

    /// The service message in the old group telling that it became `new_chat_id`.
    pub fn group_migrated(&self, old_chat_id: i64, new_chat_id: i64, user_id: i64) -> Value {
        let from = user_object(user_id, "Member");
        let content = fields([("migrate_to_chat_id", json!(new_chat_id))]);
        self.incoming(self.chat_of(old_chat_id), from, content)
    }

    /// A group text message forwarded by `user_id` from user [`ORIGINAL_AUTHOR_ID`].
    pub fn forwarded_group_text(&self, chat_id: i64, user_id: i64, text: &str) -> Value {
        let origin = json!({
            "type": "user",
            "date": now_unix() - 3_600,
            "sender_user": user_object(ORIGINAL_AUTHOR_ID, "Original Author"),
        });
        let content = fields([("text", json!(text)), ("forward_origin", origin)]);
        self.incoming(self.chat_of(chat_id), user_object(user_id, "Member"), content)
    }

    /// A text message an anonymous admin posts on behalf of the group itself.
    pub fn anonymous_admin_text(&self, chat_id: i64, text: &str) -> Value {
        let chat = self.chat_of(chat_id);
        let content = fields([("sender_chat", chat.clone()), ("text", json!(text))]);
        self.incoming(chat, anonymous_admin_user(), content)
    }

    /// Queues a [`Self::private_text`] message as an update; returns the update id.
    pub fn push_private_text(&self, user_id: i64, first_name: &str, text: &str) -> i64 {
        self.push_message(self.private_text(user_id, first_name, text))
    }

    /// Queues a [`Self::group_text`] message as an update; returns the update id.
    pub fn push_group_text(&self, chat_id: i64, user_id: i64, first_name: &str, text: &str) -> i64 {
        self.push_message(self.group_text(chat_id, user_id, first_name, text))
    }

    /// Queues `{"edited_message": …}`: the user edited `message` (as returned by e.g.
    /// [`Self::group_text`]) into `text`; returns the update id.
    pub fn push_edit(&self, message: &Value, text: &str) -> i64 {
        let mut edited = message.clone();
        edited["text"] = json!(text);
        edited["edit_date"] = json!(now_unix());
        let (chat_id, message_id) = (edited["chat"]["id"].as_i64(), edited["message_id"].as_i64());
        if let (Some(chat_id), Some(message_id)) = (chat_id, message_id) {
            self.inner().chat_mut(chat_id).messages.insert(message_id, edited.clone());
        }
        self.push_update(json!({ "edited_message": edited }))
    }

    /// The known `Chat` object of a chat, or a default one.
    fn chat_of(&self, chat_id: i64) -> Value {
        self.inner().chat_mut(chat_id).chat.clone()
    }

    /// The stored message (without its own reply), or a minimal stand-in from the bot.
    fn known_message(&self, chat: &Value, message_id: i64) -> Value {
        let inner = self.inner();
        let chat_id = chat["id"].as_i64().unwrap_or_default();
        if let Some(mut message) = inner.message(chat_id, message_id).cloned() {
            message.as_object_mut().map(|fields| fields.remove("reply_to_message"));
            return message;
        }
        json!({
            "message_id": message_id,
            "from": inner.bot_user.clone(),
            "chat": chat,
            "date": now_unix(),
            "text": "",
        })
    }

    /// Stores a new message in `chat` from `from` and returns it.
    fn incoming(&self, chat: Value, from: Value, content: Map<String, Value>) -> Value {
        let chat_id = chat["id"].as_i64().unwrap_or_default();
        let mut inner = self.inner();
        let store = inner.chat_mut(chat_id);
        if chat_type(chat_id) == "private" {
            store.chat = chat.clone();
        }
        let message_id = store.allocate_message_id();
        let mut message = json!({ "message_id": message_id, "from": from, "chat": chat, "date": now_unix() });
        message.as_object_mut().expect("message is an object").extend(content);
        store.messages.insert(message_id, message.clone());
        message
    }
}

fn fields<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    entries.into_iter().map(|(key, value)| (key.to_owned(), value)).collect()
}
