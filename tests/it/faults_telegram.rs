//! The fault catalogue, Telegram's side: the Bot API's documented refusals (409, 429 on
//! `getUpdates`, 400 chat not found, message to edit not found, message is not modified), slow
//! answers, and the network between zhibu and Telegram failing before or after a request went
//! out — including an outage in the middle of a broadcast.

use std::sync::Arc;
use std::time::Duration;

use zhibu::clock::SystemClock;
use zhibu::domain::outgoing::{Buttons, Outgoing};

use super::support;
use support::app::TestApp;
use support::fake_telegram::{FakeTelegram, Fault, FaultRule};
use support::proxy::{Link, Proxy};

/// The application talking to the fake Bot API through a proxy the test controls.
async fn behind_proxy() -> (TestApp, Proxy) {
    let fake = FakeTelegram::start().await;
    let proxy = Proxy::start(fake.addr()).await;
    let url = proxy.http_url();
    let app = TestApp::spawn_against(fake, Arc::new(SystemClock), move |s| {
        s.api_url = Some(url.parse().expect("proxy url"));
    })
    .await;
    (app, proxy)
}

/// Queues any outgoing message straight into the outbox.
async fn enqueue(app: &TestApp, chat: i64, message: &Outgoing) -> i64 {
    let body = serde_json::to_string(message).unwrap();
    let delivery = zhibu::store::outbox::Delivery::default();
    let mut conn = app.store.conn().await.unwrap();
    let now = support::app::now_ms();
    let id = zhibu::store::outbox::enqueue(&mut conn, chat, &body, now, &delivery).await.unwrap();
    app.wakers.wake_all();
    id.expect("queued")
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap()
}

fn refused_polls(fake: &FakeTelegram) -> Vec<std::time::Instant> {
    fake.faulted_calls().iter().filter(|c| c.method == "getupdates").map(|c| c.at).collect()
}

#[tokio::test]
async fn a_409_conflict_from_another_poller_is_waited_out_and_no_update_is_lost() {
    let app = TestApp::spawn().await;
    app.fake.fail_next(FaultRule::new("getupdates", Fault::Conflict).times(3));
    app.fake.push_message(app.fake.private_text(9101, "路人", "/start"));
    app.expect_text(9101, "绑定手机号").await;
    app.settle().await;
    assert_eq!(refused_polls(&app.fake).len(), 3, "the conflicts were met");
    assert_eq!(app.fake.texts_to(9101).len(), 1, "answered once");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM inbox").await, 1, "stored once");
    app.stop().await;
}

#[tokio::test]
async fn a_429_on_get_updates_is_waited_out_for_its_retry_after() {
    let app = TestApp::spawn().await;
    app.fake.fail_next(FaultRule::new("getupdates", Fault::TooManyRequests { retry_after: 2 }));
    app.fake.push_message(app.fake.private_text(9102, "路人", "/start"));
    app.expect_text(9102, "绑定手机号").await;
    let refused_at = refused_polls(&app.fake)[0];
    let next_poll =
        |f: &FakeTelegram| f.calls_to("getupdates").iter().map(|c| c.at).find(|at| *at > refused_at);
    assert!(app.fake.wait_until(|f| next_poll(f).is_some(), Duration::from_secs(10)).await, "polled again");
    let next_poll = next_poll(&app.fake).unwrap();
    let waited = next_poll.duration_since(refused_at);
    assert!(waited >= Duration::from_millis(1900), "polled again after {waited:?}, before retry_after");
    app.settle().await;
    assert_eq!(app.fake.texts_to(9102).len(), 1, "answered once");
    app.stop().await;
}

#[tokio::test]
async fn chat_not_found_fails_that_message_alone_and_it_is_not_retried() {
    let app = TestApp::spawn().await;
    let (gone, other) = (9201, 9202);
    app.fake.fail_next(FaultRule::new("sendmessage", Fault::CHAT_NOT_FOUND).for_chat(gone));
    let lost = app.enqueue_text(gone, "通知", "briefing:1").await;
    let fine = app.enqueue_text(other, "通知", "briefing:1").await;
    app.settle().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (state, error) = app.outbox_state(lost).await;
    assert_eq!(state, "failed");
    assert!(error.unwrap_or_default().contains("chat not found"));
    let tries = app.fake.faulted_calls().iter().filter(|c| c.chat_id() == Some(gone)).count();
    assert_eq!(tries, 1, "a refusal is not retried");
    assert_eq!(app.outbox_state(fine).await.0, "sent");
    assert_eq!(app.fake.texts_to(other), vec!["通知"]);
    app.stop().await;
}

