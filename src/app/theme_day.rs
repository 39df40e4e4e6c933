//! The fixed day of 主题党日: set in words by the secretary (`/themeday 每月第一个星期五`),
//! moved off public holidays (`domain::theme_day`), and recalled privately to the secretaries
//! [`REMIND_DAYS_BEFORE`] days before, with 【发通知】 that starts the meeting draft on that date.
//!
//! One reminder job per branch and theme day, keyed `theme_day:{branch}:{date}`, so restarts and
//! a second instance never send two. It is scheduled when the day is set and again by the
//! branch's daily job (`app::dates`), so a chain broken by downtime mends itself the next day. A
//! job whose date no longer is the branch's theme day (the rule changed) does nothing.

use crate::domain::audit_action::AuditAction;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone};

use crate::app::branches::{branch_tz, local};
use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::sending_window::{self, send_time};
use crate::domain::action::Action;
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::job_kind::JobKind;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::theme_day::{Days, ThemeDate, ThemeDay};
use crate::store::jobs::{JobRow, NewJob};
use crate::store::outbox::Delivery;
use crate::store::{self, Conn, StoreResult, audit::Actor};
use crate::texts::theme_day as words;

/// How many days before the theme day the secretary is reminded.
pub const REMIND_DAYS_BEFORE: i64 = 3;
/// The hour (branch time) of the reminder; quiet hours and days off may hold it later.
const REMIND_HOUR: u32 = 9;

/// The branch's rule, if one is set.
pub async fn rule(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<ThemeDay>> {
    Ok(store::schedules::theme_day(conn, branch_id).await?.as_deref().and_then(ThemeDay::from_spec))
}

/// A theme day in words, with the holiday it moved off: 10月8日（星期四，10月2日是国庆节假期，改到这天）.
pub fn in_words(date: &ThemeDate, today: NaiveDate) -> String {
    words::date_in_words(date, HolidayCalendar::china().name(date.planned), today)
}

/// The next `n` theme days held on or after `from` under `rule`, for the branch's days off.
pub async fn upcoming(
    conn: &mut Conn,
    branch_id: i64,
    rule: ThemeDay,
    from: NaiveDate,
    n: usize,
) -> StoreResult<Vec<ThemeDate>> {
    let off = sending_window::window(conn, branch_id).await?.holidays;
    Ok(Days { off: &off, calendar: HolidayCalendar::china() }.upcoming(rule, from, n))
}

/// The branch's theme day in the month of `day`, when a rule is set.
pub async fn in_month_of(conn: &mut Conn, branch_id: i64, day: NaiveDate) -> StoreResult<Option<ThemeDate>> {
    let Some(rule) = rule(conn, branch_id).await? else { return Ok(None) };
    let off = sending_window::window(conn, branch_id).await?.holidays;
    Ok(Days { off: &off, calendar: HolidayCalendar::china() }.in_month(rule, day.year(), day.month()))
}

/// The branch's theme day held on `day`, if `day` is one (under the rule as it is now).
pub async fn held_on(conn: &mut Conn, branch_id: i64, day: NaiveDate) -> StoreResult<Option<ThemeDate>> {
    let Some(rule) = rule(conn, branch_id).await? else { return Ok(None) };
    Ok(upcoming(conn, branch_id, rule, day, 1).await?.into_iter().find(|t| t.held == day))
}

/// Sets the branch's rule (audited), schedules the next reminder, and returns the next three
/// theme days from today.
pub async fn set(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    rule: ThemeDay,
    by: Actor,
) -> StoreResult<Vec<ThemeDate>> {
    let spec = rule.to_spec();
    store::schedules::save_theme_day(ctx.tx, branch_id, &spec).await?;
    store::audit::record(ctx.tx, Some(branch_id), by, AuditAction::SettingsThemeDay, &spec, ctx.now).await?;
    schedule_reminder(ctx, branch_id).await?;
    let today = local(ctx.now, branch_tz(ctx.tx, branch_id).await?).date_naive();
    upcoming(ctx.tx, branch_id, rule, today, 3).await
}

/// Schedules the reminder of the next theme day after today (at once when its time has passed
/// already); nothing when no rule is set or the job exists.
pub async fn schedule_reminder(ctx: &mut Ctx<'_>, branch_id: i64) -> StoreResult<()> {
    let Some(rule) = rule(ctx.tx, branch_id).await? else { return Ok(()) };
    let tz = branch_tz(ctx.tx, branch_id).await?;
    let today = local(ctx.now, tz).date_naive();
    let Some(tomorrow) = today.succ_opt() else { return Ok(()) };
    let Some(next) = upcoming(ctx.tx, branch_id, rule, tomorrow, 1).await?.pop() else { return Ok(()) };
    let at = |day: NaiveDate, hour: u32| {
        let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default();
        tz.from_local_datetime(&day.and_time(time)).earliest().map_or(0, |t| t.timestamp_millis())
    };
    let remind_on = next.held - Duration::days(REMIND_DAYS_BEFORE);
    let key = format!("theme_day:{branch_id}:{}", next.held);
    let payload = next.held.to_string();
    let job = NewJob {
        kind: JobKind::ThemeDayRemind,
        ref_id: branch_id,
        run_at: at(remind_on, REMIND_HOUR).max(ctx.now),
        stale_after: Some(at(next.held, 0)),
        dedupe_key: &key,
        payload: &payload,
    };
    ctx.schedule(&job).await.map(drop)
}

/// Reminds the secretaries privately, with 【发通知】, when the job's date still is the branch's
/// theme day.
pub async fn remind(ctx: &mut Ctx<'_>, job: &JobRow) -> StoreResult<Result<JobOutcome, String>> {
    let branch_id = job.ref_id;
    let Ok(day) = NaiveDate::parse_from_str(&job.payload, "%Y-%m-%d") else {
        return Ok(Err(format!("bad date `{}`", job.payload)));
    };
    let Some(current) = held_on(ctx.tx, branch_id, day).await? else {
        schedule_reminder(ctx, branch_id).await?;
        return Ok(Ok(JobOutcome::NothingToDo));
    };
    let today = local(ctx.now, branch_tz(ctx.tx, branch_id).await?).date_naive();
    let text = words::reminder(current.planned.month(), &in_words(&current, today));
    let action = Action::ThemeDayMeeting { branch_id, date: day };
    let button = InlineButton::new(words::NOTICE_BUTTON, action.encode());
    let message = Outgoing::with_buttons(text, Buttons::Inline { rows: vec![vec![button]] });
    let at = send_time(ctx.tx, branch_id, ctx.now, false).await?;
    let delivery = Delivery { not_before: Some(at), ..Delivery::default() };
    let secretaries = crate::app::meetings::secretaries(ctx.tx, branch_id).await?;
    for chat in &secretaries {
        ctx.say_with(*chat, message.clone(), &delivery).await?;
    }
    Ok(Ok(if secretaries.is_empty() { JobOutcome::NothingToDo } else { JobOutcome::Done }))
}
