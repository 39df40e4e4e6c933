//! Members answering a meeting: 【参加】【请假】 taps, plain words in the group or in private
//! (routed by `app::replies`), 【签到】, 【已学习】, 【完整名单】 under a long roll, and the
//! secretary's 【结束会议】 (which asks first). Every recorded answer is confirmed: in the group
//! by a 👍 or the tap's notice and the live roll, and in words privately unless the branch chose
//! `/confirm 群内`; words that are no answer get no reaction at all.

use crate::app::context::Ctx;
use crate::app::known;
use crate::app::meetings::answer::{self, AnswerOutcome, Answerable};
use crate::app::meetings::presence::{self, CheckInOutcome};
use crate::app::replies;
use crate::chat::handlers::meeting_close;
use crate::chat::incoming::Person;
use crate::domain::answer_confirmation::AnswerConfirmation;
use crate::domain::meeting::{Answer, ButtonAction, Mode};
use crate::domain::outgoing::Outgoing;
use crate::domain::receipt::Receivable;
use crate::store::StoreResult;
use crate::store::outbox::PRIORITY_CONFIRM;
use crate::texts::meeting as words;

/// Plain words that came to a meeting answer: confirmed in words; if the member is not expected
/// or the meeting is over, told so only when they replied to its notice (they wait for an answer).
pub async fn on_words(
    ctx: &mut Ctx<'_>,
    user: i64,
    chat: i64,
    outcome: &AnswerOutcome,
    replied: bool,
) -> StoreResult<()> {
    let refusal = match outcome {
        AnswerOutcome::Recorded { .. } => return confirm(ctx, user, chat, outcome).await,
        AnswerOutcome::Gone => words::TAP_MEETING_GONE,
        AnswerOutcome::NotExpected => words::TAP_NOT_EXPECTED,
        AnswerOutcome::UnknownUser => words::TAP_UNKNOWN_USER,
    };
    if replied {
        ctx.tell(user, chat, Outgoing::text(refusal)).await?;
    }
    Ok(())
}

/// "已记录：王建国同志请假（住院），谢谢告知。" — privately, and a leave without a reason asks for
/// it there. When the member's private chat is unreachable, in `chat` (where they wrote or
/// tapped) without any reason: others read it, and a reason may be health information.
///
/// An answer given in a group was already seen recorded there (a 👍 on the words, the tap's
/// notice, the name in the live roll), so its private words go last (`PRIORITY_CONFIRM`): a
/// storm of answers spends only what is left of Telegram's 30 messages/s. A branch that chose
/// `/confirm 群内` sends none, but for a leave without its reason (the private words ask for it).
pub async fn confirm(ctx: &mut Ctx<'_>, user: i64, chat: i64, outcome: &AnswerOutcome) -> StoreResult<()> {
    let AnswerOutcome::Recorded { meeting_id, member_id, member, proxy, answer, when, place, .. } = outcome
    else {
        return Ok(());
    };
    let private = !known::is_unreachable(ctx, user).await?;
    let asks_reason = private && matches!(answer, Answer::Leave { reason: None });
    if chat != user && !asks_reason && group_only(ctx, *meeting_id).await? {
        return Ok(());
    }
    let proxy = proxy.as_deref();
    let text = match answer {
        Answer::Attend => words::recorded_attend(member, proxy, when, place),
        Answer::Leave { reason } if private => words::recorded_leave(member, proxy, reason.as_deref()),
        Answer::Leave { .. } => crate::texts::replies::recorded_leave_in_group(member, proxy),
    };
    let priority = if chat != user { PRIORITY_CONFIRM } else { ctx.priority };
    ctx.say_deferred(if private { user } else { chat }, Outgoing::text(text), priority).await?;
    if asks_reason {
        replies::ask_leave_reason(ctx, user, user, *meeting_id, *member_id).await?;
    }
    Ok(())
}

/// Whether the meeting's branch confirms answers given in its group there only.
async fn group_only(ctx: &mut Ctx<'_>, meeting_id: i64) -> StoreResult<bool> {
    let Some(m) = known::meeting(ctx, meeting_id).await? else { return Ok(false) };
    Ok(known::confirmation(ctx, m.branch_id).await? == AnswerConfirmation::GroupOnly)
}

pub async fn on_button(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    tapped_in: i64,
    meeting_id: i64,
    action: ButtonAction,
) -> StoreResult<()> {
    let notice = |text: &'static str| Some(text);
    let Some(m) = known::meeting(ctx, meeting_id).await? else {
        return ctx.answer_callback(from.id, callback_id, notice(words::TAP_MEETING_GONE)).await;
    };
    let reply = match action {
        ButtonAction::Attend | ButtonAction::Leave => {
            // A reason said before the bot asked back which meeting goes with this tap, once.
            let said_reason = replies::reason_already_given(ctx, from.id).await?;
            let given = if action == ButtonAction::Attend {
                Answer::Attend
            } else {
                Answer::Leave { reason: said_reason }
            };
            if !m.is_open() {
                words::TAP_MEETING_GONE
            } else if let Some(who) =
                Answerable::known(ctx, m.branch_id, from.id).await?.answerer(&from.name, None)
            {
                let outcome = answer::record(ctx, &m, &who, given, from.id, "button").await?;
                match &outcome {
                    AnswerOutcome::Recorded { fresh: true, .. } => {
                        confirm(ctx, from.id, tapped_in, &outcome).await?;
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
        ButtonAction::Close => return meeting_close::on_close_button(ctx, callback_id, from, &m).await,
        ButtonAction::Studied(member_id) => {
            let what = Receivable::Makeup { meeting_id: m.id, member_id };
            return crate::chat::handlers::receipt::on_tap(ctx, callback_id, from, tapped_in, what).await;
        }
    };
    ctx.answer_callback(from.id, callback_id, notice(reply)).await
}

/// 【完整名单】 under a roll too long to name everyone: every name, privately, to whoever of the
/// branch tapped (a member, a contact person or an administrator).
pub async fn on_full_roll(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    meeting_id: i64,
) -> StoreResult<()> {
    let Some(m) = crate::app::meetings::find(ctx.tx, meeting_id).await? else {
        return ctx.answer_callback(from.id, callback_id, Some(words::TAP_MEETING_GONE)).await;
    };
    let known = answer::answerer(ctx.tx, m.branch_id, from.id, &from.name, None).await?.is_some()
        || crate::app::admin::is_admin_of(ctx.tx, from.id, m.branch_id).await?;
    if !known {
        return ctx.answer_callback(from.id, callback_id, Some(words::TAP_UNKNOWN_USER)).await;
    }
    if crate::app::people::is_unreachable(ctx.tx, from.id).await? {
        let notice = Some(crate::texts::roll::TAP_FULL_LIST_UNREACHABLE);
        return ctx.answer_callback(from.id, callback_id, notice).await;
    }
    let text = crate::app::meetings::notices::full_roll(ctx, &m).await?;
    ctx.say_text(from.id, text).await?;
    ctx.answer_callback(from.id, callback_id, Some(crate::texts::roll::TAP_FULL_LIST_SENT)).await
}
