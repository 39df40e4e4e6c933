//! Restarts and take-overs do not flood: the sends of the last minute are read back from the
//! outbox when an instance becomes the sender, so Telegram's limits hold across them (checked by a
//! fake Bot API that enforces the limits and answers 429 as Telegram does).

use std::time::Duration;

use super::support;
use support::db::TestDb;
use support::fake_telegram::FakeTelegram;
use support::instance::{Instance, enqueue_texts, start, telegram_faithful};

/// Time runs ten times faster for both sides: a group's minute lasts six seconds.
const SCALE: f64 = 10.0;
const GROUP: i64 = -600_000;
const TOKEN: &str = "123456:restarts";

/// Stops as SIGTERM would, cleanly.
async fn stop(app: Instance) {
    app.stop().await.expect("stops in time").expect("ran without error");
}

fn group_sends(fake: &FakeTelegram) -> usize {
    fake.calls_to("sendmessage").iter().filter(|c| c.chat_id() == Some(GROUP)).count()
}

#[tokio::test]
async fn five_restarts_while_a_group_is_at_its_limit_bring_no_429() {
    let fake = telegram_faithful(SCALE).await;
    let db = TestDb::new().await;
    let mut app = start(&fake, &db, TOKEN, SCALE).await;
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    enqueue_texts(&store, std::iter::repeat_n(GROUP, 30).chain((0..60).map(|chat| 600_000 + chat))).await;
    // The group's minute fills (20 messages); then five restarts in a row, each of which would,
    // forgetting the minute, send the group's 21st message at once.
    let full = fake.wait_until(|f| group_sends(f) >= 20, Duration::from_secs(30)).await;
    assert!(full, "the group's first twenty went: {}", group_sends(&fake));
    for _ in 0..5 {
        stop(app).await;
        app = start(&fake, &db, TOKEN, SCALE).await;
    }
    let done = fake.wait_until(|f| group_sends(f) >= 30, Duration::from_secs(60)).await;
    assert!(done, "the group's thirty went: {}", group_sends(&fake));
    stop(app).await;
    assert_eq!(fake.stats().too_many_requests, 0, "no 429 across five restarts");
    for chat in 0..60 {
        assert_eq!(fake.texts_to(600_000 + chat).len(), 1, "chat {chat} got it once");
    }
    assert_eq!(group_sends(&fake), 30, "the group got each message once");
    store.close().await;
    db.cleanup().await;
}
