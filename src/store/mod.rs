//! The database: one `Any` pool over SQLite (default) or PostgreSQL, migrations, write transactions.
//!
//! Every query is written once with `$n` placeholders; instants are unix milliseconds (BIGINT) and
//! dates ISO text, the types the `Any` driver carries on both backends.

pub mod attendance;
pub mod audit;
pub mod branches;
pub mod briefings;
pub mod chats;
pub mod codes;
pub mod contacts;
pub mod dashboard;
pub mod dashboard_overview;
pub mod delivered;
pub mod dialogues;
pub mod erasure;
pub mod handovers;
pub mod health;
pub mod inbox;
pub mod jobs;
pub mod leases;
pub mod makeups;
pub mod meetings;
pub mod members;
pub mod meta;
pub mod notes;
pub mod observer_proposals;
pub mod office;
pub mod office_links;
pub mod outbox;
pub mod questions;
pub mod records;
pub mod retention;
pub mod roles;
pub mod roster_uploads;
pub mod schedules;
pub mod scrub;
pub mod sql_list;
pub mod standing;
pub mod stats;
pub mod study;
pub mod visits;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

/// A connection inside or outside a transaction; every store function takes one.
pub type Conn = sqlx::AnyConnection;
/// A write transaction (holding, on SQLite, the process's turn to write: see `Store::write_turn`).
pub struct Tx {
    inner: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<WriteTurn>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.inner.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

impl std::ops::Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.inner
    }
}

/// This process's turn to write to SQLite, held until dropped.
pub type WriteTurn = tokio::sync::OwnedMutexGuard<()>;

/// Longest wait for the turn to write; past it the writer goes on to SQLite's own waiting (a
/// turn held that long is a fault, and must not turn into a hang).
const TURN_WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database did not answer in time (a half-open connection, say); the work was dropped
    /// with its transaction.
    #[error("the database did not answer within {} s", .0.as_secs())]
    NoAnswer(Duration),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("cannot create the database file {path}: {reason}")]
    CreateFile { path: String, reason: std::io::Error },
    /// The SQLite file zhibu created once is gone (deleted or moved under it): starting afresh
    /// with an empty database would silently lose every record, so it is an error.
    #[error("the database file {path} is missing, though zhibu created it before ({marker})")]
    Vanished { path: String, marker: String },
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A connection handed back still inside a transaction is closed, not pooled. A write that fails
/// mid-transaction may have been rolled back by the database itself (SQLite does so on a full
/// disk or an I/O error); sqlx's own rollback then fails and the connection would stay "in a
/// transaction" for good, refusing every later `BEGIN` — one fault would wedge the bot until a
/// restart. A fresh connection is made instead.
fn drop_if_in_transaction(
    conn: &mut sqlx::AnyConnection,
    _: sqlx::pool::PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    let keep = !left_in_transaction(conn);
    Box::pin(async move { Ok(keep) })
}

fn left_in_transaction(conn: &mut sqlx::AnyConnection) -> bool {
    let left = sqlx::Connection::is_in_transaction(conn);
    if left {
        tracing::warn!("a database connection was left inside a failed transaction; it is replaced");
    }
    left
}

/// How soon a pooled PostgreSQL connection must answer a ping when it is taken or handed back.
/// One that does not (the server's end vanished without a word: a half-open connection) is
/// dropped and a fresh one made, instead of hanging whoever uses it next for good.
const PING_WITHIN: Duration = Duration::from_secs(5);

/// Whether a pooled connection still answers, within [`PING_WITHIN`]; an error drops it.
fn answers_in_time(
    conn: &mut sqlx::AnyConnection,
    _: sqlx::pool::PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        match tokio::time::timeout(PING_WITHIN, sqlx::Connection::ping(conn)).await {
            Ok(answered) => answered.map(|()| true),
            Err(_) => {
                tracing::warn!("a database connection stopped answering; it is replaced");
                Err(sqlx::Error::PoolTimedOut)
            }
        }
    })
}

/// Handed back: replaced when left inside a transaction or no longer answering.
fn reusable(
    conn: &mut sqlx::AnyConnection,
    meta: sqlx::pool::PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if left_in_transaction(conn) {
            return Ok(false);
        }
        answers_in_time(conn, meta).await
    })
}

/// How long one piece of database work (a transaction, a read) may take before it counts as a
/// database that stopped answering (a half-open connection): dropped, rolled back, tried again.
pub const WORK_WITHIN: Duration = Duration::from_secs(30);

/// Runs database work that must finish within `limit`: past it, the work is dropped (its
/// transaction rolled back, its connection replaced) and [`StoreError::NoAnswer`] returned.
pub async fn within<T>(limit: Duration, work: impl Future<Output = StoreResult<T>>) -> StoreResult<T> {
    tokio::time::timeout(limit, work).await.unwrap_or(Err(StoreError::NoAnswer(limit)))
}

