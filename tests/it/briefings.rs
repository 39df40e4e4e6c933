//! Briefings end to end: composed with /brief, previewed, sent to the group and every bound
//! member with 【收到】, acknowledged by tap or plain words, one reminder to those who have not,
//! a report that names a member the message could not reach, and catch-up after downtime.

use super::support;

use support::app::TestApp;
use support::branch::*;
use support::fake_telegram::{Fault, FaultRule};
use zhibu::app::schedules::Plan;
use zhibu::domain::schedule_phrase::Recurrence;
use zhibu::domain::schedules::ScheduleKind;

const TAPPER: i64 = 6001;
const SAYER: i64 = 6002;
const BLOCKER: i64 = 6003;
const SILENT: i64 = 6004;

async fn four_members(app: &TestApp) {
    bind_member(app, TAPPER, "刘玉兰", "13800138004").await;
    bind_member(app, SAYER, "李秀英", "13800138002").await;
    bind_member(app, BLOCKER, "杨桂芝", "13800138006").await;
    bind_member(app, SILENT, "陈志强", "13800138005").await;
}

#[tokio::test]
async fn a_briefing_tracks_acknowledgements_reminds_once_and_reports_a_blocked_member() {
    let (app, clock) = app_at(shanghai(2026, 11, 23, 10, 0, 0)).await;
    bound_branch(&app).await;
    four_members(&app).await;
    app.fake.fail_next(FaultRule::new("sendmessage", Fault::BOT_BLOCKED).for_chat(BLOCKER));
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/brief 本周六上午组织参观红色教育基地，自愿参加。",
    ));
    app.expect_text(SECRETARY, "请确认情况通报").await;
    for label in ["发送", "定时", "取消"] {
        assert!(button_data(&app, SECRETARY, "请确认情况通报", label).starts_with("d:"));
    }
    let send = button_data(&app, SECRETARY, "请确认情况通报", "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    app.expect_text(SECRETARY, "情况通报已发出").await;
    app.expect_text(GROUP, "【情况通报】").await;
    app.expect_text(TAPPER, "【情况通报】").await;
    app.expect_text(SILENT, "【情况通报】").await;

    let ack = button_data(&app, TAPPER, "【情况通报】", "收到");
    app.fake.push_callback(app.fake.callback(TAPPER, "刘玉兰", TAPPER, 1, &ack));
    app.fake.push_callback(app.fake.callback(TAPPER, "刘玉兰", TAPPER, 1, &ack));
    app.expect_text(TAPPER, "已记录：刘玉兰同志已收到通报").await;
    app.fake.push_message(app.fake.private_text(SAYER, "李秀英", "收到，谢谢书记"));
    app.expect_text(SAYER, "已记录：李秀英同志已收到通报").await;
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM briefing_acks").await, 2);

    // A day later (plus an hour), the one reminder goes to whoever has not acknowledged.
    move_to(&app, &clock, shanghai(2026, 11, 24, 11, 0, 0));
    app.expect_text(SILENT, "可能还没看到").await;
    move_to(&app, &clock, shanghai(2026, 11, 26, 11, 0, 0));
    quiesce(&app).await;
    assert_eq!(count_texts(&app, SILENT, "可能还没看到"), 1, "one reminder, never more");
    assert_eq!(count_texts(&app, TAPPER, "可能还没看到"), 0);
    assert_eq!(count_texts(&app, SAYER, "可能还没看到"), 0);
    assert_eq!(app.fake.texts_to(BLOCKER).iter().filter(|t| t.contains("情况通报")).count(), 0);

    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/brief_report"));
    let report = app.expect_text(SECRETARY, "情况通报送达情况").await;
    assert!(report.contains("未送达：杨桂芝（已屏蔽机器人）"), "{report}");
    assert!(report.contains("已收到（2人）：李秀英、刘玉兰"), "{report}");
    assert!(report.contains("未收到（2人）：陈志强、杨桂芝"), "{report}");
    assert!(report.contains("未绑定"), "{report}");
    assert!(report.contains("已送达：4"), "group and three members: {report}");
    let mut conn = app.store.conn().await.unwrap();
    let audit = zhibu::store::audit::list(&mut conn, 1).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "briefing.send" && a.actor == format!("tg:{SECRETARY}")));
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn an_internal_document_is_not_sent_as_a_briefing() {
    let (app, _clock) = app_at(shanghai(2026, 11, 23, 10, 0, 0)).await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/brief 【机密】关于干部调整的内部传达",
    ));
    app.expect_text(SECRETARY, "只能发公开的通知和摘要").await;
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM drafts").await, 0);
    assert_eq!(count_texts(&app, GROUP, "机密"), 0);
    app.stop().await;
}

