//! One module per feature, all of the same shape: `async fn on_…(ctx, …) -> StoreResult<()>`.

pub mod admin;
pub mod books;
pub mod briefing;
pub mod charts;
pub mod committee;
pub mod contact;
pub mod group;
pub mod handover;
pub mod health;
pub mod meeting;
pub mod meeting_answer;
pub mod meeting_close;
pub mod meeting_dialogue;
pub mod meeting_present;
pub mod meeting_words;
pub mod member;
pub mod member_edit;
pub mod receipt;
pub mod record;
pub mod record_files;
pub mod roster;
pub mod schedule;
pub mod settings;
pub mod start;
pub mod study;
pub mod words;
