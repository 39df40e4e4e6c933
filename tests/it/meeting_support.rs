//! Helpers for the meeting tests: a bound branch whose members bound by phone, on a manual
//! clock, and ways to read what the application recorded.

use super::support;

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use serde_json::Value;
use support::app::TestApp;
use zhibu::clock::ManualClock;

pub const SECRETARY: i64 = 6001;
pub const GROUP: i64 = -5001;

/// The sample roster's members with a phone: (name, phone, Telegram user id). The secretary is
/// the first 王建国.
pub fn people() -> Vec<(&'static str, String, i64)> {
    let names = [
        "王建国",
        "李秀英",
        "",
        "刘玉兰",
        "陈志强",
        "杨桂芝",
        "赵红梅",
        "黄国庆",
        "周淑珍",
        "吴永福",
        "徐丽华",
        "孙文斌",
        "王建国",
        "马凤英",
        "朱海涛",
        "胡桂兰",
        "郭振华",
        "何秀云",
        "林建平",
        "罗美玲",
        "高德胜",
        "梁淑华",
        "宋国栋",
        "郑玉珍",
    ];
    names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.is_empty())
        .map(|(i, n)| {
            let tail = i as i64 + 1;
            let user = if tail == 1 { SECRETARY } else { 7000 + tail };
            (*n, format!("138001380{tail:02}"), user)
        })
        .collect()
}

/// The Telegram user of a member (the second 王建国 is `王建国2`).
pub fn user(name: &str) -> i64 {
    let want = if name == "王建国2" { ("王建国", 1) } else { (name, 0) };
    people().into_iter().filter(|(n, _, _)| *n == want.0).nth(want.1).map(|(_, _, u)| u).expect(name)
}

/// 2026-11-20 10:00 in Shanghai, a Friday.
pub fn start_clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::at(Utc.with_ymd_and_hms(2026, 11, 20, 2, 0, 0).unwrap()))
}

/// Sets the manual clock to a Shanghai wall-clock time and wakes the workers.
pub fn set_clock(app: &TestApp, clock: &ManualClock, (y, m, d, h, min): (i32, u32, u32, u32, u32)) {
    let shanghai = chrono_tz::Asia::Shanghai.with_ymd_and_hms(y, m, d, h, min, 0).unwrap();
    clock.set(shanghai.with_timezone(&Utc));
    app.wakers.wake_all();
}

/// A branch with the sample roster, its secretary bound (code and phone), its group bound, and
/// every member with a phone bound by sharing it.
pub async fn branch_with_members(app: &TestApp) -> i64 {
    let branch = super::support::branch::bound_branch_as(app, SECRETARY, GROUP).await;
    for (name, phone, user) in people() {
        app.fake.push_message(app.fake.private_contact(user, name, &phone, Some(user)));
    }
    for (_, _, user) in people() {
        app.expect_text(user, "绑定成功").await;
    }
    app.settle().await;
    branch
}

/// The secretary writes `/meeting …`; returns the new meeting's id once it is announced.
pub async fn create_meeting(app: &TestApp, line: &str) -> i64 {
    let before = app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("已创建")).count();
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", line));
    let found = app
        .fake
        .wait_until(
            |f| f.texts_to(SECRETARY).iter().filter(|t| t.contains("已创建")).count() > before,
            Duration::from_secs(10),
        )
        .await;
    assert!(found, "no meeting created: {:?}", app.fake.texts_to(SECRETARY));
    latest_meeting(app).await
}

/// The id of the meeting created last, once everything is handled.
pub async fn latest_meeting(app: &TestApp) -> i64 {
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar("SELECT MAX(id) FROM meetings").fetch_one(&mut *conn).await.unwrap()
}

pub async fn meetings_count(app: &TestApp) -> i64 {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM meetings").fetch_one(&mut *conn).await.unwrap()
}

/// The Telegram message id of a meeting's announcement (or roll) in the group.
pub async fn message_of(app: &TestApp, meeting: i64, roll: bool) -> i64 {
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    let m = zhibu::store::meetings::get(&mut conn, meeting).await.unwrap().unwrap();
    let row = if roll { m.roll_id } else { m.announcement_id }.unwrap();
    zhibu::store::outbox::message_id_of(&mut conn, row).await.unwrap().unwrap().1.expect("sent")
}

/// A member taps a button under message `message_id` in `chat`.
pub fn tap(app: &TestApp, name: &str, chat: i64, message_id: i64, data: &str) {
    let who = name.trim_end_matches('2');
    app.fake.push_callback(app.fake.callback(user(name), who, chat, message_id, data));
}

