//! Every sentence zhibu says to people, in one place, so the wording for old eyes can be read in
//! one sitting. Short sentences, one question per message, dates in words, always polite.

pub mod admin;
pub mod audit;
pub mod binding;
pub mod books;
pub mod briefing;
pub mod charts;
pub mod cli;
pub mod commands;
pub mod common;
pub mod dashboard;
pub mod dates;
pub mod delivery;
pub mod handover;
pub mod leave_for;
pub mod login_link;
pub mod meeting;
pub mod meeting_close;
pub mod meeting_record;
pub mod member;
pub mod member_ask;
pub mod member_edit;
pub mod operations;
pub mod privacy;
pub mod receipts;
pub mod record;
pub mod replies;
pub mod roll;
pub mod roster;
pub mod roster_chat;
pub mod schedule;
pub mod settings;
pub mod study;
pub mod taps;
