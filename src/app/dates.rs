//! Dates that come round, checked by one daily job per branch (`dates:{branch}:{date}`, run at
//! 09:00 in the branch's time zone): political-birthday greetings, the month's list for the
//! secretary on the 1st (with the month's 主题党日 when its day is set), 光荣在党50年, 换届
//! reminders before the committee's term ends, and — once a year from December 1 — the warning
//! that next year's public holidays are not in the calendar yet. It also keeps the next 主题党日
//! reminder scheduled (`app::theme_day`).

use crate::domain::audit_action::AuditAction;
use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::app::branches::{branch_tz, local};
use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::sending_window::send_time;
use crate::app::theme_day;
use crate::domain::Role;
use crate::domain::anniversaries::{
    DEFAULT_TERM_YEARS, GLORY_YEARS, birthday_this_month, parse_date, political_birthday, term_end,
    term_reminder_due,
};
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::job_kind::JobKind;
use crate::domain::outgoing::Outgoing;
use crate::store::jobs::NewJob;
use crate::store::outbox::Delivery;
use crate::store::{self, StoreResult};
use crate::texts::schedule as words;
use crate::texts::theme_day as theme_words;

fn at_local(tz: Tz, date: NaiveDate, h: u32) -> i64 {
    let time = NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&date.and_time(time)).earliest().map_or(0, |t| t.timestamp_millis())
}

/// The unique key of the branch's daily job on the day `now` falls on.
pub fn daily_key(branch_id: i64, tz: Tz, now: i64) -> String {
    format!("dates:{branch_id}:{}", local(now, tz).date_naive())
}

/// Today's job for the branch, once; it is stale after 20:00 (greetings never go a day late).
pub async fn materialise_daily(ctx: &mut Ctx<'_>, branch_id: i64, tz: Tz) -> StoreResult<usize> {
    let today = local(ctx.now, tz).date_naive();
    let key = daily_key(branch_id, tz, ctx.now);
    let payload = today.to_string();
    let job = NewJob {
        kind: JobKind::DatesDaily,
        ref_id: branch_id,
        run_at: at_local(tz, today, 9),
        stale_after: Some(at_local(tz, today, 20)),
        dedupe_key: &key,
        payload: &payload,
    };
    Ok(usize::from(ctx.schedule(&job).await?.is_some()))
}

pub async fn run_daily(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    day: &str,
) -> StoreResult<Result<JobOutcome, String>> {
    let Some(today) = parse_date(day) else { return Ok(Err(format!("bad date `{day}`"))) };
    let at = send_time(ctx.tx, branch_id, ctx.now, false).await?;
    let tz = branch_tz(ctx.tx, branch_id).await?;
    let on = words::on_day(today, local(at, tz).date_naive());
    let secretaries: Vec<i64> = store::roles::admins(ctx.tx, branch_id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == Role::Secretary)
        .map(|(user, _)| user)
        .collect();
    let mut said = 0;
    let mut month_list = Vec::new();
    for m in store::members::list(ctx.tx, branch_id).await? {
        let Some(joined) = m.joined_on.as_deref().and_then(parse_date) else { continue };
        if let Some((day, years)) = birthday_this_month(joined, today) {
            month_list.push(words::birthday_line(
                &m.name,
                day.month(),
                day.day(),
                years,
                years == GLORY_YEARS,
            ));
        }
        let Some(years) = political_birthday(joined, today) else { continue };
        if let Some(user) = m.telegram_user_id {
            let key = format!("birthday:{}:{}", m.id, today.year());
            said += say_once(ctx, user, words::political_birthday(&m.name, years, &on), at, &key).await?;
        }
        if years == GLORY_YEARS {
            for &s in &secretaries {
                let key = format!("glory:{}:{}:{s}", m.id, today.year());
                said += say_once(ctx, s, words::glory_fifty(&m.name, &on), at, &key).await?;
            }
        }
    }
    if today.day() == 1 && !month_list.is_empty() {
        let mut list = words::month_birthdays(today.month(), &month_list);
        if let Some(day) = theme_day::in_month_of(ctx.tx, branch_id, today).await? {
            list = format!("{list}\n{}", theme_words::birthdays_on(&theme_day::in_words(&day, today)));
        }
        for &s in &secretaries {
            let key = format!("birthdays:{branch_id}:{}-{}:{s}", today.year(), today.month());
            said += say_once(ctx, s, list.clone(), at, &key).await?;
        }
    }
    said += warn_missing_year(ctx, branch_id, today, &secretaries, at).await?;
    theme_day::schedule_reminder(ctx, branch_id).await?;
    let settings = store::schedules::settings(ctx.tx, branch_id).await?;
    if let Some(start) = settings.term_start.as_deref().and_then(parse_date) {
        let years = settings.term_years.unwrap_or(DEFAULT_TERM_YEARS);
        if let (Some(months), Some(end)) = (term_reminder_due(start, years, today), term_end(start, years)) {
            for &s in &secretaries {
                let key = format!("term:{branch_id}:{end}:{months}:{s}");
                said += say_once(ctx, s, words::term_ending(months, end), at, &key).await?;
            }
        }
    }
    Ok(Ok(if said > 0 { JobOutcome::Done } else { JobOutcome::NothingToDo }))
}

/// From December 1, while next year's public holidays are not in the calendar, tells the
/// secretaries once a year what that means for them (and the operator, in the log).
async fn warn_missing_year(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    today: NaiveDate,
    secretaries: &[i64],
    at: i64,
) -> StoreResult<usize> {
    let Some(year) = HolidayCalendar::china().missing_next_year(today) else { return Ok(0) };
    let mut said = 0;
    for &s in secretaries {
        let key = format!("calendar:{branch_id}:{year}:{s}");
        said += say_once(ctx, s, theme_words::missing_year_pushed(year), at, &key).await?;
    }
    if said > 0 {
        tracing::warn!(
            branch = branch_id,
            year,
            "the holiday calendar does not cover {year}: its public holidays will not be skipped; \
             add the State Council's notice to src/domain/holiday_calendar/china.txt and release \
             (the branch's secretaries were told)"
        );
    }
    Ok(said)
}

async fn say_once(ctx: &mut Ctx<'_>, chat: i64, text: String, at: i64, key: &str) -> StoreResult<usize> {
    let delivery = Delivery { not_before: Some(at), dedupe_key: Some(key), ..Default::default() };
    Ok(usize::from(ctx.say_with(chat, Outgoing::text(text), &delivery).await?.is_some()))
}

/// Sets the start (and optionally the length in years) of the committee's term.
pub async fn set_term(
    conn: &mut store::Conn,
    branch_id: i64,
    start: NaiveDate,
    years: Option<i64>,
    by: store::audit::Actor,
    now: i64,
) -> StoreResult<NaiveDate> {
    store::audit::record(conn, Some(branch_id), by, AuditAction::TermSet, &start.to_string(), now).await?;
    let mut settings = store::schedules::settings(conn, branch_id).await?;
    settings.term_start = Some(start.to_string());
    settings.term_years = Some(years.unwrap_or(settings.term_years.unwrap_or(DEFAULT_TERM_YEARS)));
    store::schedules::save_settings(conn, branch_id, &settings).await?;
    let years = settings.term_years.unwrap_or(DEFAULT_TERM_YEARS);
    Ok(term_end(start, years).unwrap_or(start))
}
