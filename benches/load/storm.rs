//! Reply storm: 20,000 button presses and plain-word replies from 10,000 members to 500 open
//! meetings within 60 seconds. Figures: updates handled per second, p50/p99 from an update being
//! handed out to the bot's answer arriving (button answers; plain words until handled), and
//! whether every answer was recorded exactly once.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::Utc;
use zhibu::app::context::Ctx;
use zhibu::store::Store;

use crate::dataset::{group_chat, load_with, member_user};
use crate::fake_telegram::FakeTelegram;
use crate::harness::{BenchDb, Options, Report, limited_fake, memory_mib, pct, start_zhibu, stop, wait_for};
use crate::storm_probes;

const MEETINGS: i64 = 500;
const MEMBERS_EACH: i64 = 20;
const WINDOW: Duration = Duration::from_secs(60);

pub async fn run(backend: crate::harness::Backend, options: &Options) -> anyhow::Result<Report> {
    let db = BenchDb::new(backend).await?;
    let store = Store::open(&db.url).await?;
    load_with(&store, MEETINGS, MEMBERS_EACH, 0).await?;
    let meeting_ids = open_meetings(&store).await?;
    store.close().await;

    let fake = limited_fake(options.scale).await;
    let child = start_zhibu(&fake, &db, options.scale)?;
    // Announcements and rolls go out first (two per group).
    let announced = 2 * MEETINGS as usize;
    wait_for(|| fake.calls_to("sendmessage").len() >= announced, Duration::from_secs(600)).await;

    let store = Store::open(&db.url).await?;
    let storm_started = Instant::now();
    let (pushed, probes) = push_storm(&fake, &meeting_ids, &store).await?;
    let total = pushed.len();
    let handled_in = wait_for_handled(&store, total as i64).await;
    storm_probes::wait(&fake, Duration::from_secs(600)).await;
    let (_, peak) = memory_mib(child.id());
    let answers = fake.calls_to("answercallbackquery");
    stop(child);
    let (recorded, members_twice) = recorded(&store).await?;
    let text_latencies = text_latencies(&store, &pushed).await?;
    let span = handling_span(&store).await?;
    store.close().await;
    db.drop_db().await;

    let mut taps: Vec<Duration> = answers
        .iter()
        .filter_map(|c| {
            let id = c.params["callback_query_id"].as_str()?;
            pushed.get(id).map(|at| c.at.saturating_duration_since(*at))
        })
        .collect();
    taps.sort();
    let mut report = Report::new("Reply storm: 20,000 answers from 10,000 members to 500 meetings");
    report.add("updates pushed", format!("{total} over {} s", WINDOW.as_secs()));
    match (handled_in, span) {
        (Some(_), Some(span)) => report.add(
            "updates handled per second (first arrival → last handled)",
            format!(
                "{:.0} (arrivals: {:.0}/s)",
                total as f64 / span.as_secs_f64(),
                total as f64 / WINDOW.as_secs_f64()
            ),
        ),
        _ => report.add("updates handled per second", "not all handled within 10 min"),
    }
    report.add("button → answerCallbackQuery p50 / p99", format!("{} / {}", pct(&taps, 50), pct(&taps, 99)));
    report.add(
        "plain words → handled p50 / p99",
        format!("{} / {}", pct(&text_latencies, 50), pct(&text_latencies, 99)),
    );
    report.add("answers recorded (history rows)", format!("{recorded} of {total}"));
    report.add(
        "members with exactly two recorded answers",
        format!("{members_twice} of {}", MEETINGS * MEMBERS_EACH),
    );
    report.add("peak memory of the bot (VmHWM)", format!("{peak:.1} MiB"));
    storm_probes::report(&mut report, &fake, &probes, storm_started, options.scale);
    Ok(report)
}

/// One 支部党员大会 per branch, created as a secretary would, three days ahead.
async fn open_meetings(store: &Store) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for branch in 1..=MEETINGS {
        ids.push(open_meeting(store, branch).await?);
    }
    Ok(ids)
}

