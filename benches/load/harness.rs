//! What every scenario needs: options, a fresh database, the fake Bot API, the real binary as a
//! child process, and its memory as the kernel counts it.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sqlx::Connection;

use crate::fake_telegram::{FakeConfig, FakeTelegram, RateLimits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn label(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

pub struct Options {
    pub backend: String,
    pub scale: f64,
    pub only: Option<String>,
    /// The single-roll storm's sizes (members answering one roll).
    pub sizes: Vec<i64>,
    /// The single-roll storm's branch confirms answers in the group only (`/confirm 群内`).
    pub group_only: bool,
}

impl Options {
    pub fn from_args() -> anyhow::Result<Options> {
        let mut options = Options {
            backend: "both".into(),
            scale: 5.0,
            only: None,
            sizes: vec![200, 1_000, 3_000],
            group_only: false,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--backend" => options.backend = args.next().unwrap_or_default(),
                "--scale" => options.scale = args.next().unwrap_or_default().parse()?,
                "--only" => options.only = args.next(),
                "--sizes" => {
                    options.sizes = crate::roll_storm::parse_sizes(&args.next().unwrap_or_default())?
                }
                "--confirm" => options.group_only = args.next().as_deref() == Some("group"),
                "--bench" => {}
                other => anyhow::bail!("unknown argument {other}"),
            }
        }
        Ok(options)
    }

    pub fn backends(&self) -> Vec<Backend> {
        match self.backend.as_str() {
            "sqlite" => vec![Backend::Sqlite],
            "postgres" => vec![Backend::Postgres],
            _ => vec![Backend::Sqlite, Backend::Postgres],
        }
    }

    pub fn wants(&self, scenario: &str) -> bool {
        self.only.as_deref().is_none_or(|only| only == scenario)
    }
}

/// A fresh database; dropped (PostgreSQL) or deleted with its directory (SQLite) at the end.
pub struct BenchDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/test";

impl BenchDb {
    pub async fn new(backend: Backend) -> anyhow::Result<BenchDb> {
        Ok(match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir()?;
                let url = format!("sqlite://{}", dir.path().join("bench.db").display());
                BenchDb { url, _dir: Some(dir), pg_name: None }
            }
            Backend::Postgres => {
                let name = format!("zhibu_bench_{}", std::process::id());
                let mut admin = sqlx::PgConnection::connect(PG_ADMIN).await?;
                let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&mut admin).await?;
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin)
                    .await?;
                let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
                BenchDb { url, _dir: None, pg_name: Some(name) }
            }
        })
    }

    pub async fn drop_db(self) {
        if let Some(name) = self.pg_name
            && let Ok(mut admin) = sqlx::PgConnection::connect(PG_ADMIN).await
        {
            let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&mut admin).await;
        }
    }
}

/// The fake Bot API with Telegram's limits, time running `scale` times faster.
pub async fn limited_fake(scale: f64) -> FakeTelegram {
    FakeTelegram::start_with(FakeConfig {
        limits: Some(RateLimits::default()),
        time_scale: scale,
        ..FakeConfig::default()
    })
    .await
}

/// `zhibu run` against the fake and the database.
///
/// With `ZHIBU_BENCH_SQL_LOG=FILE` the bot logs every SQL statement it runs (sqlx's
/// `sqlx::query` events, with their time) into FILE, to see where the database's time goes;
/// logging costs CPU, so figures of such a run are not comparable.
pub fn start_zhibu(fake: &FakeTelegram, db: &BenchDb, scale: f64) -> anyhow::Result<Child> {
    let mut command = zhibu_command(fake, db, scale);
    match std::env::var("ZHIBU_BENCH_SQL_LOG") {
        Ok(path) => command.env("RUST_LOG", "error,sqlx::query=debug").stderr(std::fs::File::create(path)?),
        Err(_) => command.stderr(Stdio::inherit()),
    };
    Ok(command.spawn()?)
}

fn zhibu_command(fake: &FakeTelegram, db: &BenchDb, scale: f64) -> Command {
    // ZHIBU_BENCH_BIN runs another build (say, a copy of the previous one) against this benchmark.
    let binary = std::env::var("ZHIBU_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_zhibu").to_owned());
    let mut command = Command::new(binary);
    command
        .arg("run")
        .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
        .env("TELOXIDE_API_URL", fake.api_url())
        .env("ZHIBU_DATABASE_URL", &db.url)
        .env("ZHIBU_POLL_TIMEOUT_SECS", "1")
        .env("ZHIBU_RATE_SCALE", scale.to_string())
        .env("RUST_LOG", "error")
        .env("ZHIBU_LOG_FORMAT", "text")
        .stdout(Stdio::null());
    command
}

