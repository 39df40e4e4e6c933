//! What each kind of scheduled job does. A feature adds its kind to `domain::job_kind::JobKind`
//! and its arm here; each job runs inside the scheduler's transaction and queues its messages
//! through the `Ctx` it is given.

use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::meetings::{care, jobs as meeting_jobs, report};
use crate::app::{briefings, dates, schedules, theme_day};
use crate::domain::job_kind::JobKind;
use crate::store::StoreResult;
use crate::store::jobs::JobRow;

/// Runs one due job. Unknown kinds (from a newer version, say) are an error, kept for inspection.
pub async fn run(ctx: &mut Ctx<'_>, job: &JobRow) -> StoreResult<Result<JobOutcome, String>> {
    let Some(kind) = JobKind::parse(&job.kind) else {
        return Ok(Err(format!("unknown job kind `{}`", job.kind)));
    };
    match kind {
        JobKind::ScheduleStudy | JobKind::ScheduleBriefing => schedules::run_occurrence(ctx, job).await,
        JobKind::BriefingSend => briefings::send(ctx, job.ref_id, false).await.map(Ok),
        JobKind::BriefingRemind => briefings::remind(ctx, job.ref_id).await.map(Ok),
        JobKind::DatesDaily => dates::run_daily(ctx, job.ref_id, &job.payload).await,
        JobKind::MeetingRemind | JobKind::MeetingCheckIn => meeting_jobs::run(ctx, job, kind).await,
        JobKind::MeetingWarn => report::warn(ctx, job).await.map(Ok),
        JobKind::MeetingCare => care::run(ctx, job).await.map(Ok),
        JobKind::ThemeDayRemind => theme_day::remind(ctx, job).await,
    }
}
