//! The integration suite, one binary: the real application against a fake Bot API and a real
//! database (SQLite by default; PostgreSQL with ZHIBU_TEST_BACKEND=postgres).

mod support;

mod admin_endpoints;
mod backup;
mod binary;
mod binding;
mod briefings;
mod cli;
mod crash;
mod dates;
mod delivery;
mod erasure;
mod fake_telegram_selftest;
mod faults;
mod flood;
mod instances;
mod layers;
mod meeting_dialogue;
mod meeting_records;
mod meeting_slips;
mod meeting_support;
mod meetings;
mod meetings_quarter;
mod meetings_year;
mod operator_logs;
mod packaging;
mod polling;
mod privacy;
mod quiet_hours;
mod restarts;
mod retention;
mod roll_batches;
mod roster;
mod schedule_cli;
mod scheduler_races;
mod shared_updates;
mod store;
mod study_reminders;
mod taps;
mod webhook;
mod words;
