//! Schedules a secretary sets in words: `/remind 每周三上午9点 学习…` previews the summary and
//! the next three times with 【确认】【取消】; `/term 2024-03-01` sets the committee's term; and
//! the drafts' buttons (`d:<draft>:<action>`) and the reply with a time after 【定时】.

use crate::app::context::Ctx;
use crate::app::drafts::{self, Pressed, Timed};
use crate::app::schedules::{self, branch_tz, local};
use crate::app::{briefings, dates};
use crate::chat::handlers::admin::Admin;
use crate::chat::incoming::{Person, TextMessage};
use crate::domain::action::{Action, DraftAction};
use crate::domain::anniversaries::parse_date;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::schedules::{ScheduleKind, split_phrase};
use crate::domain::settings_phrase::split_urgent;
use crate::domain::when_phrase::date_in_words;
use crate::store::StoreResult;
use crate::store::audit::Actor;
use crate::texts::{briefing as brief_words, common, schedule as words};

pub async fn on_remind(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    if args.trim().is_empty() {
        ctx.say_text(admin.chat_id, words::REMIND_USAGE).await?;
        return Ok(());
    }
    let (urgent, args) = split_urgent(args);
    let Some((recurrence, material)) = split_phrase(args) else {
        ctx.say_text(admin.chat_id, words::PHRASE_NOT_UNDERSTOOD).await?;
        return Ok(());
    };
    if material.is_empty() {
        ctx.say_text(admin.chat_id, words::REMIND_NO_MATERIAL).await?;
        return Ok(());
    }
    let tz = branch_tz(ctx.tx, admin.branch_id).await?;
    let now = local(ctx.now, tz);
    let next = schedules::next_times(ctx.tx, admin.branch_id, &recurrence, now, 3).await?;
    let next: Vec<String> = next.into_iter().map(|t| date_in_words(t, now)).collect();
    let kind = ScheduleKind::Study;
    let draft =
        drafts::save(ctx, admin.branch_id, admin.user_id, kind, Some(&recurrence), &material, urgent).await?;
    let buttons = Buttons::inline_row(vec![
        InlineButton::new(words::BUTTON_CONFIRM, Action::Draft(draft, DraftAction::Confirm).encode()),
        InlineButton::new(words::BUTTON_CANCEL, Action::Draft(draft, DraftAction::Cancel).encode()),
    ]);
    let mut text = words::remind_preview(recurrence.summary(), &next, &material);
    if urgent {
        text.push_str(crate::texts::settings::URGENT_NOTE);
    }
    drafts::preview(ctx, draft, admin.chat_id, text, buttons).await
}

pub async fn on_term(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let mut parts = args.split_whitespace();
    let start = parts.next().and_then(parse_date);
    let years = parts.next().and_then(|y| y.parse::<i64>().ok()).filter(|y| (1..=10).contains(y));
    let Some(start) = start else {
        ctx.say_text(admin.chat_id, words::TERM_USAGE).await?;
        return Ok(());
    };
    let by = Actor::Telegram(admin.user_id);
    let end = dates::set_term(ctx.tx, admin.branch_id, start, years, by, ctx.now).await?;
    ctx.say_text(admin.chat_id, words::term_saved(end)).await?;
    Ok(())
}

