//! Briefings: `/brief <text>` previews with 【发送】【定时】【取消】; `/brief_report` tells what was
//! delivered and who read it. 【收到】 (`b:<id>`) and plain 收到 are receipts (`handlers::receipt`).

use crate::app::context::Ctx;
use crate::app::{briefings, drafts};
use crate::chat::handlers::admin::Admin;
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
    let draft =
        drafts::save(ctx, admin.branch_id, admin.user_id, ScheduleKind::Briefing, None, body, urgent).await?;
    let buttons = Buttons::inline_row(vec![
        InlineButton::new(words::BUTTON_SEND, Action::Draft(draft, DraftAction::Send).encode()),
        InlineButton::new(words::BUTTON_LATER, Action::Draft(draft, DraftAction::Later).encode()),
        InlineButton::new(words::BUTTON_CANCEL, Action::Draft(draft, DraftAction::Cancel).encode()),
    ]);
    let mut text = words::preview(body);
    if urgent {
        text.push_str(crate::texts::settings::URGENT_NOTE);
    }
    drafts::preview(ctx, draft, admin.chat_id, text, buttons).await
}

pub async fn on_report(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let text = match briefings::report(ctx.tx, admin.branch_id).await? {
        Some(r) => words::report(&r),
        None => words::NO_BRIEFING.to_owned(),
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}