/// Rolls back a transaction after a failure inside it. The database may already have rolled it
/// back itself (SQLite does on a full disk or an I/O error), so a failing rollback is only noted:
/// the connection, still marked as inside a transaction, is then replaced when it is handed back.
pub async fn abandon(tx: Tx) {
    if let Err(e) = tx.rollback().await {
        tracing::debug!(error = %e, "rollback after a failure failed; the connection will be replaced");
    }
}

type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer, and a writer that waits for it polls with growing sleeps: one that
    /// writes again at once (the processor, batch after batch) would keep the others (the lease
    /// renewal, the sender's claim, the poller) waiting for seconds. Writers of this process take
    /// turns here first, first come first served, so each waits for at most the writes queued
    /// before it.
    turns: Arc<tokio::sync::Mutex<()>>,
}

impl Store {
    /// Connects (creating a SQLite file if absent) and runs the migrations.
    pub async fn open(database_url: &str) -> StoreResult<Store> {
        sqlx::any::install_default_drivers();
        let backend = if database_url.starts_with("sqlite:") { Backend::Sqlite } else { Backend::Postgres };
        let url = match backend {
            Backend::Sqlite => sqlite_url_creating_file(database_url),
            Backend::Postgres => database_url.to_owned(),
        };
        if backend == Backend::Sqlite
            && let Some(path) = sqlite_file(database_url)
        {
            let marker = created_marker(&path);
            if !path.exists() {
                if marker.exists() {
                    let (path, marker) = (path.display().to_string(), marker.display().to_string());
                    return Err(StoreError::Vanished { path, marker });
                }
                // Readable by its owner only; SQLite gives its -wal and -shm files the same mode.
                create_private_file(&path)
                    .map_err(|reason| StoreError::CreateFile { path: path.display().to_string(), reason })?;
            }
            if !marker.exists() {
                // Best effort: without it, only the protection against a vanished file is lost.
                let _ = std::fs::write(&marker, CREATED_MARKER_TEXT);
            }
        }
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = match backend {
            Backend::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(4)
                    // An in-process SQLite connection cannot be half-open: a ping before each
                    // use would only cost a round trip to its worker thread.
                    .test_before_acquire(false)
                    .after_release(drop_if_in_transaction)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute("PRAGMA busy_timeout = 30000").await?;
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA synchronous = FULL").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(8)
                    .after_release(reusable)
                    .test_before_acquire(false)
                    .before_acquire(answers_in_time)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // A transaction whose client vanished (a half-open connection) must
                            // not hold its locks for good: the server ends it.
                            conn.execute("SET idle_in_transaction_session_timeout = '30s'").await?;
                            Ok(())
                        })
                    })
                    .acquire_timeout(Duration::from_secs(30))
                    .connect_with(options)
                    .await?
            }
        };
        let store = Store { pool, backend, turns: Arc::default() };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> StoreResult<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }

    /// How many migrations the database has applied, and how many this version knows.
    pub async fn migration_status(&self) -> StoreResult<(i64, usize)> {
        let known = match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").iter().count(),
            Backend::Postgres => sqlx::migrate!("migrations/postgres").iter().count(),
        };
        let applied =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(&self.pool).await?;
        Ok((applied, known))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`), so it waits its turn instead of failing with "database is locked"
    /// when it later upgrades from reading to writing.
    pub async fn begin_write(&self) -> StoreResult<Tx> {
        let turn = self.write_turn().await;
        let inner = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx { inner, _turn: turn })
    }

    /// On SQLite, waits for this process's turn to write (after the writers already waiting);
    /// a single writing statement outside `begin_write` (the lease renewal) holds it while it
    /// runs. `None` on PostgreSQL, which has no single writer, or when the wait was too long.
    pub async fn write_turn(&self) -> Option<WriteTurn> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        tokio::time::timeout(TURN_WAIT, self.turns.clone().lock_owned()).await.ok()
    }

    /// A pooled connection for reads and single statements.
    pub async fn conn(&self) -> StoreResult<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Beside a SQLite file zhibu created: its presence says the database existed, so a missing file
/// is an accident (deleted or moved), not a first run.
pub fn created_marker(db: &std::path::Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".created");
    std::path::PathBuf::from(name)
}

const CREATED_MARKER_TEXT: &str = "zhibu created the database file beside this one. While this file exists, zhibu \
refuses to start if the database is missing (so a deleted or moved database is never silently replaced \
by an empty one). Delete this file to start afresh with an empty database.\n";

/// The file a `sqlite://FILE[?options]` URL names; `None` for an in-memory database.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| std::path::PathBuf::from(path))
}

/// Creates `path` empty (or keeps it if it is empty already) with mode 0600 on Unix.
pub fn create_private_file(path: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    drop(file);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sqlite_file_is_read_from_the_url() {
        assert_eq!(sqlite_file("sqlite://zhibu.db"), Some("zhibu.db".into()));
        assert_eq!(
            sqlite_file("sqlite:///var/lib/zhibu/zhibu.db?mode=rwc"),
            Some("/var/lib/zhibu/zhibu.db".into())
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
