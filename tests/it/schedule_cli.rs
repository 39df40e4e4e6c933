//! The operator's schedule commands from a shell: a study reminder from a cron expression, a
//! bad expression refused in one line, and a briefing to every branch at once.

use super::support;

use support::db::TestDb;
use support::shell::{stdout, zhibu};

async fn count(db: &TestDb, sql: &str) -> i64 {
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    let mut conn = store.conn().await.unwrap();
    let n = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap();
    drop(conn);
    store.close().await;
    n
}

#[tokio::test]
async fn an_operator_adds_a_study_reminder_by_cron_and_briefs_every_branch() {
    let db = TestDb::new().await;
    zhibu(&db, &["branch", "add", "第一党支部"]);
    zhibu(&db, &["branch", "add", "第二党支部"]);
    let args = ["schedule", "add", "--branch", "1", "--cron", "0 0 9 * * Wed *", "--text", "学习党章第三章"];
    let out = zhibu(&db, &args);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("已添加计划 #1") && text.matches("（星期三）上午9点").count() == 3, "{text}");
    let bad = zhibu(&db, &["schedule", "add", "--branch", "1", "--cron", "0 9 * * 1 3", "--text", "x"]);
    assert!(!bad.status.success());
    assert_eq!(String::from_utf8_lossy(&bad.stderr).trim().lines().count(), 1);
    let window = ["schedule", "window", "--branch", "1", "--holidays", "2026-10-01,2026-10-02"];
    assert!(zhibu(&db, &window).status.success());

    let args =
        ["brief", "--branches", "all", "--text", "本周六组织参观，自愿参加。", "--remind-after-hours", "6"];
    let out = zhibu(&db, &args);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM briefings WHERE sent_at IS NOT NULL").await, 2);
    assert_eq!(count(&db, "SELECT MIN(remind_after_hours) FROM briefings").await, 6);
    let secret = zhibu(&db, &["brief", "--branches", "1", "--text", "内部文件，不得外传"]);
    assert!(!secret.status.success(), "an internal document is refused");
    let out = zhibu(&db, &["brief", "--branches", "2", "--text", "通知", "--at", "明天上午9点"]);
    assert!(stdout(&out).contains("）上午9点发出"), "{}", stdout(&out));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'briefing.send'").await, 1);
    db.cleanup().await;
}
