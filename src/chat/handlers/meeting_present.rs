//! `/present 张德明 李秀英 [线上]`: each name answered; a name that matches nobody records
//! nothing and offers the nearest roster names and 【按列席记录】 as buttons; the taps.

use crate::app::context::Ctx;
use crate::app::meetings::present::{self, PresentOutcome, TapOutcome};
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::meeting::open_meeting;
use crate::chat::incoming::Person;
use crate::domain::action::Action;
use crate::domain::meeting::Mode;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::StoreResult;
use crate::store::meetings::MeetingRow;
use crate::texts::{admin as admin_words, meeting as words};

pub async fn on_present(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some((m, names)) = open_meeting(ctx, admin, "present", args).await? else { return Ok(()) };
    let Some((mode, outcomes)) = present::mark_by_names(ctx, &m, &names).await? else {
        return ctx.say_text(admin.chat_id, words::PRESENT_USAGE).await.map(drop);
    };
    let mut done = Vec::new();
    for outcome in outcomes {
        match outcome {
            PresentOutcome::Unknown { name, nearest, proposal } => {
                let question = offer(&m, &name, &nearest, proposal, mode);
                ctx.say(admin.chat_id, question).await?;
            }
            other => done.push(outcome_words(&other)),
        }
    }
    if !done.is_empty() {
        ctx.say_text(admin.chat_id, done.join("\n")).await?;
    }
    Ok(())
}

fn outcome_words(outcome: &PresentOutcome) -> String {
    match outcome {
        PresentOutcome::Marked(name, mode) => words::checked_in_by_secretary(name, mode.name_cn()),
        PresentOutcome::Already(name) => words::already_present(name),
        PresentOutcome::Ambiguous(name, hints) => admin_words::which_member(name, hints),
        PresentOutcome::Unknown { name, .. } => words::not_in_roster(name, &[]),
    }
}

/// "张得明不在花名册中…" with 【张德明】… and 【按列席记录】.
fn offer(m: &MeetingRow, name: &str, nearest: &[(i64, String)], proposal: i64, mode: Mode) -> Outgoing {
    let names: Vec<String> = nearest.iter().map(|(_, n)| n.clone()).collect();
    let mut rows: Vec<Vec<InlineButton>> = Vec::new();
    if !nearest.is_empty() {
        rows.push(
            nearest
                .iter()
                .map(|(id, n)| {
                    let action = Action::MarkPresent { meeting_id: m.id, member_id: *id, mode };
                    InlineButton::new(n.clone(), action.encode())
                })
                .collect(),
        );
    }
    rows.push(vec![InlineButton::new(words::BUTTON_AS_OBSERVER, Action::RecordObserver(proposal).encode())]);
    Outgoing::with_buttons(words::not_in_roster(name, &names), Buttons::Inline { rows })
}

/// A roster name offered for a mistyped one.
pub async fn on_offered(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    meeting_id: i64,
    member_id: i64,
    mode: Mode,
) -> StoreResult<()> {
    let Some(m) = admin_meeting(ctx, callback_id, from, meeting_id).await? else { return Ok(()) };
    let outcome = present::mark_offered(ctx, &m, member_id, mode).await?;
    tell(ctx, callback_id, from, outcome).await
}

/// 【按列席记录】.
pub async fn on_observer(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    proposal: i64,
) -> StoreResult<()> {
    let Some((meeting_id, name)) = present::observer_proposal(ctx.tx, proposal).await? else {
        return ctx.answer_callback(from.id, callback_id, Some(words::TAP_ALREADY)).await;
    };
    let Some(m) = admin_meeting(ctx, callback_id, from, meeting_id).await? else { return Ok(()) };
    let outcome = present::record_observer(ctx, &m, proposal, &name).await?;
    tell(ctx, callback_id, from, outcome).await
}

/// The meeting, when it exists and the tapper administers its branch; else answered.
async fn admin_meeting(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    meeting_id: i64,
) -> StoreResult<Option<MeetingRow>> {
    let m = crate::app::meetings::find(ctx.tx, meeting_id).await?;
    let refusal = match &m {
        None => words::TAP_MEETING_GONE,
        Some(m) if !crate::app::admin::is_admin_of(ctx.tx, from.id, m.branch_id).await? => {
            words::TAP_ONLY_ADMINS_PRESENT
        }
        Some(_) => return Ok(m),
    };
    ctx.answer_callback(from.id, callback_id, Some(refusal)).await?;
    Ok(None)
}

async fn tell(ctx: &mut Ctx<'_>, callback_id: &str, from: &Person, outcome: TapOutcome) -> StoreResult<()> {
    let text = match outcome {
        TapOutcome::Present(outcome) => outcome_words(&outcome),
        TapOutcome::Observer(name) => words::observer_added(&name),
        TapOutcome::Gone => {
            return ctx.answer_callback(from.id, callback_id, Some(words::TAP_MEETING_GONE)).await;
        }
        TapOutcome::Already => {
            return ctx.answer_callback(from.id, callback_id, Some(words::TAP_ALREADY)).await;
        }
    };
    ctx.say_text(from.id, text).await?;
    ctx.answer_callback(from.id, callback_id, Some(words::TAP_RECORDED)).await
}
