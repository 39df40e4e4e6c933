//! The compliance view (组织生活完成情况): per required kind, this month / quarter / year — done,
//! due with days left — and whether the last period closed without it; and the private warning
//! to the secretary before a period closes.

use chrono::{Days, NaiveDate, TimeZone};
use chrono_tz::Tz;

use super::{branch_tz, local};
use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::sending_window::say_in_window;
use crate::domain::job_kind::JobKind;
use crate::domain::meeting::{
    Attendees, MeetingKind, Obligation, PeriodStatus, Standing, obligations, period_bounds, period_status,
};
use crate::store::jobs::{JobRow, NewJob};
use crate::store::{self, Conn, StoreResult};
use crate::texts::meeting_record as words;

/// Days before a period closes when the secretary is warned.
fn warn_days(period: &str) -> u64 {
    match period {
        "month" => 7,
        "quarter" => 14,
        _ => 30,
    }
}

/// Midnight starting `day` in the branch's time zone, as unix milliseconds.
pub fn start_ms(day: NaiveDate, tz: Tz) -> i64 {
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .map(|t| t.timestamp_millis())
        .unwrap_or_default()
}

/// Closed meetings of a kind (and party group) in `[from, to)`.
pub async fn held(
    conn: &mut Conn,
    branch: i64,
    kind: MeetingKind,
    group: Option<&str>,
    from: i64,
    to: i64,
) -> StoreResult<u32> {
    let all = store::meetings::closed_between(conn, branch, from, to).await?;
    let n = all
        .iter()
        .filter(|m| m.kind() == kind && (group.is_none() || m.party_group.as_deref() == group))
        .count();
    Ok(n as u32)
}

/// One line per required kind (per party group for 党小组会): its status in the current period,
/// and a line when the last period closed without it.
pub async fn lines(conn: &mut Conn, branch_id: i64, now: i64) -> StoreResult<Vec<String>> {
    let tz = branch_tz(conn, branch_id).await?;
    let today = local(now, tz).date_naive();
    let rules = store::meetings::rules(conn, branch_id).await?;
    let groups = super::party_groups(conn, branch_id).await?;
    let mut out = Vec::new();
    for o in obligations(&rules, &groups, today) {
        let count = |(from, to): (NaiveDate, NaiveDate)| (start_ms(from, tz), start_ms(to, tz));
        let (from, to) = count(o.current);
        let held_now = held(conn, branch_id, o.kind, o.group.as_deref(), from, to).await?;
        let (from, to) = count(o.last);
        let held_last = held(conn, branch_id, o.kind, o.group.as_deref(), from, to).await?;
        out.extend(standing_lines(&o, o.judge(held_now, held_last, today)));
    }
    Ok(out)
}

/// The obligation's name as the report says it: 第一党小组党小组会, 支部党员大会 …
pub fn obligation_name(o: &Obligation) -> String {
    match &o.group {
        Some(g) => format!("{g}{}", o.kind.name_cn()),
        None => o.kind.name_cn().to_owned(),
    }
}

/// The report's lines for one judged obligation.
pub fn standing_lines(o: &Obligation, standing: Standing) -> Vec<String> {
    let name = obligation_name(o);
    let period = words::period_cn(o.period.code());
    let mut out = vec![match standing.now {
        PeriodStatus::Done { held } => words::status_done(period, &name, held),
        PeriodStatus::Due { days_left } => words::status_due(period, &name, days_left),
        PeriodStatus::Overdue => words::status_overdue(period, &name),
    }];
    if standing.last_overdue {
        out.push(words::status_overdue(words::last_period_cn(o.period.code()), &name));
    }
    out
}

/// The compliance view as one message.
pub async fn text(conn: &mut Conn, branch_id: i64, now: i64) -> StoreResult<String> {
    let branch = store::branches::get(conn, branch_id).await?.map(|b| b.name).unwrap_or_default();
    let tz = branch_tz(conn, branch_id).await?;
    let today = crate::texts::dates::full_date(&local(now, tz));
    let mut all = vec![words::report_header(&branch, &today)];
    all.extend(lines(conn, branch_id, now).await?);
    Ok(all.join("\n"))
}

/// Schedules the warning before each current period closes (once per kind and period).
pub async fn schedule_warnings(ctx: &mut Ctx<'_>, branch_id: i64) -> StoreResult<()> {
    super::care::schedule(ctx, branch_id).await?;
    let tz = branch_tz(ctx.tx, branch_id).await?;
    let today = local(ctx.now, tz).date_naive();
    for r in store::meetings::rules(ctx.tx, branch_id).await?.into_iter().filter(|r| r.required) {
        if r.attendees == Attendees::Group {
            continue;
        }
        let (start, end) = period_bounds(today, r.period);
        let Some(day) = end.checked_sub_days(Days::new(warn_days(r.period.code()))) else { continue };
        let at = start_ms(day, tz) + 9 * 3_600_000;
        let key = format!("meeting:warn:{branch_id}:{}:{start}", r.kind.code());
        let job = NewJob {
            kind: JobKind::MeetingWarn,
            ref_id: branch_id,
            run_at: at.max(ctx.now),
            stale_after: Some(start_ms(end, tz)),
            dedupe_key: &key,
            payload: r.kind.code(),
        };
        ctx.schedule(&job).await?;
    }
    Ok(())
}

/// Warns the branch's administrators privately when a required kind is still due.
pub async fn warn(ctx: &mut Ctx<'_>, job: &JobRow) -> StoreResult<JobOutcome> {
    let branch_id = job.ref_id;
    let Some(kind) = MeetingKind::from_code(&job.payload) else { return Ok(JobOutcome::NothingToDo) };
    let r = store::meetings::rules_of(ctx.tx, branch_id, kind).await?;
    let tz = branch_tz(ctx.tx, branch_id).await?;
    let today = local(ctx.now, tz).date_naive();
    let (start, end) = period_bounds(today, r.period);
    let count = held(ctx.tx, branch_id, kind, None, start_ms(start, tz), start_ms(end, tz)).await?;
    let PeriodStatus::Due { days_left } = period_status(count, r.per_period, today, end) else {
        return Ok(JobOutcome::NothingToDo);
    };
    let text = words::warning(words::period_cn(r.period.code()), kind.name_cn(), days_left);
    let admins = super::committee_users(ctx.tx, branch_id).await?;
    say_in_window(ctx, branch_id, &admins, &text).await?;
    Ok(JobOutcome::Done)
}
