//! The domain: branches, members, roles and what members say — plain Rust that knows no chat platform.

pub mod action;
pub mod anniversaries;
pub mod answer_confirmation;
pub mod audit_action;
pub mod briefing_report;
pub mod draft;
pub mod flood;
pub mod holiday_calendar;
pub mod job_kind;
pub mod meeting;
pub mod member_edit;
pub mod member_standing;
pub mod name_match;
pub mod outgoing;
pub mod quiet_hours;
pub mod receipt;
pub mod record_period;
pub mod reply_intent;
pub mod reply_route;
pub mod roster;
pub mod schedule_phrase;
pub mod schedules;
pub mod settings_phrase;
pub mod tap_refusal;
pub mod theme_day;
pub mod when_phrase;

/// What a Telegram user may do in a branch beyond being a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 支部书记: binds the branch, grants powers.
    Secretary,
    /// 支委: the secretary's powers where the secretary grants them.
    Committee,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Secretary => "secretary",
            Role::Committee => "committee",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "secretary" => Some(Role::Secretary),
            "committee" => Some(Role::Committee),
            _ => None,
        }
    }
}

/// What a one-time binding code binds its user as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingPurpose {
    Secretary,
    /// A personal link for one member (who cannot share a phone number).
    Member,
    /// A contact person (联系人) who answers for one member.
    Contact,
}

impl BindingPurpose {
    pub fn code(self) -> &'static str {
        match self {
            BindingPurpose::Secretary => "secretary",
            BindingPurpose::Member => "member",
            BindingPurpose::Contact => "contact",
        }
    }

    pub fn from_code(code: &str) -> Option<BindingPurpose> {
        match code {
            "secretary" => Some(BindingPurpose::Secretary),
            "member" => Some(BindingPurpose::Member),
            "contact" => Some(BindingPurpose::Contact),
            _ => None,
        }
    }
}

/// Letters and digits that cannot be mistaken for one another when read aloud or copied.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A fresh one-time binding code; a prefix tells its purpose apart in the `/start` payload.
pub fn new_binding_code(purpose: BindingPurpose) -> String {
    use rand::RngExt;
    let mut rng = rand::rng();
    let body: String =
        (0..10).map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char).collect();
    let prefix = match purpose {
        BindingPurpose::Secretary => "S",
        BindingPurpose::Member => "M",
        BindingPurpose::Contact => "C",
    };
    format!("{prefix}{body}")
}

/// Whether a `/start` payload has the shape of a binding code (Telegram allows `A-Za-z0-9_-`).
pub fn looks_like_binding_code(payload: &str) -> bool {
    (2..=64).contains(&payload.len())
        && payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
