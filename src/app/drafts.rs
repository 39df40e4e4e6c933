//! The one door for a secretary's drafts (`/remind`, `/brief`): saved and previewed, settled by
//! its author's button (once), and for a briefing sent 【定时】 the time that follows in words.
//! The chat layer shows the preview and words the outcomes; the decisions are here.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::app::briefings;
use crate::app::context::Ctx;
use crate::app::schedules::{self, Plan, branch_tz, local};
use crate::domain::action::DraftAction;
use crate::domain::draft::DraftState;
use crate::domain::outgoing::{Buttons, Outgoing};
use crate::domain::schedule_phrase::Recurrence;
use crate::domain::schedules::{BRIEFING_REMIND_AFTER_HOURS, ScheduleKind};
use crate::domain::when_phrase::{WhenError, parse_when};
use crate::store::schedules::DraftRow;
use crate::store::{self, StoreResult, audit::Actor};
use crate::texts::schedule as words;

/// Saves a draft of `kind` by the secretary `user_id` of `branch_id` (`urgent`: marked 紧急, it
/// goes even in quiet hours and on days off); returns its id.
pub async fn save(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    user_id: i64,
    kind: ScheduleKind,
    recurrence: Option<&Recurrence>,
    body: &str,
    urgent: bool,
) -> StoreResult<i64> {
    let draft = DraftRow {
        id: 0,
        branch_id,
        user_id,
        kind: kind.code().to_owned(),
        cron: recurrence.map(|r| r.cron().to_owned()),
        summary: recurrence.map(|r| r.summary().to_owned()),
        body: body.to_owned(),
        state: DraftState::Open.code().to_owned(),
        preview_outbox_id: None,
        urgent: i64::from(urgent),
    };
    store::schedules::insert_draft(ctx.tx, &draft, ctx.now).await
}

/// Shows the draft's preview to its author, remembering it so it can be edited once settled.
pub async fn preview(
    ctx: &mut Ctx<'_>,
    draft_id: i64,
    chat: i64,
    text: String,
    buttons: Buttons,
) -> StoreResult<()> {
    let outbox_id = ctx.say(chat, Outgoing::with_buttons(text, buttons)).await?;
    store::schedules::set_preview(ctx.tx, draft_id, outbox_id).await
}

/// What a button on a draft came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pressed {
    /// Not the author's, already settled, or a button the draft does not have.
    Gone,
    Cancelled,
    /// A study reminder saved, with its schedule in words.
    StudySaved {
        summary: String,
    },
    /// A briefing issued to `bound` members; `held_until` when it waits for the sending window.
    BriefingIssued {
        bound: usize,
        held_until: Option<(DateTime<Tz>, DateTime<Tz>)>,
    },
    /// 【定时】: the secretary is asked when.
    AskWhen,
}

/// Settles an open draft by its author's button; only the first tap counts.
pub async fn press(
    ctx: &mut Ctx<'_>,
    draft_id: i64,
    user_id: i64,
    action: DraftAction,
) -> StoreResult<Pressed> {
    let Some(draft) = store::schedules::draft(ctx.tx, draft_id).await?.filter(|d| d.user_id == user_id)
    else {
        return Ok(Pressed::Gone);
    };
    let Some(kind) = ScheduleKind::from_code(&draft.kind) else { return Ok(Pressed::Gone) };
    let Some(next) = DraftState::after(kind, action) else { return Ok(Pressed::Gone) };
    if !store::schedules::move_draft(ctx.tx, draft.id, DraftState::Open.code(), next.code()).await? {
        return Ok(Pressed::Gone);
    }
    settle_preview(ctx, &draft, kind, next).await?;
    Ok(match (kind, next) {
        (_, DraftState::Cancelled) => Pressed::Cancelled,
        (_, DraftState::AwaitingTime) => Pressed::AskWhen,
        (ScheduleKind::Study, _) => {
            let (Some(cron), Some(summary)) = (draft.cron.as_deref(), draft.summary.as_deref()) else {
                return Ok(Pressed::Gone);
            };
            let urgent = draft.urgent != 0;
            let plan = Plan { kind: ScheduleKind::Study, cron, summary, payload: &draft.body, urgent };
            schedules::create(ctx, draft.branch_id, &plan, Some(draft.user_id)).await?;
            Pressed::StudySaved { summary: summary.to_owned() }
        }
        (ScheduleKind::Briefing, _) => {
            let id = briefings::issue(ctx, draft.branch_id, &draft.body, &issuer(&draft), None).await?;
            let members = store::members::list(ctx.tx, draft.branch_id).await?;
            let bound = members.iter().filter(|m| m.telegram_user_id.is_some()).count();
            let held =
                store::briefings::get(ctx.tx, id).await?.and_then(|b| b.sent_at).filter(|at| *at > ctx.now);
            let held_until = match held {
                Some(at) => {
                    let tz = branch_tz(ctx.tx, draft.branch_id).await?;
                    Some((local(at, tz), local(ctx.now, tz)))
                }
                None => None,
            };
            Pressed::BriefingIssued { bound, held_until }
        }
    })
}

