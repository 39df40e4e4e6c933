//! Start-up and idle: time from launching `zhibu run` to its first `getUpdates` with the province
//! loaded, and its memory once idle.

use std::time::{Duration, Instant};

use zhibu::store::Store;

use crate::dataset;
use crate::harness::{BenchDb, Options, Report, limited_fake, memory_mib, start_zhibu, stop, wait_for};

pub async fn run(backend: crate::harness::Backend, options: &Options) -> anyhow::Result<Report> {
    let db = BenchDb::new(backend).await?;
    let store = Store::open(&db.url).await?;
    let load_started = Instant::now();
    let members = dataset::load(&store, dataset::BRANCHES, dataset::MEMBERS_PER_BRANCH).await?;
    let load_time = load_started.elapsed();
    store.close().await;

    let fake = limited_fake(options.scale).await;
    let child = start_zhibu(&fake, &db, options.scale)?;
    let ready = wait_for(|| !fake.calls_to("getupdates").is_empty(), Duration::from_secs(120)).await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (idle, peak) = memory_mib(child.id());
    stop(child);
    db.drop_db().await;

    let mut report = Report::new("Start-up and idle");
    report.add("data set", format!("{} branches, {members} members", dataset::BRANCHES));
    report.add("loading the data set (bench setup)", format!("{:.1} s", load_time.as_secs_f64()));
    report.add(
        "time to ready (launch → first getUpdates)",
        ready.map_or("did not become ready".into(), |t| format!("{:.0} ms", t.as_secs_f64() * 1000.0)),
    );
    report.add("memory at idle (RSS)", format!("{idle:.1} MiB"));
    report.add("peak memory (VmHWM)", format!("{peak:.1} MiB"));
    Ok(report)
}
