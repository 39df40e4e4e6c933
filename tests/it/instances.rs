//! Two `zhibu run` instances on one database: one polls and sends at a time, together they stay
//! within Telegram's limits and never double-send, and the other takes over when the first dies.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use zhibu::clock::SystemClock;
use zhibu::startup::Application;

use super::support;
use support::app::{secret, settings};
use support::db::TestDb;
use support::fake_telegram::{FakeConfig, FakeTelegram, RateLimits};

const SCALE: f64 = 20.0;

struct Instance {
    token: String,
    stop: oneshot::Sender<()>,
    running: JoinHandle<anyhow::Result<()>>,
}

async fn start(fake: &FakeTelegram, db: &TestDb, token: &str) -> Instance {
    let mut s = settings(fake, db);
    s.token = Some(secret(token));
    s.rate_scale = SCALE;
    let app = Application::build(s, Arc::new(SystemClock)).await.expect("build");
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    Instance { token: token.to_owned(), stop, running }
}

impl Instance {
    async fn stop(self) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(30), self.running).await;
    }
}

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
    let limits = RateLimits { overall_per_sec: 30, per_chat_per_sec: 1, per_group_per_min: 20 };
    let fake = FakeTelegram::start_with(FakeConfig {
        limits: Some(limits),
        time_scale: SCALE,
        ..FakeConfig::default()
    })
    .await;
    let db = TestDb::new().await;
    let a = start(&fake, &db, "123456:instance-A").await;
    let b = start(&fake, &db, "123456:instance-B").await;
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    {
        let mut conn = store.conn().await.unwrap();
        let body = serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text("情况通报")).unwrap();
        let delivery = zhibu::store::outbox::Delivery::default();
        for chat in 0..300 {
            zhibu::store::outbox::enqueue(&mut conn, 500_000 + chat, &body, 0, &delivery).await.unwrap();
        }
        for _ in 0..25 {
            zhibu::store::outbox::enqueue(&mut conn, -500_000, &body, 0, &delivery).await.unwrap();
        }
    }
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
    leader.stop().await;
    let stopped_at = tokio::time::Instant::now();
    fake.push_message(fake.private_text(8001, "路人", "/start"));
    let answered =
        fake.wait_for_call(|c| c.chat_id() == Some(8001), Duration::from_secs(20)).await.expect("answered");
    assert_eq!(answered.token, other_token);
    assert!(stopped_at.elapsed() < Duration::from_secs(10));
    other.stop().await;
    store.close().await;
    db.cleanup().await;
}
