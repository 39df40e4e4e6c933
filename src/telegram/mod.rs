//! The Telegram transport: polls (or receives) updates into the inbox, parses them into the
//! conversation's shapes (`chat::incoming`), and delivers the outbox and button answers through
//! the Bot API, paced. Nothing outside this module names a teloxide type; what the bot decides
//! to say lives in `chat` and below.

pub mod button_answers;
pub mod files;
pub mod incoming;
pub mod pacing;
pub mod poller;
pub mod redact;
pub mod render;
pub mod sender;
pub mod webhook;

use std::time::Duration;

use teloxide::Bot;
use teloxide::requests::Requester;

use crate::config::Secret;

/// A Bot API client whose requests time out after `timeout` (long polls need longer).
pub fn bot(token: &Secret, api_url: Option<&url::Url>, timeout: Duration) -> Bot {
    let client = teloxide::net::default_reqwest_settings()
        .timeout(timeout)
        .build()
        .expect("the HTTP client builds with static settings");
    let bot = Bot::with_client(token.expose(), client);
    match api_url {
        Some(url) => bot.set_api_url(url.clone()),
        None => bot,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{}", crate::texts::operations::token_rejected(.0))]
    TokenRejected(String),
    #[error("{}", crate::texts::operations::bot_api_unreachable(.0))]
    Unreachable(String),
}

/// Tells Telegram where to post updates, with the secret it must send along.
pub async fn set_webhook(bot: &Bot, hook: &crate::config::WebhookSettings) -> Result<(), StartError> {
    use teloxide::payloads::SetWebhookSetters;
    use teloxide::types::AllowedUpdate;
    bot.set_webhook(hook.url.clone())
        .secret_token(hook.secret.expose().to_owned())
        .allowed_updates([
            AllowedUpdate::Message,
            AllowedUpdate::EditedMessage,
            AllowedUpdate::CallbackQuery,
            AllowedUpdate::MyChatMember,
        ])
        .await
        .map(drop)
        .map_err(|e| StartError::Unreachable(redact::describe_error(&e)))
}

/// Asks Telegram who the bot is; retries while the network is down, fails at once on a bad token.
pub async fn who_am_i(bot: &Bot, attempts: u32) -> Result<String, StartError> {
    let mut last = String::new();
    for attempt in 0..attempts {
        match bot.get_me().await {
            Ok(me) => return Ok(me.username.clone().unwrap_or_default()),
            Err(teloxide::RequestError::Api(e)) => {
                let text = e.to_string();
                if matches!(e, teloxide::ApiError::InvalidToken)
                    || text.contains("Unauthorized")
                    || text.contains("Not Found")
                {
                    return Err(StartError::TokenRejected(text));
                }
                last = text;
            }
            Err(e) => last = redact::describe_error(&e),
        }
        if attempt + 1 == attempts {
            break;
        }
        tracing::warn!(attempt, error = %last, "getMe failed; retrying");
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    Err(StartError::Unreachable(last))
}
