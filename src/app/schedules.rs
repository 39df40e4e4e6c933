//! Schedules: saving a confirmed one, materialising each occurrence as a scheduled job under its
//! unique key (`schedule:{id}:{unix}`). A 工作日 schedule fires on the branch's working days:
//! public holidays and its own days off are skipped, weekend days worked in exchange (调休) fire.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::{briefings, dates, sending_window, study};
use crate::domain::audit_action::AuditAction;
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::job_kind::JobKind;
use crate::domain::schedule_phrase::Recurrence;
use crate::domain::schedules::{ScheduleKind, is_workdays, occurrence_key, occurrences, workday_occurrences};
use crate::store::jobs::{JobRow, NewJob};
use crate::store::schedules::{NewSchedule, ScheduleRow};
use crate::store::{self, Store, StoreResult};

pub use crate::app::branches::{branch_tz, local, parse_tz};

/// What a confirmed schedule does and when: a validated cron, its Chinese summary, the material.
#[derive(Debug, Clone, Copy)]
pub struct Plan<'a> {
    pub kind: ScheduleKind,
    pub cron: &'a str,
    pub summary: &'a str,
    pub payload: &'a str,
    /// Urgent occurrences ignore quiet hours and holidays.
    pub urgent: bool,
}

impl<'a> Plan<'a> {
    pub fn new(kind: ScheduleKind, recurrence: &'a Recurrence, payload: &'a str) -> Plan<'a> {
        Plan { kind, cron: recurrence.cron(), summary: recurrence.summary(), payload, urgent: false }
    }
}

/// Saves a confirmed schedule in the branch's time zone and materialises its first occurrence.
pub async fn create(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    plan: &Plan<'_>,
    created_by: Option<i64>,
) -> StoreResult<i64> {
    let tz = branch_tz(ctx.tx, branch_id).await?;
    let new = NewSchedule {
        branch_id,
        kind: plan.kind.code(),
        cron: plan.cron,
        summary: plan.summary,
        timezone: tz.name(),
        payload: plan.payload,
        urgent: plan.urgent,
        created_by,
    };
    let id = store::schedules::insert(ctx.tx, &new, ctx.now).await?;
    let detail = format!("#{id} {} {}", plan.cron, plan.payload);
    let actor = created_by.map_or(store::audit::Actor::Cli, store::audit::Actor::Telegram);
    store::audit::record(ctx.tx, Some(branch_id), actor, AuditAction::ScheduleCreate, &detail, ctx.now)
        .await?;
    if let Some(row) = store::schedules::get(ctx.tx, id).await? {
        materialise_one(ctx, &row).await?;
    }
    Ok(id)
}

/// Stops a schedule and cancels its pending occurrence; false when it was not active.
pub async fn stop(ctx: &mut Ctx<'_>, branch_id: i64, schedule_id: i64, by: i64) -> StoreResult<bool> {
    if !store::schedules::stop(ctx.tx, schedule_id, branch_id).await? {
        return Ok(false);
    }
    for kind in [JobKind::ScheduleStudy, JobKind::ScheduleBriefing] {
        store::jobs::cancel(ctx.tx, kind.code(), schedule_id, ctx.now).await?;
    }
    let actor = store::audit::Actor::Telegram(by);
    store::audit::record(
        ctx.tx,
        Some(branch_id),
        actor,
        AuditAction::ScheduleStop,
        &format!("#{schedule_id}"),
        ctx.now,
    )
    .await?;
    Ok(true)
}

/// Schedules the latest due occurrence (if any) and the next one as jobs; each exists once
/// under its unique key however often this runs, on however many instances.
pub async fn materialise_one(ctx: &mut Ctx<'_>, s: &ScheduleRow) -> StoreResult<usize> {
    let (Some(kind), Ok(recurrence)) = (ScheduleKind::from_code(&s.kind), Recurrence::from_cron(&s.cron))
    else {
        return Ok(0);
    };
    let tz = parse_tz(&s.timezone);
    let from = local(s.last_occurrence.unwrap_or(s.created_at), tz);
    let now = local(ctx.now, tz);
    let found = if is_workdays(&recurrence) {
        // 工作日: public holidays and the branch's days off are skipped, 调休 weekend days fire.
        let off = sending_window::window(ctx.tx, s.branch_id).await?.holidays;
        let working = |d| HolidayCalendar::china().is_working_day(d, &off);
        workday_occurrences(&recurrence, from, now, working)
            .unwrap_or_else(|| occurrences(&recurrence, from, now))
    } else {
        occurrences(&recurrence, from, now)
    };
    let Some(last) = found.next.or(found.due) else { return Ok(0) };
    if !store::schedules::advance(ctx.tx, s.id, s.last_occurrence, last.timestamp_millis()).await? {
        return Ok(0);
    }
    let mut made = 0;
    for at in [found.due, found.next].into_iter().flatten() {
        let key = occurrence_key(s.id, at);
        let occurrence = at.timestamp_millis();
        let payload = occurrence.to_string();
        let job = NewJob {
            kind: kind.job_kind(),
            ref_id: s.id,
            run_at: occurrence,
            stale_after: kind.stale_after(occurrence),
            dedupe_key: &key,
            payload: &payload,
        };
        made += usize::from(ctx.schedule(&job).await?.is_some());
    }
    Ok(made)
}

