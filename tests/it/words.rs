//! Words go where they were meant, end to end: a reply to a bot message belongs to that
//! message's feature, acknowledgements are never attendance, what the notices say to type works
//! in the group, two open meetings are asked back, and the leave-reason question is answered.

use super::meeting_records::{cli, member_id};
use super::meeting_support::*;
use super::support;

use support::app::TestApp;
use support::branch::{button_data, quiesce, scalar};

const MEETING: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";
const COMMITTEE: &str = "/meeting 支委会 12月6日上午9点 支部会议室 研究年度工作";
const BRIEF: &str = "/brief 本周六上午组织参观红色教育基地，自愿参加。";

fn group_says(app: &TestApp, name: &str, text: &str) {
    app.fake.push_message(app.fake.group_text(GROUP, user(name), name, text));
}

fn private_says(app: &TestApp, name: &str, text: &str) {
    app.fake.push_message(app.fake.private_text(user(name), name, text));
}

fn replies_in_group(app: &TestApp, name: &str, text: &str, to: i64) {
    app.fake.push_message(app.fake.group_reply(GROUP, user(name), name, text, to));
}

/// The secretary sends a briefing now; returns its message id in the group.
async fn briefing_sent(app: &TestApp) -> i64 {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", BRIEF));
    app.expect_text(SECRETARY, "请确认情况通报").await;
    let send = button_data(app, SECRETARY, "请确认情况通报", "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    app.expect_text(GROUP, "【情况通报】").await;
    sent_in_group(app, "briefing:").await
}

/// A study reminder for Friday 10:30 confirmed and fired; returns its message id in the group.
async fn study_round_open(app: &TestApp, clock: &zhibu::clock::ManualClock) -> i64 {
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/remind 每周五上午10点30分 学习党章第三章",
    ));
    app.expect_text(SECRETARY, "请确认学习提醒").await;
    let data = button_data(app, SECRETARY, "请确认学习提醒", "确认");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &data));
    app.expect_text(SECRETARY, "已保存").await;
    set_clock(app, clock, (2026, 11, 20, 10, 30));
    app.expect_text(GROUP, "【学习提醒】").await;
    sent_in_group(app, "study:").await
}

/// The Telegram message id of the bot's group message about a topic starting with `prefix`.
async fn sent_in_group(app: &TestApp, prefix: &str) -> i64 {
    quiesce(app).await;
    let sql = format!(
        "SELECT MAX(message_id) FROM outbox WHERE chat_id = {GROUP} AND topic LIKE '{prefix}%' AND state = 'sent'"
    );
    scalar(app, &sql).await
}

async fn count(app: &TestApp, table: &str) -> i64 {
    quiesce(app).await;
    scalar(app, &format!("SELECT COUNT(*) FROM {table}")).await
}

#[tokio::test]
async fn shoudao_replied_to_a_briefing_is_an_acknowledgement_never_attendance_at_the_open_meeting() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let meeting = create_meeting(&app, MEETING).await;
    let briefing = briefing_sent(&app).await;
    replies_in_group(&app, "刘玉兰", "收到", briefing);
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志已收到通报").await;
    assert_eq!(count(&app, "briefing_acks").await, 1);
    assert_eq!(answer_of(&app, meeting, "刘玉兰").await, (None, 0), "收到 to a briefing is no attendance");
    app.stop().await;
}

#[tokio::test]
async fn yiyue_meant_for_the_briefing_is_never_recorded_as_studied() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let briefing = briefing_sent(&app).await;
    study_round_open(&app, &clock).await;
    replies_in_group(&app, "陈志强", "已阅", briefing);
    app.expect_text(user("陈志强"), "已收到通报").await;
    assert_eq!((count(&app, "briefing_acks").await, count(&app, "study_records").await), (1, 0));

    // Without a reply, 已阅 fits both: asked back, one button each, nothing recorded.
    group_says(&app, "杨桂芝", "已阅");
    app.expect_text(user("杨桂芝"), "是指下面哪一件").await;
    let ack = button_data(&app, user("杨桂芝"), "是指下面哪一件", "收到通报：本周六上午组织参观红色教…");
    let studied = button_data(&app, user("杨桂芝"), "是指下面哪一件", "已学习：学习党章第三章");
    assert!(ack.starts_with("b:") && studied.starts_with("s:"), "{ack} {studied}");
    assert_eq!((count(&app, "briefing_acks").await, count(&app, "study_records").await), (1, 0));
    app.stop().await;
}

