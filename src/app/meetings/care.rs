//! Care, not punishment: members who went months without organizational life (no meeting
//! attended, no make-up study) are named privately to the branch's administrators at two and
//! three months — never in the group. Months count from the meetings' records, so only months a
//! member belonged to the branch (was expected) count.

use std::collections::BTreeMap;

use chrono::Months;

use super::report::start_ms;
use super::{branch_tz, entries, local};
use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::sending_window::say_in_window;
use crate::domain::job_kind::JobKind;
use crate::domain::meeting::{Period, months_missed, period_bounds};
use crate::store::jobs::{JobRow, NewJob};
use crate::store::{self, Conn, StoreResult};
use crate::texts::meeting_record as words;

/// How many complete months are looked at.
const LOOK_BACK: u32 = 6;

/// Members and their months missed in a row, up to the month before `now`'s.
pub async fn streaks(conn: &mut Conn, branch_id: i64, now: i64) -> StoreResult<Vec<(String, u32)>> {
    let tz = branch_tz(conn, branch_id).await?;
    let (this_month, _) = period_bounds(local(now, tz).date_naive(), Period::Month);
    let first = this_month.checked_sub_months(Months::new(LOOK_BACK)).expect("a month");
    // member id → (name, per month: None / Some(took part))
    let mut seen: BTreeMap<i64, (String, Vec<Option<bool>>)> = BTreeMap::new();
    for i in 0..LOOK_BACK as usize {
        let start = first.checked_add_months(Months::new(i as u32)).expect("a month");
        let end = start.checked_add_months(Months::new(1)).expect("a month");
        for m in
            store::meetings::closed_between(conn, branch_id, start_ms(start, tz), start_ms(end, tz)).await?
        {
            let (_, expected) = entries(conn, &m).await?;
            for e in expected {
                let months = &mut seen
                    .entry(e.member_id)
                    .or_insert_with(|| (e.name.clone(), vec![None; LOOK_BACK as usize]))
                    .1;
                let took_part = e.present.is_some() || e.makeup_on.is_some();
                months[i] = Some(months[i].unwrap_or(false) || took_part);
            }
        }
    }
    // Only members who belong today: nobody who died, moved away or was erased is named.
    let today = local(now, tz).date_naive();
    let changes = store::standing::status_changes(conn, branch_id).await?;
    let belonging: Vec<i64> = store::members::list(conn, branch_id)
        .await?
        .iter()
        .filter(|m| store::standing::standing_of(m, &changes).on(today).is_some())
        .map(|m| m.id)
        .collect();
    seen.retain(|id, _| belonging.contains(id));
    Ok(seen
        .into_values()
        .map(|(name, months)| (name, months_missed(&months)))
        .filter(|(_, n)| *n > 0)
        .collect())
}

/// Schedules the check on the first day of next month, 9 o'clock.
pub async fn schedule(ctx: &mut Ctx<'_>, branch_id: i64) -> StoreResult<()> {
    let tz = branch_tz(ctx.tx, branch_id).await?;
    let (_, next) = period_bounds(local(ctx.now, tz).date_naive(), Period::Month);
    let key = format!("meeting:care:{branch_id}:{next}");
    let job = NewJob {
        kind: JobKind::MeetingCare,
        ref_id: branch_id,
        run_at: start_ms(next, tz) + 9 * 3_600_000,
        stale_after: None,
        dedupe_key: &key,
        payload: "",
    };
    ctx.schedule(&job).await.map(drop)
}

/// Tells the administrators privately about members at two or three months, and schedules
/// next month's check.
pub async fn run(ctx: &mut Ctx<'_>, job: &JobRow) -> StoreResult<JobOutcome> {
    let branch_id = job.ref_id;
    schedule(ctx, branch_id).await?;
    let told: Vec<String> = streaks(ctx.tx, branch_id, ctx.now)
        .await?
        .into_iter()
        .filter(|(_, n)| (2..=3).contains(n))
        .map(|(name, n)| words::absent_months(&name, n))
        .collect();
    if told.is_empty() {
        return Ok(JobOutcome::NothingToDo);
    }
    let admins = super::committee_users(ctx.tx, branch_id).await?;
    say_in_window(ctx, branch_id, &admins, &told.join("\n")).await?;
    Ok(JobOutcome::Done)
}
