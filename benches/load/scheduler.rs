//! Scheduler: 200,000 schedules (study reminders across the province's branches). Figures: the
//! cost of the first pass (every schedule's next occurrence becomes a job), of a steady pass
//! (nothing new), of the midnight pass (each branch's daily job), and of the busiest minute, with each message's delay from its due time to its
//! being queued for sending (the clock runs in real time from the due minute).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use tokio::sync::Notify;
use zhibu::app::scheduler::Scheduler;
use zhibu::clock::Clock;
use zhibu::store::Store;

use crate::dataset;
use crate::harness::{BenchDb, Options, Report};

const SCHEDULES: i64 = 200_000;
const DAYS: [&str; 5] = ["Mon", "Tue", "Wed", "Thu", "Fri"];

pub async fn run(backend: crate::harness::Backend, _options: &Options) -> anyhow::Result<Report> {
    let db = BenchDb::new(backend).await?;
    let store = Store::open(&db.url).await?;
    dataset::load(&store, dataset::BRANCHES, dataset::MEMBERS_PER_BRANCH).await?;
    // Created on Sunday 2026-11-22 10:00 Shanghai; times spread over weekday mornings.
    let created =
        chrono_tz::Asia::Shanghai.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap().with_timezone(&Utc);
    insert_schedules(&store, created.timestamp_millis()).await?;
    let clock = RunningClock::at(created);
    let scheduler = Scheduler {
        store: store.clone(),
        clock: Arc::new(clock.clone()) as Arc<dyn Clock>,
        bot_username: "zhibu_test_bot".into(),
        outbox_ready: Arc::new(Notify::new()),
        jobs_changed: Arc::new(Notify::new()),
    };
    let first = timed(scheduler.run_due()).await?;
    let steady = timed(scheduler.run_due()).await?;
    // Monday 00:01: each branch's daily dates job for the day is scheduled (for 09:00), as it
    // would be when the clock passes midnight.
    clock.set(chrono_tz::Asia::Shanghai.with_ymd_and_hms(2026, 11, 23, 0, 1, 0).unwrap().with_timezone(&Utc));
    let midnight = timed(scheduler.run_due()).await?;
    // Monday 09:00: the busiest minute of the week.
    let due = chrono_tz::Asia::Shanghai.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap().with_timezone(&Utc);
    clock.set(due);
    let busy = timed(scheduler.run_due()).await?;
    let delays = queued_delays(&store, due.timestamp_millis()).await?;
    store.close().await;
    db.drop_db().await;

    let mut report = Report::new("Scheduler: 200,000 schedules");
    report.add(
        "first pass (every schedule materialised)",
        format!("{:.1} s, {} jobs run", first.0.as_secs_f64(), first.1),
    );
    report.add("steady pass (nothing new)", format!("{:.0} ms", steady.0.as_secs_f64() * 1000.0));
    report.add(
        "midnight pass (each branch's daily job scheduled)",
        format!("{:.0} ms", midnight.0.as_secs_f64() * 1000.0),
    );
    report.add(
        "busiest minute (Mon 09:00) pass",
        format!("{:.0} ms, {} jobs run", busy.0.as_secs_f64() * 1000.0, busy.1),
    );
    report.add(
        "busiest minute: due time → message queued, p50 / p99 / last",
        format!(
            "{} / {} / {} ms ({} messages)",
            percentile(&delays, 0.50),
            percentile(&delays, 0.99),
            delays.last().copied().unwrap_or(0),
            delays.len()
        ),
    );
    Ok(report)
}

async fn timed(
    pass: impl std::future::Future<Output = zhibu::store::StoreResult<usize>>,
) -> anyhow::Result<(Duration, usize)> {
    let started = Instant::now();
    let ran = pass.await?;
    Ok((started.elapsed(), ran))
}

async fn insert_schedules(store: &Store, created: i64) -> anyhow::Result<()> {
    let mut tx = store.begin_write().await?;
    let mut rows = Vec::with_capacity(500);
    for i in 0..SCHEDULES {
        let branch = 1 + i % dataset::BRANCHES;
        let day = DAYS[(i / dataset::BRANCHES) as usize % DAYS.len()];
        let hour = 8 + (i / (dataset::BRANCHES * 5)) % 4;
        let minute = (i / (dataset::BRANCHES * 20)) % 60;
        rows.push(format!(
            "({branch}, 'study', '0 {minute} {hour} * * {day} *', '每周{day}学习', 'Asia/Shanghai', 'branch', \
             '学习《中国共产党章程》第{i}条', 0, 1, {created})"
        ));
        if rows.len() == 500 || i == SCHEDULES - 1 {
            let sql = format!(
                "INSERT INTO schedules (branch_id, kind, cron, summary, timezone, target, payload, urgent, active, \
                 created_at) VALUES {}",
                rows.join(",")
            );
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
            rows.clear();
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A clock that runs in real time from the instant it was last set.
#[derive(Clone)]
struct RunningClock(Arc<Mutex<(DateTime<Utc>, Instant)>>);

impl RunningClock {
    fn at(start: DateTime<Utc>) -> RunningClock {
        RunningClock(Arc::new(Mutex::new((start, Instant::now()))))
    }

    fn set(&self, to: DateTime<Utc>) {
        *self.0.lock().expect("clock poisoned") = (to, Instant::now());
    }
}

impl Clock for RunningClock {
    fn now(&self) -> DateTime<Utc> {
        let (base, since) = *self.0.lock().expect("clock poisoned");
        base + chrono::Duration::from_std(since.elapsed()).unwrap_or_default()
    }
}

/// Each message queued since `due`: how long after `due` it was queued, in ms, sorted.
async fn queued_delays(store: &Store, due: i64) -> anyhow::Result<Vec<i64>> {
    let mut conn = store.conn().await?;
    let mut delays: Vec<i64> =
        sqlx::query_scalar("SELECT created_at - $1 FROM outbox WHERE created_at >= $1 ORDER BY created_at")
            .bind(due)
            .fetch_all(&mut *conn)
            .await?;
    delays.sort_unstable();
    Ok(delays)
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
