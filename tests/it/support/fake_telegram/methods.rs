//! Behaviour of the Bot API methods the fake implements.

use serde_json::{Map, Value, json};

use super::{
    state::Inner,
    wire::{
        ApiError, Params, chat_id_param, get_me_result, inline_markup, now_unix, param_i64, param_json,
        param_string, reply_target,
    },
};

/// A file part received in a multipart request: its filename and bytes.
type FilePart = (String, Vec<u8>);

/// Methods that only answer `true`.
const TRUE_METHODS: &[&str] = &[
    "deletewebhook",
    "setmycommands",
    "deletemycommands",
    "setmydescription",
    "setmyshortdescription",
    "setmyname",
    "setchatmenubutton",
    "answercallbackquery",
    "deletemessage",
    "deletemessages",
    "pinchatmessage",
    "unpinchatmessage",
    "unpinallchatmessages",
    "sendchataction",
    "close",
    "logout",
];

/// Message fields that carry content (copied by `copyMessage` and `forwardMessage`).
const CONTENT_FIELDS: &[&str] = &[
    "text",
    "entities",
    "caption",
    "caption_entities",
    "document",
    "photo",
    "contact",
    "sticker",
    "video",
    "voice",
    "audio",
    "animation",
    "location",
    "venue",
    "poll",
    "dice",
];

const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply \
                            markup are exactly the same as a current content and reply markup \
                            of the message";

impl Inner {
    /// Runs a (non-`getUpdates`) method against the state.
    pub fn execute(
        &mut self,
        method: &str,
        params: &Params,
        file: Option<&FilePart>,
    ) -> Result<Value, ApiError> {
        if let Some(result) = self.stubs.get(method) {
            return Ok(result.clone());
        }
        match method {
            "getme" => Ok(get_me_result(self.bot_id, &self.bot_username)),
            "getfile" => self.get_file(params),
            "setwebhook" => {
                self.webhook_url = param_string(params, "url").filter(|url| !url.is_empty());
                Ok(Value::Bool(true))
            }
            "deletewebhook" => {
                self.webhook_url = None;
                Ok(Value::Bool(true))
            }
            "getmycommands" => Ok(json!([])),
            "sendmessage" | "senddocument" | "sendphoto" => self.send(method, params, file),
            "copymessage" => self.copy_message(params, false),
            "forwardmessage" => self.copy_message(params, true),
            "editmessagetext" => self.edit(params, Some("text")),
            "editmessagecaption" => self.edit(params, Some("caption")),
            "editmessagereplymarkup" => self.edit(params, None),
            "setmessagereaction" => self.react(params),
            _ if TRUE_METHODS.contains(&method) => Ok(Value::Bool(true)),
            _ => Err(ApiError::new(404, "Not Found: method not found")),
        }
    }

    fn send(&mut self, method: &str, params: &Params, file: Option<&FilePart>) -> Result<Value, ApiError> {
        let chat_id = chat_id_param(params)?;
        let mut content = match method {
            "sendmessage" => text_content(params)?,
            "senddocument" => self.document_content(params, file)?,
            _ => self.photo_content(params, file)?,
        };
        if let Some(markup) = inline_markup(params) {
            content.insert("reply_markup".into(), markup);
        }
        Ok(self.store_bot_message(chat_id, content, reply_target(params)))
    }

    fn document_content(
        &mut self,
        params: &Params,
        file: Option<&FilePart>,
    ) -> Result<Map<String, Value>, ApiError> {
        let (file_name, size) = match (file, param_string(params, "document")) {
            (Some((name, bytes)), _) => (name.clone(), bytes.len()),
            (None, Some(reference)) if !reference.is_empty() => ("document".to_owned(), 0),
            _ => return Err(ApiError::bad_request("there is no document in the request")),
        };
        let serial = self.next_serial();
        let mut content = caption_content(params);
        let document = json!({
            "file_id": format!("BQACAgIAAxkBAAI{serial:06}"),
            "file_unique_id": format!("AgAD{serial:06}"),
            "file_name": file_name,
            "file_size": size,
        });
        content.insert("document".into(), document);
        Ok(content)
    }

