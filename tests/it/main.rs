//! The integration suite, one binary: the real application against a fake Bot API and a real
//! database (SQLite by default; PostgreSQL with ZHIBU_TEST_BACKEND=postgres).

mod support;

mod binding;
mod cli;
mod crash;
mod fake_telegram_selftest;
mod meeting_dialogue;
mod meeting_support;
mod meetings;
mod meetings_quarter;
mod roster;
mod shared_updates;
