//! Shared support code for the integration tests.
#![allow(dead_code)]
pub mod app;
pub mod binary;
pub mod branch;
pub mod db;
pub mod db_faults;
pub mod fake_telegram;
pub mod instance;
pub mod proxy;
pub mod shell;
pub mod snapshot;
