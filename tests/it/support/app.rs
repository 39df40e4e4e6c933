//! The real application, run in-process against a fake Bot API and a fresh database.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use zhibu::clock::{Clock, SystemClock};
use zhibu::config::Settings;
use zhibu::startup::{Application, Wakers};
use zhibu::store::Store;

use super::db::TestDb;
use super::fake_telegram::FakeTelegram;

pub const ROSTER_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster/sample-roster.csv");

pub struct TestApp {
    pub fake: FakeTelegram,
    pub db: TestDb,
    pub store: Store,
    /// Wake the workers after moving a manual clock.
    pub wakers: Wakers,
    /// Where `/healthz` and `/metrics` answer, when `admin_listen` was set.
    pub admin_addr: Option<std::net::SocketAddr>,
    /// Where the office dashboard answers, when `dashboard_listen` was set.
    pub dashboard_addr: Option<std::net::SocketAddr>,
    clock: Arc<dyn Clock>,
    settings: Settings,
    stop: Option<oneshot::Sender<()>>,
    running: Option<JoinHandle<anyhow::Result<()>>>,
}

pub fn settings(fake: &FakeTelegram, db: &TestDb) -> Settings {
    Settings {
        token: Some(test_token()),
        api_url: Some(fake.api_url().parse().expect("fake url")),
        database_url: db.url.clone(),
        timezone: chrono_tz::Asia::Shanghai,
        poll_timeout_secs: 1,
        bot_username: None,
        send_timeout_secs: 3,
        send_concurrency: 1,
        webhook: None,
        rate_scale: 50.0,
        admin_listen: None,
        dashboard_listen: None,
        dashboard_url: None,
        retain_updates_days: 30,
        retain_messages_days: 90,
        // Scripted tests send far faster than a person; the flood test sets its own.
        user_updates_per_minute: 0,
        persistent_fault_secs: 300,
    }
}

fn test_token() -> zhibu::config::Secret {
    secret(FakeTelegram::TOKEN)
}

/// A token as settings hold it (parsed through a settings file, the same path as in production).
pub fn secret(token: &str) -> zhibu::config::Secret {
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), format!("token = \"{token}\"\n")).expect("write");
    Settings::load(file.path()).expect("settings").token.expect("token")
}

