//! SIGKILL in the middle of a burst of updates, several times over: after a restart no update is
//! lost and none is handled twice. Runs the real binary against the fake Bot API.

use super::support;

use std::time::Duration;

use support::binary::start_bot;
use support::db::TestDb;
use support::fake_telegram::FakeTelegram;
use zhibu::store::Store;

const BURST: i64 = 300;

async fn count(store: &Store, sql: &'static str) -> i64 {
    let mut conn = store.conn().await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.unwrap_or(0)
}

#[tokio::test]
async fn sigkill_mid_burst_loses_no_update_and_handles_none_twice() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    for user in 0..BURST {
        fake.push_message(fake.private_text(10_000 + user, "路人", "/start"));
    }
    for round in 1..=3 {
        let mut bot = start_bot(&fake, &db, &[]);
        // Kill it at a different depth into the burst each round.
        let target = round * BURST / 4;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while count(&store, "SELECT COUNT(*) FROM inbox WHERE state = 'done'").await < target {
            assert!(tokio::time::Instant::now() < deadline, "round {round}: the bot made no progress");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        bot.kill().expect("SIGKILL");
        bot.wait().unwrap();
    }
    let mut bot = start_bot(&fake, &db, &[]);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while count(&store, "SELECT COUNT(*) FROM inbox WHERE state = 'done'").await < BURST
        || fake.pending_updates() > 0
    {
        assert!(tokio::time::Instant::now() < deadline, "the burst was not finished after restarts");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bot.kill().unwrap();
    bot.wait().unwrap();

    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox").await, BURST, "every update stored once");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox WHERE state <> 'done'").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM greeted_users").await, BURST);
    let replies_per_chat: Vec<i64> = {
        let mut conn = store.conn().await.unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE chat_id > 0 GROUP BY chat_id")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    };
    assert_eq!(replies_per_chat.len() as i64, BURST, "every update was answered");
    assert!(replies_per_chat.iter().all(|n| *n == 1), "no update was handled twice");
    store.close().await;
    db.cleanup().await;
}

/// Twenty kills at random moments during a 500-chat broadcast: every chat gets it exactly once,
/// except rows left `unknown` (at most one per kill), and none is lost.
#[tokio::test]
async fn sigkill_at_random_moments_during_a_broadcast_never_double_sends() {
    use rand::RngExt;
    const CHATS: i64 = 500;
    const KILLS: usize = 20;
    let fake = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    {
        let mut conn = store.conn().await.unwrap();
        let body =
            serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text("情况通报：本周六上午9点学习"))
                .unwrap();
        let delivery = zhibu::store::outbox::Delivery { topic: Some("briefing:1"), ..Default::default() };
        for chat in 0..CHATS {
            zhibu::store::outbox::enqueue(&mut conn, 400_000 + chat, &body, 0, &delivery).await.unwrap();
        }
    }
    let mut rng = rand::rng();
    for _ in 0..KILLS {
        let mut bot = start_bot(&fake, &db, &[("ZHIBU_RATE_SCALE", "100")]);
        let before = fake.calls_to("sendmessage").len();
        let more = rng.random_range(1..=40);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        let mut checked = tokio::time::Instant::now();
        while fake.calls_to("sendmessage").len() < before + more {
            assert!(tokio::time::Instant::now() < deadline, "no progress");
            // Near the end fewer than `more` may be left: rows left `unknown` by a kill are
            // never resent, so the count of requests can stop short of the number of chats.
            if checked.elapsed() > Duration::from_millis(20) {
                checked = tokio::time::Instant::now();
                if count(&store, "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')").await
                    == 0
                {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        bot.kill().expect("SIGKILL");
        bot.wait().unwrap();
    }
    let mut bot = start_bot(&fake, &db, &[("ZHIBU_RATE_SCALE", "100")]);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while count(&store, "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')").await > 0 {
        assert!(tokio::time::Instant::now() < deadline, "the broadcast did not finish");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bot.kill().unwrap();
    bot.wait().unwrap();

    let unknown =
        count(&store, "SELECT COUNT(*) FROM outbox WHERE state = 'unknown' AND chat_id >= 400000").await;
    let sent = count(&store, "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND chat_id >= 400000").await;
    assert!(unknown <= KILLS as i64, "{unknown} unknown rows after {KILLS} kills");
    assert_eq!(sent + unknown, CHATS, "none lost");
    for chat in 0..CHATS {
        let got = fake.texts_to(400_000 + chat).len();
        assert!(got <= 1, "chat {chat} got the briefing {got} times");
    }
    let delivered = (0..CHATS).filter(|c| fake.texts_to(400_000 + c).len() == 1).count() as i64;
    assert!(delivered >= sent, "every row marked sent was delivered");
    store.close().await;
    db.cleanup().await;
}
