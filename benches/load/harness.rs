//! What every scenario needs: options, a fresh database, the fake Bot API, the real binary as a
//! child process, and its memory as the kernel counts it.

use std::process::{Child, Command, Stdio};
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
}

impl Options {
    pub fn from_args() -> anyhow::Result<Options> {
        let mut options = Options { backend: "both".into(), scale: 5.0, only: None };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--backend" => options.backend = args.next().unwrap_or_default(),
                "--scale" => options.scale = args.next().unwrap_or_default().parse()?,
                "--only" => options.only = args.next(),
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
pub fn start_zhibu(fake: &FakeTelegram, db: &BenchDb, scale: f64) -> anyhow::Result<Child> {
    Ok(Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("run")
        .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
        .env("TELOXIDE_API_URL", fake.api_url())
        .env("ZHIBU_DATABASE_URL", &db.url)
        .env("ZHIBU_POLL_TIMEOUT_SECS", "1")
        .env("ZHIBU_RATE_SCALE", scale.to_string())
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()?)
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
    pub name: &'static str,
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
