//! What a member's plain-word reply to an announcement means: 参加, 请假 住院, 已学, 收到 …
//!
//! Members are 70–90 years old and answer in their own words, in either width, with
//! punctuation, emoji or their own name in front. Anything that is not clearly an answer —
//! chit-chat, greetings, questions, links, emoji noise, long messages — gives `None`, and the
//! bot stays silent: a wrong reaction in the group costs more than a missed one.
//!
//! Interpretation choices:
//! - **Meeting**: 1 = attend, 2 = leave (announcements say 回复1参加，回复2请假; "2 住院" keeps
//!   the reason). Acknowledgement words are **never attendance**: 收到, 好的, 好, 行, OK, 👌, 👍,
//!   知道了, 明白, 了解 as the whole reply (politeness such as 谢谢书记 allowed) are `Noted` — the
//!   member saw the notice but did not say whether they come. Where they go is the router's
//!   choice (`domain::reply_route`): asked back as a reply to the notice or in private, nothing in
//!   the group without a reply. With other words they count for nothing by themselves (好的，我请假
//!   is a leave; 收到，准时参加 is attend; 大家好 is a greeting). Study words (已学) are no answer
//!   to a meeting.
//! - **Negations beat positives**: 不参加, 参加不了, 去不了 are leave, never attend. A leave
//!   together with a real attend word (下午有事上午可以, 去不了，老伴能去) is `Ambiguous`; a bare
//!   去 / 来 / 到 inside a leave reason (去医院复查来不了) is just part of the reason.
//! - **Hedges** (看情况, 尽量, 可能, 不一定, 争取, 应该, 如果…) and a closing 吧 on any answer
//!   except 请假 (参加不了吧, 好吧) are `Ambiguous`; 那我请假吧 is a leave.
//! - Implicit leaves without a leave word (住院了, 身体不舒服) are `None`: they may be news about
//!   someone else. 有事 / 没空 / 另有安排 at the end of a reply are a leave whose reason they are.
//! - 👍 alone: noted (never attend) in a meeting, acknowledged in a briefing, nothing in a study
//!   reminder. Every other emoji is noise.
//! - **Study**: 已学, 学完了, 已学习, 学习了, 看完了, 已阅 … are `Studied`; 收到 / 好的 are `None`
//!   (a promise to study, not a report); 没学 / 还没看完 and leave words are `None`.
//! - **Briefing**: 收到, 已阅, 知道了, 明白, 好的, 👍, and study words are `Acknowledged`;
//!   attend/leave words and 没收到 / 没看到 are `None`.
//! - Questions (？/?, 吗, a closing 呢/么, 几点, 哪里, 什么时候, 谁, 去不去, 参不参加…) are `None`.
//! - Longer than 30 characters after normalising: `None`, unless it opens with 请假 (a leave
//!   with a long reason, up to 80 characters).
//! - `companions_mentioned` is set only on `Attend`: 我和老伴都去, 我们俩参加, or another member's
//!   name besides the sender's (王建国和李秀英参加, 我和李秀英都参加).

mod asking;
mod classify;
mod lexicon;
mod names;
mod normalise;
#[cfg(test)]
mod phrasings;
mod reason;
#[cfg(test)]
mod tests;

pub use asking::{MemberAsk, member_ask};
pub use names::NameForms;

/// What a member's reply means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyIntent {
    /// Will come: 参加, 到, 我去, 1, 报名, 一定到.
    Attend,
    /// Will not come; the reason as the member wrote it, without the leave words.
    Leave { reason: Option<String> },
    /// Has studied the material: 已学, 学完了, 看完了.
    Studied,
    /// Has read a briefing: 收到, 已阅, 知道了.
    Acknowledged,
    /// Could be either; the bot asks back with a button per candidate.
    Ambiguous { candidates: Vec<AmbiguousChoice> },
    /// Saw a meeting notice (收到, 好的, 👍, 知道了) without saying whether they come: never
    /// attendance; asked back when clearly addressed to the notice.
    Noted,
}

impl ReplyIntent {
    /// An answer that can be recorded as it stands (not a question back, not a mere "noted").
    pub fn is_firm(&self) -> bool {
        !matches!(self, ReplyIntent::Ambiguous { .. } | ReplyIntent::Noted)
    }
}

/// One of the answers the bot offers when a reply was ambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmbiguousChoice {
    Attend,
    Leave,
}

