//! Briefings (情况通报): public notices to the group and every member with 【收到】, one private
//! reminder to those who have not acknowledged after a set number of hours, and a delivery
//! report read from the outbox rows of `briefing:{id}`.

use crate::domain::audit_action::AuditAction;
use chrono::Duration;

use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::sending_window::send_time;
use crate::domain::action::Action;
use crate::domain::job_kind::JobKind;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::jobs::NewJob;
use crate::store::outbox::Delivery;
use crate::store::{self, Conn, StoreResult};
use crate::texts::briefing as words;

/// Plain words count for briefings this recent.
pub const OPEN_DAYS: i64 = 14;

pub fn topic(briefing_id: i64) -> String {
    format!("briefing:{briefing_id}")
}

/// The topic of the private reminders to those who have not acknowledged.
pub fn reminder_topic(briefing_id: i64) -> String {
    format!("briefing:{briefing_id}:remind")
}

fn ack_buttons(briefing_id: i64) -> Buttons {
    Buttons::inline_row(vec![InlineButton::new(
        words::BUTTON_RECEIVED,
        Action::BriefingReceived(briefing_id).encode(),
    )])
}

/// Who issues a briefing, whether it is urgent, and how long until the one reminder to those
/// who have not acknowledged.
pub struct Issuer {
    pub actor: store::audit::Actor,
    /// The secretary's Telegram id, when issued in chat.
    pub user_id: Option<i64>,
    pub remind_after_hours: i64,
    /// Marked 紧急: it goes even in quiet hours and on days off.
    pub urgent: bool,
}

/// Issues a briefing: stored, audited, and sent now (in the branch's window) or at `at` (unix ms).
/// The one door for the secretary in chat and the operator on the command line. Returns its id.
pub async fn issue(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    body: &str,
    by: &Issuer,
    at: Option<i64>,
) -> StoreResult<i64> {
    let hours = by.remind_after_hours.max(1);
    let id = store::briefings::insert(ctx.tx, branch_id, body, None, hours, by.user_id, ctx.now).await?;
    if by.urgent {
        store::briefings::mark_urgent(ctx.tx, id).await?;
    }
    let action = if at.is_some() { AuditAction::BriefingSchedule } else { AuditAction::BriefingSend };
    let detail = format!("#{id} {body}");
    store::audit::record(ctx.tx, Some(branch_id), by.actor, action, &detail, ctx.now).await?;
    match at {
        Some(at) => send_at(ctx, id, at).await?,
        None => {
            send(ctx, id, by.urgent).await?;
        }
    }
    Ok(id)
}

/// Sends the briefing to the group and privately to every bound member (quiet hours respected
/// unless urgent), and schedules the one reminder to those who will not have acknowledged.
pub async fn send(ctx: &mut Ctx<'_>, briefing_id: i64, urgent: bool) -> StoreResult<JobOutcome> {
    let Some(b) = store::briefings::get(ctx.tx, briefing_id).await? else {
        return Ok(JobOutcome::NothingToDo);
    };
    let at = send_time(ctx.tx, b.branch_id, ctx.now, urgent || b.urgent != 0).await?;
    if !store::briefings::mark_sent(ctx.tx, b.id, at).await? {
        return Ok(JobOutcome::NothingToDo);
    }
    let topic = topic(b.id);
    let text = words::notice(&b.body);
    let group = store::branches::get(ctx.tx, b.branch_id).await?.and_then(|br| br.group_chat_id);
    let members = store::members::list(ctx.tx, b.branch_id).await?;
    let chats = group.into_iter().chain(members.iter().filter_map(|m| m.telegram_user_id));
    for chat in chats.collect::<Vec<_>>() {
        let key = format!("{topic}:{chat}");
        let delivery = Delivery {
            not_before: Some(at),
            topic: Some(&topic),
            dedupe_key: Some(&key),
            ..Default::default()
        };
        ctx.say_with(chat, Outgoing::with_buttons(text.clone(), ack_buttons(b.id)), &delivery).await?;
    }
    let key = format!("{topic}:remind");
    let payload = String::new();
    let remind = NewJob {
        kind: JobKind::BriefingRemind,
        ref_id: b.id,
        run_at: at + Duration::hours(b.remind_after_hours).num_milliseconds(),
        stale_after: None,
        dedupe_key: &key,
        payload: &payload,
    };
    ctx.schedule(&remind).await?;
    Ok(JobOutcome::Done)
}

