//! The fault catalogue, the database's side: a write failing after the message it records went
//! out, PostgreSQL backends killed while the bot works, and the database's clock, which zhibu
//! never reads (so a database clock behind the application's changes nothing).

use std::sync::Arc;
use std::time::Duration;

use sqlx::Connection;
use zhibu::clock::SystemClock;

use super::support;
use support::app::TestApp;
use support::db::backend_is_postgres;
use support::db_faults::fail_writes;
use support::proxy::Proxy;

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap()
}

#[tokio::test]
async fn a_write_failing_after_the_send_never_resends_and_the_chat_goes_on_once_it_heals() {
    let app = TestApp::spawn().await;
    let chat = 9801;
    app.settle().await;
    // Recording any message as sent fails until healed.
    let fault = fail_writes(&app.store, "sent_fault", "UPDATE", "outbox", Some("NEW.state = 'sent'")).await;
    let row = app.enqueue_text(chat, "通知", "briefing:1").await;
    assert!(
        app.fake.wait_until(|f| f.texts_to(chat).len() == 1, Duration::from_secs(10)).await,
        "the message went out"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    fault.heal(&app.store).await;
    app.enqueue_text(chat, "下一条", "briefing:2").await;
    app.expect_text(chat, "下一条").await;
    app.settle().await;
    assert_eq!(app.outbox_state(row).await.0, "sent", "recorded as sent once the database lets it");
    assert_eq!(app.fake.texts_to(chat), vec!["通知", "下一条"], "never resent");
    app.stop().await;
}

/// Terminates every other connection to the test database, as an operator's
/// `pg_terminate_backend` or a PostgreSQL restart would.
async fn kill_backends(url: &str) -> usize {
    let mut admin = sqlx::PgConnection::connect(url).await.expect("connect");
    let killed: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(&mut admin)
    .await
    .expect("terminate");
    killed.len()
}

#[tokio::test]
async fn postgres_backends_killed_mid_transaction_lose_no_update_and_double_no_message() {
    if !backend_is_postgres() {
        return;
    }
    const USERS: i64 = 60;
    const CHATS: i64 = 150;
    const KILLS: usize = 6;
    let app = TestApp::spawn().await;
    for chat in 0..CHATS {
        app.enqueue_text(720_000 + chat, "情况通报", "briefing:1").await;
    }
    for user in 0..USERS {
        app.fake.push_message(app.fake.private_text(730_000 + user, "路人", "/start"));
    }
    let mut killed = 0;
    for _ in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(150)).await;
        killed += kill_backends(&app.db.url).await;
    }
    assert!(killed > 0, "connections were killed while the bot worked");
    let answered =
        |f: &support::fake_telegram::FakeTelegram| (0..USERS).all(|u| !f.texts_to(730_000 + u).is_empty());
    assert!(app.fake.wait_until(answered, Duration::from_secs(30)).await, "every update was answered");
    app.settle().await;
    for user in 0..USERS {
        assert_eq!(app.fake.texts_to(730_000 + user).len(), 1, "user {user} answered once");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM inbox").await, USERS, "each update stored once");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM inbox WHERE state = 'pending'").await, 0);
    let unknown = count(
        &app,
        "SELECT COUNT(*) FROM outbox WHERE state = 'unknown' AND chat_id >= 720000 AND chat_id < 730000",
    )
    .await;
    let sent = count(
        &app,
        "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND chat_id >= 720000 AND chat_id < 730000",
    )
    .await;
    assert!(unknown <= KILLS as i64, "{unknown} unknown after {KILLS} kills");
    assert_eq!(sent + unknown, CHATS, "no message lost");
    for chat in 0..CHATS {
        assert!(app.fake.texts_to(720_000 + chat).len() <= 1, "chat {chat} got two copies");
    }
    app.stop().await;
}

/// SQL that reads the database server's clock; zhibu passes every instant from its own clock.
const DATABASE_CLOCK_CALLS: &[&str] = &[
    " now()",
    "(now()",
    ",now()",
    "=now()",
    "current_timestamp",
    "current_date",
    "current_time",
    "localtimestamp",
    "localtime",
    "clock_timestamp",
    "statement_timestamp",
    "transaction_timestamp",
    "'now'",
    "unixepoch(",
    "julianday(",
];

