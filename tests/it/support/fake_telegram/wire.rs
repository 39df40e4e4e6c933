//! Wire format: response envelopes, Bot API objects and request parameter helpers.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value, json};

/// Request parameters as received, merged from the query string and the body.
pub(super) type Params = Map<String, Value>;

/// Chat ids at or below this value belong to supergroups and channels (`-100…`).
pub(super) const SUPERGROUP_ID_LIMIT: i64 = -1_000_000_000_000;

/// The user id Telegram puts in `from` for messages of anonymous group admins.
pub(super) const GROUP_ANONYMOUS_BOT_ID: i64 = 1_087_968_824;

/// An error answer: `{"ok":false,"error_code":…,"description":…,"parameters":…}`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ApiError {
    pub code: u16,
    pub description: String,
    pub parameters: Option<Value>,
    /// Answered as a proxy's HTML page instead of the Bot API's JSON.
    pub html_page: bool,
}

impl ApiError {
    pub fn new(code: u16, description: impl Into<String>) -> Self {
        let description = description.into();
        Self { code, description, parameters: None, html_page: false }
    }

    /// A 400 whose description gets the server's `Bad Request: ` prefix.
    pub fn bad_request(what: &str) -> Self {
        Self::new(400, format!("Bad Request: {what}"))
    }

    pub fn with_parameters(mut self, parameters: Value) -> Self {
        self.parameters = Some(parameters);
        self
    }

    pub fn body(&self) -> Value {
        let mut body = json!({
            "ok": false,
            "error_code": self.code,
            "description": self.description,
        });
        if let Some(parameters) = &self.parameters {
            body["parameters"] = parameters.clone();
        }
        body
    }
}

pub(super) fn ok_response(result: Value) -> Response {
    Json(json!({ "ok": true, "result": result })).into_response()
}

pub(super) fn error_response(error: &ApiError) -> Response {
    let status = StatusCode::from_u16(error.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if error.html_page {
        let title = format!("{} {}", error.code, error.description);
        let page = format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n\
             <hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        );
        return (status, [(axum::http::header::CONTENT_TYPE, "text/html")], page).into_response();
    }
    (status, Json(error.body())).into_response()
}

pub(super) fn now_unix() -> i64 {
    let elapsed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
}

/// `private` for positive ids, `supergroup` for `-100…` ids, `group` otherwise.
pub(super) fn chat_type(chat_id: i64) -> &'static str {
    match chat_id {
        id if id > 0 => "private",
        id if id <= SUPERGROUP_ID_LIMIT => "supergroup",
        _ => "group",
    }
}

/// A `Chat` object; `name` is the first name of a private chat or the title of a group.
pub(super) fn chat_object(chat_id: i64, name: &str) -> Value {
    let kind = chat_type(chat_id);
    let name_field = if kind == "private" { "first_name" } else { "title" };
    json!({ "id": chat_id, "type": kind, name_field: name })
}

pub(super) fn default_chat_name(chat_id: i64) -> &'static str {
    match chat_type(chat_id) {
        "private" => "Test User",
        "supergroup" => "Test Supergroup",
        _ => "Test Group",
    }
}

pub(super) fn user_object(user_id: i64, first_name: &str) -> Value {
    json!({ "id": user_id, "is_bot": false, "first_name": first_name })
}

pub(super) fn anonymous_admin_user() -> Value {
    json!({
        "id": GROUP_ANONYMOUS_BOT_ID,
        "is_bot": true,
        "first_name": "Group",
        "username": "GroupAnonymousBot",
    })
}

/// The bot as it appears in `from` of its own messages.
pub(super) fn bot_user(bot_id: i64, username: &str) -> Value {
    json!({ "id": bot_id, "is_bot": true, "first_name": "Zhibu Test Bot", "username": username })
}

/// The `getMe` result: the bot user plus the capability flags teloxide requires.
pub(super) fn get_me_result(bot_id: i64, username: &str) -> Value {
    let mut me = bot_user(bot_id, username);
    let flags = [
        ("can_join_groups", true),
        ("can_read_all_group_messages", false),
        ("supports_inline_queries", false),
        ("can_connect_to_business", false),
        ("has_main_web_app", false),
    ];
    for (flag, value) in flags {
        me[flag] = Value::Bool(value);
    }
    me
}

/// An integer parameter sent as a JSON number or as a decimal string.
pub(super) fn param_i64(params: &Params, key: &str) -> Option<i64> {
    match params.get(key)? {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A string parameter; numbers and booleans are rendered as text.
pub(super) fn param_string(params: &Params, key: &str) -> Option<String> {
    match params.get(key)? {
        Value::String(text) => Some(text.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A structured parameter: JSON bodies carry it inline, form and multipart bodies
/// carry it as a JSON-encoded string.
pub(super) fn param_json(params: &Params, key: &str) -> Option<Value> {
    match params.get(key)? {
        Value::String(text) => serde_json::from_str(text).ok(),
        Value::Null => None,
        other => Some(other.clone()),
    }
}

/// The `chat_id` parameter as a numeric id; `@username` chats are unknown to the fake.
pub(super) fn chat_id_param(params: &Params) -> Result<i64, ApiError> {
    match params.get("chat_id") {
        None | Some(Value::Null) => Err(ApiError::bad_request("chat_id is empty")),
        Some(Value::String(text)) if text.trim().is_empty() => Err(ApiError::bad_request("chat_id is empty")),
        Some(_) => param_i64(params, "chat_id").ok_or_else(|| ApiError::bad_request("chat not found")),
    }
}

/// The `reply_markup` parameter when it is a non-empty inline keyboard (the only kind
/// Telegram echoes back in the sent `Message`).
pub(super) fn inline_markup(params: &Params) -> Option<Value> {
    let markup = param_json(params, "reply_markup")?;
    let rows = markup.get("inline_keyboard")?.as_array()?;
    (!rows.is_empty()).then_some(markup)
}

/// The message id a send replies to, from `reply_parameters` or the legacy
/// `reply_to_message_id`.
pub(super) fn reply_target(params: &Params) -> Option<i64> {
    let from_parameters = param_json(params, "reply_parameters").and_then(|reply| {
        let id = reply.get("message_id")?;
        id.as_i64().or_else(|| id.as_str()?.parse().ok())
    });
    from_parameters.or_else(|| param_i64(params, "reply_to_message_id"))
}