#[tokio::test]
async fn an_edit_that_changes_nothing_counts_as_done_and_one_of_a_vanished_message_fails_alone() {
    let app = TestApp::spawn().await;
    let chat = 9301;
    let original = app.enqueue_text(chat, "参加：3人", "roll:1").await;
    app.settle().await;
    let edit = |text: &str| Outgoing::Edit {
        of_outbox_id: original,
        text: text.into(),
        buttons: Buttons::default(),
    };
    // The same text again: Telegram answers "message is not modified".
    let unchanged = enqueue(&app, chat, &edit("参加：3人")).await;
    app.settle().await;
    let not_modified = app.fake.faulted_calls().iter().filter(|c| c.method == "editmessagetext").count();
    assert_eq!(not_modified, 1, "Telegram was asked and said not modified");
    assert_eq!(app.outbox_state(unchanged).await.0, "sent", "nothing left to do is done");
    // The message was deleted meanwhile: the edit fails, alone; what follows still goes.
    app.fake.fail_next(FaultRule::new("editmessagetext", Fault::BadRequest("message to edit not found")));
    let vanished = enqueue(&app, chat, &edit("参加：4人")).await;
    app.enqueue_text(chat, "之后的通知", "briefing:2").await;
    app.expect_text(chat, "之后的通知").await;
    app.settle().await;
    let (state, error) = app.outbox_state(vanished).await;
    assert_eq!(state, "failed");
    assert!(error.unwrap_or_default().contains("message to edit not found"));
    let edits = app.fake.faulted_calls().iter().filter(|c| c.method == "editmessagetext").count();
    assert_eq!(edits, 2, "the failed edit is not retried");
    app.stop().await;
}

#[tokio::test]
async fn a_slow_answer_within_the_send_timeout_is_sent_once_and_marked_sent() {
    let app = TestApp::spawn().await;
    let chat = 9401;
    app.fake
        .fail_next(FaultRule::new("sendmessage", Fault::SlowAnswer(Duration::from_secs(2))).for_chat(chat));
    let row = app.enqueue_text(chat, "通知", "briefing:1").await;
    let after = app.enqueue_text(chat, "下一条", "briefing:2").await;
    app.expect_text(chat, "下一条").await;
    app.settle().await;
    assert_eq!(app.outbox_state(row).await.0, "sent");
    assert_eq!(app.outbox_state(after).await.0, "sent");
    assert_eq!(app.fake.texts_to(chat), vec!["通知", "下一条"], "each once, in order");
    app.stop().await;
}

#[tokio::test]
async fn a_refused_connection_is_retried_until_the_message_goes_through_once() {
    let (app, proxy) = behind_proxy().await;
    let chat = 9501;
    proxy.set(Link::Refused);
    let row = app.enqueue_text(chat, "通知", "briefing:1").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (state, _) = app.outbox_state(row).await;
    assert_eq!(state, "pending", "waiting to be retried, not given up");
    assert!(app.fake.texts_to(chat).is_empty());
    proxy.set(Link::Up);
    let delivered = app.fake.wait_until(|f| f.texts_to(chat).len() == 1, Duration::from_secs(30)).await;
    assert!(delivered, "sent once the connection is back: {:?}", app.outbox_state(row).await);
    app.settle().await;
    assert_eq!(app.outbox_state(row).await.0, "sent");
    assert_eq!(app.fake.texts_to(chat).len(), 1, "sent once");
    app.stop().await;
}

