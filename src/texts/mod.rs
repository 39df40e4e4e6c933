//! Every sentence zhibu says to people, in one place, so the wording for old eyes can be read in
//! one sitting. Short sentences, one question per message, dates in words, always polite.

pub mod admin;
pub mod binding;
pub mod briefing;
pub mod cli;
pub mod commands;
pub mod common;
pub mod dashboard;
pub mod dates;
pub mod delivery;
pub mod meeting;
pub mod meeting_close;
pub mod meeting_record;
pub mod member;
pub mod operations;
pub mod record;
pub mod replies;
pub mod roll;
pub mod roster;
pub mod schedule;
pub mod study;
pub mod taps;
