//! Briefings: `/brief <text>` previews with 【发送】【定时】【取消】; 【收到】 (`b:<id>`) is an
//! acknowledgement (plain 收到 goes through `handlers::words`); `/brief_report` tells what was delivered and who read it.

use crate::app::briefings::{self, AckOutcome};
use crate::app::context::Ctx;
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::schedule::{save_draft, show_preview};
use crate::chat::handlers::study::confirm_tap;
use crate::chat::incoming::Person;
use crate::domain::action::{Action, DraftAction};
use crate::domain::outgoing::{Buttons, InlineButton};
use crate::domain::schedules::{ScheduleKind, looks_confidential};
use crate::domain::settings_phrase::split_urgent;
use crate::store::StoreResult;
use crate::texts::briefing as words;

pub async fn on_brief(ctx: &mut Ctx<'_>, admin: Admin, text: &str) -> StoreResult<()> {
    let (urgent, body) = split_urgent(text);
    let body = body.trim();
    if body.is_empty() {
        return ctx.say_text(admin.chat_id, words::BRIEF_USAGE).await.map(drop);
    }
    if looks_confidential(body) {
        return ctx.say_text(admin.chat_id, words::LOOKS_CONFIDENTIAL).await.map(drop);
    }
    let draft = save_draft(ctx, admin, ScheduleKind::Briefing, None, body, urgent).await?;
    let buttons = Buttons::inline_row(vec![
        InlineButton::new(words::BUTTON_SEND, Action::Draft(draft, DraftAction::Send).encode()),
        InlineButton::new(words::BUTTON_LATER, Action::Draft(draft, DraftAction::Later).encode()),
        InlineButton::new(words::BUTTON_CANCEL, Action::Draft(draft, DraftAction::Cancel).encode()),
    ]);
    let mut text = words::preview(body);
    if urgent {
        text.push_str(crate::texts::settings::URGENT_NOTE);
    }
    show_preview(ctx, admin, draft, text, buttons).await
}

pub async fn on_ack(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    tapped_in: i64,
    id: i64,
) -> StoreResult<()> {
    let outcome = briefings::acknowledge(ctx.tx, id, from.id, ctx.now).await?;
    let recorded = matches!(outcome, AckOutcome::Recorded { .. });
    confirm_tap(ctx, callback_id, from.id, recorded.then_some(tapped_in), outcome_text(&outcome)).await
}

pub fn outcome_text(outcome: &AckOutcome) -> String {
    match outcome {
        AckOutcome::Recorded { member } => words::received(member),
        AckOutcome::Already { member } => words::already_received(member),
        AckOutcome::NotAMember => words::NOT_A_MEMBER.to_owned(),
        AckOutcome::Gone => words::GONE.to_owned(),
    }
}

pub async fn on_report(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let text = match briefings::report(ctx.tx, admin.branch_id).await? {
        Some(r) => words::report(&r),
        None => words::NO_BRIEFING.to_owned(),
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}
