//! What the bot says, described without any chat platform: text, buttons, edits, files.
//!
//! Stored in the outbox as JSON; the Telegram adapter turns it into Bot API requests.

use serde::{Deserialize, Serialize};

/// One message (or edit, or answer) for one chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outgoing {
    Text {
        text: String,
        buttons: Buttons,
    },
    /// Replace the text (and buttons) of an earlier message, named by its outbox row.
    Edit {
        of_outbox_id: i64,
        text: String,
        buttons: Buttons,
    },
    /// The small notice a button press shows; Telegram wants every press answered.
    CallbackAnswer {
        callback_id: String,
        text: Option<String>,
    },
    /// A reaction (👍) set on someone's message in this chat: "seen and recorded" without a
    /// message of its own. Like a button's answer it goes outside the chat's queue, and setting
    /// it twice changes nothing.
    Reaction {
        message_id: i64,
        emoji: String,
    },
    Document {
        file_name: String,
        content: Vec<u8>,
        caption: Option<String>,
    },
    /// A picture (a chart, as PNG), shown in the chat at once rather than as a file to open.
    Photo {
        file_name: String,
        content: Vec<u8>,
        caption: Option<String>,
    },
    /// The secretary's command menu, with Chinese descriptions.
    CommandMenu {
        commands: Vec<(String, String)>,
        scope: MenuScope,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MenuScope {
    /// What everyone sees in private chats.
    AllPrivate,
    /// What one administrator sees in their private chat with the bot.
    Chat(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Buttons {
    #[default]
    None,
    /// Buttons under the message; each press comes back with its `data`.
    Inline {
        rows: Vec<Vec<InlineButton>>,
    },
    /// The big keyboard that replaces the phone's letters, for people who tap rather than type.
    Keyboard {
        rows: Vec<Vec<KeyButton>>,
    },
    RemoveKeyboard,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineButton {
    pub label: String,
    pub data: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyButton {
    pub label: String,
    /// Pressing it shares the user's own phone number.
    pub shares_contact: bool,
}

impl Outgoing {
    pub fn text(text: impl Into<String>) -> Outgoing {
        Outgoing::Text { text: text.into(), buttons: Buttons::None }
    }

    pub fn with_buttons(text: impl Into<String>, buttons: Buttons) -> Outgoing {
        Outgoing::Text { text: text.into(), buttons }
    }
}

impl Buttons {
    pub fn inline_row(buttons: Vec<InlineButton>) -> Buttons {
        Buttons::Inline { rows: vec![buttons] }
    }
}

impl InlineButton {
    pub fn new(label: impl Into<String>, data: impl Into<String>) -> InlineButton {
        InlineButton { label: label.into(), data: data.into() }
    }
}

impl KeyButton {
    pub fn plain(label: impl Into<String>) -> KeyButton {
        KeyButton { label: label.into(), shares_contact: false }
    }

    pub fn contact(label: impl Into<String>) -> KeyButton {
        KeyButton { label: label.into(), shares_contact: true }
    }
}

/// Telegram's limit for one message's text, in characters.
pub const MAX_TEXT_CHARS: usize = 4096;

/// Splits a long text into parts of at most `limit` characters, at sentence ends (。！？!? or a
/// line break) where possible, so no part stops mid-sentence unless one sentence is too long.
pub fn split_text(text: &str, limit: usize) -> Vec<String> {
    if text.chars().count() <= limit {
        return vec![text.to_owned()];
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for sentence in sentences(text) {
        let len = sentence.chars().count();
        if current_len + len > limit && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            current_len = 0;
        }
        if len > limit {
            let chars: Vec<char> = sentence.chars().collect();
            for chunk in chars.chunks(limit) {
                parts.push(chunk.iter().collect());
            }
            continue;
        }
        current.push_str(sentence);
        current_len += len;
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// The text cut after each sentence end, keeping the punctuation with its sentence.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .find(|(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n'))
            .map_or(rest.len(), |(i, c)| i + c.len_utf8());
        let (sentence, tail) = rest.split_at(end);
        rest = tail;
        Some(sentence)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_stays_whole() {
        assert_eq!(split_text("学习全会精神。", 4096), vec!["学习全会精神。"]);
    }

    #[test]
    fn a_long_text_is_split_at_sentence_ends_within_the_limit() {
        let text = "第一句话很长。".repeat(1000);
        let parts = split_text(&text, MAX_TEXT_CHARS);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_TEXT_CHARS && p.ends_with('。')));
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn one_overlong_sentence_is_cut_hard() {
        let text = "字".repeat(9000);
        let parts = split_text(&text, MAX_TEXT_CHARS);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.concat(), text);
    }
}