/// The answer recorded for a member: (answer, reason, proxy), and how many answers they gave.
pub async fn answer_of(
    app: &TestApp,
    meeting: i64,
    member: &str,
) -> (Option<(String, Option<String>, Option<String>)>, i64) {
    let mut conn = app.store.conn().await.unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM members WHERE name = $1 ORDER BY id LIMIT 1")
        .bind(member)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let row = zhibu::store::attendance::get(&mut conn, meeting, id).await.unwrap();
    let history = zhibu::store::attendance::history_count(&mut conn, meeting, id).await.unwrap();
    (row.and_then(|r| r.answer.map(|a| (a, r.reason, r.proxy_name))), history)
}

/// Callback answers' notices, in order.
pub fn callback_notices(app: &TestApp) -> Vec<String> {
    app.fake.calls_to("answercallbackquery").iter().filter_map(|c| c.param("text")).collect()
}

/// The current text of a message in the group.
pub fn current_text(app: &TestApp, message_id: i64) -> String {
    app.fake
        .message(GROUP, message_id)
        .and_then(|m| m.get("text").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default()
}

/// The Telegram id of the latest message sent to `chat` whose outbox body holds `needle` (a
/// sentence, or a button's callback data), once it is sent. Waits for that row only, so it works
/// while quiet hours hold other messages back.
pub async fn sent_with(app: &TestApp, chat: i64, needle: &str) -> i64 {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let mut conn = app.store.conn().await.unwrap();
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT message_id FROM outbox WHERE chat_id = $1 AND body LIKE $2 AND state = 'sent'
             ORDER BY id DESC LIMIT 1",
        )
        .bind(chat)
        .bind(format!("%{needle}%"))
        .fetch_optional(&mut *conn)
        .await
        .unwrap()
        .flatten();
        drop(conn);
        match found {
            Some(message_id) => return message_id,
            None if tokio::time::Instant::now() > deadline => panic!("no message with {needle} to {chat}"),
            None => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// `user` (named `name`) taps the button with callback `data` under the latest message to them
/// that carries it.
pub async fn tap_private(app: &TestApp, user: i64, name: &str, data: &str) {
    let message = sent_with(app, user, &format!("\"{data}\"")).await;
    app.fake.push_callback(app.fake.callback(user, name, user, message, data));
}

/// `user` sends `/close_meeting <id>` and waits for the question "确认结束…吗？"; returns it.
pub async fn ask_to_close(app: &TestApp, user: i64, name: &str, id: i64) -> String {
    let asked = |f: &support::fake_telegram::FakeTelegram| {
        f.texts_to(user).iter().filter(|t| t.starts_with("确认结束")).count()
    };
    let before = asked(&app.fake);
    app.fake.push_message(app.fake.private_text(user, name, &format!("/close_meeting {id}")));
    let ok = app.fake.wait_until(|f| asked(f) > before, Duration::from_secs(10)).await;
    assert!(ok, "no question: {:?}", app.fake.texts_to(user));
    app.fake.texts_to(user).into_iter().rev().find(|t| t.starts_with("确认结束")).unwrap()
}

/// `user` closes meeting `id` as the secretary would: `/close_meeting <id>`, then 【结束会议】;
/// returns once the meeting is closed (what closing sends may still be on its way).
pub async fn close_confirmed_by(app: &TestApp, user: i64, name: &str, id: i64) {
    ask_to_close(app, user, name, id).await;
    tap_private(app, user, name, &format!("mc:{id}:y")).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let mut conn = app.store.conn().await.unwrap();
        let m = zhibu::store::meetings::get(&mut conn, id).await.unwrap().unwrap();
        drop(conn);
        if m.closed_at.is_some() {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "meeting {id} was not closed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The secretary closes meeting `id` and confirms.
pub async fn close_confirmed(app: &TestApp, id: i64) {
    close_confirmed_by(app, SECRETARY, "王建国", id).await;
}

/// The secretary records `name`, who is not in the roster, as 列席: `/present <name>`, then
/// 【按列席记录】.
pub async fn present_as_observer(app: &TestApp, name: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", &format!("/present {name}")));
    app.expect_text(SECRETARY, &format!("{name}不在花名册中，还没有登记")).await;
    let proposal: i64 = {
        let mut conn = app.store.conn().await.unwrap();
        sqlx::query_scalar("SELECT MAX(id) FROM observer_proposals WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    };
    tap_private(app, SECRETARY, "王建国", &format!("mo:{proposal}")).await;
    app.expect_text(SECRETARY, &format!("已登记{name}为列席人员")).await;
}