#[tokio::test]
async fn acknowledgement_words_never_become_attendance_and_a_reply_to_the_notice_is_asked_back() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let meeting = create_meeting(&app, MEETING).await;
    for (name, text) in [("刘玉兰", "收到"), ("陈志强", "好的"), ("杨桂芝", "👍")] {
        group_says(&app, name, text);
    }
    quiesce(&app).await;
    assert_eq!(count(&app, "attendance_answers").await, 0, "acknowledgements are never 参加");
    let notice = message_of(&app, meeting, false).await;
    replies_in_group(&app, "黄国庆", "好的", notice);
    app.expect_text(user("黄国庆"), "是参加还是请假").await;
    private_says(&app, "周淑珍", "收到");
    app.expect_text(user("周淑珍"), "是参加还是请假").await;
    assert_eq!(count(&app, "attendance_answers").await, 0);
    for name in ["刘玉兰", "陈志强", "杨桂芝"] {
        assert!(app.fake.texts_to(user(name)).iter().all(|t| t.contains("绑定成功")), "{name} was not asked");
    }
    app.stop().await;
}

#[tokio::test]
async fn what_the_notices_tell_people_to_type_works_in_the_group() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    briefing_sent(&app).await;
    study_round_open(&app, &clock).await;
    group_says(&app, "刘玉兰", "已学");
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志").await;
    group_says(&app, "陈志强", "收到");
    app.expect_text(user("陈志强"), "已记录：陈志强同志已收到通报").await;
    assert_eq!((count(&app, "briefing_acks").await, count(&app, "study_records").await), (1, 1));
    app.stop().await;
}

#[tokio::test]
async fn with_two_meetings_open_canjia_goes_to_the_one_expected_or_is_asked_back_naming_both() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    // The secretary sits on the branch's committee, so is expected at both meetings.
    let id = member_id(&app, "王建国").await.to_string();
    assert!(cli(&app, &["member", "committee", &id, "书记"]).await.status.success());
    let general = create_meeting(&app, MEETING).await;
    let committee = create_meeting(&app, COMMITTEE).await;
    // Expected at the 党员大会 only: recorded there.
    group_says(&app, "刘玉兰", "参加");
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志参加").await;
    assert_eq!(answer_of(&app, general, "刘玉兰").await.0.map(|a| a.0), Some("attend".to_owned()));
    // The secretary is expected at both: asked back, in the group and in private alike.
    group_says(&app, "王建国", "参加");
    app.expect_text(SECRETARY, "您说的“参加”是指下面哪一件").await;
    let first = button_data(&app, SECRETARY, "您说的“参加”", "参加 12月5日支部党员大会");
    let second = button_data(&app, SECRETARY, "您说的“参加”", "参加 12月6日支部委员会会议");
    assert_eq!((first, second.clone()), (format!("m:{general}:a"), format!("m:{committee}:a")));
    private_says(&app, "王建国", "我参加");
    app.expect_text(SECRETARY, "您说的“我参加”是指下面哪一件").await;
    assert_eq!(answer_of(&app, committee, "王建国").await, (None, 0));
    tap(&app, "王建国", SECRETARY, 1, &second);
    app.expect_text(SECRETARY, "已记录：王建国同志参加").await;
    assert_eq!(answer_of(&app, committee, "王建国").await.0.map(|a| a.0), Some("attend".to_owned()));
    // A leave with its reason, asked back too: the tap keeps the reason already said.
    private_says(&app, "王建国", "请假 住院");
    app.expect_text(SECRETARY, "您说的“请假 住院”是指下面哪一件").await;
    let leave = button_data(&app, SECRETARY, "您说的“请假 住院”", "请假 12月5日支部党员大会");
    tap(&app, "王建国", SECRETARY, 1, &leave);
    app.expect_text(SECRETARY, "已记录：王建国同志请假（住院），谢谢告知。").await;
    let (answer, _) = answer_of(&app, general, "王建国").await;
    assert_eq!(answer.map(|a| (a.0, a.1)), Some(("leave".to_owned(), Some("住院".to_owned()))));
    app.stop().await;
}

