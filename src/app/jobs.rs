//! What each kind of scheduled job does. A feature adds its kinds here; each job runs inside the
//! scheduler's transaction and queues its messages through the `Ctx` it is given.

use crate::app::context::Ctx;
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
    Ok(Err(format!("unknown job kind `{}`", job.kind)))
}