/// Schedules a composed briefing to go at `at` (unix ms), once.
pub async fn send_at(ctx: &mut Ctx<'_>, briefing_id: i64, at: i64) -> StoreResult<()> {
    let key = format!("{}:send", topic(briefing_id));
    let payload = String::new();
    let job = NewJob {
        kind: JobKind::BriefingSend,
        ref_id: briefing_id,
        run_at: at,
        stale_after: None,
        dedupe_key: &key,
        payload: &payload,
    };
    ctx.schedule(&job).await?;
    Ok(())
}

/// Stops a briefing timed to go once, before it goes; false when it is not the branch's or
/// no longer waiting. The one door for the secretary's 【停止】 in `/schedules`.
pub async fn cancel_timed(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    briefing_id: i64,
    by: store::audit::Actor,
) -> StoreResult<bool> {
    let waiting = store::briefings::get(ctx.tx, briefing_id)
        .await?
        .is_some_and(|b| b.branch_id == branch_id && b.sent_at.is_none());
    if !waiting || store::jobs::cancel(ctx.tx, JobKind::BriefingSend.code(), briefing_id, ctx.now).await? == 0
    {
        return Ok(false);
    }
    let detail = format!("#{briefing_id}");
    store::audit::record(ctx.tx, Some(branch_id), by, AuditAction::BriefingCancel, &detail, ctx.now).await?;
    Ok(true)
}

/// The one private reminder to bound members who have not acknowledged and could be reached.
pub async fn remind(ctx: &mut Ctx<'_>, briefing_id: i64) -> StoreResult<JobOutcome> {
    let Some(b) = store::briefings::get(ctx.tx, briefing_id).await? else {
        return Ok(JobOutcome::NothingToDo);
    };
    let acked = store::briefings::acknowledged(ctx.tx, b.id).await?;
    let failed: Vec<i64> = store::briefings::deliveries(ctx.tx, &topic(b.id))
        .await?
        .into_iter()
        .filter(|d| d.state == "failed")
        .map(|d| d.chat_id)
        .collect();
    let at = send_time(ctx.tx, b.branch_id, ctx.now, false).await?;
    let remind_topic = reminder_topic(b.id);
    let mut reminded = 0;
    for m in store::members::list(ctx.tx, b.branch_id).await? {
        let Some(user) = m.telegram_user_id else { continue };
        if acked.contains(&m.id) || failed.contains(&user) {
            continue;
        }
        let key = format!("{remind_topic}:{}", m.id);
        let delivery = Delivery {
            not_before: Some(at),
            topic: Some(&remind_topic),
            dedupe_key: Some(&key),
            ..Default::default()
        };
        let text = words::reminder(&m.name, &b.body);
        reminded += usize::from(
            ctx.say_with(user, Outgoing::with_buttons(text, ack_buttons(b.id)), &delivery).await?.is_some(),
        );
    }
    Ok(if reminded > 0 { JobOutcome::Done } else { JobOutcome::NothingToDo })
}

pub use crate::domain::briefing_report::Report;

pub async fn report(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<Report>> {
    let Some(briefing) = store::briefings::latest_sent(conn, branch_id).await? else { return Ok(None) };
    let members = store::members::list(conn, branch_id).await?;
    let acked = store::briefings::acknowledged(conn, briefing.id).await?;
    let (mut delivered, mut waiting, mut failed, mut uncertain) = (0, 0, Vec::new(), Vec::new());
    for d in store::briefings::deliveries(conn, &topic(briefing.id)).await? {
        match d.state.as_str() {
            "sent" => delivered += 1,
            "pending" | "sending" => waiting += 1,
            state => {
                let who = members.iter().find(|m| m.telegram_user_id == Some(d.chat_id));
                let name = who.map_or_else(|| words::THE_GROUP.to_owned(), |m| m.name.clone());
                if state == "unknown" {
                    uncertain.push(name);
                } else {
                    failed.push((name, d.error.unwrap_or_else(|| d.state.clone())));
                }
            }
        }
    }
    let (yes, no): (Vec<_>, Vec<_>) = members.into_iter().partition(|m| acked.contains(&m.id));
    let (bound, unbound): (Vec<_>, Vec<_>) = no.into_iter().partition(|m| m.telegram_user_id.is_some());
    let names = |list: Vec<store::members::MemberRow>| list.into_iter().map(|m| m.name).collect();
    Ok(Some(Report {
        body: briefing.body,
        delivered,
        waiting,
        failed,
        uncertain,
        acknowledged: names(yes),
        not_acknowledged: names(bound),
        unbound: names(unbound),
    }))
}

/// The branch's briefings timed to go once and still waiting, for `/schedules`.
pub async fn timed(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<store::briefings::TimedBriefing>> {
    store::briefings::timed(conn, branch_id).await
}
