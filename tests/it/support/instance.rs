//! `zhibu run` instances in the test process, on a shared database and a fake Bot API that
//! enforces Telegram's limits with time scaled the same way on both sides: for tests of several
//! instances, restarts and take-overs.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use zhibu::clock::SystemClock;
use zhibu::startup::Application;

use super::app::{secret, settings};
use super::db::TestDb;
use super::fake_telegram::{FakeConfig, FakeTelegram, RateLimits};

pub struct Instance {
    pub token: String,
    stop: oneshot::Sender<()>,
    running: JoinHandle<anyhow::Result<()>>,
}

/// A fake Bot API enforcing Telegram's limits (30/s, 1/s per chat, 20/min per group) `scale`
/// times faster than real time.
pub async fn telegram_faithful(scale: f64) -> FakeTelegram {
    let limits = RateLimits { overall_per_sec: 30, per_chat_per_sec: 1, per_group_per_min: 20 };
    FakeTelegram::start_with(FakeConfig { limits: Some(limits), time_scale: scale, ..FakeConfig::default() })
        .await
}

/// Starts an instance with its own bot token (so the fake tells instances apart).
pub async fn start(fake: &FakeTelegram, db: &TestDb, token: &str, scale: f64) -> Instance {
    let mut s = settings(fake, db);
    s.token = Some(secret(token));
    s.rate_scale = scale;
    let app = Application::build(s, Arc::new(SystemClock)).await.expect("build");
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    Instance { token: token.to_owned(), stop, running }
}

impl Instance {
    /// Stops as SIGTERM would; `None` when it did not stop within 30 s.
    pub async fn stop(self) -> Option<anyhow::Result<()>> {
        let _ = self.stop.send(());
        let stopped = tokio::time::timeout(Duration::from_secs(30), self.running).await.ok()?;
        Some(stopped.expect("no panic"))
    }
}

/// Queues the same short text for each chat of `chats` (a chat may come several times).
pub async fn enqueue_texts(store: &zhibu::store::Store, chats: impl IntoIterator<Item = i64>) {
    let mut conn = store.conn().await.unwrap();
    let body = serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text("情况通报")).unwrap();
    let delivery = zhibu::store::outbox::Delivery::default();
    for chat in chats {
        zhibu::store::outbox::enqueue(&mut conn, chat, &body, 0, &delivery).await.unwrap();
    }
}
