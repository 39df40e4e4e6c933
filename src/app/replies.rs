//! Plain words from a member, in the group or in private: gathered against what they could be
//! answering, routed by `domain::reply_route`, and recorded or asked back. Also the one question
//! the bot asks and waits for (a leave's reason), answered by the member's next plain message.

use std::sync::Arc;

use chrono::Duration;

use crate::app::briefings;
use crate::app::context::Ctx;
use crate::app::known;
use crate::app::meetings::answer::{self, AnswerOutcome, Answerable, Answerer};
use crate::app::meetings::roll_memo;
use crate::app::meetings::{branch_tz, local};
use crate::app::{receipts, study};
use crate::domain::action::Action;
use crate::domain::meeting::{Answer, ButtonAction};
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::receipt::{Receipt, Receivable};
use crate::domain::reply_intent::{
    NameForms, ReasonReply, ReplyContext, ReplyIntent, parse_reply, reason_reply,
};
use crate::domain::reply_route::{Addressed, Choice, Open, Route, route};
use crate::store::meetings::MeetingRow;
use crate::store::questions::QuestionRow;
use crate::store::{self, Conn, StoreResult};
use crate::texts::replies as words;

/// A question waits this long for its answer.
const QUESTION_HOURS: i64 = 24;
const LEAVE_REASON: &str = "leave_reason";
const WHICH_LEAVE: &str = "which_leave";

/// Plain words as they arrived.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    pub chat_id: i64,
    pub private: bool,
    pub reply_to: Option<i64>,
    pub user_id: i64,
    pub user_name: &'a str,
    pub text: &'a str,
}

/// What the words came to.
#[derive(Debug, Clone, PartialEq)]
pub enum WordsOutcome {
    Meeting {
        outcome: AnswerOutcome,
        replied: bool,
    },
    /// 收到 for a briefing, 已学 for a study round.
    Receipt(Receivable, Receipt),
    /// Could mean several things: this question, with a button per choice.
    AskBack(Outgoing),
}

/// Routes the words; `None` when they answer nothing open (no reaction at all).
pub async fn from_words(ctx: &mut Ctx<'_>, w: &Words<'_>) -> StoreResult<Option<WordsOutcome>> {
    let branches = if w.private {
        answer::branches_of_user(ctx.tx, w.user_id).await?
    } else {
        known::group_branch(ctx, w.chat_id).await?.map(|b| b.id).into_iter().collect()
    };
    let mut found = Found::default();
    let mut names_of = Vec::new();
    for &branch in &branches {
        open_for(ctx, branch, w, &mut found).await?;
        names_of.push(branch_names(ctx, branch).await?);
    }
    let default = if w.private { Addressed::Private } else { Addressed::Group };
    let addressed = match w.reply_to {
        Some(message) => match store::outbox::topic_of_message(ctx.tx, w.chat_id, message).await? {
            Some(Some(topic)) => open_of_topic(&topic).map_or(default, Addressed::ReplyTo),
            _ => default,
        },
        None => default,
    };
    let replied = matches!(addressed, Addressed::ReplyTo(_));
    let names = match names_of.as_slice() {
        [one] => one.clone(),
        several => Arc::new(several.iter().fold(NameForms::default(), |mut all, n| {
            all.extend(n);
            all
        })),
    };
    Ok(match route(w.text, addressed, &found.opens, &names) {
        Route::Nothing => None,
        Route::AskBack(choices) => {
            keep_reason_for_the_tap(ctx, w, &choices, &names).await?;
            Some(WordsOutcome::AskBack(ask_back(ctx, w.text, &choices).await?))
        }
        Route::Record(open, intent) => record(ctx, w, open, intent, &found, replied).await?,
    })
}

/// What the words could answer, and what was read to find it (kept for recording the answer).
#[derive(Default)]
struct Found {
    opens: Vec<Open>,
    /// Who the user answers for, by branch.
    answerers: Vec<(i64, Answerer)>,
    /// The open meetings of the branches read.
    meetings: Vec<MeetingRow>,
}

/// What the user could be answering in the branch: each open meeting they are expected at,
/// their unacknowledged briefing and their unstudied round.
async fn open_for(ctx: &mut Ctx<'_>, branch: i64, w: &Words<'_>, found: &mut Found) -> StoreResult<()> {
    let answerable = Answerable::known(ctx, branch, w.user_id).await?;
    if let Some(who) = answerable.answerer(w.user_name, Some(w.text)) {
        for m in known::open_meetings(ctx, branch).await? {
            if expected_here(ctx, &m, who.member.id).await? {
                found.opens.push(Open::meeting(m.id));
            }
            found.meetings.push(m);
        }
        found.answerers.push((branch, who));
    }
    if let Some(member) = answerable.member() {
        let now = ctx.now;
        let days = |d: i64| now - Duration::days(d).num_milliseconds();
        let (briefings_since, rounds_since) = (days(briefings::OPEN_DAYS), days(study::OPEN_DAYS));
        // Most of the time a branch has nothing to acknowledge: then no member need be asked.
        if !known::may_have_receipts(ctx, branch, briefings_since, rounds_since).await? {
            return Ok(());
        }
        if let Some(b) = store::briefings::open_for(ctx.tx, member.id, briefings_since, now).await? {
            found.opens.push(Open::briefing(b.id));
        }
        if let Some(r) = store::study::open_round_for(ctx.tx, member.id, rounds_since).await? {
            found.opens.push(Open::study(r.id));
        }
    }
    Ok(())
}

