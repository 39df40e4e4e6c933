//! What people send, in the few shapes the conversation acts on, whatever the chat platform:
//! a transport parses its own wire format into these (`telegram::incoming` for Telegram).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chat {
    pub id: i64,
    pub private: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMessage {
    pub chat: Chat,
    pub from: Person,
    pub text: String,
    pub message_id: i64,
    pub reply_to: Option<i64>,
    /// Sent by an anonymous group administrator: the sender cannot be identified.
    pub anonymous_admin: bool,
    /// The sender edited an earlier message into this text: it counts as their latest words
    /// (an answer is recorded again), but a command is never run a second time.
    pub edited: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    Text(TextMessage),
    /// A shared contact card (the 【绑定手机号】 button shares the user's own).
    Contact {
        chat: Chat,
        from: Person,
        phone: String,
        contact_user_id: Option<i64>,
    },
    /// A file sent as a document (a secretary's 花名册); the transport fetches it later by `file_id`.
    Document {
        chat: Chat,
        from: Person,
        file_id: String,
        file_name: String,
        size: u64,
    },
    Callback {
        id: String,
        from: Person,
        chat_id: Option<i64>,
        message_id: Option<i64>,
        data: String,
    },
    GroupUpgraded {
        from: i64,
        to: i64,
    },
    /// The bot itself was added to or removed from a chat, or blocked / unblocked in private.
    BotMembership {
        chat: Chat,
        by: Person,
        present: bool,
    },
    Ignored,
}

impl Incoming {
    /// The person who sent it, when one can be told apart (not an anonymous group admin).
    pub fn person(&self) -> Option<i64> {
        match self {
            Incoming::Text(t) if !t.anonymous_admin => Some(t.from.id),
            Incoming::Contact { from, .. }
            | Incoming::Document { from, .. }
            | Incoming::Callback { from, .. } => Some(from.id),
            _ => None,
        }
    }
}
