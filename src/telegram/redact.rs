//! Error descriptions safe to log: request URLs carry the bot token, so they are removed.

use teloxide::RequestError;

/// The error with any URL (and so the token) left out.
pub fn describe_error(error: &RequestError) -> String {
    match error {
        RequestError::Network(e) => {
            let kind = if e.is_timeout() {
                "timeout"
            } else if e.is_connect() {
                "connection failed"
            } else {
                "network error"
            };
            let inner = reqwest_without_url(e);
            format!("{kind}: {inner}")
        }
        other => other.to_string(),
    }
}

fn reqwest_without_url(e: &reqwest::Error) -> String {
    // `without_url` takes ownership; rebuild the message from its parts instead.
    let mut message = e.to_string();
    if let Some(url) = e.url() {
        message = message.replace(url.as_str(), "<bot api url>");
    }
    redact_token_shapes(&message)
}

/// Belt and braces: anything that looks like `bot<digits>:<secret>` is masked.
pub fn redact_token_shapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("/bot") {
        out.push_str(&rest[..pos + 4]);
        let after = &rest[pos + 4..];
        let end = after.find('/').unwrap_or(after.len());
        if after[..end].contains(':') {
            out.push_str("<token>");
        } else {
            out.push_str(&after[..end]);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_in_a_url_is_masked() {
        let text = "error sending request for url (http://x/bot123:ABC/GetMe)";
        assert_eq!(redact_token_shapes(text), "error sending request for url (http://x/bot<token>/GetMe)");
    }
}