#[tokio::test]
async fn a_connection_closed_before_any_answer_never_sends_twice_and_the_chat_goes_on() {
    let (app, proxy) = behind_proxy().await;
    let chat = 9601;
    proxy.set(Link::ClosedAtOnce);
    let row = app.enqueue_text(chat, "通知", "briefing:1").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(app.fake.texts_to(chat).is_empty(), "nothing got through a closed connection");
    proxy.set(Link::Up);
    app.enqueue_text(chat, "下一条", "briefing:2").await;
    app.expect_text(chat, "下一条").await;
    app.settle().await;
    // The client cannot tell whether a request on a connection closed under it was read: the
    // row is sent (retried) or of unknown fate, never failed and never delivered twice.
    let (state, _) = app.outbox_state(row).await;
    assert!(state == "sent" || state == "unknown", "{state}");
    let copies = app.fake.texts_to(chat).iter().filter(|t| *t == "通知").count();
    assert_eq!(copies, usize::from(state == "sent"), "delivered exactly when marked sent");
    app.stop().await;
}

#[tokio::test]
async fn an_answer_lost_after_the_request_went_through_leaves_the_row_unknown_and_never_resent() {
    let (app, proxy) = behind_proxy().await;
    let chat = 9701;
    proxy.set(Link::AnswersLost);
    let lost = app.enqueue_text(chat, "通知", "briefing:1").await;
    let delivered = app.fake.wait_until(|f| f.texts_to(chat).len() == 1, Duration::from_secs(10)).await;
    assert!(delivered, "the request went through");
    // The client sees the connection close without an answer.
    tokio::time::sleep(Duration::from_secs(1)).await;
    proxy.set(Link::Up);
    app.enqueue_text(chat, "下一条", "briefing:2").await;
    app.expect_text(chat, "下一条").await;
    app.settle().await;
    assert_eq!(app.outbox_state(lost).await.0, "unknown");
    assert_eq!(app.fake.texts_to(chat), vec!["通知", "下一条"], "delivered once, never resent");
    app.stop().await;
}

#[tokio::test]
async fn an_outage_of_the_bot_api_during_a_broadcast_loses_no_message() {
    const CHATS: i64 = 200;
    const FIRST: i64 = 700_000;
    let (app, proxy) = behind_proxy().await;
    for chat in FIRST..FIRST + CHATS {
        app.enqueue_text(chat, "情况通报", "briefing:1").await;
    }
    let delivered = |f: &FakeTelegram| (FIRST..FIRST + CHATS).filter(|c| !f.texts_to(*c).is_empty()).count();
    assert!(
        app.fake.wait_until(|f| delivered(f) >= 30, Duration::from_secs(30)).await,
        "the broadcast began"
    );
    // Telegram cannot be reached for a while (the same mechanism as minutes, made short).
    proxy.set(Link::Refused);
    tokio::time::sleep(Duration::from_secs(4)).await;
    let during = delivered(&app.fake);
    assert!((during as i64) < CHATS, "the outage fell in the middle of the broadcast");
    proxy.set(Link::Up);
    let done = app.fake.wait_until(|f| delivered(f) as i64 >= CHATS - 1, Duration::from_secs(60)).await;
    assert!(done, "the broadcast finished after the outage: {} of {CHATS}", delivered(&app.fake));
    app.settle().await;
    let broadcast = format!("chat_id >= {FIRST} AND chat_id < {}", FIRST + CHATS);
    let unknown =
        count(&app, &format!("SELECT COUNT(*) FROM outbox WHERE state = 'unknown' AND {broadcast}")).await;
    let sent =
        count(&app, &format!("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND {broadcast}")).await;
    let others: Vec<(i64, String, Option<String>)> = {
        let mut conn = app.store.conn().await.unwrap();
        let sql = format!("SELECT chat_id, state, error FROM outbox WHERE NOT ({broadcast})");
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await.unwrap()
    };
    eprintln!("outside the broadcast: {others:?}");
    assert!(unknown <= 1, "at most one message of unknown fate per interruption: {unknown}");
    assert_eq!(sent + unknown, CHATS, "none given up or failed");
    for chat in FIRST..FIRST + CHATS {
        assert!(app.fake.texts_to(chat).len() <= 1, "chat {chat} got two copies");
    }
    assert!(delivered(&app.fake) as i64 >= sent, "every row marked sent was delivered");
    app.stop().await;
}