/// The forms of the branch's member names (built once per batch when handled in one).
async fn branch_names(ctx: &mut Ctx<'_>, branch: i64) -> StoreResult<Arc<NameForms>> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.rolls.names(ctx.tx, branch).await,
        None => Ok(Arc::new(roll_memo::name_forms(ctx.tx, branch).await?)),
    }
}

/// Whether the member is expected at the meeting (from the batch's known roll when there is one).
async fn expected_here(ctx: &mut Ctx<'_>, m: &MeetingRow, member_id: i64) -> StoreResult<bool> {
    if let Some(batch) = ctx.batch.as_deref_mut() {
        return Ok(batch.rolls.roll(ctx.tx, m).await?.expects(member_id));
    }
    is_expected(ctx.tx, m, member_id).await
}

/// Whether the member is expected at the meeting (its kind's rules: a party group, the committee).
pub async fn is_expected(conn: &mut Conn, m: &MeetingRow, member_id: i64) -> StoreResult<bool> {
    let rules = store::meetings::rules_of(conn, m.branch_id, m.kind()).await?;
    let tz = crate::app::branches::branch_tz(conn, m.branch_id).await?;
    let expected = crate::app::meetings::expected(conn, m, &rules, tz).await?;
    Ok(expected.iter().any(|(e, _)| e.id == member_id))
}

/// The feature a bot message's topic belongs to (see the topics in `notices`, `briefings`, `study`).
fn open_of_topic(topic: &str) -> Option<Open> {
    let mut parts = topic.split(':');
    let (kind, id) = (parts.next()?, parts.next()?.parse().ok()?);
    match kind {
        "meeting" | "roll" | "remind" => Some(Open::meeting(id)),
        "briefing" => Some(Open::briefing(id)),
        "study" => Some(Open::study(id)),
        _ => None,
    }
}

async fn record(
    ctx: &mut Ctx<'_>,
    w: &Words<'_>,
    open: Open,
    intent: ReplyIntent,
    found: &Found,
    replied: bool,
) -> StoreResult<Option<WordsOutcome>> {
    Ok(match open.context {
        ReplyContext::Meeting => {
            let m = match found.meetings.iter().find(|m| m.id == open.id) {
                Some(m) => m.clone(),
                None => match store::meetings::get(ctx.tx, open.id).await? {
                    Some(m) => m,
                    None => return Ok(None),
                },
            };
            // The user answers for someone in the meeting's branch (read while gathering), and
            // the branch is one the words could be for.
            let Some((_, who)) = found.answerers.iter().find(|(b, _)| *b == m.branch_id) else {
                return Ok(None);
            };
            let answer = match intent {
                ReplyIntent::Leave { reason } => Answer::Leave { reason },
                _ => Answer::Attend,
            };
            let outcome = answer::record(ctx, &m, who, answer, w.user_id, "words").await?;
            Some(WordsOutcome::Meeting { outcome, replied })
        }
        ReplyContext::Briefing | ReplyContext::Study => {
            let what = match open.context {
                ReplyContext::Briefing => Receivable::Briefing(open.id),
                _ => Receivable::StudyRound(open.id),
            };
            Some(WordsOutcome::Receipt(what, receipts::record(ctx.tx, what, w.user_id, ctx.now).await?))
        }
    })
}

