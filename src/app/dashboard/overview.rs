//! The overview (总览): attendance and study by month, briefings' delivery and 收到 rates,
//! members Telegram cannot reach, 换届 due within six months, branches quiet for 30 days.

use chrono::{Datelike, Months, NaiveDate};
use chrono_tz::Tz;

use crate::app::branches::local;
use crate::app::meetings::report::start_ms;
use crate::domain::anniversaries::{DEFAULT_TERM_YEARS, parse_date, term_end};
use crate::store::dashboard::Scope;
use crate::store::dashboard_overview as figures;
use crate::store::{Conn, StoreResult};

/// Months shown in the trends.
pub const TREND_MONTHS: u32 = 12;
/// A branch with nothing for this many days is inactive.
pub const INACTIVE_DAYS: i64 = 30;

#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub branches: usize,
    /// (first day of the month, expected, present) oldest first.
    pub attendance: Vec<(NaiveDate, i64, i64)>,
    /// (first day of the month, rounds, members who studied)
    pub study: Vec<(NaiveDate, i64, i64)>,
    /// Members: (active, bound, refused by Telegram)
    pub reach: (i64, i64, i64),
    /// (branch, name, members without a way on Telegram)
    pub unreachable: Vec<(i64, String, i64)>,
    /// Briefings of the last 30 days: (briefings, deliveries sent, deliveries, acknowledgements, members)
    pub briefings: (i64, i64, i64, i64, i64),
    /// (branch, name, the day the committee's term ends)
    pub terms_ending: Vec<(i64, String, NaiveDate)>,
    /// (branch, name)
    pub inactive: Vec<(i64, String)>,
}

/// The last `TREND_MONTHS` months up to the one holding `today`, as (first day, [from, to) ms).
fn months(today: NaiveDate, tz: Tz) -> Vec<(NaiveDate, (i64, i64))> {
    let this = today.with_day(1).expect("first of the month");
    (0..TREND_MONTHS)
        .rev()
        .filter_map(|back| {
            let first = this.checked_sub_months(Months::new(back))?;
            let next = first.checked_add_months(Months::new(1))?;
            Some((first, (start_ms(first, tz), start_ms(next, tz))))
        })
        .collect()
}

fn by_month(months: &[(NaiveDate, (i64, i64))], rows: Vec<(i64, i64, i64)>) -> Vec<(NaiveDate, i64, i64)> {
    months
        .iter()
        .enumerate()
        .map(|(i, (first, _))| {
            let row = rows.iter().find(|r| r.0 == i as i64);
            (*first, row.map_or(0, |r| r.1), row.map_or(0, |r| r.2))
        })
        .collect()
}

/// The overview of the branches in scope at `now`, months counted in `tz`.
pub async fn overview(conn: &mut Conn, scope: Scope<'_>, now: i64, tz: Tz) -> StoreResult<Overview> {
    let today = local(now, tz).date_naive();
    let months = months(today, tz);
    let windows: Vec<(i64, i64)> = months.iter().map(|m| m.1).collect();
    let attendance = by_month(&months, figures::attendance(conn, scope, &windows).await?);
    let study = by_month(&months, figures::study(conn, scope, &windows).await?);
    let horizon = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let mut terms_ending: Vec<(i64, String, NaiveDate)> = figures::terms(conn, scope)
        .await?
        .into_iter()
        .filter_map(|(id, name, start, years)| {
            let end = term_end(parse_date(&start)?, years.unwrap_or(DEFAULT_TERM_YEARS))?;
            (end >= today && end <= horizon).then_some((id, name, end))
        })
        .collect();
    terms_ending.sort_by_key(|t| t.2);
    let month_ago = now - INACTIVE_DAYS * 86_400_000;
    Ok(Overview {
        branches: crate::store::dashboard::branches(conn, scope).await?.len(),
        attendance,
        study,
        reach: figures::reach(conn, scope).await?,
        unreachable: figures::unreachable_by_branch(conn, scope, 20).await?,
        briefings: figures::briefings_since(conn, scope, month_ago).await?,
        terms_ending,
        inactive: figures::inactive_since(conn, scope, month_ago).await?,
    })
}
