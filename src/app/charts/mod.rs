//! Charts in chat: the figures behind the /report and /study_status pictures, gathered from the
//! store, and drawn as PNG by `draw`. The figures are counts only; no name is drawn.

mod draw;

use chrono::{Datelike, NaiveDate};

use crate::app::meetings::report::{held, start_ms};
use crate::app::meetings::{self, branch_tz, export, local};
use crate::domain::meeting::{Attendees, MeetingKind, PeriodStatus, period_bounds, period_status};
use crate::store::{self, Conn, StoreResult};

/// At most this many meetings' attendance in the /report picture (the latest ones).
const MEETINGS_SHOWN: usize = 12;
/// At most this many study rounds in the /study_status picture (the latest ones).
const ROUNDS_SHOWN: i64 = 8;

/// A required kind's periods in the year since the branch came to zhibu (per party group for
/// 党小组会).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindYear {
    pub kind: MeetingKind,
    pub done: u32,
    /// The current period, not yet done.
    pub due: u32,
    /// Past periods that closed without it.
    pub overdue: u32,
    /// Periods still to come.
    pub upcoming: u32,
}

/// One closed meeting's attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingAttendance {
    pub month: u32,
    pub day: u32,
    pub kind: MeetingKind,
    pub present: usize,
    pub expected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportChart {
    pub year: i32,
    /// Today: (month, day).
    pub as_of: (u32, u32),
    pub kinds: Vec<KindYear>,
    /// Oldest first.
    pub meetings: Vec<MeetingAttendance>,
}

/// One study round: how many studied (of them, made up late) and how many not yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundBar {
    pub month: u32,
    pub day: u32,
    pub studied: usize,
    pub late: usize,
    pub missing: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyChart {
    /// Oldest first.
    pub rounds: Vec<RoundBar>,
}

/// The year's figures for the /report picture.
pub async fn report_chart(conn: &mut Conn, branch_id: i64, now: i64) -> StoreResult<ReportChart> {
    let tz = branch_tz(conn, branch_id).await?;
    let today = local(now, tz).date_naive();
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January");
    let next_year = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).expect("1 January");
    // Periods that were over before the branch came to zhibu have no record here: not overdue.
    let joined = match store::branches::get(conn, branch_id).await? {
        Some(b) => local(b.created_at, tz).date_naive(),
        None => year_start,
    };
    let groups = meetings::party_groups(conn, branch_id).await?;
    let mut kinds = Vec::new();
    for r in store::meetings::rules(conn, branch_id).await?.into_iter().filter(|r| r.required) {
        let targets: Vec<Option<&str>> = if r.attendees == Attendees::Group {
            groups.iter().map(|g| Some(g.as_str())).collect()
        } else {
            vec![None]
        };
        let mut k = KindYear { kind: r.kind, done: 0, due: 0, overdue: 0, upcoming: 0 };
        let mut start = year_start;
        while start < next_year {
            let (from, to) = period_bounds(start, r.period);
            start = to;
            if to <= joined {
                continue;
            }
            for group in &targets {
                if from > today {
                    k.upcoming += 1;
                    continue;
                }
                let count =
                    held(conn, branch_id, r.kind, *group, start_ms(from, tz), start_ms(to, tz)).await?;
                match period_status(count, r.per_period, today, to) {
                    PeriodStatus::Done { .. } => k.done += 1,
                    PeriodStatus::Due { .. } => k.due += 1,
                    PeriodStatus::Overdue => k.overdue += 1,
                }
            }
        }
        kinds.push(k);
    }
    let closed =
        store::meetings::closed_between(conn, branch_id, start_ms(year_start, tz), start_ms(next_year, tz))
            .await?;
    let mut shown = Vec::new();
    for m in closed.iter().rev().take(MEETINGS_SHOWN).rev() {
        let record = export::record(conn, m).await?;
        let day = local(m.starts_at, tz).date_naive();
        shown.push(MeetingAttendance {
            month: day.month(),
            day: day.day(),
            kind: m.kind(),
            present: record.tally.present.len(),
            expected: record.tally.expected_full + record.tally.expected_probationary,
        });
    }
    Ok(ReportChart { year: today.year(), as_of: (today.month(), today.day()), kinds, meetings: shown })
}

/// The latest study rounds' figures for the /study_status picture, counted against today's roster.
pub async fn study_chart(conn: &mut Conn, branch_id: i64) -> StoreResult<StudyChart> {
    let tz = branch_tz(conn, branch_id).await?;
    let members = store::members::list(conn, branch_id).await?;
    let mut rounds = Vec::new();
    for round in store::study::recent_rounds(conn, branch_id, ROUNDS_SHOWN).await?.into_iter().rev() {
        let records = store::study::records(conn, round.id).await?;
        let of_members: Vec<_> =
            records.iter().filter(|(id, _, _)| members.iter().any(|m| m.id == *id)).collect();
        let day = local(round.occurrence_at, tz).date_naive();
        rounds.push(RoundBar {
            month: day.month(),
            day: day.day(),
            studied: of_members.len(),
            late: of_members.iter().filter(|(_, _, late)| *late != 0).count(),
            missing: members.len() - of_members.len(),
        });
    }
    Ok(StudyChart { rounds })
}

/// The /report picture as PNG; `None` (logged) when it could not be drawn.
pub async fn report_picture(conn: &mut Conn, branch_id: i64, now: i64) -> StoreResult<Option<Vec<u8>>> {
    let chart = report_chart(conn, branch_id, now).await?;
    Ok(drawn(draw::report(&chart)))
}

/// The /study_status picture as PNG; `None` (logged) when it could not be drawn.
pub async fn study_picture(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<Vec<u8>>> {
    let chart = study_chart(conn, branch_id).await?;
    Ok(drawn(draw::study(&chart)))
}

fn drawn(result: Result<Vec<u8>, String>) -> Option<Vec<u8>> {
    result.map_err(|e| tracing::error!(error = %e, "drawing a chart failed")).ok()
}

#[cfg(test)]
mod tests;
