//! Compliance report over 3,060 branches and three years of meetings (about 630,000 closed
//! meetings). Figures: total time for every branch's compliance view, and p50 / p99 per branch.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use zhibu::store::Store;

use crate::dataset;
use crate::harness::{BenchDb, Options, Report};

/// (kind, meetings a year, per party group)
const YEARLY: [(&str, i64, bool); 6] = [
    ("general", 4, false),
    ("committee", 12, false),
    ("group", 12, true),
    ("lecture", 4, false),
    ("theme_day", 12, false),
    ("life_meeting", 1, false),
];

pub async fn run(backend: crate::harness::Backend, _options: &Options) -> anyhow::Result<Report> {
    let db = BenchDb::new(backend).await?;
    let store = Store::open(&db.url).await?;
    dataset::load(&store, dataset::BRANCHES, dataset::MEMBERS_PER_BRANCH).await?;
    let meetings = insert_meetings(&store).await?;
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 2, 0, 0).unwrap().timestamp_millis();
    let mut times = Vec::with_capacity(dataset::BRANCHES as usize);
    let started = Instant::now();
    let mut conn = store.conn().await?;
    for branch in 1..=dataset::BRANCHES {
        let one = Instant::now();
        let lines = zhibu::app::meetings::report::lines(&mut conn, branch, now).await?;
        assert!(!lines.is_empty());
        times.push(one.elapsed());
    }
    let total = started.elapsed();
    drop(conn);
    store.close().await;
    db.drop_db().await;
    times.sort();
    let at = |p: usize| -> Duration { times[((times.len() * p).div_ceil(100)).clamp(1, times.len()) - 1] };
    let mut report = Report::new("Compliance report: 3,060 branches × three years");
    report.add("closed meetings in the database", meetings);
    report.add("every branch's compliance view", format!("{:.1} s", total.as_secs_f64()));
    report.add(
        "one branch p50 / p99",
        format!("{:.1} ms / {:.1} ms", at(50).as_secs_f64() * 1000.0, at(99).as_secs_f64() * 1000.0),
    );
    Ok(report)
}

pub async fn insert_meetings(store: &Store) -> anyhow::Result<i64> {
    let start = Utc.with_ymd_and_hms(2023, 12, 1, 1, 0, 0).unwrap().timestamp_millis();
    let year_ms = 365 * 24 * 3_600_000_i64;
    let mut tx = store.begin_write().await?;
    let mut rows = Vec::with_capacity(500);
    let mut written = 0;
    for branch in 1..=dataset::BRANCHES {
        for (kind, per_year, per_group) in YEARLY {
            let groups: Vec<Option<String>> = if per_group {
                (1..=3).map(|g| Some(format!("第{g}党小组"))).collect()
            } else {
                vec![None]
            };
            for group in &groups {
                for n in 0..per_year * 3 {
                    let at = start + n * year_ms / per_year + branch * 60_000;
                    let group = group.as_ref().map_or("NULL".to_owned(), |g| format!("'{g}'"));
                    rows.push(format!(
                        "({branch}, '{kind}', {group}, {at}, '老干部活动中心', '学习', 'closed', 0, {at}, {at})"
                    ));
                    if rows.len() == 500 {
                        written += flush(&mut tx, &mut rows).await?;
                    }
                }
            }
        }
    }
    written += flush(&mut tx, &mut rows).await?;
    tx.commit().await?;
    Ok(written)
}

async fn flush(tx: &mut zhibu::store::Tx, rows: &mut Vec<String>) -> anyhow::Result<i64> {
    if rows.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "INSERT INTO meetings (branch_id, kind, party_group, starts_at, place, topic, state, created_by, created_at, \
         closed_at) VALUES {}",
        rows.join(",")
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut **tx).await?;
    let n = rows.len() as i64;
    rows.clear();
    Ok(n)
}
