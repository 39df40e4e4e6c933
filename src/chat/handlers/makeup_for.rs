//! `/makeup 姓名 补学|送学上门 日期 [走访人] [意见：…]`: make-up study recorded by the secretary
//! for a member; the member and the meeting to choose offered as buttons, then a summary with
//! 【确认】【取消】, and the taps.

use crate::app::context::Ctx;
use crate::app::makeup_for::{self, LineError, MakeupLine, MakeupOutcome};
use crate::app::meetings::{branch_tz, local};
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::member_choice;
use crate::chat::incoming::Person;
use crate::domain::action::{Action, MakeupStep};
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::StoreResult;
use crate::store::meetings::MeetingRow;
use crate::texts::dates::month_day;
use crate::texts::makeup_for as words;

pub async fn on_makeup(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let today = makeup_for::today(ctx, admin.branch_id).await?;
    let line = match makeup_for::parse(args, today) {
        Ok(line) => line,
        Err(e) => {
            let text = match e {
                LineError::Incomplete => words::USAGE.to_owned(),
                LineError::BadDay(w) => words::bad_day(&w),
                LineError::FutureDay(w) => words::future_day(&w),
                LineError::NoVisitor => words::NO_VISITOR.to_owned(),
            };
            return ctx.say_text(admin.chat_id, text).await.map(drop);
        }
    };
    let outcome = makeup_for::start(ctx, admin.user_id, admin.branch_id, line).await?;
    let reply = reply(ctx, outcome).await?;
    ctx.say(admin.chat_id, reply).await.map(drop)
}

/// A button under a `/makeup` line (authorized: an administrator of the member's branch).
pub async fn on_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    meeting_id: i64,
    member_id: i64,
    step: MakeupStep,
) -> StoreResult<()> {
    let outcome = makeup_for::tapped(ctx, from.id, meeting_id, member_id, step).await?;
    let notice = match &outcome {
        MakeupOutcome::Recorded { .. } => Some(words::TAP_RECORDED),
        MakeupOutcome::Cancelled => Some(words::CANCELLED),
        _ => None,
    };
    let reply = reply(ctx, outcome).await?;
    ctx.say(from.id, reply).await?;
    ctx.answer_callback(from.id, callback_id, notice).await
}

async fn reply(ctx: &mut Ctx<'_>, outcome: MakeupOutcome) -> StoreResult<Outgoing> {
    Ok(match outcome {
        MakeupOutcome::Summary { member, meeting, line } => {
            let meeting_text = meeting_words(ctx, &meeting).await?;
            let text = words::summary(&member.name, &way(&line), &meeting_text, line.views.as_deref());
            let button = |label: &str, step| {
                let action = Action::Makeup { meeting_id: meeting.id, member_id: member.id, step };
                InlineButton::new(label, action.encode())
            };
            let rows = vec![vec![
                button(words::CONFIRM, MakeupStep::Confirm),
                button(words::CANCEL, MakeupStep::Cancel),
            ]];
            Outgoing::with_buttons(text, Buttons::Inline { rows })
        }
        MakeupOutcome::ChooseMember { typed, members, .. } if members.is_empty() => {
            Outgoing::text(words::nobody(&typed))
        }
        MakeupOutcome::ChooseMember { typed, members, namesakes } => {
            let rows = member_choice::rows(&members, namesakes, |m| Action::Makeup {
                meeting_id: 0,
                member_id: m.id,
                step: MakeupStep::Pick,
            });
            let text = if namesakes { words::choose_namesake(&typed) } else { words::choose_nearest(&typed) };
            Outgoing::with_buttons(text, Buttons::Inline { rows })
        }
        MakeupOutcome::ChooseMeeting { member, meetings } => {
            let mut rows = Vec::new();
            for (m, leave) in &meetings {
                let tz = branch_tz(ctx.tx, m.branch_id).await?;
                let label =
                    words::meeting_button(&month_day(&local(m.starts_at, tz)), m.kind().name_cn(), *leave);
                let action =
                    Action::Makeup { meeting_id: m.id, member_id: member.id, step: MakeupStep::Pick };
                rows.push(vec![InlineButton::new(label, action.encode())]);
            }
            Outgoing::with_buttons(words::choose_meeting(&member.name), Buttons::Inline { rows })
        }
        MakeupOutcome::NothingMissed(member) => Outgoing::text(words::nothing_missed(&member.name)),
        MakeupOutcome::NoSuchMeeting(id) => Outgoing::text(words::no_such_meeting(id)),
        MakeupOutcome::NotMissed { member, meeting } => {
            Outgoing::text(words::not_missed(&member.name, meeting.id))
        }
        MakeupOutcome::Already { member, day } => Outgoing::text(words::already(&member.name, &day)),
        MakeupOutcome::Recorded { member, meeting, line } => {
            let meeting_text = meeting_words(ctx, &meeting).await?;
            Outgoing::text(words::recorded(&member.name, &way(&line), &meeting_text, line.views.as_deref()))
        }
        MakeupOutcome::Cancelled => Outgoing::text(words::CANCELLED),
        MakeupOutcome::Expired => Outgoing::text(words::EXPIRED),
    })
}

fn way(line: &MakeupLine) -> String {
    words::way(line.delivered, &line.day, line.visitor.as_deref())
}

/// 11月5日的支部党员大会（12号）.
async fn meeting_words(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<String> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    Ok(words::meeting_words(&month_day(&local(m.starts_at, tz)), m.kind().name_cn(), m.id))
}
