//! Use cases: what a secretary, a member or the operator can do, over the store and the domain.
//! Each returns a typed outcome; the adapters (CLI, Telegram) decide how to say it.

pub mod admin;
pub mod audit_log;
pub mod batch;
pub mod binding;
pub mod branch_settings;
pub mod branches;
pub mod briefings;
pub mod charts;
pub mod committee;
pub mod context;
pub mod dashboard;
pub mod dates;
pub mod districts;
pub mod drafts;
pub mod erasure;
pub mod handover;
pub mod health;
pub mod inbox;
pub mod job_outcome;
pub mod jobs;
pub mod known;
pub mod leadership;
pub mod leave_for;
pub mod makeup_for;
pub mod meetings;
pub mod member_asks;
pub mod member_edit;
pub mod membership;
pub mod office;
pub mod office_link;
pub mod people;
pub mod privacy;
pub mod reachability;
pub mod receipts;
pub mod replies;
pub mod roster_import;
pub mod roster_upload;
pub mod said;
pub mod scheduler;
pub mod schedules;
pub mod sending_window;
pub mod standing;
pub mod study;
pub mod taps;
pub mod theme_day;
pub mod visits;
pub mod waiting_lines;

/// How a name given in a secretary's command resolved to a member of the branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberLookup {
    Found(Box<crate::store::members::MemberRow>),
    NotFound,
    /// More than one member matches: the hints tell them apart (phone tail, birth year).
    Ambiguous(Vec<String>),
}
