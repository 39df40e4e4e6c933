//! A meeting being created step by step (`/meeting` with no arguments): what has been collected
//! so far. Stored as JSON so a secretary halfway through survives a restart.

use serde::{Deserialize, Serialize};

use super::{Attendees, MeetingKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Draft {
    /// Waiting for a tap on a kind.
    Kind,
    /// A party group meeting: which group.
    Group {
        kind: String,
    },
    Time {
        kind: String,
        group: Option<String>,
        /// The day already chosen (ISO date; a 主题党日 started from its reminder): a time of day
        /// alone is enough.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<String>,
    },
    Place {
        kind: String,
        group: Option<String>,
        starts_at: i64,
    },
    Topic {
        kind: String,
        group: Option<String>,
        starts_at: i64,
        place: String,
    },
}

impl Draft {
    /// After the kind is chosen: a party group meeting asks for the group first.
    pub fn with_kind(kind: MeetingKind) -> Draft {
        let code = kind.code().to_owned();
        if kind.default_rules().attendees == Attendees::Group {
            Draft::Group { kind: code }
        } else {
            Draft::Time { kind: code, group: None, on: None }
        }
    }

    /// A meeting of `kind` on a day already chosen: only the time of day is asked.
    pub fn on_day(kind: MeetingKind, day: &str) -> Draft {
        Draft::Time { kind: kind.code().to_owned(), group: None, on: Some(day.to_owned()) }
    }

    /// The step after a party group is chosen; `None` when the draft was not asking for one.
    pub fn with_group(self, group: String) -> Option<Draft> {
        match self {
            Draft::Group { kind } => Some(Draft::Time { kind, group: Some(group), on: None }),
            _ => None,
        }
    }

    /// The step after a typed answer was accepted; `None` when the draft waits for a tap.
    pub fn with_text(self, starts_at: Option<i64>, text: &str) -> Option<Draft> {
        let text = text.trim().to_owned();
        match self {
            Draft::Time { kind, group, .. } => Some(Draft::Place { kind, group, starts_at: starts_at? }),
            Draft::Place { kind, group, starts_at } => {
                Some(Draft::Topic { kind, group, starts_at, place: text })
            }
            _ => None,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Draft> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_collects_kind_group_time_place_in_order_and_survives_json() {
        let draft = Draft::with_kind(MeetingKind::Group);
        assert_eq!(draft, Draft::Group { kind: "group".into() });
        let draft = draft.with_group("第一党小组".into()).unwrap();
        let draft = draft.with_text(Some(5), "12月5日上午9点").unwrap();
        let draft = draft.with_text(None, " 活动室 ").unwrap();
        let expected = Draft::Topic {
            kind: "group".into(),
            group: Some("第一党小组".into()),
            starts_at: 5,
            place: "活动室".into(),
        };
        assert_eq!(draft, expected);
        assert_eq!(Draft::from_json(&draft.to_json()), Some(expected));
        assert_eq!(
            Draft::with_kind(MeetingKind::Lecture),
            Draft::Time { kind: "lecture".into(), group: None, on: None }
        );
        let on_day = Draft::on_day(MeetingKind::ThemeDay, "2026-12-04");
        assert_eq!(Draft::from_json(&on_day.to_json()), Some(on_day));
        let stored_before = r#"{"step":"time","kind":"lecture","group":null}"#;
        assert_eq!(Draft::from_json(stored_before), Some(Draft::with_kind(MeetingKind::Lecture)));
        assert_eq!(Draft::Kind.with_text(None, "党课"), None);
    }
}
