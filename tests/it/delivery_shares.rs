//! How Telegram's 30 messages/s are shared out when more is ready than they carry: live-roll
//! edits take at most their share while other messages wait, so a storm's many groups never
//! hold up a briefing to another chat; and a reply raises the rows ahead of it in its chat, so a
//! member's low-priority confirmation never holds up the question that follows it.

use std::sync::Arc;
use std::time::Duration;

use zhibu::clock::SystemClock;
use zhibu::domain::outgoing::Outgoing;
use zhibu::store::outbox::{
    self, Delivery, PRIORITY_BACKGROUND, PRIORITY_CONFIRM, PRIORITY_LIVE, PRIORITY_REPLY,
};
use zhibu::store::{Conn, Store};

use super::support;
use support::app::{TestApp, now_ms};
use support::db::TestDb;
use support::fake_telegram::SentCall;
use support::instance::telegram_faithful;

const GROUPS: i64 = 100;
const MEMBER: i64 = 300_001;

fn group(i: i64) -> i64 {
    -1_000_000_000_000 - i
}

fn body(text: &str) -> String {
    serde_json::to_string(&Outgoing::text(text)).unwrap()
}

/// The messages sent before the first one to `chat`, and how many of them went to groups.
fn sent_before(calls: &[SentCall], chat: i64) -> (usize, usize) {
    let before: Vec<&SentCall> = calls.iter().take_while(|c| c.chat_id() != Some(chat)).collect();
    (before.len(), before.iter().filter(|c| c.chat_id().is_some_and(|c| c < 0)).count())
}

