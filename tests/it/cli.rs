//! The real binary from a user's shell: branch add, roster import and list, member forget, and
//! settings errors that are one clear line and never show the token.

use super::support;

use std::process::Command;

use support::db::TestDb;
use support::shell::{stdout, zhibu};

fn roster(name: &str) -> String {
    format!("{}/tests/fixtures/roster/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[tokio::test]
async fn branch_add_then_importing_each_sample_gives_24_members_once() {
    let db = TestDb::new().await;
    let out = zhibu(&db, &["branch", "add", "第一党支部"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("已创建支部 #1") && text.contains("/start S"), "{text}");
    let first = zhibu(&db, &["roster", "import", "--branch", "1", &roster("sample-roster.csv")]);
    assert!(stdout(&first).contains("新增24人"), "{}", stdout(&first));
    assert!(stdout(&first).contains("张德明"), "problems are reported in plain words");
    for file in ["sample-roster-gbk.csv", "sample-roster.xlsx"] {
        let again = zhibu(&db, &["roster", "import", "--branch", "1", &roster(file)]);
        assert!(stdout(&again).contains("新增0人，更新0人，未变24人"), "{file}: {}", stdout(&again));
    }
    let list = zhibu(&db, &["roster", "list", "--branch", "1"]);
    assert_eq!(stdout(&list).lines().count(), 24);
    db.cleanup().await;
}

#[tokio::test]
async fn forgetting_a_member_erases_their_personal_data() {
    let db = TestDb::new().await;
    zhibu(&db, &["branch", "add", "第一党支部"]);
    zhibu(&db, &["roster", "import", "--branch", "1", &roster("sample-roster.csv")]);
    let out = zhibu(&db, &["member", "forget", "2"]);
    assert!(out.status.success(), "{out:?}");
    let list = stdout(&zhibu(&db, &["roster", "list", "--branch", "1"]));
    assert_eq!(list.lines().count(), 23);
    assert!(!list.contains("李秀英") && !list.contains("13800138002"));
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    let mut conn = store.conn().await.unwrap();
    let row = zhibu::store::members::get(&mut conn, 2).await.unwrap().unwrap();
    assert_eq!((row.phone, row.birth_date, row.telegram_user_id), (None, None, None));
    assert_eq!(row.membership, "full", "anonymous counts stay possible");
    drop(conn);
    store.close().await;
    let again = zhibu(&db, &["member", "forget", "2"]);
    assert!(!again.status.success());
    db.cleanup().await;
}

#[tokio::test]
async fn a_malformed_setting_is_one_line_naming_it_without_the_secret() {
    let db = TestDb::new().await;
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("run")
        .env("TELOXIDE_TOKEN", "not-a-token-SECRET")
        .env("ZHIBU_DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("TELOXIDE_TOKEN") && !err.contains("SECRET"), "{err}");
    let out = zhibu(&db, &["run"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("缺少设置 TELOXIDE_TOKEN"));
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["branch", "list"])
        .env("ZHIBU_TIMEZONE", "Mars/Base")
        .env("ZHIBU_DATABASE_URL", &db.url)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("ZHIBU_TIMEZONE") && err.trim().lines().count() == 1,
        "{err}"
    );
    db.cleanup().await;
}

#[tokio::test]
async fn a_branch_changes_how_often_a_kind_is_required_and_the_report_follows() {
    let db = TestDb::new().await;
    zhibu(&db, &["branch", "add", "第一党支部"]);
    let list = stdout(&zhibu(&db, &["kind", "list", "--branch", "1"]));
    assert!(list.contains("党课：每季度至少1次（计入完成情况）"), "{list}");
    let set = zhibu(&db, &["kind", "set", "--branch", "1", "党课", "--period", "month", "--per", "2"]);
    assert!(set.status.success(), "{set:?}");
    assert!(stdout(&set).contains("党课：每月至少2次（计入完成情况）"), "{}", stdout(&set));
    zhibu(&db, &["kind", "set", "--branch", "1", "主题党日", "--required", "false"]);
    let report = stdout(&zhibu(&db, &["report", "--branch", "1"]));
    assert!(report.contains("本月党课：尚未召开"), "{report}");
    assert!(!report.contains("主题党日"), "{report}");
    let wrong = zhibu(&db, &["kind", "set", "--branch", "1", "茶话会"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("不是会议类型"));
    db.cleanup().await;
}

#[tokio::test]
async fn a_database_file_that_vanished_is_an_error_not_a_fresh_empty_start() {
    if support::db::backend_is_postgres() {
        return; // SQLite files only: PostgreSQL databases are created by the operator.
    }
    let db = TestDb::new().await;
    assert!(zhibu(&db, &["branch", "add", "第一党支部"]).status.success());
    let file = std::path::PathBuf::from(db.url.trim_start_matches("sqlite://"));
    let marker = zhibu::store::created_marker(&file);
    assert!(marker.exists(), "the first run leaves its marker beside the database");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let out = zhibu(&db, &["branch", "list"]);
    assert!(!out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("找不到数据库文件") && said.contains(".created"), "{said}");
    assert!(!file.exists(), "no empty database was made in its place");
    // The operator means to start afresh: deleting the marker says so.
    std::fs::remove_file(&marker).unwrap();
    let fresh = zhibu(&db, &["branch", "list"]);
    assert!(fresh.status.success(), "{fresh:?}");
}