    fn photo_content(
        &mut self,
        params: &Params,
        file: Option<&FilePart>,
    ) -> Result<Map<String, Value>, ApiError> {
        let size = match (file, param_string(params, "photo")) {
            (Some((_, bytes)), _) => bytes.len(),
            (None, Some(reference)) if !reference.is_empty() => 0,
            _ => return Err(ApiError::bad_request("there is no photo in the request")),
        };
        let serial = self.next_serial();
        let mut content = caption_content(params);
        let photo = json!([{
            "file_id": format!("AgACAgIAAxkBAAI{serial:06}"),
            "file_unique_id": format!("AQAD{serial:06}"),
            "width": 90,
            "height": 90,
            "file_size": size,
        }]);
        content.insert("photo".into(), photo);
        Ok(content)
    }

    /// `copyMessage` (answers a `MessageId`) or `forwardMessage` (answers the `Message`).
    fn copy_message(&mut self, params: &Params, forward: bool) -> Result<Value, ApiError> {
        let chat_id = chat_id_param(params)?;
        let not_found = if forward { "message to forward not found" } else { "message to copy not found" };
        let source = param_i64(params, "from_chat_id")
            .zip(param_i64(params, "message_id"))
            .and_then(|(from_chat, id)| self.message(from_chat, id))
            .cloned()
            .ok_or_else(|| ApiError::bad_request(not_found))?;
        let mut content: Map<String, Value> = CONTENT_FIELDS
            .iter()
            .filter_map(|&field| Some((field.to_owned(), source.get(field)?.clone())))
            .collect();
        if forward {
            content.insert("forward_origin".into(), forward_origin(&source));
        } else if let Some(caption) = param_string(params, "caption") {
            content.insert("caption".into(), Value::String(caption));
        }
        if let Some(markup) = inline_markup(params).filter(|_| !forward) {
            content.insert("reply_markup".into(), markup);
        }
        let message = self.store_bot_message(chat_id, content, reply_target(params));
        Ok(if forward { message } else { json!({ "message_id": message["message_id"] }) })
    }

    /// Stores a new message from the bot in `chat_id` and returns it.
    fn store_bot_message(
        &mut self,
        chat_id: i64,
        content: Map<String, Value>,
        reply_to: Option<i64>,
    ) -> Value {
        let reply = reply_to.and_then(|id| self.message(chat_id, id)).cloned();
        let from = self.bot_user.clone();
        let store = self.chat_mut(chat_id);
        let message_id = store.allocate_message_id();
        let mut message = json!({
            "message_id": message_id,
            "from": from,
            "chat": store.chat.clone(),
            "date": now_unix(),
        });
        if let Some(mut reply) = reply {
            reply.as_object_mut().map(|fields| fields.remove("reply_to_message"));
            message["reply_to_message"] = reply;
        }
        message.as_object_mut().expect("message is an object").extend(content);
        store.messages.insert(message_id, message.clone());
        message
    }

    /// `setMessageReaction`: kept on the message as `bot_reaction` when the fake holds it (updates
    /// pushed by a test are not all stored). Not counted against the sending limits: Telegram's
    /// published limits are on messages, and a reaction is none (see `limits::is_limited`).
    fn react(&mut self, params: &Params) -> Result<Value, ApiError> {
        let chat_id = chat_id_param(params)?;
        let message_id = param_i64(params, "message_id")
            .ok_or_else(|| ApiError::bad_request("message identifier is not specified"))?;
        let reaction = param_json(params, "reaction").unwrap_or(Value::Array(Vec::new()));
        if let Some(message) =
            self.chats.get_mut(&chat_id).and_then(|store| store.messages.get_mut(&message_id))
        {
            message["bot_reaction"] = reaction;
        }
        Ok(Value::Bool(true))
    }

