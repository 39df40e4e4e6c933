//! Two instances at once: schedulers racing over the same database materialise each occurrence
//! once and run it once, with one set of deliveries. And a job that cannot run does not take the
//! jobs batched with it down.

use super::support;

use std::sync::Arc;

use support::branch::{ms, shanghai};
use support::db::TestDb;
use tokio::sync::Notify;
use zhibu::app::context::Ctx;
use zhibu::app::scheduler::Scheduler;
use zhibu::app::schedules::{self, Plan};
use zhibu::clock::ManualClock;
use zhibu::domain::schedule_phrase::Recurrence;
use zhibu::domain::schedules::ScheduleKind;
use zhibu::store::{self, Store};

const GROUP: i64 = -4001;

fn scheduler(store: &Store, clock: &ManualClock) -> Scheduler {
    Scheduler {
        store: store.clone(),
        clock: Arc::new(clock.clone()),
        bot_username: String::new(),
        outbox_ready: Arc::new(Notify::new()),
        jobs_changed: Arc::new(Notify::new()),
    }
}

async fn count(store: &Store, sql: &str) -> i64 {
    let mut conn = store.conn().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap()
}

async fn branch_studying_daily_at_nine(store: &Store, start: chrono::DateTime<chrono::Utc>) {
    let branch =
        zhibu::app::branches::create(store, "第一党支部", "Asia/Shanghai", ms(start)).await.unwrap().id;
    let mut tx = store.begin_write().await.unwrap();
    store::branches::bind_group(&mut tx, branch, GROUP).await.unwrap();
    let recurrence = Recurrence::parse_phrase("每天上午9点").unwrap();
    let plan = Plan::new(ScheduleKind::Study, &recurrence, "学习党章");
    let mut ctx = Ctx::for_job(&mut tx, ms(start), "");
    schedules::create(&mut ctx, branch, &plan, None).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn racing_schedulers_fire_each_occurrence_once() {
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let start = shanghai(2026, 11, 23, 10, 0, 0);
    branch_studying_daily_at_nine(&store, start).await;

    let clock = ManualClock::at(shanghai(2026, 11, 24, 9, 0, 5));
    let (a, b, c) = (scheduler(&store, &clock), scheduler(&store, &clock), scheduler(&store, &clock));
    let (ra, rb, rc) = tokio::join!(a.run_due(), b.run_due(), c.run_due());
    let ran = ra.unwrap() + rb.unwrap() + rc.unwrap();
    assert!(ran >= 1, "the due occurrence ran");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM study_rounds").await, 1);
    assert_eq!(count(&store, &format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {GROUP}")).await, 1);
    let jobs = "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'schedule.study'";
    assert_eq!(count(&store, jobs).await, 2, "today's occurrence and tomorrow's, each once");
    // The clock steps back an hour and forward again: nothing new.
    clock.set(shanghai(2026, 11, 24, 8, 0, 0));
    a.run_due().await.unwrap();
    clock.set(shanghai(2026, 11, 24, 9, 30, 0));
    let (ra, rb) = tokio::join!(a.run_due(), b.run_due());
    assert_eq!(ra.unwrap() + rb.unwrap(), 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM study_rounds").await, 1);
    store.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn a_job_that_cannot_run_is_failed_alone_and_the_jobs_batched_with_it_run() {
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let start = shanghai(2026, 11, 23, 10, 0, 0);
    branch_studying_daily_at_nine(&store, start).await;
    let clock = ManualClock::at(shanghai(2026, 11, 24, 9, 0, 5));
    let mut conn = store.conn().await.unwrap();
    // A kind this version does not know (left by a newer one, say), due just before the study.
    // The code can only insert kinds it knows, so the row is written by hand.
    let due = ms(shanghai(2026, 11, 24, 8, 59, 0));
    let insert = format!(
        "INSERT INTO scheduled_jobs (kind, ref_id, run_at, state, dedupe_key, payload, created_at)
         VALUES ('from.the.future', 1, {due}, 'pending', 'future:1', '{{}}', {})",
        ms(start)
    );
    sqlx::query(sqlx::AssertSqlSafe(insert)).execute(&mut *conn).await.unwrap();
    drop(conn);

    scheduler(&store, &clock).run_due().await.unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM study_rounds").await, 1, "the study ran");
    assert_eq!(count(&store, &format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {GROUP}")).await, 1);
    let failed = "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'from.the.future' AND state = 'failed'
                  AND error LIKE '%unknown job kind%'";
    assert_eq!(count(&store, failed).await, 1, "the unknown job failed, with its reason");
    store.close().await;
    db.cleanup().await;
}
