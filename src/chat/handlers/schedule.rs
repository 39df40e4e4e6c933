//! Schedules a secretary sets in words: `/remind 每周三上午9点 学习…` previews the summary and
//! the next three times with 【确认】【取消】; `/term 2024-03-01` sets the committee's term; and
//! the drafts' buttons (`d:<draft>:<action>`) and the reply with a time after 【定时】.

use crate::app::context::Ctx;
use crate::app::schedules::{self, Plan, branch_tz, local};
use crate::app::{briefings, dates};
use crate::chat::handlers::admin::Admin;
use crate::chat::incoming::{Person, TextMessage};
use crate::domain::action::{Action, DraftAction};
use crate::domain::anniversaries::parse_date;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::schedule_phrase::Recurrence;
use crate::domain::schedules::{ScheduleKind, split_phrase};
use crate::domain::settings_phrase::split_urgent;
use crate::domain::when_phrase::{WhenError, date_in_words, parse_when};
use crate::store::schedules::DraftRow;
use crate::store::{self, StoreResult};
use crate::texts::{briefing as brief_words, common, schedule as words};

pub const OPEN: &str = "open";
pub const AWAITING_TIME: &str = "awaiting_time";

/// Saves a draft for the admin; returns its id.
pub async fn save_draft(
    ctx: &mut Ctx<'_>,
    admin: Admin,
    kind: ScheduleKind,
    recurrence: Option<&Recurrence>,
    body: &str,
    urgent: bool,
) -> StoreResult<i64> {
    let draft = DraftRow {
        id: 0,
        branch_id: admin.branch_id,
        user_id: admin.user_id,
        kind: kind.code().to_owned(),
        cron: recurrence.map(|r| r.cron().to_owned()),
        summary: recurrence.map(|r| r.summary().to_owned()),
        body: body.to_owned(),
        state: OPEN.to_owned(),
        preview_outbox_id: None,
        urgent: i64::from(urgent),
    };
    store::schedules::insert_draft(ctx.tx, &draft, ctx.now).await
}

/// Shows a draft's preview with its buttons, remembering it so it can be edited once settled.
pub async fn show_preview(
    ctx: &mut Ctx<'_>,
    admin: Admin,
    draft: i64,
    text: String,
    buttons: Buttons,
) -> StoreResult<()> {
    let outbox_id = ctx.say(admin.chat_id, Outgoing::with_buttons(text, buttons)).await?;
    store::schedules::set_preview(ctx.tx, draft, outbox_id).await
}

/// The preview loses its buttons and says how the draft was settled, so no old button tempts.
async fn settle_preview(ctx: &mut Ctx<'_>, draft: &DraftRow, state: &str) -> StoreResult<()> {
    let Some(of_outbox_id) = draft.preview_outbox_id else { return Ok(()) };
    let text = words::draft_settled(&draft.kind, draft.summary.as_deref(), &draft.body, state);
    ctx.say(draft.user_id, Outgoing::Edit { of_outbox_id, text, buttons: Buttons::None }).await?;
    Ok(())
}

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
    let next: Vec<String> = recurrence.upcoming(now, 3).into_iter().map(|t| date_in_words(t, now)).collect();
    let draft = save_draft(ctx, admin, ScheduleKind::Study, Some(&recurrence), &material, urgent).await?;
    let buttons = Buttons::inline_row(vec![
        InlineButton::new(words::BUTTON_CONFIRM, Action::Draft(draft, DraftAction::Confirm).encode()),
        InlineButton::new(words::BUTTON_CANCEL, Action::Draft(draft, DraftAction::Cancel).encode()),
    ]);
    let mut text = words::remind_preview(recurrence.summary(), &next, &material);
    if urgent {
        text.push_str(crate::texts::settings::URGENT_NOTE);
    }
    show_preview(ctx, admin, draft, text, buttons).await
}

pub async fn on_term(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let mut parts = args.split_whitespace();
    let start = parts.next().and_then(parse_date);
    let years = parts.next().and_then(|y| y.parse::<i64>().ok()).filter(|y| (1..=10).contains(y));
    let Some(start) = start else {
        ctx.say_text(admin.chat_id, words::TERM_USAGE).await?;
        return Ok(());
    };
    let end = dates::set_term(ctx.tx, admin.branch_id, start, years).await?;
    let actor = store::audit::Actor::Telegram(admin.user_id);
    store::audit::record(ctx.tx, Some(admin.branch_id), actor, "term.set", &start.to_string(), ctx.now)
        .await?;
    ctx.say_text(admin.chat_id, words::term_saved(end)).await?;
    Ok(())
}