fn sources(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "sql") {
            found.push(path);
        }
    }
}

#[test]
fn the_database_clock_is_never_read_so_one_behind_the_applications_changes_nothing() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("migrations"), &mut files);
    let mut offending = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap().to_ascii_lowercase();
        for (number, line) in text.lines().enumerate() {
            // Rust's own clocks (`Utc::now()`, `Instant::now()`, `clock.now()`) are the application's.
            let sql_like = !line.contains("::now()") && !line.contains(".now()");
            if sql_like && DATABASE_CLOCK_CALLS.iter().any(|call| line.contains(call)) {
                offending.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(offending.is_empty(), "SQL reading the database's clock:\n{}", offending.join("\n"));
}

#[tokio::test]
async fn a_half_open_connection_to_postgres_is_given_up_and_the_bot_answers_again() {
    if !backend_is_postgres() {
        return;
    }
    let proxy = Proxy::start("127.0.0.1:5432".parse().unwrap()).await;
    let through_proxy = proxy.addr().to_string();
    let fake = support::fake_telegram::FakeTelegram::start().await;
    let app = TestApp::spawn_against(fake, Arc::new(SystemClock), move |s| {
        s.database_url = s.database_url.replace("127.0.0.1:5432", &through_proxy);
    })
    .await;
    app.fake.push_message(app.fake.private_text(9901, "路人", "/start"));
    app.expect_text(9901, "绑定手机号").await;
    // While the bot works, PostgreSQL's end of every open connection vanishes without a word:
    // once as updates arrive (the poller storing them), once a moment later (handling them).
    for (round, delay) in [(0, 0), (1, 100)] {
        let users: Vec<i64> = (0..20).map(|u| 9910 + 100 * round + u).collect();
        for user in &users {
            app.fake.push_message(app.fake.private_text(*user, "路人", "/start"));
        }
        tokio::time::sleep(Duration::from_millis(delay)).await;
        proxy.cut_open_connections();
        let everyone =
            |f: &support::fake_telegram::FakeTelegram| users.iter().all(|u| !f.texts_to(*u).is_empty());
        let answered = app.fake.wait_until(everyone, Duration::from_secs(90)).await;
        let unanswered: Vec<&i64> = users.iter().filter(|u| app.fake.texts_to(**u).is_empty()).collect();
        assert!(answered, "the bot gave up the dead connections and answered: not yet {unanswered:?}");
        for user in &users {
            assert_eq!(app.fake.texts_to(*user).len(), 1, "user {user} answered once");
        }
    }
    // The last cut connections may still be waited out (the store's 30 s deadline for work).
    app.fake.push_message(app.fake.private_text(9950, "路人", "/start"));
    let answered = app.fake.wait_until(|f| !f.texts_to(9950).is_empty(), Duration::from_secs(90)).await;
    assert!(answered, "a newcomer after the cuts is answered");
    app.stop().await;
}

#[tokio::test]
async fn updates_that_cannot_be_stored_are_not_confirmed_and_are_fetched_again() {
    let app = TestApp::spawn().await;
    let fault = fail_writes(&app.store, "inbox_fault", "INSERT", "inbox", None).await;
    let id = app.fake.push_message(app.fake.private_text(9851, "路人", "/start"));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(app.fake.pending_updates(), 1, "not confirmed while it cannot be stored");
    assert!(app.fake.confirmed_offset().is_none_or(|offset| offset <= id));
    assert!(app.fake.texts_to(9851).is_empty());
    fault.heal(&app.store).await;
    app.expect_text(9851, "绑定手机号").await;
    app.settle().await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM inbox").await, 1, "stored once");
    assert_eq!(app.fake.texts_to(9851).len(), 1, "answered once");
    app.stop().await;
}

/// Waits for the child to exit; panics with `otherwise` after `limit`.
async fn exit_of(
    child: &mut std::process::Child,
    limit: Duration,
    otherwise: &str,
) -> std::process::ExitStatus {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(tokio::time::Instant::now() < deadline, "{otherwise}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn scalar(store: &zhibu::store::Store, sql: &str) -> i64 {
    let mut conn = store.conn().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap()
}

#[tokio::test]
async fn a_disk_filling_up_during_a_burst_stops_the_bot_and_after_a_restart_no_update_is_lost() {
    if backend_is_postgres() {
        return;
    }
    const BURST: i64 = 1000;
    const FIRST: i64 = 740_000;
    let fake = support::fake_telegram::FakeTelegram::start().await;
    let db = support::db::TestDb::new().await;
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    let file = db.url.strip_prefix("sqlite://").unwrap();
    // The largest file zhibu writes to: the database or its write-ahead log.
    let size_of = |path: String| std::fs::metadata(path).map_or(0, |m| m.len());
    let size = size_of(file.to_owned()).max(size_of(format!("{file}-wal")));
    for user in 0..BURST {
        fake.push_message(fake.private_text(FIRST + user, "路人", "/start"));
    }
    // Room for a little more than the database holds now: the disk fills during the burst.
    let mut bot = support::binary::start_bot_with_file_size_limit(&fake, &db, size + 512 * 1024);
    let status =
        exit_of(&mut bot, Duration::from_secs(60), "the bot neither finished the burst nor stopped").await;
    assert!(!status.success(), "the full disk stopped zhibu: {status:?}");
    let done = "SELECT COUNT(*) FROM inbox WHERE state = 'done'";
    let before = scalar(&store, done).await;
    // Under load the disk may fill while the poller stores the burst, before anything is handled.
    assert!(before < BURST, "the disk filled before the burst was handled");
    // Space is back and the supervisor starts zhibu again.
    let mut bot = support::binary::start_bot(&fake, &db, &[]);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while scalar(&store, done).await < BURST || fake.pending_updates() > 0 {
        assert!(tokio::time::Instant::now() < deadline, "the burst was not finished after the restart");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bot.kill().unwrap();
    bot.wait().unwrap();
    assert_eq!(scalar(&store, "SELECT COUNT(*) FROM inbox").await, BURST, "every update stored once");
    let replies = format!(
        "SELECT COUNT(*) FROM (SELECT chat_id FROM outbox WHERE chat_id >= {FIRST} GROUP BY chat_id
         HAVING COUNT(*) = 1) AS once"
    );
    assert_eq!(scalar(&store, &replies).await, BURST, "every update handled once");
    for user in 0..BURST {
        assert!(fake.texts_to(FIRST + user).len() <= 1, "user {user} answered twice");
    }
    store.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn a_database_fault_that_persists_makes_zhibu_exit_and_after_a_restart_the_update_is_answered() {
    let fake = support::fake_telegram::FakeTelegram::start().await;
    let db = support::db::TestDb::new().await;
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("zhibu.log");
    let fast_exit = [("ZHIBU_PERSISTENT_FAULT_SECS", "2")];
    let mut bot = support::binary::start_bot_logging(&fake, &db, &fast_exit, &log);
    assert!(
        fake.wait_until(|f| !f.calls_to("getupdates").is_empty(), Duration::from_secs(20)).await,
        "zhibu started"
    );
    // Every reply fails to be written, for good.
    let fault = fail_writes(&store, "persistent_fault", "INSERT", "outbox", None).await;
    fake.push_message(fake.private_text(9861, "路人", "/start"));
    let status =
        exit_of(&mut bot, Duration::from_secs(30), "zhibu kept running on a database that always fails")
            .await;
    assert!(!status.success(), "it exits with an error for its supervisor: {status:?}");
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(said.contains("supervisor"), "a clear line says why: {said}");
    assert!(fake.texts_to(9861).is_empty());
    // The operator fixes the database; the supervisor starts zhibu again: the update waited.
    fault.heal(&store).await;
    let mut bot = support::binary::start_bot(&fake, &db, &[]);
    let answered = fake.wait_until(|f| !f.texts_to(9861).is_empty(), Duration::from_secs(20)).await;
    bot.kill().unwrap();
    bot.wait().unwrap();
    assert!(answered, "the update was answered after the restart");
    assert_eq!(fake.texts_to(9861).len(), 1, "once");
    assert_eq!(scalar(&store, "SELECT COUNT(*) FROM inbox").await, 1);
    store.close().await;
    db.cleanup().await;
}
