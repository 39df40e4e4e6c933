//! Deciding what a tokenised reply means, for each kind of announcement it answers.

use super::lexicon::{Kind, Token, tokenize};
use super::normalise::Normalised;
use super::reason::leave_reason;
use super::{AmbiguousChoice, ReplyIntent};

/// Unknown characters a reply with 参加 / 出席 / 报名 may carry (an unlisted name, a word or two).
const STRONG_ATTEND_SLACK: usize = 3;
/// Unknown characters a study reply with 已学 / 学完了 may carry (已学，收获很大).
const STUDIED_SLACK: usize = 6;
/// Unknown characters a hedged reply may carry and still be worth asking back about.
const HEDGE_SLACK: usize = 12;

/// What a reply says, counted by kind.
struct Signals<'a> {
    tokens: &'a [Token],
}

impl Signals<'_> {
    fn has(&self, kind: Kind) -> bool {
        self.tokens.iter().any(|t| t.kind == kind)
    }

    fn has_any(&self, kinds: &[Kind]) -> bool {
        self.tokens.iter().any(|t| kinds.contains(&t.kind))
    }

    fn only(&self, kinds: &[Kind]) -> bool {
        self.tokens.iter().all(|t| kinds.contains(&t.kind))
    }

    /// Characters in words of the given kinds (what does not count towards an answer).
    fn chars_in(&self, kinds: &[Kind]) -> usize {
        self.tokens.iter().filter(|t| kinds.contains(&t.kind)).map(Token::len).sum()
    }
}

const LEAVE: &[Kind] = &[Kind::LeaveAsk, Kind::LeaveStrong, Kind::LeaveTail, Kind::LeaveDesc];
const ATTEND: &[Kind] = &[Kind::AttendStrong, Kind::AttendWeak, Kind::AttendBare];
/// Kinds that say nothing about coming to a meeting.
const MEETING_NOISE: &[Kind] = &[Kind::Other, Kind::Unable, Kind::Studied, Kind::StudiedWeak, Kind::Read];
const WHOLE_REPLY_ACCEPT: &[Kind] = &[Kind::Accept, Kind::Polite, Kind::Noted];

fn ambiguous() -> ReplyIntent {
    ReplyIntent::Ambiguous { candidates: vec![AmbiguousChoice::Attend, AmbiguousChoice::Leave] }
}

/// A reply to a meeting announcement: attend, leave (with its reason), or ask back.
pub(super) fn meeting(core: &Normalised) -> Option<ReplyIntent> {
    if let Some(intent) = numbered(core) {
        return intent;
    }
    let tokens = tokenize(core);
    meeting_words(core, &tokens)
}

fn meeting_words(core: &Normalised, tokens: &[Token]) -> Option<ReplyIntent> {
    let s = Signals { tokens };
    let noise = s.chars_in(MEETING_NOISE);
    let leave = s.has_any(LEAVE);
    // A bare 去 / 来 standing alone between separators (去，不去) is meant; inside a phrase
    // (去医院复查，去不了) it is part of a leave reason.
    let alone = |t: &Token| {
        (t.start == 0 || core.gap_before[t.start]) && (t.end == core.len() || core.gap_before[t.end])
    };
    let firm_attend = tokens.iter().any(|t| {
        matches!(t.kind, Kind::AttendStrong | Kind::AttendWeak) || (t.kind == Kind::AttendBare && alone(t))
    });
    let any_attend = s.has_any(ATTEND);
    let any_signal = leave || any_attend || s.has_any(&[Kind::Accept, Kind::Noted]);

    if s.has(Kind::Hedge) {
        return ((any_signal || noise == 0) && noise <= HEDGE_SLACK).then(ambiguous);
    }
    if leave && firm_attend {
        // 下午有事上午可以, 去不了，老伴能去
        return Some(ambiguous());
    }
    // 参加不了吧, 去吧, 好吧 are tentative — but 那我请假吧 is a decision.
    let decided_leave = s.has(Kind::LeaveAsk) && !s.has(Kind::LeaveStrong);
    if s.has(Kind::Tentative) && !decided_leave {
        return (any_signal && noise == 0).then(ambiguous);
    }
    if leave {
        return Some(ReplyIntent::Leave { reason: leave_reason(core, tokens) });
    }
    if any_attend {
        let slack = if s.has(Kind::AttendStrong) { STRONG_ATTEND_SLACK } else { 0 };
        return match (noise <= slack, s.has(Kind::Negator)) {
            (false, _) => None,
            (true, true) => Some(ambiguous()), // 去 + a stray 不 / 没
            (true, false) => Some(ReplyIntent::Attend),
        };
    }
    let accepted = s.has(Kind::Accept) && s.only(WHOLE_REPLY_ACCEPT);
    let noted = s.has(Kind::Noted) && s.only(&[Kind::Noted, Kind::Polite, Kind::Filler]);
    if accepted || noted {
        // 收到 / 好的 / 👍 / 知道了 acknowledge the notice without saying whether one comes.
        return Some(ReplyIntent::Noted);
    }
    None
}

