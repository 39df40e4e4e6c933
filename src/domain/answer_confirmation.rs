//! How a member who answered a meeting in the group is confirmed: in the group only (the 👍 on
//! their words or their tap's notice, and their name in the live roll), or privately in words
//! too — a message they can read again, with the meeting's time and place, which costs one of
//! Telegram's 30 messages a second per answer. A branch chooses; privately is the default.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnswerConfirmation {
    /// Also in words, privately (the default).
    #[default]
    Private,
    /// Only in the group.
    GroupOnly,
}

impl AnswerConfirmation {
    /// As stored in `branch_settings.answer_confirmation` (NULL: the default).
    pub fn code(self) -> &'static str {
        match self {
            AnswerConfirmation::Private => "private",
            AnswerConfirmation::GroupOnly => "group",
        }
    }

    pub fn from_code(code: Option<&str>) -> AnswerConfirmation {
        match code {
            Some("group") => AnswerConfirmation::GroupOnly,
            _ => AnswerConfirmation::Private,
        }
    }

    /// A secretary's words: 私信 (also privately) or 群内 (only in the group).
    pub fn parse(words: &str) -> Option<AnswerConfirmation> {
        let words = words.trim();
        let private = ["私信", "私聊", "也私信", "发私信"];
        let group = ["群内", "群里", "只在群里", "不发私信", "不私信"];
        if group.contains(&words) {
            Some(AnswerConfirmation::GroupOnly)
        } else if private.contains(&words) {
            Some(AnswerConfirmation::Private)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_codes_read_back() {
        assert_eq!(AnswerConfirmation::parse(" 群内 "), Some(AnswerConfirmation::GroupOnly));
        assert_eq!(AnswerConfirmation::parse("不发私信"), Some(AnswerConfirmation::GroupOnly));
        assert_eq!(AnswerConfirmation::parse("私信"), Some(AnswerConfirmation::Private));
        assert_eq!(AnswerConfirmation::parse("随便"), None);
        for c in [AnswerConfirmation::Private, AnswerConfirmation::GroupOnly] {
            assert_eq!(AnswerConfirmation::from_code(Some(c.code())), c);
        }
        assert_eq!(AnswerConfirmation::from_code(None), AnswerConfirmation::Private);
    }
}