/// The branch's 支部党员大会, created by its secretary (member 0) three days ahead.
pub async fn open_meeting(store: &Store, branch: i64) -> anyhow::Result<i64> {
    let now = Utc::now();
    let tz = chrono_tz::Asia::Shanghai;
    let mut tx = store.begin_write().await?;
    let secretary = member_user(branch, 0);
    zhibu::store::roles::grant(&mut tx, branch, secretary, zhibu::domain::Role::Secretary, None, 0).await?;
    let mut ctx = Ctx::for_update(&mut tx, now.timestamp_millis(), "zhibu_test_bot");
    let request = zhibu::app::meetings::create::parse_request(
        "党员大会 后天上午9点 老干部活动中心 学习全会精神",
        now.with_timezone(&tz),
        &[],
    )
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let created = zhibu::app::meetings::create::create_from(&mut ctx, branch, secretary, &request).await?;
    let id = created.map_err(|e| anyhow::anyhow!("{e:?}"))?.meeting.id;
    tx.commit().await?;
    Ok(id)
}

/// Pushes a tap and a plain-word leave from every member, evenly over the window; returns when
/// each update was handed to the fake, keyed by callback id or "text:<update id>".
/// Halfway through, the probes of `storm_probes` are queued.
async fn push_storm(
    fake: &FakeTelegram,
    meetings: &[i64],
    store: &Store,
) -> anyhow::Result<(HashMap<String, Instant>, storm_probes::Probes)> {
    let per_round = meetings.len() as i64;
    let total = per_round * MEMBERS_EACH * 2;
    let gap = WINDOW.as_secs_f64() / total as f64;
    let started = Instant::now();
    let mut pushed = HashMap::with_capacity(total as usize);
    let mut n = 0u32;
    let mut probes = None;
    for i in 0..MEMBERS_EACH {
        for (b, meeting) in meetings.iter().enumerate() {
            let branch = b as i64 + 1;
            let user = member_user(branch, i);
            let name = format!("党员{branch}_{i}");
            let tap = fake.callback(user, &name, group_chat(branch), 1, &format!("m:{meeting}:a"));
            let id = tap["id"].as_str().unwrap_or_default().to_owned();
            fake.push_callback(tap);
            pushed.insert(id, Instant::now());
            n += 1;
            let words = fake.group_text(group_chat(branch), user, &name, "请假，住院了");
            let update_id = fake.push_message(words);
            pushed.insert(format!("text:{update_id}"), Instant::now());
            n += 1;
            if probes.is_none() && i64::from(n) >= total / 2 {
                probes = Some(storm_probes::queue(store).await?);
            }
            let due = started + Duration::from_secs_f64(gap * f64::from(n));
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                tokio::time::sleep(wait).await;
            }
        }
    }
    let probes = match probes {
        Some(probes) => probes,
        None => storm_probes::queue(store).await?,
    };
    Ok((pushed, probes))
}

async fn wait_for_handled(store: &Store, total: i64) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(600) {
        let mut conn = store.conn().await.ok()?;
        let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE state <> 'pending'")
            .fetch_one(&mut *conn)
            .await
            .ok()?;
        if done >= total {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    None
}

async fn recorded(store: &Store) -> anyhow::Result<(i64, i64)> {
    let mut conn = store.conn().await?;
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM attendance_answers").fetch_one(&mut *conn).await?;
    let twice: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT member_id FROM attendance_answers GROUP BY member_id HAVING COUNT(*) = 2) t",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((rows, twice))
}

/// Plain words have no button answer: their latency is until the update was handled.
async fn text_latencies(store: &Store, pushed: &HashMap<String, Instant>) -> anyhow::Result<Vec<Duration>> {
    let mut conn = store.conn().await?;
    let rows: Vec<(i64, i64, Option<i64>)> =
        sqlx::query_as("SELECT update_id, received_at, handled_at FROM inbox").fetch_all(&mut *conn).await?;
    // received_at/handled_at are wall-clock ms; pushes were timed on the monotonic clock, so the
    // latency counted here is handled − received plus the fake's hand-out delay (≤ the poll).
    let mut out: Vec<Duration> = rows
        .into_iter()
        .filter(|(id, _, _)| pushed.contains_key(&format!("text:{id}")))
        .filter_map(|(_, received, handled)| {
            handled.map(|h| Duration::from_millis((h - received).max(0) as u64))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// From the first update's arrival to the last one handled, by the bot's own clock.
async fn handling_span(store: &Store) -> anyhow::Result<Option<Duration>> {
    let mut conn = store.conn().await?;
    let (first, last): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT MIN(received_at), MAX(handled_at) FROM inbox").fetch_one(&mut *conn).await?;
    Ok(first.zip(last).map(|(f, l)| Duration::from_millis((l - f).max(1) as u64)))
}
