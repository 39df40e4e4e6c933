//! A fault is survived: a write that fails mid-transaction (the database rolled it back itself, as
//! SQLite does on a full disk or an I/O error) must not leave a pooled connection stuck in a
//! transaction for good. Once the fault is gone, the bot stores and answers again.

use super::meeting_support::*;
use super::support;

use std::time::Duration;

use support::app::TestApp;
use support::branch::quiesce;
use support::db_faults::fail_writes;

#[tokio::test]
async fn writes_that_failed_mid_transaction_leave_no_connection_stuck_and_the_bot_answers_again() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    quiesce(&app).await;
    // Every new outbox row fails its transaction until healed.
    let fault = fail_writes(&app.store, "injected_fault", "INSERT", "outbox", None).await;
    // Several members write while every write fails; the processor keeps trying.
    let names = ["刘玉兰", "陈志强", "杨桂芝", "黄国庆", "周淑珍", "胡桂兰"];
    for name in names {
        app.fake.push_message(app.fake.private_text(user(name), name, "/help"));
    }
    support::branch::wait_for_scalar(&app, "SELECT COUNT(*) FROM inbox WHERE state = 'pending'", 6).await;
    // Let the failing writes come round a few times (each leaves a connection as the fault left it).
    tokio::time::sleep(Duration::from_secs(3)).await;
    fault.heal(&app.store).await;
    // The fault is gone: every member who wrote meanwhile hears back — their answer, or, for an
    // update given up on during the fault, the apology asking them to send it again — and the
    // next words are answered as usual.
    let name = "李秀英";
    app.fake.push_message(app.fake.private_text(user(name), name, "/help"));
    let sorry = zhibu::texts::common::SORRY_INTERNAL;
    let heard = |f: &support::fake_telegram::FakeTelegram, name: &str| {
        f.texts_to(user(name)).iter().any(|t| t.starts_with("使用方法") || t == sorry)
    };
    let everyone = app
        .fake
        .wait_until(|f| names.iter().chain([&name]).all(|n| heard(f, n)), Duration::from_secs(10))
        .await;
    let unheard: Vec<&&str> = names.iter().filter(|n| !heard(&app.fake, n)).collect();
    assert!(everyone, "everyone hears back at once when the fault is gone; not yet: {unheard:?}");
    let helped = app.fake.texts_to(user(name)).iter().any(|t| t.starts_with("使用方法"));
    assert!(helped, "the bot answers as usual once the fault is gone");
    app.stop().await;
}
