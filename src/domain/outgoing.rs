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
    Document {
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
