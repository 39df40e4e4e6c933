//! Use cases: what a secretary, a member or the operator can do, over the store and the domain.
//! Each returns a typed outcome; the adapters (CLI, Telegram) decide how to say it.

pub mod admin;
pub mod binding;
pub mod branches;
pub mod briefings;
pub mod context;
pub mod dashboard;
pub mod dates;
pub mod districts;
pub mod erasure;
pub mod health;
pub mod job_outcome;
pub mod jobs;
pub mod leadership;
pub mod meetings;
pub mod office;
pub mod reachability;
pub mod replies;
pub mod roster_import;
pub mod scheduler;
pub mod schedules;
pub mod sending_window;
pub mod standing;
pub mod study;
pub mod taps;

/// How a name given in a secretary's command resolved to a member of the branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberLookup {
    Found(Box<crate::store::members::MemberRow>),
    NotFound,
    /// More than one member matches: the hints tell them apart (phone tail, birth year).
    Ambiguous(Vec<String>),
}
