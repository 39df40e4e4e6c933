//! `zhibu backup` copies a live SQLite database mid-burst into a private file that restores to a
//! database with every answer recorded before it began (and, taken after the burst, every
//! answer); on PostgreSQL it points to pg_dump. `zhibu check` passes against a working setup and
//! fails, line by line, when the Bot API cannot be reached. The database file is its owner's alone.

use std::path::Path;

use super::support;
use support::binary::start_bot;
use support::branch::*;
use support::db::{TestDb, backend_is_postgres};
use support::fake_telegram::FakeTelegram;
use support::shell::{stdout, zhibu as cli};
use zhibu::store::Store;

/// Members who answer 收到 to a briefing: (Telegram id, name, phone as in the sample roster).
const MEMBERS: [(i64, &str, &str); 12] = [
    (7007, "赵红梅", "13800138007"),
    (7008, "黄国庆", "13800138008"),
    (7009, "周淑珍", "13800138009"),
    (7010, "吴永福", "13800138010"),
    (7011, "徐丽华", "13800138011"),
    (7012, "孙文斌", "13800138012"),
    (7014, "马凤英", "13800138014"),
    (7015, "朱海涛", "13800138015"),
    (7016, "胡桂兰", "13800138016"),
    (7017, "郭振华", "13800138017"),
    (7018, "何秀云", "13800138018"),
    (7019, "林建平", "13800138019"),
];

const ACKS: &str = "SELECT member_id FROM briefing_acks ORDER BY member_id";

async fn acks(store: &Store) -> Vec<i64> {
    let mut conn = store.conn().await.unwrap();
    sqlx::query_scalar(ACKS).fetch_all(&mut *conn).await.unwrap()
}

/// Opens a copy of `backup` as a restored database would be; returns its acknowledgements.
async fn restored_acks(backup: &Path) -> Vec<i64> {
    let dir = tempfile::tempdir().unwrap();
    let restored = dir.path().join("zhibu.db");
    std::fs::copy(backup, &restored).unwrap();
    let store = Store::open(&format!("sqlite://{}", restored.display())).await.expect("the backup opens");
    let found = acks(&store).await;
    store.close().await;
    found
}

fn backup_with_cli(db: &TestDb, out: &Path) -> std::process::Output {
    cli(db, &["backup", "--out", out.to_str().unwrap()])
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// Several threads: the bot keeps handling the burst while the backup command runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_mid_burst_restores_every_answer_recorded_before_it() {
    if backend_is_postgres() {
        return; // PostgreSQL: see the pg_dump test below.
    }
    // In the morning, so the briefing is not held back by quiet hours.
    let (app, _clock) = app_at(shanghai(2026, 11, 23, 10, 0, 0)).await;
    bound_branch(&app).await;
    for (id, name, phone) in MEMBERS {
        bind_member(&app, id, name, phone).await;
    }
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/brief 周五上午九点在活动室集中学习。",
    ));
    app.expect_text(SECRETARY, "请确认情况通报").await;
    let send = button_data(&app, SECRETARY, "请确认情况通报", "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    for (id, _, _) in MEMBERS {
        app.expect_text(id, "【情况通报】").await;
    }

    // The burst: every member answers at once; the backup starts once some answers are in.
    for (id, name, _) in MEMBERS {
        app.fake.push_message(app.fake.private_text(id, name, "收到"));
    }
    app.expect_text(MEMBERS[0].0, "已收到通报").await;
    let dir = tempfile::tempdir().unwrap();
    let mid_burst = dir.path().join("mid-burst.db");
    let before = acks(&app.store).await;
    let made = backup_with_cli(&app.db, &mid_burst);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert!(stdout(&made).contains("已备份到"), "{}", stdout(&made));
    let restored = restored_acks(&mid_burst).await;
    assert!(
        before.iter().all(|a| restored.contains(a)),
        "every answer before the backup: {before:?} in {restored:?}"
    );

    app.settle().await;
    let all = acks(&app.store).await;
    assert_eq!(all.len(), MEMBERS.len(), "every member's answer was recorded");
    let after = dir.path().join("after.db");
    assert!(backup_with_cli(&app.db, &after).status.success());
    assert_eq!(restored_acks(&after).await, all, "a backup after the burst has every answer");

    #[cfg(unix)]
    {
        assert_eq!(mode_of(&mid_burst), 0o600, "the backup is its owner's alone");
        let live = app.db.url.trim_start_matches("sqlite://").to_owned();
        assert_eq!(mode_of(Path::new(&live)), 0o600, "the database file is its owner's alone");
    }
    let again = backup_with_cli(&app.db, &after);
    assert!(!again.status.success(), "an existing backup is never overwritten");
    assert!(String::from_utf8_lossy(&again.stderr).contains("已存在"));
    app.stop().await;
}

#[tokio::test]
async fn backup_on_postgresql_says_to_use_pg_dump() {
    if !backend_is_postgres() {
        return;
    }
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let out = backup_with_cli(&db, &dir.path().join("x.db"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_passes_against_a_working_setup_and_fails_when_telegram_cannot_be_reached() {
    let db = TestDb::new().await;
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let run_check = |token: &str, api_url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .arg("check")
            .current_dir(dir.path())
            .env("ZHIBU_DATABASE_URL", &db.url)
            .env("TELOXIDE_TOKEN", token)
            .env("TELOXIDE_API_URL", api_url)
            .env_remove("ZHIBU_ADMIN_LISTEN")
            .output()
            .unwrap()
    };
    let passed = tokio::task::block_in_place(|| run_check(FakeTelegram::TOKEN, &fake.api_url()));
    let text = stdout(&passed);
    assert!(passed.status.success(), "{text}{}", String::from_utf8_lossy(&passed.stderr));
    for needle in [
        "[正常] 设置",
        "[正常] 数据库",
        "[正常] Telegram",
        "@zhibu_test_bot",
        "[正常] 法定节假日",
        "检查通过",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let nowhere = "http://127.0.0.1:9";
    let failed = tokio::task::block_in_place(|| run_check("999:token-SECRET", nowhere));
    let text = stdout(&failed);
    assert!(!failed.status.success(), "{text}");
    assert!(text.contains("[失败] Telegram") && text.contains("[正常] 数据库"), "{text}");
    assert!(!text.contains("SECRET") && !String::from_utf8_lossy(&failed.stderr).contains("SECRET"));
    db.cleanup().await;
}

#[tokio::test]
async fn the_bot_started_on_a_new_database_creates_it_readable_by_its_owner_only() {
    if backend_is_postgres() {
        return;
    }
    let db = TestDb::new().await;
    let fake = FakeTelegram::start().await;
    let bot = start_bot(&fake, &db, &[]);
    let file = db.url.trim_start_matches("sqlite://").to_owned();
    assert!(
        fake.wait_until(|f| !f.calls_to("getupdates").is_empty(), std::time::Duration::from_secs(15)).await
    );
    #[cfg(unix)]
    assert_eq!(mode_of(Path::new(&file)), 0o600);
    assert!(support::binary::terminate(bot).success());
}
