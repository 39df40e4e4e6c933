//! Logs an operator can read: no colour codes when stderr is a file, one JSON object per line
//! with `ZHIBU_LOG_FORMAT=json`, every line of an update or a send carrying its id, and never
//! the token.

use std::time::Duration;

use serde_json::Value;

use super::support;
use support::binary::{start_bot_logging, terminate};
use support::db::TestDb;
use support::fake_telegram::FakeTelegram;
use support::shell::zhibu as cli;

/// Runs the real binary, has a secretary bind by code, stops it; returns its log.
async fn log_of_a_binding(format: &str) -> String {
    let db = TestDb::new().await;
    let added = cli(&db, &["branch", "add", "第一党支部"]);
    let out = String::from_utf8_lossy(&added.stdout).into_owned();
    let code = out.split("/start ").nth(1).and_then(|s| s.split_whitespace().next()).expect("a code");
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("zhibu.log");
    let env = [("ZHIBU_LOG_FORMAT", format), ("RUST_LOG", "zhibu=debug")];
    let bot = start_bot_logging(&fake, &db, &env, &log);
    fake.push_message(fake.private_text(9101, "王建国", &format!("/start {code}")));
    let replied = fake
        .wait_for_call(|c| c.method == "sendmessage" && c.chat_id() == Some(9101), Duration::from_secs(15))
        .await;
    assert!(replied.is_some(), "the secretary gets an answer");
    assert!(terminate(bot).success());
    db.cleanup().await;
    std::fs::read_to_string(&log).unwrap()
}

fn spans_named<'a>(line: &'a Value, name: &str) -> Vec<&'a Value> {
    let spans = line["spans"].as_array().map(Vec::as_slice).unwrap_or_default();
    spans.iter().filter(|s| s["name"] == name).collect()
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_with_the_update_and_send_ids_and_no_token() {
    let log = log_of_a_binding("json").await;
    let secret = FakeTelegram::TOKEN.split(':').nth(1).unwrap();
    assert!(!log.contains(secret), "the token never appears: {log}");
    assert!(!log.contains('\u{1b}'), "no colour codes: {log}");
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON object ({e}): {l}")))
        .collect();
    assert!(lines.iter().all(|l| l["level"].is_string() && l["fields"]["message"].is_string()));
    let update = lines.iter().flat_map(|l| spans_named(l, "update")).next().expect("an update span");
    assert!(update["update_id"].as_i64().is_some(), "{update}");
    let mut sends = lines.iter().flat_map(|l| spans_named(l, "send"));
    let send = sends.find(|s| s["chat_id"] == 9101).expect("a send span for the secretary's answer");
    assert!(send["outbox_id"].as_i64().is_some(), "{send}");
}

#[tokio::test]
async fn text_logs_written_to_a_file_carry_no_colour_codes_and_name_the_update() {
    let log = log_of_a_binding("text").await;
    assert!(log.contains("connected to the Bot API"), "{log}");
    assert!(!log.contains('\u{1b}'), "no colour codes when stderr is not a terminal: {log}");
    assert!(log.lines().any(|l| l.contains("update{update_id=")), "{log}");
    assert!(!log.contains(FakeTelegram::TOKEN.split(':').nth(1).unwrap()));
}