/// The preview loses its buttons and says how the draft was settled, so no old button tempts.
async fn settle_preview(
    ctx: &mut Ctx<'_>,
    draft: &DraftRow,
    kind: ScheduleKind,
    state: DraftState,
) -> StoreResult<()> {
    let Some(of_outbox_id) = draft.preview_outbox_id else { return Ok(()) };
    let text = words::draft_settled(kind, draft.summary.as_deref(), &draft.body, state);
    ctx.say(draft.user_id, Outgoing::Edit { of_outbox_id, text, buttons: Buttons::None }).await?;
    Ok(())
}

/// The secretary who wrote the draft, issuing its briefing.
fn issuer(draft: &DraftRow) -> briefings::Issuer {
    briefings::Issuer {
        actor: Actor::Telegram(draft.user_id),
        user_id: Some(draft.user_id),
        remind_after_hours: BRIEFING_REMIND_AFTER_HOURS,
        urgent: draft.urgent != 0,
    }
}

/// What the time after 【定时】 came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timed {
    /// A recurring briefing schedule, in words.
    Recurring { summary: String },
    /// One briefing at that time (with the branch's now, to say it in words).
    Once { at: DateTime<Tz>, now: DateTime<Tz> },
    /// The time has passed; the draft still waits.
    InPast,
    /// Not a time; the draft still waits.
    NotUnderstood,
}

/// The author's private words while a briefing waits for its time; `None` when nothing waits.
pub async fn time_words(ctx: &mut Ctx<'_>, user_id: i64, text: &str) -> StoreResult<Option<Timed>> {
    let waiting = DraftState::AwaitingTime.code();
    let Some(draft) = store::schedules::draft_in_state(ctx.tx, user_id, waiting).await? else {
        return Ok(None);
    };
    let tz = branch_tz(ctx.tx, draft.branch_id).await?;
    let now = local(ctx.now, tz);
    let text = text.trim();
    if let Ok(recurrence) = Recurrence::parse_phrase(text) {
        store::schedules::move_draft(ctx.tx, draft.id, waiting, DraftState::Done.code()).await?;
        let plan =
            Plan { urgent: draft.urgent != 0, ..Plan::new(ScheduleKind::Briefing, &recurrence, &draft.body) };
        schedules::create(ctx, draft.branch_id, &plan, Some(draft.user_id)).await?;
        return Ok(Some(Timed::Recurring { summary: recurrence.summary().to_owned() }));
    }
    Ok(Some(match parse_when(text, now) {
        Ok(at) => {
            store::schedules::move_draft(ctx.tx, draft.id, waiting, DraftState::Done.code()).await?;
            let at_ms = Some(at.with_timezone(&Utc).timestamp_millis());
            briefings::issue(ctx, draft.branch_id, &draft.body, &issuer(&draft), at_ms).await?;
            Timed::Once { at, now }
        }
        Err(WhenError::InPast) => Timed::InPast,
        Err(_) => Timed::NotUnderstood,
    }))
}
