//! Members answering a meeting: 【参加】【请假】 taps, plain words in the group or in private,
//! 【签到】, 【已学习】, and the secretary's 【结束会议】. Every recorded answer is confirmed in
//! words, privately; words that are no answer get no reaction at all.

use crate::app::context::Ctx;
use crate::app::meetings::answer::{self, AnswerOutcome, WordsOutcome};
use crate::app::meetings::notices;
use crate::app::meetings::presence::{self, CheckInOutcome, StudiedOutcome};
use crate::domain::meeting::{Answer, ButtonAction, Mode};
use crate::domain::outgoing::Outgoing;
use crate::store::{self, StoreResult};
use crate::telegram::handlers::meeting::close_and_send;
use crate::telegram::incoming::{Person, TextMessage};
use crate::texts::meeting as words;

/// Plain words: an answer to an open meeting, or nothing of ours.
pub async fn take(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    let branches = if msg.chat.private {
        answer::branches_of_user(ctx.tx, msg.from.id).await?
    } else {
        store::branches::by_group_chat(ctx.tx, msg.chat.id).await?.map(|b| b.id).into_iter().collect()
    };
    for branch in branches {
        let outcome = answer::from_words(
            ctx,
            branch,
            msg.chat.id,
            msg.reply_to,
            msg.from.id,
            &msg.from.name,
            &msg.text,
        )
        .await?;
        match outcome {
            Some(WordsOutcome::Answered(recorded)) => {
                confirm(ctx, msg.from.id, &recorded).await?;
                return Ok(true);
            }
            Some(WordsOutcome::Unclear { meeting, when }) => {
                let text = words::ask_which(&when, meeting.kind().name_cn());
                ctx.say(msg.from.id, Outgoing::with_buttons(text, notices::answer_buttons(meeting.id)))
                    .await?;
                return Ok(true);
            }
            None => {}
        }
    }
    Ok(false)
}

/// "已记录：王建国同志请假（住院），谢谢告知。"
async fn confirm(ctx: &mut Ctx<'_>, chat: i64, outcome: &AnswerOutcome) -> StoreResult<()> {
    let AnswerOutcome::Recorded { member, proxy, answer, when, place, .. } = outcome else { return Ok(()) };
    let text = match answer {
        Answer::Attend => words::recorded_attend(member, proxy.as_deref(), when, place),
        Answer::Leave { reason } => words::recorded_leave(member, proxy.as_deref(), reason.as_deref()),
    };
    ctx.say_text(chat, text).await.map(drop)
}

pub async fn on_button(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    meeting_id: i64,
    action: ButtonAction,
) -> StoreResult<()> {
    let notice = |text: &'static str| Some(text);
    let Some(m) = store::meetings::get(ctx.tx, meeting_id).await? else {
        return ctx.answer_callback(from.id, callback_id, notice(words::TAP_MEETING_GONE)).await;
    };
    let reply = match action {
        ButtonAction::Attend | ButtonAction::Leave => {
            let given =
                if action == ButtonAction::Attend { Answer::Attend } else { Answer::Leave { reason: None } };
            if !m.is_open() {
                words::TAP_MEETING_GONE
            } else if let Some(who) = answer::answerer(ctx.tx, m.branch_id, from.id, &from.name, None).await?
            {
                let outcome = answer::record(ctx, &m, &who, given, from.id, "button").await?;
                match &outcome {
                    AnswerOutcome::Recorded { fresh: true, .. } => {
                        confirm(ctx, from.id, &outcome).await?;
                        words::TAP_RECORDED
                    }
                    AnswerOutcome::Recorded { .. } => words::TAP_ALREADY,
                    AnswerOutcome::Gone => words::TAP_MEETING_GONE,
                    AnswerOutcome::NotExpected => words::TAP_NOT_EXPECTED,
                    AnswerOutcome::UnknownUser => words::TAP_UNKNOWN_USER,
                }
            } else {
                words::TAP_UNKNOWN_USER
            }
        }
        ButtonAction::CheckIn | ButtonAction::CheckInOnline => {
            let mode = if action == ButtonAction::CheckIn { Mode::Onsite } else { Mode::Online };
            match presence::check_in(ctx, &m, from.id, &from.name, mode).await? {
                CheckInOutcome::CheckedIn => words::TAP_CHECKED_IN,
                CheckInOutcome::Already => words::TAP_ALREADY,
                CheckInOutcome::NotNow => words::TAP_CHECK_IN_CLOSED,
                CheckInOutcome::Gone => words::TAP_MEETING_GONE,
                CheckInOutcome::UnknownUser => words::TAP_UNKNOWN_USER,
                CheckInOutcome::NotExpected => words::TAP_NOT_EXPECTED,
            }
        }
        ButtonAction::Close => {
            if !crate::app::admin::is_admin_of(ctx.tx, from.id, m.branch_id).await? {
                words::TAP_ONLY_ADMINS
            } else if close_and_send(ctx, &m, from.id, from.id).await? {
                words::TAP_RECORDED
            } else {
                words::TAP_MEETING_GONE
            }
        }
        ButtonAction::Studied(member) => match presence::studied(ctx, m.id, member, from.id).await? {
            StudiedOutcome::Recorded { member, date } => {
                ctx.say_text(from.id, words::makeup_recorded(&member, &date)).await?;
                words::TAP_STUDIED
            }
            StudiedOutcome::Already => words::TAP_ALREADY,
            StudiedOutcome::NotYours => words::TAP_UNKNOWN_USER,
        },
    };
    ctx.answer_callback(from.id, callback_id, notice(reply)).await
}
