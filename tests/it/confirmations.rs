//! How a member who answered a meeting is told it was recorded, without a storm of answers
//! eating Telegram's 30 messages/s: words in the group get a 👍 on them at once (no message of
//! its own), a tap in the group its notice; both their name in the live roll; and the private
//! words "已记录：…" follow last, after every other branch's due messages (`PRIORITY_CONFIRM`).
//! Words in private are answered there as replies, as before.

use super::meeting_support::*;
use super::support;

use serde_json::Value;
use support::app::TestApp;
use support::branch::scalar;
use zhibu::store::outbox::{PRIORITY_CONFIRM, PRIORITY_REPLY};

const LINE: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";

/// The reactions the bot set: (chat, message id, emoji).
fn reactions(app: &TestApp) -> Vec<(i64, i64, String)> {
    app.fake
        .calls_to("setMessageReaction")
        .iter()
        .map(|c| {
            let message = c.param("message_id").and_then(|m| m.parse().ok()).unwrap_or_default();
            let reaction: Value =
                c.param("reaction").and_then(|r| serde_json::from_str(&r).ok()).unwrap_or_default();
            let emoji = reaction[0]["emoji"].as_str().unwrap_or_default().to_owned();
            (c.chat_id().unwrap_or_default(), message, emoji)
        })
        .collect()
}

/// The priority the private confirmation to `name` was queued with.
async fn confirmation_priority(app: &TestApp, name: &str) -> i64 {
    app.settle().await;
    let sql = format!(
        "SELECT MAX(priority) FROM outbox WHERE chat_id = {} AND body LIKE '%已记录：{name}%'",
        user(name)
    );
    scalar(app, &sql).await
}

#[tokio::test]
async fn words_in_the_group_get_a_thumbs_up_at_once_and_the_private_words_go_last() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    create_meeting(&app, LINE).await;
    let said = app.fake.group_text(GROUP, user("刘玉兰"), "刘玉兰", "请假 住院");
    let message_id = said["message_id"].as_i64().expect("message id");
    app.fake.push_message(said);
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志请假（住院）").await;
    assert_eq!(reactions(&app), vec![(GROUP, message_id, "👍".to_owned())]);
    assert_eq!(confirmation_priority(&app, "刘玉兰").await, PRIORITY_CONFIRM);
    app.stop().await;
}

#[tokio::test]
async fn a_tap_in_the_group_is_confirmed_by_its_notice_and_privately_last_without_a_reaction() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let message = message_of(&app, id, false).await;
    tap(&app, "李秀英", GROUP, message, &format!("m:{id}:a"));
    app.expect_text(user("李秀英"), "已记录：李秀英同志参加").await;
    assert_eq!(callback_notices(&app), vec!["已记录，谢谢！"]);
    assert!(reactions(&app).is_empty(), "a tap is no message to react to");
    assert_eq!(confirmation_priority(&app, "李秀英").await, PRIORITY_CONFIRM);
    app.stop().await;
}

#[tokio::test]
async fn words_in_private_are_answered_there_as_a_reply_without_a_reaction() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    create_meeting(&app, LINE).await;
    app.fake.push_message(app.fake.private_text(user("陈志强"), "陈志强", "参加"));
    app.expect_text(user("陈志强"), "已记录：陈志强同志参加").await;
    assert!(reactions(&app).is_empty());
    assert_eq!(confirmation_priority(&app, "陈志强").await, PRIORITY_REPLY);
    app.stop().await;
}

#[tokio::test]
async fn words_in_the_group_that_answer_nothing_get_no_reaction() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    create_meeting(&app, LINE).await;
    app.fake.push_message(app.fake.group_text(GROUP, user("杨桂芝"), "杨桂芝", "今天天气真好"));
    app.settle().await;
    assert!(reactions(&app).is_empty());
    app.stop().await;
}

/// `/confirm 群内`: a branch that finds the 👍, the tap's notice and the roll enough sends no
/// private words for answers given in its group — but still asks privately for a leave's
/// missing reason; `/confirm 私信` brings the private words back. Both show in `/settings` and
/// `/audit`; other words get the usage.
#[tokio::test]
async fn a_branch_may_confirm_answers_in_the_group_only() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let message = message_of(&app, id, false).await;
    let secretary_says = |text: &str| app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));

    secretary_says("/confirm 随便");
    app.expect_text(SECRETARY, "/confirm 群内").await;
    secretary_says("/confirm 群内");
    app.expect_text(SECRETARY, "已保存。回复确认：党员在群里回复后，只在群里确认").await;

    tap(&app, "李秀英", GROUP, message, &format!("m:{id}:a"));
    let said = app.fake.group_text(GROUP, user("陈志强"), "陈志强", "请假 住院");
    app.fake.push_message(said);
    app.fake.push_message(app.fake.group_text(GROUP, user("刘玉兰"), "刘玉兰", "请假"));
    app.expect_text(user("刘玉兰"), "请假").await;
    app.settle().await;
    let roll = current_text(&app, message_of(&app, id, true).await);
    assert!(roll.contains("参加 1人：李秀英"), "{roll}");
    assert!(roll.contains("请假 2人：刘玉兰、陈志强") || roll.contains("请假 2人：陈志强、刘玉兰"), "{roll}");
    assert!(app.fake.texts_to(user("李秀英")).iter().all(|t| !t.contains("已记录")), "no private words");
    assert!(app.fake.texts_to(user("陈志强")).iter().all(|t| !t.contains("已记录")), "no private words");
    assert_eq!(callback_notices(&app), vec!["已记录，谢谢！"]);
    assert_eq!(reactions(&app).len(), 2, "both words got their 👍");

    secretary_says("/confirm 私信");
    app.expect_text(SECRETARY, "已保存。回复确认：党员在群里回复后，群里点赞、名单更新，另外私信").await;
    tap(&app, "杨桂芝", GROUP, message, &format!("m:{id}:a"));
    app.expect_text(user("杨桂芝"), "已记录：杨桂芝同志参加").await;

    secretary_says("/settings");
    app.expect_text(SECRETARY, "回复确认：党员在群里回复后，群里点赞、名单更新，另外私信").await;
    secretary_says("/audit");
    app.expect_text(SECRETARY, "设置回复确认方式").await;
    app.stop().await;
}
