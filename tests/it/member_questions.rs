//! Members ask and tell in private, end to end through the fake Bot API: the member keyboard's
//! 【下次开会】【我要请假】【给书记留言】, the same asked in plain words, the secretary's reply
//! coming back through the bot, and a kind answer with the buttons to words the bot cannot place.

use super::meeting_support::*;
use super::support;

use support::app::TestApp;
use support::branch::{button_data, count_texts, ms, quiesce, scalar, shanghai};

const LINE: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";
const MEMBER: &str = "李秀英";

fn say(app: &TestApp, name: &str, text: &str) {
    app.fake.push_message(app.fake.private_text(user(name), name, text));
}

/// The reply keyboard's labels on the latest message to `chat` that has one.
fn keyboard_of(app: &TestApp, chat: i64) -> Vec<String> {
    let call = app
        .fake
        .messages_to(chat)
        .into_iter()
        .rev()
        .find(|c| c.params["reply_markup"]["keyboard"].is_array())
        .expect("a message with a keyboard");
    let rows = call.params["reply_markup"]["keyboard"].as_array().unwrap().clone();
    rows.iter()
        .flat_map(|row| row.as_array().unwrap().clone())
        .map(|b| b["text"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_member_keyboard_offers_next_meeting_leave_and_a_message_for_the_secretary() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let labels = keyboard_of(&app, user(MEMBER));
    for label in ["下次开会", "我要请假", "给书记留言", "我的信息", "使用帮助"] {
        assert!(labels.contains(&label.to_owned()), "{label} missing from {labels:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn next_meeting_tells_date_place_topic_and_the_members_own_answer() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    say(&app, MEMBER, "下次开会");
    app.expect_text(user(MEMBER), "目前还没有安排要开的会").await;

    let id = create_meeting(&app, LINE).await;
    say(&app, MEMBER, "下次开会");
    let told = app.expect_text(user(MEMBER), "【下次开会】").await;
    assert!(told.contains("时间：12月5日（星期六）上午9点"), "{told}");
    assert!(told.contains("地点：老干部活动中心") && told.contains("议题：学习全会精神"), "{told}");
    assert!(told.contains("您的回复：还没有回复"), "{told}");
    let attend = button_data(&app, user(MEMBER), "【下次开会】", "参加");
    assert_eq!(attend, format!("m:{id}:a"));

    tap_private(&app, user(MEMBER), MEMBER, &attend).await;
    app.expect_text(user(MEMBER), "已记录：李秀英同志参加").await;
    let before = count_texts(&app, user(MEMBER), "【下次开会】");
    say(&app, MEMBER, "请问下次开会是什么时候？");
    quiesce(&app).await;
    assert_eq!(count_texts(&app, user(MEMBER), "【下次开会】"), before + 1);
    let told =
        app.fake.texts_to(user(MEMBER)).into_iter().rev().find(|t| t.contains("【下次开会】")).unwrap();
    assert!(told.contains("您的回复：参加"), "{told}");
    let (answer, history) = answer_of(&app, id, MEMBER).await;
    assert_eq!(answer, Some(("attend".to_owned(), None, None)), "a question is no answer");
    assert_eq!(history, 1);
    app.stop().await;
}

#[tokio::test]
async fn asking_for_leave_chooses_the_meeting_by_button_then_takes_the_reason_in_words() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    say(&app, MEMBER, "我要请假");
    app.expect_text(user(MEMBER), "目前没有要开的会，不用请假").await;

    let first = create_meeting(&app, LINE).await;
    let second = create_meeting(&app, "/meeting 党课 12月12日上午9点 老干部活动中心 党史").await;
    say(&app, MEMBER, "我要请假");
    app.expect_text(user(MEMBER), "请点一下要请假的会议").await;
    let leave = button_data(&app, user(MEMBER), "请点一下要请假的会议", "请假 12月12日党课");
    assert_eq!(leave, format!("m:{second}:l"));
    button_data(&app, user(MEMBER), "请点一下要请假的会议", "请假 12月5日支部党员大会");

    tap_private(&app, user(MEMBER), MEMBER, &leave).await;
    app.expect_text(user(MEMBER), "已记录：李秀英同志请假").await;
    say(&app, MEMBER, "去医院复查");
    app.expect_text(user(MEMBER), "去医院复查").await;
    quiesce(&app).await;
    let (answer, _) = answer_of(&app, second, MEMBER).await;
    assert_eq!(answer, Some(("leave".to_owned(), Some("去医院复查".to_owned()), None)));
    assert_eq!(answer_of(&app, first, MEMBER).await.0, None, "the other meeting is untouched");
    app.stop().await;
}

#[tokio::test]
async fn a_message_for_the_secretary_goes_privately_and_the_reply_comes_back_through_the_bot() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    say(&app, MEMBER, "给书记留言");
    app.expect_text(user(MEMBER), "请直接写下您想对书记说的话").await;
    say(&app, MEMBER, "书记好，我下个月去女儿家住，学习材料请寄给我。");
    app.expect_text(user(MEMBER), "已把您的留言转给书记").await;
    let note = app.expect_text(SECRETARY, "【党员留言】李秀英同志").await;
    assert!(note.contains("我下个月去女儿家住"), "{note}");
    assert_eq!(count_texts(&app, GROUP, "我下个月去女儿家住"), 0, "never in the group");

    let reply = button_data(&app, SECRETARY, "【党员留言】", "回复");
    tap_private(&app, SECRETARY, "王建国", &reply).await;
    app.expect_text(SECRETARY, "请写下给李秀英同志的回复").await;
    say(&app, "王建国", "好的，收到，材料下周寄出。");
    app.expect_text(SECRETARY, "已把回复发给李秀英同志").await;
    let back = app.expect_text(user(MEMBER), "【书记回复】").await;
    assert!(back.contains("材料下周寄出") && back.contains("书记好，我下个月去女儿家住"), "{back}");
    quiesce(&app).await;
    let replied =
        scalar(&app, "SELECT COUNT(*) FROM member_notes WHERE reply = '好的，收到，材料下周寄出。'").await;
    assert_eq!(replied, 1);
    let audited = scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'note_reply'").await;
    assert_eq!(audited, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_message_left_in_the_quiet_hours_waits_for_the_morning_and_the_member_is_told() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    set_clock(&app, &clock, (2026, 11, 20, 21, 0));
    say(&app, MEMBER, "给书记留言");
    app.expect_text(user(MEMBER), "请直接写下您想对书记说的话").await;
    say(&app, MEMBER, "明天我想去看看老王");
    app.expect_text(user(MEMBER), "现在是休息时间，明天上午8点转给书记").await;
    app.settle_due(ms(shanghai(2026, 11, 20, 21, 0, 0))).await;
    assert_eq!(count_texts(&app, SECRETARY, "【党员留言】"), 0, "nothing at night");
    set_clock(&app, &clock, (2026, 11, 21, 8, 0));
    app.expect_text(SECRETARY, "【党员留言】李秀英同志").await;
    app.stop().await;
}

#[tokio::test]
async fn private_words_the_bot_cannot_place_get_a_kind_answer_with_the_buttons_and_the_group_hears_nothing() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    say(&app, MEMBER, "今天天气真好");
    let answer = app.expect_text(user(MEMBER), "这条消息我没有看懂").await;
    assert!(answer.contains("【给书记留言】"), "{answer}");
    assert!(keyboard_of(&app, user(MEMBER)).contains(&"下次开会".to_owned()));

    let group_before = app.fake.messages_to(GROUP).len();
    app.fake.push_message(app.fake.group_text(GROUP, user(MEMBER), MEMBER, "今天天气真好"));
    quiesce(&app).await;
    assert_eq!(app.fake.messages_to(GROUP).len(), group_before, "no answer to chatter in the group");
    app.stop().await;
}
