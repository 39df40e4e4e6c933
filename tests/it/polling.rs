//! Polling follows Telegram's offset rule without assuming update ids only grow: after a week
//! without updates Telegram picks the next id at random, below the stored offset or equal to an id
//! stored long ago. Every such update is stored, answered and confirmed; an update delivered twice
//! is still handled once; and a start after more than 24 hours away raises the alarm.

use super::meeting_support::*;
use super::support;

use std::time::Duration;

use serde_json::json;
use support::app::TestApp;
use support::branch::{quiesce, scalar, wait_for_scalar};

/// Waits until `chat` has been sent more than `before` texts.
async fn answered(app: &TestApp, chat: i64, before: usize) {
    let got = app.fake.wait_until(|f| f.texts_to(chat).len() > before, Duration::from_secs(10)).await;
    assert!(got, "no answer to {chat}: {:?}", app.fake.texts_to(chat));
}

#[tokio::test]
async fn updates_with_ids_chosen_anew_below_the_offset_or_equal_to_stored_ones_are_all_answered() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    quiesce(&app).await;
    let offset = app.fake.confirmed_offset().expect("an offset was confirmed");
    let stored = scalar(&app, "SELECT COUNT(*) FROM inbox").await;
    assert!(offset > 5 && stored >= 5, "offset {offset}, {stored} stored");
    // Ids 1, 2 and 3 again: below the offset, and each already in the inbox with other words.
    let names = ["刘玉兰", "陈志强", "杨桂芝"];
    let before: Vec<usize> = names.iter().map(|n| app.fake.texts_to(user(n)).len()).collect();
    for (i, name) in names.iter().enumerate() {
        let message = app.fake.private_text(user(name), name, "/help");
        app.fake.push_update(json!({ "update_id": i + 1, "message": message }));
    }
    for (name, before) in names.iter().zip(before) {
        answered(&app, user(name), before).await;
    }
    quiesce(&app).await;
    assert_eq!(app.fake.pending_updates(), 0, "every update was confirmed to Telegram");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM inbox").await, stored + 3);
    // Polling goes on from the ids Telegram now hands out.
    let name = "黄国庆";
    let before = app.fake.texts_to(user(name)).len();
    app.fake.push_message(app.fake.private_text(user(name), name, "/help"));
    answered(&app, user(name), before).await;
    app.stop().await;
}

#[tokio::test]
async fn the_same_update_delivered_twice_is_handled_once() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    quiesce(&app).await;
    let name = "刘玉兰";
    let before = app.fake.texts_to(user(name)).len();
    let update = json!({ "update_id": 900, "message": app.fake.private_text(user(name), name, "/help") });
    app.fake.push_update(update.clone());
    answered(&app, user(name), before).await;
    // Delivered again, as after a lost confirmation: stored once, answered once.
    let mut conn = app.store.conn().await.unwrap();
    let again = zhibu::store::inbox::insert(&mut conn, 900, &update.to_string(), 0).await.unwrap();
    drop(conn);
    assert!(!again, "a repeated delivery is not stored again");
    quiesce(&app).await;
    assert_eq!(app.fake.texts_to(user(name)).len(), before + 1);
    app.stop().await;
}

#[tokio::test]
async fn a_start_after_more_than_a_day_away_raises_the_alarm_and_a_shorter_one_does_not() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    wait_for_scalar(&app, "SELECT COUNT(*) FROM meta WHERE key = 'last_polled_at'", 1).await;
    let alarm = "SELECT COUNT(*) FROM meta WHERE key = 'updates_may_have_expired_at'";
    let app = app.restart().await;
    assert_eq!(scalar(&app, alarm).await, 0, "a restart at once is no absence");
    clock.advance(chrono::Duration::hours(25));
    let app = app.restart().await;
    quiesce(&app).await;
    assert_eq!(scalar(&app, alarm).await, 1, "25 hours away: Telegram may have discarded updates");
    app.stop().await;
}