/// `/schedules`: the branch's active schedules and its briefings timed to go once, each with a
/// button that stops it.
pub async fn on_list(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let active = schedules::active(ctx.tx, admin.branch_id).await?;
    let timed = briefings::timed(ctx.tx, admin.branch_id).await?;
    if active.is_empty() && timed.is_empty() {
        return ctx.say_text(admin.chat_id, words::NO_SCHEDULES).await.map(drop);
    }
    let tz = branch_tz(ctx.tx, admin.branch_id).await?;
    let now = local(ctx.now, tz);
    let (mut lines, mut stops) = (Vec::new(), Vec::new());
    for s in &active {
        lines.push(words::schedule_line(lines.len() + 1, &s.kind, &s.summary, &s.payload));
        stops.push(Action::StopSchedule(s.id));
    }
    for b in &timed {
        let when = date_in_words(local(b.run_at, tz), now);
        lines.push(words::timed_briefing_line(lines.len() + 1, &when, &b.body));
        stops.push(Action::StopTimedBriefing(b.id));
    }
    let rows = stops
        .iter()
        .enumerate()
        .map(|(i, stop)| vec![InlineButton::new(words::stop_button(i + 1), stop.encode())])
        .collect();
    ctx.say(admin.chat_id, Outgoing::with_buttons(words::schedules(&lines), Buttons::Inline { rows }))
        .await?;
    Ok(())
}

/// What a 【停止】 under `/schedules` stops.
#[derive(Debug, Clone, Copy)]
pub enum Stoppable {
    Schedule(i64),
    TimedBriefing(i64),
}

/// A tap on 【停止】: only an administrator of the schedule's (or timed briefing's) branch may
/// stop it.
pub async fn on_stop(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    what: Stoppable,
) -> StoreResult<()> {
    let branches = crate::app::people::administered_branches(ctx.tx, from.id).await?;
    let actor = Actor::Telegram(from.id);
    let mut stopped = false;
    for branch in branches {
        stopped |= match what {
            Stoppable::Schedule(id) => schedules::stop(ctx, branch, id, from.id).await?,
            Stoppable::TimedBriefing(id) => briefings::cancel_timed(ctx, branch, id, actor).await?,
        };
    }
    let done = match what {
        Stoppable::Schedule(_) => words::SCHEDULE_STOPPED,
        Stoppable::TimedBriefing(_) => words::TIMED_BRIEFING_STOPPED,
    };
    ctx.answer_callback(from.id, callback_id, Some(if stopped { done } else { words::DRAFT_GONE })).await?;
    if stopped {
        ctx.say_text(from.id, done).await?;
    }
    Ok(())
}

/// A tap on a draft's button; only its author's taps count, and only once.
pub async fn on_draft_button(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    draft_id: i64,
    action: DraftAction,
) -> StoreResult<()> {
    let pressed = drafts::press(ctx, draft_id, from.id, action).await?;
    let toast = if pressed == Pressed::Gone { words::DRAFT_GONE } else { words::DRAFT_DONE_TOAST };
    ctx.answer_callback(from.id, callback_id, Some(toast)).await?;
    let text = match pressed {
        Pressed::Gone => return Ok(()),
        Pressed::Cancelled => words::DRAFT_CANCELLED.to_owned(),
        Pressed::StudySaved { summary } => words::remind_saved(&summary),
        Pressed::BriefingIssued { bound, held_until: Some((at, now)) } => {
            brief_words::queued_later(bound, &common::later_at(at, now))
        }
        Pressed::BriefingIssued { bound, held_until: None } => brief_words::queued(bound),
        Pressed::AskWhen => brief_words::ASK_WHEN.to_owned(),
    };
    ctx.say_text(from.id, text).await.map(drop)
}

/// The time a secretary replies with after 【定时】: once (明天上午9点) or recurring (每周一上午9点).
pub async fn take(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    if !msg.chat.private {
        return Ok(false);
    }
    let Some(timed) = drafts::time_words(ctx, msg.from.id, &msg.text).await? else { return Ok(false) };
    let text = match timed {
        Timed::Recurring { summary } => brief_words::scheduled_recurring(&summary),
        Timed::Once { at, now } => brief_words::scheduled_once(&date_in_words(at, now)),
        Timed::InPast => brief_words::WHEN_PAST.to_owned(),
        Timed::NotUnderstood => brief_words::WHEN_NOT_UNDERSTOOD.to_owned(),
    };
    ctx.say_text(msg.chat.id, text).await?;
    Ok(true)
}
