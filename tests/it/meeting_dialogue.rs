//! The guided creation of a meeting (`/meeting` alone): buttons for the kind and the party
//! group, then time, place and topic in words; leaving it; surviving a restart.

use super::meeting_support::*;
use super::support;

use support::app::TestApp;

#[tokio::test]
async fn a_party_group_meeting_is_made_step_by_step_and_only_its_group_is_expected() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let say = |text: &str| app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
    say("/meeting");
    app.expect_text(SECRETARY, "请选择会议类型").await;
    tap(&app, "王建国", SECRETARY, 1, "md:k:group");
    app.expect_text(SECRETARY, "请选择是哪个党小组").await;
    tap(&app, "王建国", SECRETARY, 1, "md:g:0");
    app.expect_text(SECRETARY, "请写会议时间").await;
    say("下周三下午3点");
    app.expect_text(SECRETARY, "请写会议地点").await;
    say("活动室");
    app.expect_text(SECRETARY, "请写会议议题").await;
    say("学习讨论");
    app.expect_text(SECRETARY, "已创建党小组会").await;
    let notice = app.expect_text(GROUP, "【党小组会通知】（第一党小组）").await;
    assert!(notice.contains("11月25日（星期三）下午3点"), "{notice}");
    let roll = app.expect_text(GROUP, "【接龙】").await;
    assert!(roll.contains("未回复 8人"), "the first party group has 8 members: {roll}");
    // A member of another group taps: not expected, nothing recorded.
    app.settle().await;
    let id = latest_meeting(&app).await;
    let message = message_of(&app, id, false).await;
    tap(&app, "刘玉兰", GROUP, message, &format!("m:{id}:a"));
    app.settle().await;
    assert_eq!(callback_notices(&app).last().unwrap(), "这次会议不需要您参加，谢谢关心。");
    assert_eq!(answer_of(&app, id, "刘玉兰").await, (None, 0));
    app.stop().await;
}

#[tokio::test]
async fn a_dialogue_can_be_left_with_a_word_and_creates_nothing() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/meeting"));
    app.expect_text(SECRETARY, "请选择会议类型").await;
    tap(&app, "王建国", SECRETARY, 1, "md:k:general");
    app.expect_text(SECRETARY, "请写会议时间").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "取消"));
    app.expect_text(SECRETARY, "已取消，没有创建会议").await;
    tap(&app, "王建国", SECRETARY, 1, "md:k:general");
    app.settle().await;
    assert_eq!(callback_notices(&app).last().unwrap(), "这一步已经过期了，请重新发送 /meeting。");
    assert_eq!(meetings_count(&app).await, 0);
    app.stop().await;
}

#[tokio::test]
async fn a_secretary_halfway_through_the_dialogue_survives_a_restart() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/meeting"));
    app.expect_text(SECRETARY, "请选择会议类型").await;
    tap(&app, "王建国", SECRETARY, 1, "md:k:theme_day");
    app.expect_text(SECRETARY, "请写会议时间").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "12月4日上午9点"));
    app.expect_text(SECRETARY, "请写会议地点").await;
    app.settle().await;
    let app = app.restart().await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "社区党群服务中心"));
    app.expect_text(SECRETARY, "请写会议议题").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "重温入党誓词"));
    app.expect_text(SECRETARY, "已创建主题党日").await;
    let notice = app.expect_text(GROUP, "【主题党日通知】").await;
    assert!(notice.contains("地点：社区党群服务中心") && notice.contains("议题：重温入党誓词"), "{notice}");
    app.stop().await;
}

#[tokio::test]
async fn a_dialogue_left_for_a_day_is_forgotten_and_later_words_are_answers_again() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/meeting"));
    app.expect_text(SECRETARY, "请选择会议类型").await;
    tap(&app, "王建国", SECRETARY, 1, "md:k:lecture");
    app.expect_text(SECRETARY, "请写会议时间").await;
    set_clock(&app, &clock, (2026, 11, 22, 10, 0));
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "参加"));
    app.expect_text(SECRETARY, "已记录：王建国同志参加").await;
    assert_eq!(answer_of(&app, id, "王建国").await.0.map(|a| a.0), Some("attend".to_owned()));
    assert_eq!(meetings_count(&app).await, 1);
    app.stop().await;
}
