//! What each kind of scheduled job does. A feature adds its kinds here; each job runs inside the
//! scheduler's transaction and queues its messages through the `Ctx` it is given.

use crate::app::context::Ctx;
use crate::app::{briefings, dates, schedules};
use crate::store::StoreResult;
use crate::store::jobs::JobRow;

/// How a job ended, when it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    Done,
    /// Nothing left to do (the meeting was cancelled, everyone answered already).
    NothingToDo,
}

/// Runs one due job. Unknown kinds (from a newer version, say) are an error, kept for inspection.
pub async fn run(ctx: &mut Ctx<'_>, job: &JobRow) -> StoreResult<Result<JobOutcome, String>> {
    if job.kind.starts_with("meeting.") {
        return crate::app::meetings::jobs::run(ctx, job).await;
    }
    match job.kind.as_str() {
        "schedule.study" | "schedule.briefing" => schedules::run_occurrence(ctx, job).await,
        briefings::SEND_JOB => briefings::send(ctx, job.ref_id, false).await.map(Ok),
        briefings::REMIND_JOB => briefings::remind(ctx, job.ref_id).await.map(Ok),
        dates::DAILY_JOB => dates::run_daily(ctx, job.ref_id, &job.payload).await,
        _ => Ok(Err(format!("unknown job kind `{}`", job.kind))),
    }
}