/// Announcements say 回复1参加，回复2请假: "1", "2", "2 住院", "1参加", "2请假".
/// `None` when the reply does not start with a lone 1 or 2; `Some(answer)` otherwise.
fn numbered(core: &Normalised) -> Option<Option<ReplyIntent>> {
    let digit = *core.chars.first()?;
    if !matches!(digit, '1' | '2') || core.chars.get(1).is_some_and(char::is_ascii_alphanumeric) {
        return None;
    }
    let rest = core.slice(1, core.len());
    if rest.is_empty() {
        return Some(Some(if digit == '1' {
            ReplyIntent::Attend
        } else {
            ReplyIntent::Leave { reason: None }
        }));
    }
    let separated = core.gap_before[1];
    let tokens = tokenize(&rest);
    let filler_only =
        Signals { tokens: &tokens }.only(&[Kind::Polite, Kind::Filler, Kind::Accept, Kind::Companion]);
    let said = meeting_words(&rest, &tokens);
    let answer = match (digit, said) {
        ('1', Some(ReplyIntent::Attend)) => Some(ReplyIntent::Attend),
        ('1', _) if filler_only => Some(ReplyIntent::Attend),
        ('2', Some(leave @ ReplyIntent::Leave { .. })) => Some(leave),
        ('2', _) if filler_only => Some(ReplyIntent::Leave { reason: None }),
        ('2', None) if separated => Some(ReplyIntent::Leave { reason: leave_reason(&rest, &tokens) }),
        (_, Some(ReplyIntent::Attend | ReplyIntent::Leave { .. })) => Some(ambiguous()),
        (_, hedged) => hedged,
    };
    Some(answer)
}

/// Unknown or contrary words that make a study or briefing reply no answer.
const DOUBT: &[Kind] = &[Kind::Unable, Kind::Hedge, Kind::Negator, Kind::Tentative];

/// A reply to a study reminder: studied, or nothing (收到 / 好的 promise, they do not report).
pub(super) fn study(core: &Normalised) -> Option<ReplyIntent> {
    let tokens = tokenize(core);
    let s = Signals { tokens: &tokens };
    if s.has_any(DOUBT) || s.has_any(LEAVE) {
        return None;
    }
    let other = s.chars_in(&[Kind::Other]);
    let studied = (s.has(Kind::Studied) && other <= STUDIED_SLACK)
        || (s.has_any(&[Kind::StudiedWeak, Kind::Read]) && other <= 2);
    studied.then_some(ReplyIntent::Studied)
}

/// A reply to a briefing: acknowledged (收到, 已阅, 知道了, 好的, 👍), or nothing.
pub(super) fn briefing(core: &Normalised) -> Option<ReplyIntent> {
    let tokens = tokenize(core);
    let s = Signals { tokens: &tokens };
    if s.has_any(DOUBT) || s.has_any(LEAVE) || s.has_any(ATTEND) {
        return None;
    }
    let noted = s.has_any(&[Kind::Noted, Kind::Read, Kind::Studied, Kind::StudiedWeak]);
    // 好的 / 👍 only as the whole reply (大家好 is a greeting); 已阅 / 知道了 with a word or two.
    let acknowledged = (noted && s.chars_in(&[Kind::Other]) <= 2)
        || (s.has(Kind::Accept) && s.only(&[Kind::Accept, Kind::Polite]));
    acknowledged.then_some(ReplyIntent::Acknowledged)
}
