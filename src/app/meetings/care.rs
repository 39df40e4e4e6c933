//! Care, not punishment: members who went months without organizational life (no meeting
//! attended, no make-up study) are named privately to the branch's administrators at two and
//! three months — never in the group. Months count from the meetings' records, so only months a
//! member belonged to the branch (was expected) count. Make-up recorded by the secretary
//! (`/makeup`) counts as taking part; each name comes with 【已走访】, and once a 走访慰问 visit
//! is recorded the member is not named again for the same stretch of months.

use std::collections::BTreeMap;

use chrono::Months;

use super::report::start_ms;
use super::{branch_tz, entries, local};
use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::sending_window::say_message_in_window;
use crate::domain::action::Action;
use crate::domain::job_kind::JobKind;
use crate::domain::meeting::{Period, months_missed, period_bounds};
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::jobs::{JobRow, NewJob};
use crate::store::{self, Conn, StoreResult};
use crate::texts::meeting_record as words;

/// How many complete months are looked at.
const LOOK_BACK: u32 = 6;

/// A member's run of months without organizational life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streak {
    pub member_id: i64,
    pub name: String,
    pub months: u32,
    /// The first day of the run: the month after the member last took part (or the first
    /// month looked at).
    pub since: chrono::NaiveDate,
}

/// Members and their months missed in a row, up to the month before `now`'s.
pub async fn streaks(conn: &mut Conn, branch_id: i64, now: i64) -> StoreResult<Vec<Streak>> {
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
        .into_iter()
        .map(|(member_id, (name, months))| {
            let last_part = months.iter().rposition(|m| *m == Some(true)).map_or(0, |i| i as u32 + 1);
            let since = first.checked_add_months(Months::new(last_part)).expect("a month");
            Streak { member_id, name, months: months_missed(&months), since }
        })
        .filter(|s| s.months > 0)
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

/// Tells the administrators privately about members at two or three months who were not
/// visited since their run began (with 【已走访】 under each name), and schedules next month's
/// check.
pub async fn run(ctx: &mut Ctx<'_>, job: &JobRow) -> StoreResult<JobOutcome> {
    let branch_id = job.ref_id;
    schedule(ctx, branch_id).await?;
    let mut told = Vec::new();
    for s in streaks(ctx.tx, branch_id, ctx.now).await? {
        if (2..=3).contains(&s.months) && !visited_since(ctx.tx, s.member_id, s.since).await? {
            told.push(s);
        }
    }
    if told.is_empty() {
        return Ok(JobOutcome::NothingToDo);
    }
    let text: Vec<String> = told.iter().map(|s| words::absent_months(&s.name, s.months)).collect();
    let rows = told
        .iter()
        .map(|s| {
            vec![InlineButton::new(words::visited_button(&s.name), Action::Visited(s.member_id).encode())]
        })
        .collect();
    let message = Outgoing::with_buttons(text.join("\n"), Buttons::Inline { rows });
    let admins = super::committee_users(ctx.tx, branch_id).await?;
    say_message_in_window(ctx, branch_id, &admins, &message).await?;
    Ok(JobOutcome::Done)
}

/// Whether a 走访慰问 visit was recorded on or after `since`.
async fn visited_since(conn: &mut Conn, member_id: i64, since: chrono::NaiveDate) -> StoreResult<bool> {
    let since = since.to_string();
    Ok(store::visits::of_member(conn, member_id).await?.iter().any(|v| v.visited_on >= since))
}
