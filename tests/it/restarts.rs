//! Restarts and take-overs do not flood: the sends of the last minute are read back from the
//! outbox when an instance becomes the sender, so Telegram's limits hold across them (checked by a
//! fake Bot API that enforces the limits and answers 429 as Telegram does).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use zhibu::clock::SystemClock;
use zhibu::startup::Application;

use super::support;
use support::app::settings;
use support::db::TestDb;
use support::fake_telegram::{FakeConfig, FakeTelegram, RateLimits};

/// Time runs ten times faster for both sides: a group's minute lasts six seconds.
const SCALE: f64 = 10.0;
const GROUP: i64 = -600_000;

struct Running {
    stop: oneshot::Sender<()>,
    running: JoinHandle<anyhow::Result<()>>,
}

async fn start(fake: &FakeTelegram, db: &TestDb) -> Running {
    let mut s = settings(fake, db);
    s.rate_scale = SCALE;
    let app = Application::build(s, Arc::new(SystemClock)).await.expect("build");
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    Running { stop, running }
}

impl Running {
    /// Stops as SIGTERM would.
    async fn stop(self) {
        let _ = self.stop.send(());
        let stopped = tokio::time::timeout(Duration::from_secs(30), self.running).await;
        stopped.expect("stops in time").expect("no panic").expect("ran without error");
    }
}

fn group_sends(fake: &FakeTelegram) -> usize {
    fake.calls_to("sendmessage").iter().filter(|c| c.chat_id() == Some(GROUP)).count()
}

#[tokio::test]
async fn five_restarts_while_a_group_is_at_its_limit_bring_no_429() {
    let limits = RateLimits { overall_per_sec: 30, per_chat_per_sec: 1, per_group_per_min: 20 };
    let fake = FakeTelegram::start_with(FakeConfig {
        limits: Some(limits),
        time_scale: SCALE,
        ..FakeConfig::default()
    })
    .await;
    let db = TestDb::new().await;
    let mut app = start(&fake, &db).await;
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    {
        let mut conn = store.conn().await.unwrap();
        let body = serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text("情况通报")).unwrap();
        let delivery = zhibu::store::outbox::Delivery::default();
        for _ in 0..30 {
            zhibu::store::outbox::enqueue(&mut conn, GROUP, &body, 0, &delivery).await.unwrap();
        }
        for chat in 0..60 {
            zhibu::store::outbox::enqueue(&mut conn, 600_000 + chat, &body, 0, &delivery).await.unwrap();
        }
    }
    // The group's minute fills (20 messages); then five restarts in a row, each of which would,
    // forgetting the minute, send the group's 21st message at once.
    let full = fake.wait_until(|f| group_sends(f) >= 20, Duration::from_secs(30)).await;
    assert!(full, "the group's first twenty went: {}", group_sends(&fake));
    for _ in 0..5 {
        app.stop().await;
        app = start(&fake, &db).await;
    }
    let done = fake.wait_until(|f| group_sends(f) >= 30, Duration::from_secs(60)).await;
    assert!(done, "the group's thirty went: {}", group_sends(&fake));
    app.stop().await;
    assert_eq!(fake.stats().too_many_requests, 0, "no 429 across five restarts");
    for chat in 0..60 {
        assert_eq!(fake.texts_to(600_000 + chat).len(), 1, "chat {chat} got it once");
    }
    assert_eq!(group_sends(&fake), 30, "the group got each message once");
    store.close().await;
    db.cleanup().await;
}
