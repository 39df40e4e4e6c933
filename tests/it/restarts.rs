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

/// The leader loses its lease in the middle of a broadcast (it stalled, or the lease table was
/// taken over): it stops sending at its next renewal, and whoever holds the lease next settles
/// what was in flight and finishes the broadcast — each chat once, within Telegram's limits.
#[tokio::test]
async fn a_lease_lost_mid_broadcast_stops_the_old_sender_and_the_next_finishes_it_once() {
    // Sixty messages a second: the broadcast lasts several seconds, leases run in real time.
    const SCALE: f64 = 2.0;
    const CHATS: i64 = 400;
    const FIRST: i64 = 610_000;
    let fake = telegram_faithful(SCALE).await;
    let db = TestDb::new().await;
    let a = start(&fake, &db, "123456:lease-A", SCALE).await;
    let b = start(&fake, &db, "123456:lease-B", SCALE).await;
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    enqueue_texts(&store, FIRST..FIRST + CHATS).await;
    let sent = |f: &FakeTelegram| (FIRST..FIRST + CHATS).filter(|c| !f.texts_to(*c).is_empty()).count();
    assert!(fake.wait_until(|f| sent(f) >= 60, Duration::from_secs(30)).await, "the broadcast began");
    // Someone else holds the lease for the next six seconds.
    let lost_at = tokio::time::Instant::now();
    let until = zhibu::clock::to_millis(chrono::Utc::now()) + 6_000;
    {
        let mut conn = store.conn().await.unwrap();
        let sql = format!(
            "UPDATE leases SET holder = 'elsewhere:1:0', expires_at = {until} WHERE name = 'telegram'"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await.unwrap();
    }
    // The leader notices at its next renewal (every two seconds); after that nobody sends.
    tokio::time::sleep_until(lost_at + Duration::from_secs(3)).await;
    let paused = sent(&fake);
    tokio::time::sleep_until(lost_at + Duration::from_millis(5_500)).await;
    assert_eq!(sent(&fake), paused, "no instance sent while another held the lease");
    assert!((paused as i64) < CHATS, "the lease was lost in the middle of the broadcast");
    let done = fake.wait_until(|f| sent(f) as i64 == CHATS, Duration::from_secs(60)).await;
    let mut conn = store.conn().await.unwrap();
    let states: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM outbox WHERE chat_id >= 610000 GROUP BY state")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    drop(conn);
    let unknown = states.iter().find(|(s, _)| s == "unknown").map_or(0, |(_, n)| *n);
    assert!(done || sent(&fake) as i64 + unknown == CHATS, "the broadcast finished: {states:?}");
    assert!(unknown <= 1, "at most the one message in flight is of unknown fate: {states:?}");
    for chat in FIRST..FIRST + CHATS {
        assert!(fake.texts_to(chat).len() <= 1, "chat {chat} got two copies");
    }
    assert_eq!(fake.stats().too_many_requests, 0, "within Telegram's limits across the change");
    stop(a).await;
    stop(b).await;
    store.close().await;
    db.cleanup().await;
}
