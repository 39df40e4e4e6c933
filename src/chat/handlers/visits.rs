//! `/visit 姓名 [日期] [走访人] [情况：…]` and 【已走访】 under a care alert: a 走访慰问 visit
//! recorded by an administrator, confirmed in words; namesakes offered as buttons. A second
//! 【已走访】 for a member the same day records nothing and says so.

use crate::app::context::Ctx;
use crate::app::makeup_for::today;
use crate::app::visits::{self, LineError, VisitOutcome};
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::member_choice;
use crate::chat::incoming::Person;
use crate::domain::action::Action;
use crate::domain::outgoing::{Buttons, Outgoing};
use crate::store::StoreResult;
use crate::texts::{leave_for as leave_words, makeup_for as words};

pub async fn on_visit(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let today = today(ctx, admin.branch_id).await?;
    let line = match visits::parse(args, today) {
        Ok(line) => line,
        Err(LineError::NoName) => return ctx.say_text(admin.chat_id, words::VISIT_USAGE).await.map(drop),
        Err(LineError::FutureDay(w)) => {
            return ctx.say_text(admin.chat_id, words::visit_future_day(&w)).await.map(drop);
        }
    };
    let outcome = visits::record_line(ctx, admin.user_id, admin.branch_id, line).await?;
    ctx.say(admin.chat_id, reply(outcome)).await.map(drop)
}

/// 【已走访】 or a member offered for a `/visit` line (authorized: an administrator of the
/// member's branch).
pub async fn on_tap(ctx: &mut Ctx<'_>, callback_id: &str, from: &Person, member_id: i64) -> StoreResult<()> {
    let Some(member) = crate::app::people::member(ctx.tx, member_id).await? else {
        return ctx.answer_callback(from.id, callback_id, Some(words::VISIT_GONE)).await;
    };
    let today = today(ctx, member.branch_id).await?;
    let outcome = visits::record_tapped(ctx, from.id, member_id, today).await?;
    let notice = match outcome {
        VisitOutcome::Recorded { .. } => Some(words::TAP_RECORDED),
        VisitOutcome::AlreadyRecorded { .. } => Some(words::TAP_ALREADY_RECORDED),
        _ => None,
    };
    ctx.say(from.id, reply(outcome)).await?;
    ctx.answer_callback(from.id, callback_id, notice).await
}

fn reply(outcome: VisitOutcome) -> Outgoing {
    match outcome {
        VisitOutcome::Recorded { member, day, visitor, notes } => {
            Outgoing::text(words::visit_recorded(&member.name, &day, &visitor, notes.as_deref()))
        }
        VisitOutcome::AlreadyRecorded { member, visit } => {
            Outgoing::text(words::visit_already(&member.name, &visit.visited_on, &visit.visitor))
        }
        VisitOutcome::ChooseMember { typed, members, .. } if members.is_empty() => {
            Outgoing::text(words::visit_nobody(&typed))
        }
        VisitOutcome::ChooseMember { typed, members, namesakes } => {
            let rows = member_choice::rows(&members, namesakes, |m| Action::Visited(m.id));
            let text = if namesakes {
                words::visit_choose_namesake(&typed)
            } else {
                leave_words::choose_nearest(&typed)
            };
            Outgoing::with_buttons(text, Buttons::Inline { rows })
        }
        VisitOutcome::Gone => Outgoing::text(words::VISIT_GONE),
    }
}