const MATERIALISE_BATCH: usize = 200;

/// One scheduler pass over every schedule (and every branch's daily dates job), each in its own
/// transaction; returns how many jobs were scheduled.
pub async fn materialise(store: &Store, bot_username: &str, now: i64) -> StoreResult<usize> {
    let due = {
        let mut conn = store.conn().await?;
        store::schedules::to_materialise(&mut conn, now).await?
    };
    // Only branches whose daily job for today is missing take the write lock.
    let branches = {
        let mut conn = store.conn().await?;
        let mut missing = Vec::new();
        for branch in store::branches::list(&mut conn).await? {
            let tz = parse_tz(&branch.timezone);
            if !store::schedules::job_exists(&mut conn, &dates::daily_key(branch.id, tz, now)).await? {
                missing.push((branch.id, tz));
            }
        }
        missing
    };
    let mut made = 0;
    // Many schedules per transaction: each claims its occurrence by compare-and-set, so a batch
    // is as safe against a second instance as one schedule at a time, with far fewer flushes.
    for chunk in due.chunks(MATERIALISE_BATCH) {
        let mut tx = store.begin_write().await?;
        let mut ctx = Ctx::for_job(&mut tx, now, bot_username);
        for s in chunk {
            made += materialise_one(&mut ctx, s).await?;
        }
        tx.commit().await?;
    }
    for (branch, tz) in branches {
        let mut tx = store.begin_write().await?;
        let mut ctx = Ctx::for_job(&mut tx, now, bot_username);
        made += dates::materialise_daily(&mut ctx, branch, tz).await?;
        tx.commit().await?;
    }
    Ok(made)
}

/// Runs one occurrence of a schedule: its deliveries are written in the job's transaction.
pub async fn run_occurrence(ctx: &mut Ctx<'_>, job: &JobRow) -> StoreResult<Result<JobOutcome, String>> {
    let Some(s) = store::schedules::get(ctx.tx, job.ref_id).await? else {
        return Ok(Ok(JobOutcome::NothingToDo));
    };
    if s.active == 0 {
        return Ok(Ok(JobOutcome::NothingToDo));
    }
    let Ok(occurrence) = job.payload.parse::<i64>() else {
        return Ok(Err(format!("bad occurrence `{}`", job.payload)));
    };
    match ScheduleKind::from_code(&s.kind) {
        Some(ScheduleKind::Study) => study::run_occurrence(ctx, &s, occurrence).await.map(Ok),
        Some(ScheduleKind::Briefing) => {
            let id = store::briefings::insert(
                ctx.tx,
                s.branch_id,
                &s.payload,
                Some(s.id),
                crate::domain::schedules::BRIEFING_REMIND_AFTER_HOURS,
                None,
                ctx.now,
            )
            .await?;
            briefings::send(ctx, id, s.urgent != 0).await.map(Ok)
        }
        None => Ok(Err(format!("unknown schedule kind `{}`", s.kind))),
    }
}

/// The next `n` times a recurrence fires for the branch after `now` — a 工作日 one on the
/// branch's working days only — for the preview of `/remind`.
pub async fn next_times(
    conn: &mut store::Conn,
    branch_id: i64,
    recurrence: &Recurrence,
    now: DateTime<Tz>,
    n: usize,
) -> StoreResult<Vec<DateTime<Tz>>> {
    if !is_workdays(recurrence) {
        return Ok(recurrence.upcoming(now, n));
    }
    let off = sending_window::window(conn, branch_id).await?.holidays;
    let working = |d| HolidayCalendar::china().is_working_day(d, &off);
    let mut times: Vec<DateTime<Tz>> = Vec::new();
    while times.len() < n {
        let after = times.last().copied().unwrap_or(now);
        let Some(next) = workday_occurrences(recurrence, after, after, working).and_then(|o| o.next) else {
            break;
        };
        times.push(next);
    }
    Ok(times)
}

/// The branch's active schedules, for `/schedules`.
pub async fn active(conn: &mut store::Conn, branch_id: i64) -> StoreResult<Vec<ScheduleRow>> {
    store::schedules::active(conn, branch_id).await
}
