//! Where a member's plain words go: to the feature of the bot message they reply to, else to the
//! one open thing they can only mean, else asked back with a button per choice — never a guess.
//!
//! The rules (the README's "What goes where"):
//! - **A reply to a bot message belongs to that message's feature**: a meeting notice, roll or
//!   reminder → attendance; a 情况通报 → 收到; a study reminder → 已学习. Words that do not answer
//!   that message count for nothing elsewhere.
//! - **Without a reply**, the words are read against everything the member could be answering
//!   (each open meeting they are expected at, their unacknowledged briefing, their unstudied
//!   round). Exactly one firm reading is recorded. Two or more are narrowed by what the words
//!   themselves point at (`reply_intent::leaning`: 学 → study, 收到 → briefing); if still more
//!   than one, the bot asks back naming each choice.
//! - **Acknowledgements are never attendance**: 收到 / 好的 / 👍 to a meeting notice are asked
//!   back (参加 or 请假) when replying to it or written in private; in the group without a reply
//!   they are nothing for a meeting (members say 好的 to each other all day).
//! - A hedge (看情况吧) is asked back, in the group too: the member meant the bot.

use crate::domain::reply_intent::{NameForms, ReplyContext, ReplyIntent, leaning, parse_reply};

/// Something a member may be answering: a meeting, a briefing or a study round, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Open {
    pub context: ReplyContext,
    pub id: i64,
}

impl Open {
    pub fn meeting(id: i64) -> Open {
        Open { context: ReplyContext::Meeting, id }
    }

    pub fn briefing(id: i64) -> Open {
        Open { context: ReplyContext::Briefing, id }
    }

    pub fn study(id: i64) -> Open {
        Open { context: ReplyContext::Study, id }
    }
}

/// Where the words were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressed {
    /// As a reply to the bot message of this open thing.
    ReplyTo(Open),
    /// In private chat with the bot, replying to nothing of a feature.
    Private,
    /// In the branch group, replying to nothing.
    Group,
}

/// One answer offered as a button when the bot asks back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Attend(i64),
    Leave(i64),
    Acknowledge(i64),
    Studied(i64),
}

/// What to do with the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Record this answer to this open thing.
    Record(Open, ReplyIntent),
    /// Ask back, one button per choice.
    AskBack(Vec<Choice>),
    /// Not an answer to anything open: no reaction.
    Nothing,
}

/// Decides where `text` goes; `open` is what the member could be answering (ignored when the
/// words reply to a bot message), `names` the forms of the branch members' names.
pub fn route(text: &str, addressed: Addressed, open: &[Open], names: &NameForms) -> Route {
    if let Addressed::ReplyTo(target) = addressed {
        return match parse_reply(text, target.context, names).map(|p| p.intent) {
            Some(intent) if intent.is_firm() => Route::Record(target, intent),
            Some(_) => Route::AskBack(attend_or_leave(&[target])),
            None => Route::Nothing,
        };
    }
    let readings: Vec<(Open, ReplyIntent)> =
        open.iter().filter_map(|o| parse_reply(text, o.context, names).map(|p| (*o, p.intent))).collect();
    let mut firm: Vec<&(Open, ReplyIntent)> = readings.iter().filter(|(_, i)| i.is_firm()).collect();
    if firm.len() > 1
        && let Some(context) = leaning(text)
        && firm.iter().any(|(o, _)| o.context == context)
    {
        firm.retain(|(o, _)| o.context == context);
    }
    match firm.as_slice() {
        [(open, intent)] => return Route::Record(*open, intent.clone()),
        [] => {}
        several => return Route::AskBack(several.iter().flat_map(|(o, i)| choices_for(*o, i)).collect()),
    }
    let unsure: Vec<Open> = readings
        .iter()
        .filter(|(_, i)| match i {
            ReplyIntent::Ambiguous { .. } => true,
            ReplyIntent::Noted => addressed == Addressed::Private,
            _ => false,
        })
        .map(|(o, _)| *o)
        .collect();
    if unsure.is_empty() { Route::Nothing } else { Route::AskBack(attend_or_leave(&unsure)) }
}

/// 【参加】【请假】 for each meeting.
fn attend_or_leave(meetings: &[Open]) -> Vec<Choice> {
    meetings.iter().flat_map(|m| [Choice::Attend(m.id), Choice::Leave(m.id)]).collect()
}

/// The button that records `intent` for `open`.
fn choices_for(open: Open, intent: &ReplyIntent) -> Vec<Choice> {
    match (open.context, intent) {
        (ReplyContext::Meeting, ReplyIntent::Leave { .. }) => vec![Choice::Leave(open.id)],
        (ReplyContext::Meeting, _) => vec![Choice::Attend(open.id)],
        (ReplyContext::Briefing, _) => vec![Choice::Acknowledge(open.id)],
        (ReplyContext::Study, _) => vec![Choice::Studied(open.id)],
    }
}

#[cfg(test)]
mod tests;
