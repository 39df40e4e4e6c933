//! How a scheduled job ended: a leaf of types that features return and the dispatcher in
//! `app/jobs.rs` reads, so neither imports the other.

/// How a job ended, when it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    Done,
    /// Nothing left to do (the meeting was cancelled, everyone answered already).
    NothingToDo,
}
