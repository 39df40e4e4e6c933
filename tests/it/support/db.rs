//! A fresh database per test: a SQLite file in a temp dir, or (with ZHIBU_TEST_BACKEND=postgres)
//! a new database on the local PostgreSQL server, dropped at the end.

use sqlx::Connection;

/// The server tests create their databases on (trust auth, as on the CI machine).
pub const POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

pub fn backend_is_postgres() -> bool {
    std::env::var("ZHIBU_TEST_BACKEND").is_ok_and(|v| v.eq_ignore_ascii_case("postgres"))
}

impl TestDb {
    pub async fn new() -> TestDb {
        if backend_is_postgres() { TestDb::postgres().await } else { TestDb::sqlite() }
    }

    fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("zhibu.db").display());
        TestDb { url, _dir: Some(dir), pg_name: None }
    }

    async fn postgres() -> TestDb {
        let name = format!("zhibu_t_{}_{}", std::process::id(), unique_suffix());
        let mut admin = sqlx::PgConnection::connect(POSTGRES_ADMIN_URL).await.expect("connect to PostgreSQL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        TestDb { url, _dir: None, pg_name: Some(name) }
    }

    /// Drops the PostgreSQL database (SQLite files go with the temp dir).
    pub async fn cleanup(&self) {
        if let Some(name) = &self.pg_name
            && let Ok(mut admin) = sqlx::PgConnection::connect(POSTGRES_ADMIN_URL).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                .execute(&mut admin)
                .await;
        }
    }
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().subsec_nanos();
    format!("{nanos}_{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
