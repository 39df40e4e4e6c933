//! The load benchmark: the real `zhibu` binary against a fake Bot API that enforces Telegram's
//! limits (30/s overall, 1/s per chat, 20/min per group) with time running `--scale` times
//! faster, at provincial scale, on SQLite and PostgreSQL. It prints figures; it asserts nothing.
//!
//! `cargo bench --bench load -- [--backend sqlite|postgres|both] [--scale N] [--only NAME]
//! [--sizes 200,1000,3000] [--confirm private|group]` (NAME: startup, broadcast, storm, roll,
//! scheduler, compliance; `--confirm group`: the roll's branch confirms answers in the group only)

#[allow(dead_code)]
#[path = "../../tests/it/support/fake_telegram/mod.rs"]
mod fake_telegram;

mod broadcast;
mod compliance;
mod dashboard;
mod dataset;
mod harness;
mod roll_storm;
mod scheduler;
mod startup;
mod storm;
mod storm_probes;

use harness::Options;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = Options::from_args()?;
    println!("# zhibu load benchmark (time scale ×{}, {} core(s))", options.scale, num_cpus());
    for backend in options.backends() {
        println!("\n## {}", backend.label());
        if options.wants("startup") {
            startup::run(backend, &options).await?.print();
        }
        if options.wants("broadcast") {
            broadcast::run(backend, &options).await?.print();
        }
        if options.wants("storm") {
            storm::run(backend, &options).await?.print();
        }
        if options.wants("roll") {
            roll_storm::run(backend, &options).await?.print();
        }
        if options.wants("scheduler") {
            scheduler::run(backend, &options).await?.print();
        }
        if options.wants("compliance") {
            compliance::run(backend, &options).await?.print();
        }
        if options.wants("dashboard") {
            dashboard::run(backend, &options).await?.print();
        }
    }
    Ok(())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}
