//! Broadcast: one briefing to 3,000 groups and 10,000 private chats through the outbox, against
//! Telegram's limits. Figures: achieved rate ÷ allowed rate, 429s, time to the last delivery
//! (in Telegram's time, i.e. scaled back), peak memory of the bot.

use std::time::{Duration, Instant};

use zhibu::domain::outgoing::Outgoing;
use zhibu::store::{Store, outbox};

use crate::harness::{BenchDb, Options, Report, limited_fake, memory_mib, start_zhibu, stop, wait_for};

const GROUPS: i64 = 3_000;
const PRIVATE: i64 = 10_000;
const ALLOWED_PER_SEC: f64 = 30.0;

pub async fn run(backend: crate::harness::Backend, options: &Options) -> anyhow::Result<Report> {
    let db = BenchDb::new(backend).await?;
    let store = Store::open(&db.url).await?;
    let body = serde_json::to_string(&Outgoing::text(
        "情况通报：本周六上午9点在老干部活动中心学习全会精神，请相互转告。",
    ))?;
    let delivery = outbox::Delivery { topic: Some("briefing:bench"), ..Default::default() };
    let mut tx = store.begin_write().await?;
    for chat in (0..GROUPS).map(|g| -1_000_000_000_000 - g).chain((0..PRIVATE).map(|p| 20_000_000 + p)) {
        outbox::enqueue(&mut tx, chat, &body, 0, &delivery).await?;
    }
    tx.commit().await?;
    store.close().await;

    let total = (GROUPS + PRIVATE) as usize;
    let fake = limited_fake(options.scale).await;
    let started = Instant::now();
    let child = start_zhibu(&fake, &db, options.scale)?;
    let delivered = || fake.calls_to("sendmessage").len();
    let first = wait_for(|| delivered() > 0, Duration::from_secs(60)).await;
    let limit = Duration::from_secs_f64(total as f64 / ALLOWED_PER_SEC / options.scale * 3.0 + 60.0);
    let last = wait_for(|| delivered() >= total, limit).await;
    let (_, peak) = memory_mib(child.id());
    let stats = fake.stats();
    stop(child);
    db.drop_db().await;

    let mut report = Report::new("Broadcast: 3,000 groups + 10,000 private chats");
    let span = match (first, last) {
        (Some(first), Some(last)) => (last - first).as_secs_f64() * options.scale,
        _ => f64::NAN,
    };
    let achieved = total as f64 / span;
    report.add("messages delivered", format!("{} of {total}", delivered()));
    report.add(
        "achieved rate ÷ allowed rate (30/s)",
        format!("{:.3} ({achieved:.1}/s)", achieved / ALLOWED_PER_SEC),
    );
    report.add("429 answers received", stats.too_many_requests);
    report.add(
        "time to the last delivery (Telegram time)",
        last.map_or("not finished".into(), |t| format!("{:.0} s", t.as_secs_f64() * options.scale)),
    );
    report.add("wall-clock time of the run", format!("{:.1} s", started.elapsed().as_secs_f64()));
    report.add("peak memory of the bot (VmHWM)", format!("{peak:.1} MiB"));
    Ok(report)
}
