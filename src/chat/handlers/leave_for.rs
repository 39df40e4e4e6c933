//! `/leave [编号] 姓名 [手机尾号] 原因`: a leave a member phoned in, recorded by the secretary;
//! the meeting or member to choose offered as buttons, and the taps.

use crate::app::branches::{branch_tz, local};
use crate::app::context::Ctx;
use crate::app::leave_for::{self, LeaveOutcome};
use crate::app::meetings::answer::AnswerOutcome;
use crate::app::meetings::when_words;
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::member_choice;
use crate::chat::incoming::Person;
use crate::domain::action::Action;
use crate::domain::meeting::Answer;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::StoreResult;
use crate::store::meetings::MeetingRow;
use crate::texts::{leave_for as words, meeting as meeting_words, member_ask};

pub async fn on_leave(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some(line) = leave_for::parse(args) else {
        return ctx.say_text(admin.chat_id, words::USAGE).await.map(drop);
    };
    let reply = match leave_for::record_line(ctx, admin.user_id, admin.branch_id, &line).await? {
        LeaveOutcome::Recorded { outcome, meeting } => {
            return said(ctx, admin.user_id, &meeting, &line.name, &outcome).await;
        }
        LeaveOutcome::NoMeeting => match line.meeting {
            Some(id) => Outgoing::text(meeting_words::no_such_meeting(id)),
            None => Outgoing::text(meeting_words::NO_OPEN_MEETING),
        },
        LeaveOutcome::WhichMeeting(open) => {
            let tz = branch_tz(ctx.tx, admin.branch_id).await?;
            let lines: Vec<String> = open
                .iter()
                .map(|m| {
                    meeting_words::meeting_line(
                        m.id,
                        m.kind().name_cn(),
                        &when_words(m.starts_at, ctx.now, tz),
                    )
                })
                .collect();
            Outgoing::text(meeting_words::which_meeting("leave", &lines))
        }
        LeaveOutcome::ChooseMeeting { member, meetings } => {
            let mut rows = Vec::new();
            for m in &meetings {
                let tz = branch_tz(ctx.tx, m.branch_id).await?;
                let label = member_ask::leave_choice(
                    m.kind().name_cn(),
                    &crate::texts::dates::month_day(&local(m.starts_at, tz)),
                );
                let action = Action::LeaveFor { meeting_id: m.id, member_id: member.id };
                rows.push(vec![InlineButton::new(label, action.encode())]);
            }
            Outgoing::with_buttons(words::choose_meeting(&member.name), Buttons::Inline { rows })
        }
        LeaveOutcome::ChooseMember { meeting, typed, members, namesakes } => {
            if members.is_empty() {
                Outgoing::text(words::nobody(&typed))
            } else {
                let rows = member_choice::rows(&members, namesakes, |m| Action::LeaveFor {
                    meeting_id: meeting.id,
                    member_id: m.id,
                });
                let text =
                    if namesakes { words::choose_namesake(&typed) } else { words::choose_nearest(&typed) };
                Outgoing::with_buttons(text, Buttons::Inline { rows })
            }
        }
    };
    ctx.say(admin.chat_id, reply).await?;
    Ok(())
}

/// A meeting or member offered for a `/leave` line (authorized: an administrator of the branch).
pub async fn on_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    meeting_id: i64,
    member_id: i64,
) -> StoreResult<()> {
    let outcome = leave_for::record_tapped(ctx, from.id, meeting_id, member_id).await?;
    let notice = match &outcome {
        AnswerOutcome::Recorded { fresh: true, .. } => meeting_words::TAP_RECORDED,
        AnswerOutcome::Recorded { .. } => meeting_words::TAP_ALREADY,
        _ => meeting_words::TAP_MEETING_GONE,
    };
    let member = crate::app::people::member(ctx.tx, member_id).await?.map(|m| m.name).unwrap_or_default();
    if let Some(m) = crate::app::meetings::find(ctx.tx, meeting_id).await? {
        said(ctx, from.id, &m, &member, &outcome).await?;
    }
    ctx.answer_callback(from.id, callback_id, Some(notice)).await
}

/// The outcome in words to the secretary, and the recorded leave to the member privately.
async fn said(
    ctx: &mut Ctx<'_>,
    secretary: i64,
    m: &MeetingRow,
    name: &str,
    outcome: &AnswerOutcome,
) -> StoreResult<()> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let when = when_words(m.starts_at, ctx.now, tz);
    let kind = m.kind().name_cn();
    let text = match outcome {
        AnswerOutcome::Recorded { member_id, member, answer, fresh: true, .. } => {
            let reason = match answer {
                Answer::Leave { reason } => reason.clone(),
                Answer::Attend => None,
            };
            tell_member(
                ctx,
                *member_id,
                secretary,
                &words::told_member(member, reason.as_deref(), &when, kind),
            )
            .await?;
            words::recorded(member, reason.as_deref(), &when, kind)
        }
        AnswerOutcome::Recorded { member, .. } => words::already(member),
        AnswerOutcome::NotExpected => words::not_expected(name),
        AnswerOutcome::Gone | AnswerOutcome::UnknownUser => meeting_words::TAP_MEETING_GONE.to_owned(),
    };
    ctx.say_text(secretary, text).await?;
    Ok(())
}

/// The member hears of it privately when they use the bot and can be reached (not when the
/// secretary recorded their own leave).
async fn tell_member(ctx: &mut Ctx<'_>, member_id: i64, secretary: i64, text: &str) -> StoreResult<()> {
    let Some(member) = crate::app::people::member(ctx.tx, member_id).await? else { return Ok(()) };
    let Some(user) = member.telegram_user_id.filter(|u| *u != secretary) else { return Ok(()) };
    if !crate::app::people::is_unreachable(ctx.tx, user).await? {
        ctx.say_text(user, text).await?;
    }
    Ok(())
}
