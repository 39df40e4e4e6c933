//! The store under concurrent writers: a burst of transactions that read then write never fails
//! with "database is locked" (SQLite) and loses nothing; a process's writers take turns.

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
            let _ = store::inbox::count_in_state(&mut tx, store::inbox::InboxState::Pending).await?;
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
async fn sqlite_writers_take_turns_so_one_waiting_is_never_overtaken_by_later_batches() {
    if support::db::backend_is_postgres() {
        return;
    }
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let batch = store.begin_write().await.unwrap();
    // The lease renewal comes first, then the next batch: the renewal writes before that batch.
    let renewal = {
        let (store, order) = (store.clone(), order.clone());
        tokio::spawn(async move {
            let _turn = store.write_turn().await;
            order.lock().unwrap().push("renewal");
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let next_batch = {
        let (store, order) = (store.clone(), order.clone());
        tokio::spawn(async move {
            let tx = store.begin_write().await.unwrap();
            order.lock().unwrap().push("next batch");
            tx.commit().await.unwrap();
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(order.lock().unwrap().is_empty(), "nobody writes while a batch holds the turn");
    batch.commit().await.unwrap();
    renewal.await.unwrap();
    next_batch.await.unwrap();
    assert_eq!(*order.lock().unwrap(), ["renewal", "next batch"]);
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

#[tokio::test]
async fn the_outbox_hands_out_each_chats_oldest_due_message_by_priority_past_rows_held_for_later() {
    use store::outbox::{self, Delivery, PRIORITY_BACKGROUND, PRIORITY_BUTTON};
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let mut conn = store.conn().await.unwrap();
    let background = Delivery { priority: Some(PRIORITY_BACKGROUND), ..Delivery::default() };
    let later = Delivery { not_before: Some(5_000), ..Delivery::default() };
    let button = Delivery { priority: Some(PRIORITY_BUTTON), ..Delivery::default() };
    let a_first = queue(&mut conn, 1, background.clone()).await;
    let _a_second = queue(&mut conn, 1, background.clone()).await; // waits behind chat 1's older row
    let b_reply = queue(&mut conn, 2, Delivery::default()).await;
    let c_sending = queue(&mut conn, 3, Delivery::default()).await;
    let _c_next = queue(&mut conn, 3, Delivery::default()).await; // waits behind the one being sent
    let _d_later = queue(&mut conn, 4, later).await; // held for later: it holds up nothing due
    let d_next = queue(&mut conn, 4, Delivery::default()).await;
    let _e_button = queue(&mut conn, 5, button).await; // button answers go by `due_buttons`
    let f_throttled = queue(&mut conn, 6, Delivery::default()).await;
    let _f_next = queue(&mut conn, 6, Delivery::default()).await; // waits behind a row tried again later
    assert!(outbox::claim(&mut conn, c_sending).await.unwrap().is_some());
    assert!(outbox::claim(&mut conn, f_throttled).await.unwrap().is_some());
    outbox::throttled(&mut conn, f_throttled, 5_000, "429", 1_000).await.unwrap();

    let due: Vec<i64> = outbox::due(&mut conn, 1_000, &[], 30).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(due, vec![b_reply, d_next, a_first], "replies before background, one per chat");
    let first = outbox::due(&mut conn, 1_000, &[], 1).await.unwrap();
    assert_eq!(first.iter().map(|r| r.id).collect::<Vec<_>>(), vec![b_reply]);
    let past_held: Vec<i64> =
        outbox::due(&mut conn, 1_000, &[2, 9], 30).await.unwrap().iter().map(|r| r.id).collect();
    assert_eq!(past_held, vec![d_next, a_first], "a chat waiting out its limits is left out");
    let past_replies = outbox::due_above(&mut conn, 1_000, &[], 30, outbox::PRIORITY_REPLY).await.unwrap();
    assert_eq!(past_replies.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a_first], "read past the replies");
    drop(conn);
    store.close().await;
    db.cleanup().await;
}

async fn queue(conn: &mut store::Conn, chat: i64, delivery: store::outbox::Delivery<'_>) -> i64 {
    store::outbox::enqueue(conn, chat, "{}", 0, &delivery).await.unwrap().unwrap()
}