#[tokio::test]
async fn the_natural_answer_to_the_leave_reason_question_is_recorded_and_confirmed() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let meeting = create_meeting(&app, MEETING).await;
    let notice = message_of(&app, meeting, false).await;
    tap(&app, "胡桂兰", GROUP, notice, &format!("m:{meeting}:l"));
    app.expect_text(user("胡桂兰"), "如方便，可以回复请假原因").await;
    private_says(&app, "胡桂兰", "住院");
    app.expect_text(user("胡桂兰"), "已记录：胡桂兰同志请假（住院），谢谢告知。").await;
    let (answer, history) = answer_of(&app, meeting, "胡桂兰").await;
    assert_eq!(answer.map(|a| (a.0, a.1)), Some(("leave".to_owned(), Some("住院".to_owned()))));
    assert_eq!(history, 2, "the tap and its reason, both kept");
    // The question is answered once: the next words are plain words again.
    private_says(&app, "胡桂兰", "谢谢");
    quiesce(&app).await;
    assert_eq!(answer_of(&app, meeting, "胡桂兰").await.1, 2);
    app.stop().await;
}

#[tokio::test]
async fn group_taps_on_a_study_reminder_and_a_briefing_are_confirmed_in_words_privately() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let briefing = briefing_sent(&app).await;
    let round = study_round_open(&app, &clock).await;
    let ack = button_data(&app, GROUP, "【情况通报】", "收到");
    let studied = button_data(&app, GROUP, "【学习提醒】", "已学习");
    let group_before = app.fake.messages_to(GROUP).len();
    tap(&app, "赵红梅", GROUP, briefing, &ack);
    tap(&app, "赵红梅", GROUP, round, &studied);
    app.expect_text(user("赵红梅"), "已记录：赵红梅同志已收到通报").await;
    app.expect_text(user("赵红梅"), "已记录：赵红梅同志已学习（11月20日）").await;
    quiesce(&app).await;
    assert_eq!(app.fake.messages_to(GROUP).len(), group_before, "the group is not flooded");
    app.stop().await;
}

#[tokio::test]
async fn a_member_the_bot_cannot_write_to_privately_reads_the_confirmation_where_they_tapped_without_a_reason()
 {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let meeting = create_meeting(&app, MEETING).await;
    let notice = message_of(&app, meeting, false).await;
    {
        let mut conn = app.store.conn().await.unwrap();
        let now = support::app::now_ms();
        zhibu::store::chats::mark_unreachable(&mut conn, user("徐丽华"), "blocked by the user", now)
            .await
            .unwrap();
    }
    tap(&app, "徐丽华", GROUP, notice, &format!("m:{meeting}:l"));
    let said = app.expect_text(GROUP, "已记录：徐丽华同志请假，谢谢告知。").await;
    assert!(!said.contains("原因"), "a reason is never asked for in the group: {said}");
    // 请假 with a reason written in the group is confirmed there without repeating it.
    group_says(&app, "徐丽华", "请假 住院");
    quiesce(&app).await;
    let group = app.fake.texts_to(GROUP);
    assert_eq!(group.iter().filter(|t| t.contains("徐丽华同志请假")).count(), 2, "{group:?}");
    assert!(group.iter().all(|t| !t.contains("（住院）")), "health stays out of the group: {group:?}");
    let (answer, _) = answer_of(&app, meeting, "徐丽华").await;
    assert_eq!(answer.map(|a| a.1), Some(Some("住院".to_owned())));
    app.stop().await;
}

#[tokio::test]
async fn an_edited_answer_is_recorded_again_and_confirmed_and_an_edited_command_is_not_run_again() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let meeting = create_meeting(&app, MEETING).await;
    let said = app.fake.group_text(GROUP, user("刘玉兰"), "刘玉兰", "参加");
    app.fake.push_message(said.clone());
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志参加").await;
    // She edits 参加 into a leave with its reason, in traditional characters: the last one counts.
    app.fake.push_edit(&said, "請假 住院");
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志请假（住院）").await;
    let (answer, history) = answer_of(&app, meeting, "刘玉兰").await;
    assert_eq!(answer.map(|a| (a.0, a.1)), Some(("leave".to_owned(), Some("住院".to_owned()))));
    assert_eq!(history, 2, "both the first answer and the edit are kept");
    // Editing a command does not run it a second time.
    let command = app.fake.private_text(SECRETARY, "王建国", "/members");
    app.fake.push_message(command.clone());
    app.expect_text(SECRETARY, "花名册：共").await;
    let rosters = || app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("花名册：共")).count();
    let before = rosters();
    app.fake.push_edit(&command, "/members ");
    quiesce(&app).await;
    assert_eq!(rosters(), before, "an edited command is not run again");
    app.stop().await;
}