#[tokio::test]
async fn a_timed_briefing_goes_at_the_time_the_secretary_replies_with() {
    let (app, clock) = app_at(shanghai(2026, 11, 23, 10, 0, 0)).await;
    bound_branch(&app).await;
    bind_member(&app, TAPPER, "刘玉兰", "13800138004").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/brief 下周二体检，请带医保卡。"));
    app.expect_text(SECRETARY, "请确认情况通报").await;
    let later = button_data(&app, SECRETARY, "请确认情况通报", "定时");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &later));
    app.expect_text(SECRETARY, "请回复发送时间").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "上午9点"));
    app.expect_text(SECRETARY, "这个时间已经过去了").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "明天上午9点"));
    app.expect_text(SECRETARY, "11月24日（星期二）上午9点发出").await;
    quiesce(&app).await;
    assert_eq!(count_texts(&app, GROUP, "体检"), 0);
    move_to(&app, &clock, shanghai(2026, 11, 24, 9, 0, 5));
    app.expect_text(GROUP, "下周二体检").await;
    app.expect_text(TAPPER, "下周二体检").await;
    app.stop().await;
}

#[tokio::test]
async fn after_downtime_a_recurring_briefing_still_goes_in_its_window() {
    let (app, clock) = app_at(shanghai(2026, 11, 23, 10, 0, 0)).await;
    let branch = bound_branch(&app).await;
    let recurrence = Recurrence::parse_phrase("每周三上午9点").unwrap();
    let plan = Plan::new(ScheduleKind::Briefing, &recurrence, "每周通报：活动中心本周开放时间不变。");
    add_schedule(&app, branch, shanghai(2026, 11, 23, 10, 0, 0), &plan).await;
    // Down until Wednesday 22:00: too late tonight, so it goes at 08:00 on Thursday.
    move_to(&app, &clock, shanghai(2026, 11, 25, 22, 0, 0));
    let sql = "SELECT MIN(not_before) FROM outbox WHERE topic LIKE 'briefing:%'";
    wait_for_scalar(&app, sql, ms(shanghai(2026, 11, 26, 8, 0, 0))).await;
    move_to(&app, &clock, shanghai(2026, 11, 26, 8, 0, 1));
    app.expect_text(GROUP, "每周通报").await;
    app.stop().await;
}

#[tokio::test]
async fn the_report_names_a_copy_of_unknown_fate_apart_and_asks_not_to_resend_it() {
    let (app, _clock) = app_at(shanghai(2026, 11, 23, 10, 0, 0)).await;
    bound_branch(&app).await;
    four_members(&app).await;
    // The request reaches Telegram but its answer never comes back: it may have arrived.
    app.fake.fail_next(FaultRule::new("sendmessage", Fault::DeliverThenDropResponse).for_chat(SILENT));
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/brief 下周二上午学习全会精神。"));
    app.expect_text(SECRETARY, "请确认情况通报").await;
    let send = button_data(&app, SECRETARY, "请确认情况通报", "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    app.expect_text(TAPPER, "【情况通报】").await;
    wait_for_scalar(&app, "SELECT COUNT(*) FROM outbox WHERE state = 'unknown'", 1).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/brief_report"));
    let report = app.expect_text(SECRETARY, "情况通报送达情况").await;
    assert!(report.contains("不确定是否送达（请勿重发，可电话确认）：陈志强"), "{report}");
    assert!(!report.contains("未送达"), "an unknown copy is not reported as failed: {report}");
    app.stop().await;
}
