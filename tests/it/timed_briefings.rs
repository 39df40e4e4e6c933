//! Briefings timed to go once are visible in `/schedules` beside the recurring schedules, each
//! with its own 【停止】, and stopping one before its time means it never goes.

use super::support;

use support::app::TestApp;
use support::branch::*;
use zhibu::app::schedules::Plan;
use zhibu::domain::schedule_phrase::Recurrence;
use zhibu::domain::schedules::ScheduleKind;

const MEMBER: i64 = 6101;

/// The secretary composes a briefing and times it with `when`.
async fn time_a_briefing(app: &TestApp, body: &str, when: &str, confirmed: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", &format!("/brief {body}")));
    app.expect_text(SECRETARY, body).await;
    let later = button_data(app, SECRETARY, body, "定时");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &later));
    app.settle().await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", when));
    app.expect_text(SECRETARY, confirmed).await;
}

#[tokio::test]
async fn a_timed_briefing_is_listed_with_a_stop_button_and_once_stopped_never_goes() {
    let (app, clock) = app_at(shanghai(2026, 11, 23, 10, 0, 0)).await;
    let branch = bound_branch(&app).await;
    bind_member(&app, MEMBER, "刘玉兰", "13800138004").await;
    let recurrence = Recurrence::parse_phrase("每周三上午9点").unwrap();
    let plan = Plan::new(ScheduleKind::Study, &recurrence, "学习党章第一章");
    add_schedule(&app, branch, shanghai(2026, 11, 23, 10, 0, 0), &plan).await;
    time_a_briefing(&app, "下周二体检，请带医保卡。", "明天上午9点", "11月24日（星期二）上午9点发出").await;
    time_a_briefing(&app, "周五参观纪念馆。", "11月26日下午3点", "11月26日（星期四）下午3点发出").await;

    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/schedules"));
    let list = app.expect_text(SECRETARY, "正在进行的定时安排").await;
    assert!(list.contains("要停止哪一个"), "{list}");
    assert!(list.contains("1. 每周三上午9点 学习提醒：学习党章第一章"), "{list}");
    assert!(list.contains("2. 11月24日（星期二）上午9点 情况通报（只发一次）：下周二体检"), "{list}");
    assert!(list.contains("3. 11月26日（星期四）下午3点 情况通报（只发一次）：周五参观纪念馆"), "{list}");
    let stop = button_data(&app, SECRETARY, "正在进行的定时安排", "停止第2个");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 2, &stop));
    app.expect_text(SECRETARY, "已停止这条定时的情况通报").await;

    let cancelled =
        "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'briefing.send' AND state = 'cancelled'";
    assert_eq!(scalar(&app, cancelled).await, 1);
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'briefing.cancel'";
    assert_eq!(scalar(&app, audited).await, 1);

    // A second tap on the same button changes nothing more.
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 2, &stop));
    quiesce(&app).await;
    assert_eq!(scalar(&app, audited).await, 1);

    // The stopped one is gone from the list; the other is still there.
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/schedules"));
    app.expect_text(SECRETARY, "2. 11月26日（星期四）下午3点 情况通报（只发一次）：周五参观纪念馆").await;

    move_to(&app, &clock, shanghai(2026, 11, 26, 15, 0, 5));
    app.expect_text(MEMBER, "周五参观纪念馆").await;
    quiesce(&app).await;
    assert_eq!(count_texts(&app, MEMBER, "体检"), 0);
    assert_eq!(count_texts(&app, GROUP, "体检"), 0);
    app.stop().await;
}