    /// `editMessageText` / `editMessageCaption` (`field` set) or
    /// `editMessageReplyMarkup` (`field` is `None`).
    fn edit(&mut self, params: &Params, field: Option<&str>) -> Result<Value, ApiError> {
        if params.contains_key("inline_message_id") && !params.contains_key("chat_id") {
            return Ok(Value::Bool(true));
        }
        let chat_id = chat_id_param(params)?;
        let message_id = param_i64(params, "message_id")
            .ok_or_else(|| ApiError::bad_request("message identifier is not specified"))?;
        let new_value = match field {
            Some("text") => Some(Value::String(within_limit(required_text(params)?, "MESSAGE_TOO_LONG")?)),
            Some(name) => Some(Value::String(param_string(params, name).unwrap_or_default())),
            None => None,
        };
        let markup = inline_markup(params);
        let bot_id = self.bot_id;
        let message = self
            .chats
            .get_mut(&chat_id)
            .and_then(|store| store.messages.get_mut(&message_id))
            .ok_or_else(|| ApiError::bad_request("message to edit not found"))?;
        check_editable(message, bot_id, field)?;
        let same_content = match (field, &new_value) {
            (Some(name), Some(value)) => message.get(name) == Some(value),
            _ => true,
        };
        if same_content && message.get("reply_markup") == markup.as_ref() {
            return Err(ApiError::bad_request(NOT_MODIFIED));
        }
        apply_edit(message, field.zip(new_value), markup);
        Ok(message.clone())
    }
}

fn check_editable(message: &Value, bot_id: i64, field: Option<&str>) -> Result<(), ApiError> {
    if message["from"]["id"].as_i64() != Some(bot_id) {
        return Err(ApiError::bad_request("message can't be edited"));
    }
    match field {
        Some("text") if message.get("text").is_none() => {
            Err(ApiError::bad_request("there is no text in the message to edit"))
        }
        Some("caption") if message.get("text").is_some() => {
            Err(ApiError::bad_request("there is no caption in the message to edit"))
        }
        _ => Ok(()),
    }
}

fn apply_edit(message: &mut Value, content: Option<(&str, Value)>, markup: Option<Value>) {
    let fields = message.as_object_mut().expect("stored messages are objects");
    if let Some((name, value)) = content {
        fields.insert(name.to_owned(), value);
    }
    match markup {
        Some(markup) => fields.insert("reply_markup".into(), markup),
        None => fields.remove("reply_markup"),
    };
    fields.insert("edit_date".into(), json!(now_unix()));
}

fn required_text(params: &Params) -> Result<String, ApiError> {
    param_string(params, "text")
        .filter(|text| !text.is_empty())
        .ok_or_else(|| ApiError::bad_request("message text is empty"))
}

fn text_content(params: &Params) -> Result<Map<String, Value>, ApiError> {
    let mut content = Map::new();
    let text = within_limit(required_text(params)?, "message is too long")?;
    content.insert("text".into(), Value::String(text));
    if let Some(entities) = param_json(params, "entities") {
        content.insert("entities".into(), entities);
    }
    Ok(content)
}

/// Telegram's limit for a message's text, in UTF-16 code units (one per Chinese character).
const MAX_TEXT_UNITS: usize = 4096;

/// The text, or the 400 Telegram answers when it is longer than a message may be: `Bad Request:
/// message is too long` for a new message, `Bad Request: MESSAGE_TOO_LONG` for an edit.
fn within_limit(text: String, refusal: &str) -> Result<String, ApiError> {
    if text.encode_utf16().count() > MAX_TEXT_UNITS {
        return Err(ApiError::bad_request(refusal));
    }
    Ok(text)
}

fn caption_content(params: &Params) -> Map<String, Value> {
    let mut content = Map::new();
    if let Some(caption) = param_string(params, "caption").filter(|caption| !caption.is_empty()) {
        content.insert("caption".into(), Value::String(caption));
    }
    content
}

/// `forward_origin` for a forwarded copy of `source`.
fn forward_origin(source: &Value) -> Value {
    match source.get("sender_chat") {
        Some(chat) => json!({ "type": "chat", "date": source["date"], "sender_chat": chat }),
        None => json!({ "type": "user", "date": source["date"], "sender_user": source["from"] }),
    }
}