/// `/schedules`: the branch's active schedules and its briefings timed to go once, each with a
/// button that stops it.
pub async fn on_list(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let active = store::schedules::active(ctx.tx, admin.branch_id).await?;
    let timed = store::briefings::timed(ctx.tx, admin.branch_id).await?;
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
    let branches: Vec<i64> =
        store::roles::of_user(ctx.tx, from.id).await?.into_iter().map(|(b, _)| b).collect();
    let actor = store::audit::Actor::Telegram(from.id);
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
    let draft = store::schedules::draft(ctx.tx, draft_id).await?.filter(|d| d.user_id == from.id);
    let next_state = match action {
        DraftAction::Cancel => "cancelled",
        DraftAction::Later => AWAITING_TIME,
        DraftAction::Confirm | DraftAction::Send => "done",
    };
    let Some(draft) = draft else {
        return ctx.answer_callback(from.id, callback_id, Some(words::DRAFT_GONE)).await;
    };
    if !store::schedules::move_draft(ctx.tx, draft.id, OPEN, next_state).await? {
        return ctx.answer_callback(from.id, callback_id, Some(words::DRAFT_GONE)).await;
    }
    ctx.answer_callback(from.id, callback_id, Some(words::DRAFT_DONE_TOAST)).await?;
    settle_preview(ctx, &draft, next_state).await?;
    match (ScheduleKind::from_code(&draft.kind), action) {
        (_, DraftAction::Cancel) => ctx.say_text(from.id, words::DRAFT_CANCELLED).await.map(drop),
        (Some(ScheduleKind::Study), DraftAction::Confirm) => confirm_study(ctx, &draft).await,
        (Some(ScheduleKind::Briefing), DraftAction::Send) => {
            let id = briefings::issue(ctx, draft.branch_id, &draft.body, &issuer(&draft), None).await?;
            let members = store::members::list(ctx.tx, draft.branch_id).await?;
            let bound = members.iter().filter(|m| m.telegram_user_id.is_some()).count();
            let held =
                store::briefings::get(ctx.tx, id).await?.and_then(|b| b.sent_at).filter(|at| *at > ctx.now);
            let text = match held {
                Some(at) => {
                    let tz = branch_tz(ctx.tx, draft.branch_id).await?;
                    let when = common::later_at(local(at, tz), local(ctx.now, tz));
                    brief_words::queued_later(bound, &when)
                }
                None => brief_words::queued(bound),
            };
            ctx.say_text(from.id, text).await.map(drop)
        }
        (Some(ScheduleKind::Briefing), DraftAction::Later) => {
            ctx.say_text(from.id, brief_words::ASK_WHEN).await.map(drop)
        }
        _ => Ok(()),
    }
}

async fn confirm_study(ctx: &mut Ctx<'_>, draft: &DraftRow) -> StoreResult<()> {
    let (Some(cron), Some(summary)) = (draft.cron.as_deref(), draft.summary.as_deref()) else {
        return Ok(());
    };
    let urgent = draft.urgent != 0;
    let plan = Plan { kind: ScheduleKind::Study, cron, summary, payload: &draft.body, urgent };
    schedules::create(ctx, draft.branch_id, &plan, Some(draft.user_id)).await?;
    ctx.say_text(draft.user_id, words::remind_saved(summary)).await?;
    Ok(())
}

/// The secretary who wrote the draft, issuing its briefing.
fn issuer(draft: &DraftRow) -> briefings::Issuer {
    briefings::Issuer {
        actor: store::audit::Actor::Telegram(draft.user_id),
        user_id: Some(draft.user_id),
        remind_after_hours: crate::domain::schedules::BRIEFING_REMIND_AFTER_HOURS,
        urgent: draft.urgent != 0,
    }
}

/// The time a secretary replies with after 【定时】: once (明天上午9点) or recurring (每周一上午9点).
pub async fn take(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    if !msg.chat.private {
        return Ok(false);
    }
    let Some(draft) = store::schedules::draft_in_state(ctx.tx, msg.from.id, AWAITING_TIME).await? else {
        return Ok(false);
    };
    let tz = branch_tz(ctx.tx, draft.branch_id).await?;
    let now = local(ctx.now, tz);
    let text = msg.text.trim();
    if let Ok(recurrence) = Recurrence::parse_phrase(text) {
        store::schedules::move_draft(ctx.tx, draft.id, AWAITING_TIME, "done").await?;
        let plan =
            Plan { urgent: draft.urgent != 0, ..Plan::new(ScheduleKind::Briefing, &recurrence, &draft.body) };
        schedules::create(ctx, draft.branch_id, &plan, Some(draft.user_id)).await?;
        ctx.say_text(msg.chat.id, brief_words::scheduled_recurring(recurrence.summary())).await?;
        return Ok(true);
    }
    match parse_when(text, now) {
        Ok(at) => {
            store::schedules::move_draft(ctx.tx, draft.id, AWAITING_TIME, "done").await?;
            let at_ms = Some(at.timestamp_millis());
            briefings::issue(ctx, draft.branch_id, &draft.body, &issuer(&draft), at_ms).await?;
            ctx.say_text(msg.chat.id, brief_words::scheduled_once(&date_in_words(at, now))).await?;
        }
        Err(WhenError::InPast) => ctx.say_text(msg.chat.id, brief_words::WHEN_PAST).await.map(drop)?,
        Err(_) => ctx.say_text(msg.chat.id, brief_words::WHEN_NOT_UNDERSTOOD).await.map(drop)?,
    }
    Ok(true)
}