/// A reply understood as an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedReply {
    pub intent: ReplyIntent,
    /// Someone comes along: 我和老伴都去, 我们俩参加.
    pub companions_mentioned: bool,
}

/// What the member is answering, since 收到 / 好的 mean different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyContext {
    Meeting,
    Study,
    Briefing,
}

/// Which kind of announcement the words themselves point at, when a reply fits two (已学 fits a
/// study reminder and, as "read", a briefing): 学 words point at study, 收到 / 知道了 at a
/// briefing; 已阅 / 看完了 point at neither, so the bot asks back.
pub fn leaning(text: &str) -> Option<ReplyContext> {
    let core = normalise::normalise(text);
    let tokens = lexicon::tokenize(&core);
    let has = |kinds: &[lexicon::Kind]| tokens.iter().any(|t| kinds.contains(&t.kind));
    let study = tokens.iter().any(|t| {
        matches!(t.kind, lexicon::Kind::Studied | lexicon::Kind::StudiedWeak)
            && core.chars[t.start..t.end].contains(&'学')
    });
    let briefing = has(&[lexicon::Kind::Accept, lexicon::Kind::Noted]);
    match (study, briefing) {
        (true, false) => Some(ReplyContext::Study),
        (false, true) => Some(ReplyContext::Briefing),
        _ => None,
    }
}

/// Longest normalised reply taken as an answer.
const MAX_REPLY_CHARS: usize = 30;
/// Longest normalised reply taken as an answer when it opens with 请假.
const MAX_LEAVE_CHARS: usize = 80;

/// What a member's reply means, or `None` when it is not an answer at all.
/// `names` are the forms of the branch members' names, stripped when they stand in front.
pub fn parse_reply(text: &str, context: ReplyContext, names: &NameForms) -> Option<ParsedReply> {
    if normalise::is_question_or_link(text) {
        return None;
    }
    let (core, stripped) = names::strip_names(&normalise::normalise(text), names);
    let opens_with_leave = core.chars.starts_with(&['请', '假']);
    let limit = if opens_with_leave { MAX_LEAVE_CHARS } else { MAX_REPLY_CHARS };
    if core.is_empty() || core.len() > limit || lexicon::is_question(&core) {
        return None;
    }
    let intent = match context {
        ReplyContext::Meeting => classify::meeting(&core)?,
        ReplyContext::Study => classify::study(&core)?,
        ReplyContext::Briefing => classify::briefing(&core)?,
    };
    if core.len() > MAX_REPLY_CHARS && !matches!(intent, ReplyIntent::Leave { .. }) {
        return None;
    }
    let companions_mentioned = intent == ReplyIntent::Attend
        && (stripped >= 2
            || names::mentions_name(&core, names)
            || lexicon::tokenize(&core).iter().any(|t| t.kind == lexicon::Kind::Companion));
    Some(ParsedReply { intent, companions_mentioned })
}

/// What a member's next words mean after the bot asked for the reason of their leave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonReply {
    /// The reason, in their words: 住院, 请假 住院 → 住院.
    Reason(String),
    /// They come after all: 参加, 能去了.
    Attend,
    /// No answer to the question (谢谢, 好的, a question of their own): other features may take it.
    NotAReason,
}

/// Reads the answer to "如方便，可以回复请假原因": any short plain words are the reason, unless
/// they are only politeness, an acknowledgement, a question or a change of mind.
pub fn reason_reply(text: &str, names: &NameForms) -> ReasonReply {
    if normalise::is_question_or_link(text) {
        return ReasonReply::NotAReason;
    }
    match parse_reply(text, ReplyContext::Meeting, names).map(|p| p.intent) {
        Some(ReplyIntent::Attend) => return ReasonReply::Attend,
        Some(ReplyIntent::Leave { reason: Some(reason) }) => return ReasonReply::Reason(reason),
        Some(_) => return ReasonReply::NotAReason,
        None => {}
    }
    let (core, _) = names::strip_names(&normalise::normalise(text), names);
    if core.is_empty() || core.len() > MAX_LEAVE_CHARS || lexicon::is_question(&core) {
        return ReasonReply::NotAReason;
    }
    let tokens = lexicon::tokenize(&core);
    if tokens.iter().any(|t| matches!(t.kind, lexicon::Kind::Studied | lexicon::Kind::StudiedWeak)) {
        return ReasonReply::NotAReason;
    }
    match reason::leave_reason(&core, &tokens) {
        Some(reason) => ReasonReply::Reason(reason),
        None => ReasonReply::NotAReason,
    }
}
