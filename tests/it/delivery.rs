//! The delivery engine against a refusing Telegram: 429s delay only their chat, 403s mark the
//! chat unreachable and tell the secretary, migrations move and resend once, and a response lost
//! after delivery leaves the row `unknown`, never resent. Button answers, which may be given
//! twice, are sent again after a lost response and not after a refusal.

use std::time::Duration;

use super::support;
use support::app::TestApp;
use support::fake_telegram::{Fault, FaultRule};

const BROADCAST: i64 = 500;
const FIRST_CHAT: i64 = 300_000;

#[tokio::test]
async fn a_429_on_one_chat_delays_that_chat_only_and_nothing_overtakes_its_retry() {
    let app = TestApp::spawn().await;
    let slow = FIRST_CHAT + 7;
    app.fake
        .fail_next(FaultRule::new("sendmessage", Fault::TooManyRequests { retry_after: 2 }).for_chat(slow));
    for i in 0..BROADCAST {
        app.enqueue_text(FIRST_CHAT + i, "情况通报：第一条", "briefing:1").await;
    }
    app.enqueue_text(slow, "情况通报：第二条", "briefing:2").await;
    let all_done = app
        .fake
        .wait_until(
            |f| f.texts_to(slow).len() == 2 && f.calls_to("sendmessage").len() as i64 == BROADCAST + 1,
            Duration::from_secs(30),
        )
        .await;
    assert!(all_done, "the broadcast finished");
    for i in 0..BROADCAST {
        let expected = if FIRST_CHAT + i == slow { 2 } else { 1 };
        assert_eq!(app.fake.texts_to(FIRST_CHAT + i).len(), expected, "chat {}", FIRST_CHAT + i);
    }
    assert_eq!(app.fake.texts_to(slow), vec!["情况通报：第一条", "情况通报：第二条"], "order kept");
    let refused_at =
        app.fake.faulted_calls().iter().find(|c| c.chat_id() == Some(slow)).map(|c| c.at).unwrap();
    let retried_at = app.fake.messages_to(slow)[0].at;
    assert!(retried_at.duration_since(refused_at) >= Duration::from_millis(1900), "waited retry_after");
    let others_meanwhile = app
        .fake
        .calls_to("sendmessage")
        .iter()
        .filter(|c| c.chat_id() != Some(slow) && c.at > refused_at && c.at < retried_at)
        .count();
    assert!(
        others_meanwhile > 10,
        "the other chats did not wait for the slow one ({others_meanwhile} meanwhile)"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_403_marks_the_chat_unreachable_and_tells_the_secretary_once() {
    let app = TestApp::spawn().await;
    let (branch, code) = app.create_branch("第一党支部").await;
    app.import_sample_roster(branch).await;
    let (secretary, member) = (6001, 6002);
    app.fake.push_message(app.fake.private_text(secretary, "王建国", &format!("/start {code}")));
    app.expect_text(secretary, "支部书记").await;
    app.fake.push_message(app.fake.private_contact(member, "刘玉兰", "13800138004", Some(member)));
    app.expect_text(member, "绑定成功").await;
    app.fake.fail_next(
        FaultRule::new("sendmessage", Fault::Forbidden("Forbidden: bot was blocked by the user"))
            .for_chat(member),
    );
    let first = app.enqueue_text(member, "情况通报", "briefing:1").await;
    app.expect_text(secretary, "无法给刘玉兰同志发消息").await;
    let second = app.enqueue_text(member, "情况通报二", "briefing:2").await;
    app.settle().await;
    assert_eq!(app.outbox_state(first).await.0, "failed");
    assert_eq!(app.outbox_state(second).await, ("failed".to_owned(), Some("chat unreachable".to_owned())));
    let told = app.fake.texts_to(secretary).iter().filter(|t| t.contains("无法给")).count();
    assert_eq!(told, 1, "told once");
    // Writing to the bot again makes the chat reachable.
    app.fake.push_message(app.fake.private_text(member, "刘玉兰", "/start"));
    app.expect_text(member, "已经绑定过了").await;
    app.stop().await;
}

#[tokio::test]
async fn a_migrated_group_moves_everywhere_and_the_message_is_resent_once() {
    let app = TestApp::spawn().await;
    let (branch, code) = app.create_branch("第一党支部").await;
    let (secretary, group, supergroup) = (6101, -6100, -1_000_000_006_100);
    app.fake.push_message(app.fake.private_text(secretary, "王建国", &format!("/start {code}")));
    app.expect_text(secretary, "支部书记").await;
    app.fake.push_message(app.fake.group_text(group, secretary, "王建国", "/bind"));
    app.expect_text(group, "本群已绑定").await;
    app.fake.fail_next(FaultRule::new("sendmessage", Fault::Migrated { to: supergroup }).for_chat(group));
    let row = app.enqueue_text(group, "学习提醒", "study:1").await;
    app.expect_text(supergroup, "学习提醒").await;
    app.settle().await;
    assert_eq!(app.outbox_state(row).await.0, "sent");
    assert_eq!(app.fake.texts_to(supergroup).iter().filter(|t| *t == "学习提醒").count(), 1);
    let mut conn = app.store.conn().await.unwrap();
    let b = zhibu::store::branches::get(&mut conn, branch).await.unwrap().unwrap();
    assert_eq!(b.group_chat_id, Some(supergroup));
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn a_response_lost_after_delivery_leaves_the_row_unknown_and_never_resent() {
    let app = TestApp::spawn().await;
    let chat = 6201;
    app.fake.fail_next(FaultRule::new("sendmessage", Fault::DeliverThenDropResponse).for_chat(chat));
    let lost = app.enqueue_text(chat, "情况通报", "briefing:1").await;
    let after = app.enqueue_text(chat, "下一条", "briefing:2").await;
    app.expect_text(chat, "下一条").await;
    app.settle().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.outbox_state(lost).await.0, "unknown");
    assert_eq!(app.outbox_state(after).await.0, "sent");
    assert_eq!(app.fake.texts_to(chat), vec!["情况通报", "下一条"], "delivered once, not resent");
    app.stop().await;
}

/// Sends one text to `chat` while its first try meets `fault`; it must go through, once.
async fn retried_until_it_goes_through_once(fault: Fault, chat: i64) {
    // teloxide waits 10 s after a 5xx before it reports it; the send timeout must outlast that.
    let clock = std::sync::Arc::new(zhibu::clock::SystemClock);
    let app = TestApp::spawn_configured(clock, |s| s.send_timeout_secs = 20).await;
    app.fake.fail_next(FaultRule::new("sendmessage", fault).for_chat(chat));
    let row = app.enqueue_text(chat, "通知", "briefing:1").await;
    let delivered = app.fake.wait_until(|f| f.texts_to(chat).len() == 1, Duration::from_secs(40)).await;
    assert!(delivered, "{:?}", app.outbox_state(row).await);
    app.settle().await;
    assert_eq!(app.outbox_state(row).await.0, "sent");
    assert_eq!(app.fake.texts_to(chat).len(), 1, "sent once");
    app.stop().await;
}

#[tokio::test]
async fn a_server_error_is_retried_until_it_goes_through() {
    retried_until_it_goes_through_once(Fault::ServerError, 6301).await;
}

#[tokio::test]
async fn a_proxys_bad_gateway_page_is_retried_until_the_message_goes_through_once() {
    retried_until_it_goes_through_once(Fault::BadGatewayPage, 6302).await;
}

#[tokio::test]
async fn a_button_answer_is_answered_again_after_a_lost_response_but_not_after_a_refusal() {
    let app = TestApp::spawn().await;
    let chat = 6401;
    // Calls answered (or held open) plus calls refused.
    let answers_to = |id: &str| {
        let mut calls = app.fake.calls_to("answercallbackquery");
        calls.extend(app.fake.faulted_calls());
        calls.iter().filter(|c| c.param("callback_query_id").as_deref() == Some(id)).count()
    };
    app.fake.fail_next(FaultRule::new("answercallbackquery", Fault::DeliverThenDropResponse));
    let lost = app.enqueue_button_answer(chat, "press-lost").await;
    let again = app.fake.wait_until(|_| answers_to("press-lost") == 2, Duration::from_secs(15)).await;
    assert!(again, "answered again after the response was lost: {:?}", app.outbox_state(lost).await);
    app.settle().await;
    assert_eq!(app.outbox_state(lost).await.0, "sent");

    app.fake.fail_next(FaultRule::new(
        "answercallbackquery",
        Fault::BadRequest("query is too old and response timeout expired or query ID is invalid"),
    ));
    let refused = app.enqueue_button_answer(chat, "press-old").await;
    app.settle().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (state, error) = app.outbox_state(refused).await;
    assert_eq!(state, "failed");
    assert!(error.unwrap_or_default().contains("query is too old"));
    assert_eq!(answers_to("press-old"), 1, "a refusal is not retried");
    app.stop().await;
}

/// More groups than the sender reads a pass (5 pages of 30), each just sent its twenty of the
/// minute and with a message waiting: they must not hide a briefing to another chat.
const HELD_GROUPS: i64 = 200;

#[tokio::test]
async fn groups_waiting_out_their_own_limits_do_not_hold_up_a_briefing_to_another_chat() {
    use zhibu::store::outbox::{PRIORITY_BACKGROUND, PRIORITY_LIVE};
    // Telegram's own pace (not scaled), so the groups stay held for most of a minute.
    let app =
        TestApp::spawn_configured(std::sync::Arc::new(zhibu::clock::SystemClock), |s| s.rate_scale = 1.0)
            .await;
    let group = |i: i64| -1_000_000_000_000 - i;
    // Each group's twenty messages of this minute, in the outbox as sent: the sender reads them
    // into its pacing when it starts again.
    let sent_at = support::app::now_ms() - 2_000;
    let rows: Vec<String> = (0..HELD_GROUPS)
        .flat_map(|i| {
            (0..20)
                .map(move |_| format!("({}, '{{}}', 'sent', {sent_at}, {sent_at}, {sent_at}, 2)", group(i)))
        })
        .collect();
    insert_rows(&app, "chat_id, body, state, not_before, created_at, sent_at, priority", &rows).await;
    let app = app.restart().await;
    // Now each group has a live-roll edit's worth of text waiting, held by its 20 a minute.
    let body = serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text("实时名单")).unwrap();
    let now = support::app::now_ms();
    let rows: Vec<String> = (0..HELD_GROUPS)
        .map(|i| format!("({}, '{body}', 'pending', {now}, {now}, {PRIORITY_LIVE})", group(i)))
        .collect();
    insert_rows(&app, "chat_id, body, state, not_before, created_at, priority", &rows).await;
    let member = FIRST_CHAT + 1;
    let briefing = {
        let body = serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text("情况通报")).unwrap();
        let delivery =
            zhibu::store::outbox::Delivery { priority: Some(PRIORITY_BACKGROUND), ..Default::default() };
        let mut conn = app.store.conn().await.unwrap();
        zhibu::store::outbox::enqueue(&mut conn, member, &body, now, &delivery).await.unwrap().unwrap()
    };
    app.wakers.wake_all();
    let queued = std::time::Instant::now();
    let went = app.fake.wait_until(|f| f.texts_to(member).len() == 1, Duration::from_secs(20)).await;
    let waited = queued.elapsed();
    assert!(went, "the briefing went while the groups wait out their minute");
    assert!(waited < Duration::from_secs(5), "the briefing went at once, not after the groups ({waited:?})");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while app.outbox_state(briefing).await.0 != "sent" && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(app.outbox_state(briefing).await.0, "sent", "recorded as sent");
    let to_groups =
        app.fake.calls_to("sendmessage").iter().filter(|c| c.chat_id().is_some_and(|c| c < 0)).count();
    assert_eq!(to_groups, 0, "no group got a 21st message within its minute");
    app.stop().await;
}

/// Inserts outbox rows given as SQL value lists, in one statement.
async fn insert_rows(app: &TestApp, columns: &str, rows: &[String]) {
    let sql = format!("INSERT INTO outbox ({columns}) VALUES {}", rows.join(", "));
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await.unwrap();
}
