//! Fault injection: rules that make the next matching calls fail the way Telegram does.

use serde_json::json;

use super::wire::{ApiError, Params, param_i64};

/// How a faulted call is answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// 429 `Too Many Requests: retry after N` with `parameters.retry_after`.
    TooManyRequests { retry_after: u32 },
    /// 403 with this description, e.g. `Forbidden: bot was blocked by the user`
    /// (the `Forbidden: ` prefix is added when missing).
    Forbidden(&'static str),
    /// 400 `Bad Request: group chat was upgraded to a supergroup chat` with
    /// `parameters.migrate_to_chat_id`.
    Migrated { to: i64 },
    /// 400 with this description, e.g. `Bad Request: chat not found`
    /// (the `Bad Request: ` prefix is added when missing).
    BadRequest(&'static str),
    /// 500 `Internal Server Error` (teloxide sleeps 10 s before returning it).
    ServerError,
    /// 502 as a proxy in front of the Bot API answers it: an nginx HTML page, not JSON.
    BadGatewayPage,
    /// The call is performed and recorded as delivered, but the request is held open
    /// (10 minutes) and never answered, so the client times out.
    DeliverThenDropResponse,
    /// The call is performed and answered as usual, but only after this long.
    SlowAnswer(std::time::Duration),
    /// 409 `Conflict: terminated by other getUpdates request; …`: another process polls with
    /// the same token.
    Conflict,
}

impl Fault {
    pub const BOT_BLOCKED: Fault = Fault::Forbidden("Forbidden: bot was blocked by the user");
    pub const CANT_INITIATE: Fault =
        Fault::Forbidden("Forbidden: bot can't initiate conversation with a user");
    pub const KICKED_FROM_GROUP: Fault = Fault::Forbidden("Forbidden: bot was kicked from the group chat");
    pub const KICKED_FROM_SUPERGROUP: Fault =
        Fault::Forbidden("Forbidden: bot was kicked from the supergroup chat");
    pub const USER_DEACTIVATED: Fault = Fault::Forbidden("Forbidden: user is deactivated");
    pub const CHAT_NOT_FOUND: Fault = Fault::BadRequest("Bad Request: chat not found");

    /// The error answer of this fault; `None` for faults that deliver the call
    /// ([`Fault::DeliverThenDropResponse`], [`Fault::SlowAnswer`]).
    pub(super) fn to_error(&self) -> Option<ApiError> {
        let error = match self {
            Fault::TooManyRequests { retry_after } => too_many_requests(*retry_after),
            Fault::Forbidden(text) => ApiError::new(403, prefixed("Forbidden: ", text)),
            Fault::Migrated { to } => ApiError::bad_request("group chat was upgraded to a supergroup chat")
                .with_parameters(json!({ "migrate_to_chat_id": to })),
            Fault::BadRequest(text) => ApiError::new(400, prefixed("Bad Request: ", text)),
            Fault::ServerError => ApiError::new(500, "Internal Server Error"),
            Fault::BadGatewayPage => ApiError { html_page: true, ..ApiError::new(502, "Bad Gateway") },
            Fault::Conflict => ApiError::new(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot \
                 instance is running",
            ),
            Fault::DeliverThenDropResponse | Fault::SlowAnswer(_) => return None,
        };
        Some(error)
    }
}

pub(super) fn too_many_requests(retry_after: u32) -> ApiError {
    ApiError::new(429, format!("Too Many Requests: retry after {retry_after}"))
        .with_parameters(json!({ "retry_after": retry_after }))
}

fn prefixed(prefix: &str, text: &str) -> String {
    if text.starts_with(prefix) { text.to_owned() } else { format!("{prefix}{text}") }
}

/// Which calls a [`Fault`] hits and how often.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultRule {
    /// Lowercased method name such as `sendmessage`; `*` matches every method called
    /// with a `chat_id`.
    pub method: String,
    /// Only calls to this chat, when set.
    pub chat_id: Option<i64>,
    /// How many matching calls still fail.
    pub times: u32,
    pub fault: Fault,
}

impl FaultRule {
    /// Fails the next call of `method` (any case; `*` for any method with a `chat_id`) once.
    pub fn new(method: &str, fault: Fault) -> Self {
        Self { method: method.to_ascii_lowercase(), chat_id: None, times: 1, fault }
    }

    /// Restricts the rule to calls whose `chat_id` is `chat_id`.
    pub fn for_chat(mut self, chat_id: i64) -> Self {
        self.chat_id = Some(chat_id);
        self
    }

    /// Fires `times` times instead of once.
    pub fn times(mut self, times: u32) -> Self {
        self.times = times;
        self
    }

    /// Fires on every matching call.
    pub fn always(self) -> Self {
        self.times(u32::MAX)
    }

    fn matches(&self, method: &str, params: &Params) -> bool {
        let chat_id = param_i64(params, "chat_id");
        let method_matches = match self.method.as_str() {
            "*" => chat_id.is_some(),
            name => name.eq_ignore_ascii_case(method),
        };
        method_matches && self.chat_id.is_none_or(|wanted| chat_id == Some(wanted))
    }
}

/// Takes the fault of the first live rule matching this call, using up one firing.
pub(super) fn take_fault(rules: &mut Vec<FaultRule>, method: &str, params: &Params) -> Option<Fault> {
    let index = rules.iter().position(|rule| rule.times > 0 && rule.matches(method, params))?;
    let rule = &mut rules[index];
    rule.times -= 1;
    let fault = rule.fault.clone();
    if rule.times == 0 {
        rules.remove(index);
    }
    Some(fault)
}
