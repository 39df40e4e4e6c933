//! The fault catalogue, time's side: a branch's time zone may change its clocks (China has no
//! daylight saving time, but the zone is configurable), and the machine's clock may jump. A
//! daily schedule fires once on the night the clocks go back (02:30 happens twice), still fires
//! on the night they go forward (02:30 never happens), and a clock that jumps days ahead brings
//! one catch-up, not a burst.

use super::support;

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use support::db::TestDb;
use tokio::sync::Notify;
use zhibu::app::context::Ctx;
use zhibu::app::scheduler::Scheduler;
use zhibu::app::schedules::{self, Plan};
use zhibu::clock::ManualClock;
use zhibu::domain::schedule_phrase::Recurrence;
use zhibu::domain::schedules::ScheduleKind;
use zhibu::store::{self, Store};

const GROUP: i64 = -4101;

/// A branch in `timezone` whose group studies every day at `cron`'s time, created at `start`.
async fn branch_studying_daily(store: &Store, timezone: &str, cron: &str, start: DateTime<Utc>) {
    let branch = zhibu::app::branches::create(store, "第一党支部", timezone, start.timestamp_millis())
        .await
        .unwrap()
        .id;
    let mut tx = store.begin_write().await.unwrap();
    store::branches::bind_group(&mut tx, branch, GROUP).await.unwrap();
    let recurrence = Recurrence::from_cron(cron).unwrap();
    let plan = Plan::new(ScheduleKind::Study, &recurrence, "学习党章");
    let mut ctx = Ctx::for_job(&mut tx, start.timestamp_millis(), "");
    schedules::create(&mut ctx, branch, &plan, None).await.unwrap();
    tx.commit().await.unwrap();
}

/// Runs the scheduler every ten minutes of the clock from `from` to `to`; returns how many
/// study reminders were queued for the group.
async fn reminders_while_stepping(
    store: &Store,
    clock: &ManualClock,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> i64 {
    let scheduler = Scheduler {
        store: store.clone(),
        clock: Arc::new(clock.clone()),
        bot_username: String::new(),
        outbox_ready: Arc::new(Notify::new()),
        jobs_changed: Arc::new(Notify::new()),
    };
    let mut at = from;
    while at <= to {
        clock.set(at);
        scheduler.run_due().await.unwrap();
        at += chrono::Duration::minutes(10);
    }
    reminders(store).await
}

async fn reminders(store: &Store) -> i64 {
    let mut conn = store.conn().await.unwrap();
    let sql = format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {GROUP}");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut *conn).await.unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// A branch in Berlin studying daily at 02:30 from noon (UTC) the day before `night`: one
/// reminder by 06:00 UTC that night, and one more by the same time the next night.
async fn fires_once_each_night_from(night: (i32, u32, u32)) {
    let (y, m, d) = night;
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let start = utc(y, m, d, 0, 0) - chrono::Duration::hours(12);
    branch_studying_daily(&store, "Europe/Berlin", "0 30 2 * * * *", start).await;
    let clock = ManualClock::at(start);
    let morning = utc(y, m, d, 6, 0);
    let fired = reminders_while_stepping(&store, &clock, start, morning).await;
    assert_eq!(fired, 1, "the night's one reminder, neither skipped nor doubled");
    let next_morning = morning + chrono::Duration::days(1);
    let fired = reminders_while_stepping(&store, &clock, morning, next_morning).await;
    assert_eq!(fired, 2, "and the next night's");
    store.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn a_daily_schedule_fires_once_on_the_night_the_clocks_go_back() {
    // Berlin, 2026-10-25: 03:00 summer time becomes 02:00 winter time; 02:30 happens twice
    // (00:30 and 01:30 UTC).
    fires_once_each_night_from((2026, 10, 25)).await;
}

#[tokio::test]
async fn a_daily_schedule_still_fires_on_the_night_the_clocks_go_forward() {
    // Berlin, 2026-03-29: 02:00 winter time becomes 03:00 summer time; 02:30 never happens.
    fires_once_each_night_from((2026, 3, 29)).await;
}

#[tokio::test]
async fn a_clock_jumping_days_ahead_brings_one_catch_up_and_stepping_back_brings_none() {
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let start = support::branch::shanghai(2026, 11, 20, 10, 0, 0);
    branch_studying_daily(&store, "Asia/Shanghai", "0 0 9 * * * *", start).await;
    let clock = ManualClock::at(start);
    // The machine's clock jumps five days ahead (a fixed RTC, an NTP step).
    let ahead = start + chrono::Duration::days(5);
    let fired = reminders_while_stepping(&store, &clock, ahead, ahead).await;
    assert_eq!(fired, 1, "the latest missed occurrence only, not five");
    // And back a day: nothing runs again.
    let back = ahead - chrono::Duration::days(1);
    let fired = reminders_while_stepping(&store, &clock, back, back + chrono::Duration::hours(2)).await;
    assert_eq!(fired, 1, "stepping back repeats nothing");
    store.close().await;
    db.cleanup().await;
}