#[tokio::test]
async fn with_many_groups_live_edits_ready_a_briefing_to_another_chat_goes_within_their_share() {
    // Telegram's own pace on both sides: the fake refuses (429) whatever breaks a limit.
    let fake = telegram_faithful(1.0).await;
    let app = TestApp::spawn_against(fake, Arc::new(SystemClock), |s| s.rate_scale = 1.0).await;
    // Each group two live edits' worth of text, more than the 30/s carries, and behind them all
    // a briefing to a member: one statement, so the sender finds them together.
    let now = now_ms();
    let live = body("实时名单");
    let rows: Vec<String> = (0..2)
        .flat_map(|_| {
            (0..GROUPS).map(|i| format!("({}, '{live}', 'pending', {now}, {now}, {PRIORITY_LIVE})", group(i)))
        })
        .chain([format!(
            "({MEMBER}, '{}', 'pending', {now}, {now}, {PRIORITY_BACKGROUND})",
            body("情况通报")
        )])
        .collect();
    let sql = format!(
        "INSERT INTO outbox (chat_id, body, state, not_before, created_at, priority) VALUES {}",
        rows.join(", ")
    );
    {
        let mut conn = app.store.conn().await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await.unwrap();
    }
    app.wakers.wake_all();

    let went = app.fake.wait_until(|f| f.texts_to(MEMBER).len() == 1, Duration::from_secs(30)).await;
    assert!(went, "the briefing went");
    let (before, to_groups) = sent_before(&app.fake.calls_to("sendmessage"), MEMBER);
    // Live edits first, but only 20 of a second's 30 while the briefing waits: it goes within
    // the first two seconds' sends, not after the hundred groups' first edits.
    assert!(before <= 60, "{before} messages ({to_groups} to groups) went before the briefing");

    let all = (2 * GROUPS + 1) as usize;
    let done = app.fake.wait_until(|f| f.calls_to("sendmessage").len() >= all, Duration::from_secs(60)).await;
    assert!(done, "every live edit went: {} of {all}", app.fake.calls_to("sendmessage").len());
    assert_eq!(app.fake.stats().too_many_requests, 0, "no send broke Telegram's limits");
    let calls = app.fake.calls_to("sendmessage");
    for i in 0..GROUPS {
        let to_group: Vec<_> = calls.iter().filter(|c| c.chat_id() == Some(group(i))).map(|c| c.at).collect();
        assert_eq!(to_group.len(), 2, "group {i}");
        let apart = to_group[1].duration_since(to_group[0]);
        assert!(apart >= Duration::from_millis(2_900), "group {i}'s live edits came {apart:?} apart");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_reply_after_a_confirmation_raises_it_and_both_go_before_a_backlog_in_order() {
    const BACKLOG: i64 = 400;
    let app = TestApp::spawn().await;
    let now = now_ms();
    {
        // One transaction, so the sender sees the backlog and the member's two rows together.
        let mut tx = app.store.begin_write().await.unwrap();
        let background = Delivery { priority: Some(PRIORITY_BACKGROUND), ..Delivery::default() };
        for i in 0..BACKLOG {
            outbox::enqueue(&mut tx, MEMBER + 1 + i, &body("情况通报"), now, &background).await.unwrap();
        }
        let confirm = Delivery { priority: Some(PRIORITY_CONFIRM), ..Delivery::default() };
        outbox::enqueue(&mut tx, MEMBER, &body("已记录：请假"), now, &confirm).await.unwrap();
        outbox::enqueue(&mut tx, MEMBER, &body("请问请假的原因是什么？"), now, &Delivery::default())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    app.wakers.wake_all();
    let went = app.fake.wait_until(|f| f.texts_to(MEMBER).len() == 2, Duration::from_secs(30)).await;
    assert!(went, "both went: {:?}", app.fake.texts_to(MEMBER));
    assert_eq!(app.fake.texts_to(MEMBER), ["已记录：请假", "请问请假的原因是什么？"], "in order");
    let calls = app.fake.calls_to("sendmessage");
    let (before_confirmation, _) = sent_before(&calls, MEMBER);
    assert_eq!(before_confirmation, 0, "the confirmation, raised to reply priority, went first");
    let after = &calls[1..];
    let (between, _) = sent_before(after, MEMBER);
    // The reply waits its chat's second after the confirmation: at most two seconds' worth of
    // the backlog goes meanwhile, not all of it.
    assert!(between <= 60, "{between} of the backlog went between the two");
    app.stop().await;
}

#[tokio::test]
async fn only_a_reply_or_live_edit_due_now_raises_the_pending_rows_ahead_of_it_in_its_chat() {
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let mut held = store.conn().await.unwrap();
    let conn = &mut held;
    let at = |priority: i64| Delivery { priority: Some(priority), ..Delivery::default() };
    let confirmation = queue(conn, 1, at(PRIORITY_CONFIRM)).await;
    let briefing = queue(conn, 1, at(PRIORITY_BACKGROUND)).await;
    let sending = queue(conn, 1, at(PRIORITY_BACKGROUND)).await;
    assert!(outbox::claim(conn, sending).await.unwrap().is_some());
    let other_chat = queue(conn, 2, at(PRIORITY_CONFIRM)).await;
    // A reply held for later raises nothing, nor does background or a confirmation.
    queue(conn, 1, Delivery { not_before: Some(5_000), ..Delivery::default() }).await;
    queue(conn, 1, at(PRIORITY_BACKGROUND)).await;
    queue(conn, 1, at(PRIORITY_CONFIRM)).await;
    assert_eq!(priority(conn, confirmation).await, PRIORITY_CONFIRM);
    assert_eq!(priority(conn, briefing).await, PRIORITY_BACKGROUND);
    // A reply due now raises every older pending row of its chat to its own priority.
    let reply = queue(conn, 1, Delivery::default()).await;
    for id in [confirmation, briefing] {
        assert_eq!(priority(conn, id).await, PRIORITY_REPLY);
    }
    assert_eq!(priority(conn, sending).await, PRIORITY_BACKGROUND, "a row being sent is left");
    assert_eq!(priority(conn, other_chat).await, PRIORITY_CONFIRM, "another chat's rows are left");
    // A live edit raises them to reply priority only: a row at live priority is paced as an edit.
    let later = queue(conn, 1, at(PRIORITY_CONFIRM)).await;
    let edit = queue(conn, 1, at(PRIORITY_LIVE)).await;
    assert_eq!(priority(conn, later).await, PRIORITY_REPLY);
    assert_eq!((priority(conn, reply).await, priority(conn, edit).await), (PRIORITY_REPLY, PRIORITY_LIVE));
    drop(held);
    store.close().await;
    db.cleanup().await;
}

async fn queue(conn: &mut Conn, chat: i64, delivery: Delivery<'_>) -> i64 {
    outbox::enqueue(conn, chat, "{}", 1_000, &delivery).await.unwrap().unwrap()
}

async fn priority(conn: &mut Conn, id: i64) -> i64 {
    sqlx::query_scalar("SELECT priority FROM outbox WHERE id = $1").bind(id).fetch_one(conn).await.unwrap()
}