/// The question back: for one meeting 【参加】【请假】 as under its notice; otherwise one button
/// per choice, naming the meeting's kind and date, the briefing's or the material's first line.
async fn ask_back(ctx: &mut Ctx<'_>, said: &str, choices: &[Choice]) -> StoreResult<Outgoing> {
    if let [Choice::Attend(a), Choice::Leave(l)] = choices
        && a == l
        && let Some(m) = store::meetings::get(ctx.tx, *a).await?
    {
        let tz = branch_tz(ctx.tx, m.branch_id).await?;
        let when = crate::app::meetings::when_words(m.starts_at, ctx.now, tz);
        let text = crate::texts::meeting::ask_which(&when, m.kind().name_cn());
        return Ok(Outgoing::with_buttons(text, crate::app::meetings::notices::answer_buttons(m.id)));
    }
    let mut rows = Vec::new();
    for choice in choices {
        let (label, action) = match *choice {
            Choice::Attend(id) | Choice::Leave(id) => {
                let Some(m) = store::meetings::get(ctx.tx, id).await? else { continue };
                let tz = branch_tz(ctx.tx, m.branch_id).await?;
                let date = crate::texts::dates::month_day(&local(m.starts_at, tz));
                let kind = m.kind().name_cn();
                match choice {
                    Choice::Attend(_) => {
                        (words::choice_attend(kind, &date), Action::Meeting(id, ButtonAction::Attend))
                    }
                    _ => (words::choice_leave(kind, &date), Action::Meeting(id, ButtonAction::Leave)),
                }
            }
            Choice::Acknowledge(id) => {
                let Some(b) = store::briefings::get(ctx.tx, id).await? else { continue };
                (words::choice_briefing(&b.body), Action::BriefingReceived(id))
            }
            Choice::Studied(id) => {
                let Some(r) = store::study::round(ctx.tx, id).await? else { continue };
                (words::choice_study(&r.material), Action::Studied(id))
            }
        };
        rows.push(vec![InlineButton::new(label, action.encode())]);
    }
    Ok(Outgoing::with_buttons(words::ask_which_one(said), Buttons::Inline { rows }))
}

/// After a leave without a reason, the bot asked for it: the member's next plain message in
/// `chat_id` answers, for a day.
pub async fn ask_leave_reason(
    ctx: &mut Ctx<'_>,
    chat_id: i64,
    user_id: i64,
    meeting_id: i64,
    member_id: i64,
) -> StoreResult<()> {
    let question =
        QuestionRow { kind: LEAVE_REASON.to_owned(), meeting_id, member_id, reason: None, asked_at: ctx.now };
    known::put_question(ctx, chat_id, user_id, question).await
}

/// The answer to the question waiting for this person in this chat, recorded; `None` when no
/// question waits or the words are no answer to it (the question then lapses).
pub async fn answer_question(ctx: &mut Ctx<'_>, w: &Words<'_>) -> StoreResult<Option<AnswerOutcome>> {
    let since = ctx.now - Duration::hours(QUESTION_HOURS).num_milliseconds();
    let Some(q) = known::question(ctx, w.chat_id, w.user_id, since).await? else { return Ok(None) };
    if q.kind != LEAVE_REASON {
        return Ok(None);
    }
    known::drop_question(ctx, w.chat_id, w.user_id).await?;
    let Some(m) = store::meetings::get(ctx.tx, q.meeting_id).await? else { return Ok(None) };
    let Some(member) = store::members::get(ctx.tx, q.member_id).await? else { return Ok(None) };
    let names = NameForms::new([member.name.as_str()]);
    let answer = match reason_reply(w.text, &names) {
        ReasonReply::Reason(reason) => Answer::Leave { reason: Some(reason) },
        ReasonReply::Attend => Answer::Attend,
        ReasonReply::NotAReason => return Ok(None),
    };
    let own = member.telegram_user_id == Some(w.user_id);
    let proxy = if own {
        None
    } else {
        let mine = store::members::by_telegram_user(ctx.tx, w.user_id).await?;
        Some(mine.into_iter().find(|x| x.branch_id == m.branch_id).map_or(w.user_name.to_owned(), |x| x.name))
    };
    let who = Answerer { member, proxy };
    Ok(Some(answer::record(ctx, &m, &who, answer, w.user_id, "words").await?))
}

/// Asking back which meeting "请假 住院" was for: the reason is kept for the 【请假】 tap that
/// answers, so the member need not say it again.
async fn keep_reason_for_the_tap(
    ctx: &mut Ctx<'_>,
    w: &Words<'_>,
    choices: &[Choice],
    names: &NameForms,
) -> StoreResult<()> {
    let leave_offered = choices.iter().any(|c| matches!(c, Choice::Leave(_)));
    let said = parse_reply(w.text, ReplyContext::Meeting, names).map(|p| p.intent);
    let (true, Some(ReplyIntent::Leave { reason: Some(reason) })) = (leave_offered, said) else {
        return Ok(());
    };
    let question = QuestionRow {
        kind: WHICH_LEAVE.to_owned(),
        meeting_id: 0,
        member_id: 0,
        reason: Some(reason),
        asked_at: ctx.now,
    };
    known::put_question(ctx, w.user_id, w.user_id, question).await
}

/// The reason the user gave with a leave the bot then asked back about, taken once by their
/// 【请假】 tap.
pub async fn reason_already_given(ctx: &mut Ctx<'_>, user_id: i64) -> StoreResult<Option<String>> {
    let since = ctx.now - Duration::hours(QUESTION_HOURS).num_milliseconds();
    let Some(q) = known::question(ctx, user_id, user_id, since).await? else { return Ok(None) };
    if q.kind != WHICH_LEAVE {
        return Ok(None);
    }
    known::drop_question(ctx, user_id, user_id).await?;
    Ok(q.reason)
}