impl TestApp {
    /// Starts the fake Bot API, a fresh database and the application, and waits until it polls.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with_clock(Arc::new(SystemClock)).await
    }

    /// The same, with a clock the test controls (`zhibu::clock::ManualClock`).
    pub async fn spawn_with_clock(clock: Arc<dyn Clock>) -> TestApp {
        TestApp::spawn_configured(clock, |_| {}).await
    }

    /// The same, with settings adjusted by the test.
    pub async fn spawn_configured(clock: Arc<dyn Clock>, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        TestApp::spawn_against(FakeTelegram::start().await, clock, adjust).await
    }

    /// The same, against a fake Bot API the test started (to put a proxy in front of it, say).
    pub async fn spawn_against(
        fake: FakeTelegram,
        clock: Arc<dyn Clock>,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        zhibu::logging::init();
        let db = TestDb::new().await;
        let mut settings = settings(&fake, &db);
        adjust(&mut settings);
        TestApp::start(fake, db, clock, settings).await
    }

    async fn start(fake: FakeTelegram, db: TestDb, clock: Arc<dyn Clock>, settings: Settings) -> TestApp {
        let calls_before = fake.calls_to("getupdates").len() + fake.calls_to("setwebhook").len();
        let app = Application::build(settings.clone(), clock.clone()).await.expect("build app");
        let store = app.store().clone();
        let wakers = app.wakers();
        let admin_addr = app.admin_addr();
        let dashboard_addr = app.dashboard_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let running = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        let listening = fake
            .wait_until(
                |f| f.calls_to("getupdates").len() + f.calls_to("setwebhook").len() > calls_before,
                Duration::from_secs(10),
            )
            .await;
        assert!(listening, "the bot never polled (nor set a webhook on) the fake Bot API");
        TestApp {
            fake,
            db,
            store,
            wakers,
            admin_addr,
            dashboard_addr,
            clock,
            settings,
            stop: Some(stop),
            running: Some(running),
        }
    }

    /// Stops the application as SIGTERM would and starts it again on the same database and
    /// fake Bot API, as after a deployment.
    pub async fn restart(mut self) -> TestApp {
        self.halt().await;
        let TestApp { fake, db, store, clock, settings, .. } = self;
        store.close().await;
        TestApp::start(fake, db, clock, settings).await
    }

    async fn halt(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(running) = self.running.take() {
            let result = tokio::time::timeout(Duration::from_secs(30), running).await;
            let result = result.expect("the application stops in time").expect("no panic");
            result.expect("the application ran without error");
        }
    }

    /// Stops the application as SIGTERM would, and drops the test database.
    pub async fn stop(mut self) {
        self.halt().await;
        self.db.cleanup().await;
    }

    /// Creates a branch from the CLI's code path; returns (branch id, secretary code).
    pub async fn create_branch(&self, name: &str) -> (i64, String) {
        let created =
            zhibu::app::branches::create(&self.store, name, "Asia/Shanghai", now_ms()).await.expect("branch");
        (created.id, created.secretary_code)
    }

    pub async fn import_sample_roster(&self, branch: i64) {
        let bytes = std::fs::read(ROSTER_CSV).expect("sample roster");
        zhibu::app::roster_import::import(&self.store, branch, "sample-roster.csv", &bytes, now_ms())
            .await
            .expect("import");
    }

    /// Queues a text for `chat` straight into the outbox, as a broadcast would.
    pub async fn enqueue_text(&self, chat: i64, text: &str, topic: &str) -> i64 {
        let body = serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text(text)).unwrap();
        let delivery = zhibu::store::outbox::Delivery { topic: Some(topic), ..Default::default() };
        let mut conn = self.store.conn().await.unwrap();
        let id = zhibu::store::outbox::enqueue(&mut conn, chat, &body, now_ms(), &delivery).await.unwrap();
        self.wakers.wake_all();
        id.expect("queued")
    }

    /// Queues the answer to a button press, as a handler does.
    pub async fn enqueue_button_answer(&self, chat: i64, callback_id: &str) -> i64 {
        let answer = zhibu::domain::outgoing::Outgoing::CallbackAnswer {
            callback_id: callback_id.to_owned(),
            text: Some("已记录".into()),
        };
        let body = serde_json::to_string(&answer).unwrap();
        let delivery = zhibu::store::outbox::Delivery {
            priority: Some(zhibu::store::outbox::PRIORITY_BUTTON),
            ..Default::default()
        };
        let mut conn = self.store.conn().await.unwrap();
        let id = zhibu::store::outbox::enqueue(&mut conn, chat, &body, now_ms(), &delivery).await.unwrap();
        self.wakers.wake_all();
        id.expect("queued")
    }

    /// The state and error of an outbox row.
    pub async fn outbox_state(&self, id: i64) -> (String, Option<String>) {
        let mut conn = self.store.conn().await.unwrap();
        sqlx::query_as("SELECT state, error FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    }

    /// Waits until the fake received a message to `chat` containing `needle`; returns its text.
    pub async fn expect_text(&self, chat: i64, needle: &str) -> String {
        let found = self
            .fake
            .wait_for_call(
                |c| {
                    c.method == "sendmessage"
                        && chat_of(&c.params) == Some(chat)
                        && c.params["text"].as_str().is_some_and(|t| t.contains(needle))
                },
                Duration::from_secs(10),
            )
            .await;
        let call = found.unwrap_or_else(|| {
            panic!("no message to {chat} containing {needle:?}; got {:?}", self.fake.texts_to(chat))
        });
        call.params["text"].as_str().unwrap_or_default().to_owned()
    }

    /// Waits until every pushed update has been handled and nothing is left to send, but rows
    /// held more than an hour past the test's clock (quiet hours, a public holiday): those cannot
    /// come due while it waits, so waiting for them could only fail (a branch set up on 国庆节
    /// had its greeting held until the holiday's end, now and then before the settle).
    pub async fn settle(&self) {
        let hour = 3_600_000;
        self.settle_due(zhibu::clock::to_millis(self.clock.now()) + hour).await
    }

    /// Waits until every pushed update has been handled and nothing due at `now` (unix ms, the
    /// test's clock) is left to send: rows held for later (quiet hours) may remain.
    pub async fn settle_due(&self, now: i64) {
        // Generous: the whole suite shares two cores with its builds (a wait, not a speed test).
        let deadline = tokio::time::Instant::now() + Duration::from_secs(45);
        loop {
            // In causal order: an update leaves the fake's queue only once it is in the inbox,
            // and leaves the inbox in the transaction that queues its replies. Looking in any
            // other order can miss one in between.
            let queued = self.fake.pending_updates();
            let mut conn = self.store.conn().await.expect("conn");
            let pending_in: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE state = 'pending'")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let pending_out: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM outbox
                 WHERE state = 'sending' OR (state = 'pending' AND (not_before <= $1 OR attempts > 0))",
            )
            .bind(now)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
            if pending_in == 0 && pending_out == 0 && queued == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "not settled: inbox {pending_in}, outbox {pending_out}, queued {queued}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

pub fn chat_of(params: &serde_json::Value) -> Option<i64> {
    match &params["chat_id"] {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