/// The bot, and, when it logs its statements, how many it has run so far.
pub struct Spawned {
    pub child: Child,
    statements: Option<Arc<AtomicUsize>>,
}

impl Spawned {
    pub fn statements(&self) -> Option<usize> {
        self.statements.as_ref().map(|s| s.load(Ordering::Relaxed))
    }
}

/// `zhibu run`; with `count_statements`, it logs every SQL statement (sqlx's `sqlx::query`
/// events) and a thread counts them. Logging costs CPU: count in a run of its own.
pub fn start_zhibu_with(
    fake: &FakeTelegram,
    db: &BenchDb,
    scale: f64,
    count_statements: bool,
) -> anyhow::Result<Spawned> {
    let mut command = zhibu_command(fake, db, scale);
    if !count_statements {
        return Ok(Spawned { child: command.stderr(Stdio::inherit()).spawn()?, statements: None });
    }
    command.env("RUST_LOG", "error,sqlx::query=debug").stderr(Stdio::piped());
    let mut child = command.spawn()?;
    let counter = Arc::new(AtomicUsize::new(0));
    let stderr = child.stderr.take().expect("piped");
    let counting = counter.clone();
    // ZHIBU_BENCH_STATEMENTS=FILE also keeps the statements, to see which ones an answer runs.
    let mut kept = std::env::var("ZHIBU_BENCH_STATEMENTS").ok().and_then(|p| std::fs::File::create(p).ok());
    std::thread::spawn(move || {
        use std::io::{BufRead, Write};
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("sqlx::query") {
                counting.fetch_add(1, Ordering::Relaxed);
                if let Some(file) = kept.as_mut() {
                    let _ = writeln!(file, "{line}");
                }
            }
        }
    });
    Ok(Spawned { child, statements: Some(counter) })
}

pub fn stop_spawned(spawned: Spawned) {
    stop(spawned.child);
}

/// CPU time (user + system) the process has used, in seconds: the sum of its threads' time on
/// CPU in nanoseconds (`/proc/PID/task/*/schedstat`), or clock ticks of `/proc/PID/stat`.
pub fn cpu_seconds(pid: u32) -> f64 {
    let threads = std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten();
    let nanos: Option<u64> = threads
        .map(|t| {
            let stat = std::fs::read_to_string(t.path().join("schedstat")).ok()?;
            stat.split_whitespace().next()?.parse::<u64>().ok()
        })
        .sum();
    if let Some(n) = nanos.filter(|n| *n > 0) {
        return n as f64 / 1e9;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are the 14th and 15th fields (11 and 12 after the name and state).
    (ticks(11) + ticks(12)) / 100.0
}

/// The p-th percentile of sorted durations, in ms.
pub fn pct(sorted: &[Duration], p: usize) -> String {
    if sorted.is_empty() {
        return "-".into();
    }
    let i = ((sorted.len() * p).div_ceil(100)).clamp(1, sorted.len()) - 1;
    format!("{:.1} ms", sorted[i].as_secs_f64() * 1000.0)
}

/// Stops the child as SIGTERM would (and waits for it).
pub fn stop(mut child: Child) {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let _ = child.wait();
}

/// (resident now, peak resident) of a process, in MiB, as the kernel counts them.
pub fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Polls `done` every 5 ms until it holds or `limit` passes; returns the time it took.
pub async fn wait_for(mut done: impl FnMut() -> bool, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    None
}

/// One printed figure.
pub struct Figure {
    pub name: String,
    pub value: String,
}

pub struct Report {
    pub title: &'static str,
    pub figures: Vec<Figure>,
}

impl Report {
    pub fn new(title: &'static str) -> Report {
        Report { title, figures: Vec::new() }
    }

    pub fn add(&mut self, name: &'static str, value: impl std::fmt::Display) {
        self.figures.push(Figure { name: name.to_owned(), value: value.to_string() });
    }

    pub fn add_line(&mut self, name: String, value: impl std::fmt::Display) {
        self.figures.push(Figure { name, value: value.to_string() });
    }

    pub fn print(&self) {
        println!("\n### {}", self.title);
        println!("| figure | value |\n|---|---|");
        for f in &self.figures {
            println!("| {} | {} |", f.name, f.value);
        }
    }
}
