//! The store under concurrent writers: a burst of transactions that read then write never fails
//! with "database is locked" (SQLite) and loses nothing.

use super::support;
use support::db::TestDb;
use zhibu::store::{self, Store};

#[tokio::test]
async fn many_concurrent_read_then_write_transactions_all_commit() {
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..64i64 {
        let store = store.clone();
        tasks.spawn(async move {
            let mut tx = store.begin_write().await?;
            // Read first, then write: the upgrade that fails at once under a deferred BEGIN.
            let _ = store::inbox::max_update_id(&mut tx).await?;
            store::inbox::insert(&mut tx, 1_000 + i, "{}", i).await?;
            store::meta::set(&mut tx, "last_writer", &i.to_string()).await?;
            tx.commit().await?;
            Ok::<_, store::StoreError>(())
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap().expect("no transaction fails");
    }
    let mut conn = store.conn().await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(rows, 64);
    drop(conn);
    store.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync() {
    if support::db::backend_is_postgres() {
        return;
    }
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let mut conn = store.conn().await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await.unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.unwrap();
    assert_eq!((mode.as_str(), sync), ("wal", 2));
    drop(conn);
    store.close().await;
}

#[tokio::test]
async fn telegram_ids_beyond_32_bits_are_kept_exactly() {
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let big = -1_002_184_233_434_i64;
    let branch = zhibu::app::branches::create(&store, "支部", "Asia/Shanghai", 1).await.unwrap().id;
    let mut conn = store.conn().await.unwrap();
    store::branches::bind_group(&mut conn, branch, big).await.unwrap();
    assert_eq!(
        store::branches::by_group_chat(&mut conn, big).await.unwrap().unwrap().group_chat_id,
        Some(big)
    );
    drop(conn);
    store.close().await;
    db.cleanup().await;
}
