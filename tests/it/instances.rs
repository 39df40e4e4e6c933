//! Two `zhibu run` instances on one database: one polls and sends at a time, together they stay
//! within Telegram's limits and never double-send, and the other takes over when the first dies.

use std::time::Duration;

use super::support;
use support::db::TestDb;
use support::fake_telegram::FakeTelegram;
use support::instance::{enqueue_texts, start, telegram_faithful};

const SCALE: f64 = 20.0;

fn pollers(fake: &FakeTelegram, since: tokio::time::Instant) -> Vec<String> {
    let mut tokens: Vec<String> = fake
        .calls_to("getupdates")
        .into_iter()
        .filter(|c| c.at >= since.into_std())
        .map(|c| c.token)
        .collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

#[tokio::test]
async fn two_instances_never_double_send_stay_within_limits_and_take_over() {
    let fake = telegram_faithful(SCALE).await;
    let db = TestDb::new().await;
    let a = start(&fake, &db, "123456:instance-A", SCALE).await;
    let b = start(&fake, &db, "123456:instance-B", SCALE).await;
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    enqueue_texts(&store, (0..300).map(|chat| 500_000 + chat).chain(std::iter::repeat_n(-500_000, 25))).await;
    let steady = tokio::time::Instant::now() + Duration::from_secs(1);
    let done = fake
        .wait_until(
            |f| f.calls_to("sendmessage").iter().filter(|c| c.chat_id() != Some(0)).count() >= 325,
            Duration::from_secs(60),
        )
        .await;
    assert!(done, "the broadcast finished: {}", fake.calls_to("sendmessage").len());
    let refused: Vec<_> = fake.faulted_calls().iter().map(|c| c.chat_id()).collect();
    assert_eq!(fake.stats().too_many_requests, 0, "together within Telegram's limits: {refused:?}");
    for chat in 0..300 {
        assert_eq!(fake.texts_to(500_000 + chat).len(), 1, "chat {chat} got it once");
    }
    assert_eq!(fake.texts_to(-500_000).len(), 25);
    let senders: std::collections::HashSet<String> =
        fake.calls_to("sendmessage").into_iter().map(|c| c.token).collect();
    assert_eq!(senders.len(), 1, "one instance sends");
    let polling = pollers(&fake, steady);
    assert_eq!(polling.len(), 1, "one instance polls at a time: {polling:?}");

    // The leader stops; the other takes over within seconds.
    let (leader, other) = if polling[0] == a.token { (a, b) } else { (b, a) };
    let other_token = other.token.clone();
    let _ = leader.stop().await;
    let stopped_at = tokio::time::Instant::now();
    fake.push_message(fake.private_text(8001, "路人", "/start"));
    let answered =
        fake.wait_for_call(|c| c.chat_id() == Some(8001), Duration::from_secs(20)).await.expect("answered");
    assert_eq!(answered.token, other_token);
    assert!(stopped_at.elapsed() < Duration::from_secs(10));
    let _ = other.stop().await;
    store.close().await;
    db.cleanup().await;
}
