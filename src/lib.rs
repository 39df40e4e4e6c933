//! zhibu (支部): a Telegram bot that runs the organizational life of retired cadres' party
//! branches — study reminders, 三会一课 attendance and briefings.
//!
//! `domain` knows no chat platform; `store` is the database; `app` holds the use cases; `chat` is
//! the conversation (routing and handlers, platform-neutral); `telegram` is the one transport;
//! `texts` holds every sentence people read.

pub mod app;
pub mod chat;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod logging;
pub mod operations;
pub mod startup;
pub mod store;
pub mod telegram;
pub mod texts;
pub mod web;
