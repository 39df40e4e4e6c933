//! One module per feature, all of the same shape: `async fn on_…(ctx, …) -> StoreResult<()>`.

pub mod admin;
pub mod briefing;
pub mod contact;
pub mod group;
pub mod health;
pub mod leave_for;
pub mod meeting;
pub mod meeting_answer;
pub mod meeting_close;
pub mod meeting_dialogue;
pub mod meeting_present;
pub mod member;
pub mod member_asks;
pub mod privacy;
pub mod record;
pub mod schedule;
pub mod start;
pub mod study;
pub mod words;
