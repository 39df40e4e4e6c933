//! Study reminders end to end: a secretary's Chinese phrase previewed with the next three times,
//! confirmed, fired once by the scheduler into the group and to members who opted in, 【已学习】
//! recorded once, and quiet hours, holidays, urgency, downtime and a clock stepping backwards.

use super::support;

use support::app::TestApp;
use support::branch::*;
use zhibu::app::schedules::Plan;
use zhibu::domain::schedule_phrase::Recurrence;
use zhibu::domain::schedules::ScheduleKind;

const MEMBER: i64 = 6001;
const OTHER: i64 = 6002;

/// Monday 2026-11-23 10:00 in Shanghai.
fn monday_morning() -> chrono::DateTime<chrono::Utc> {
    shanghai(2026, 11, 23, 10, 0, 0)
}

const WEEKLY: &str = "每周三上午9点 学习《中国共产党章程》第三章";

/// The weekly reminder confirmed, and its first occurrence (Wednesday 09:00) in the group.
async fn weekly_reminder_fired(app: &TestApp, clock: &zhibu::clock::ManualClock) {
    confirmed_reminder(app, WEEKLY).await;
    move_to(app, clock, shanghai(2026, 11, 25, 9, 0, 5));
    app.expect_text(GROUP, "【学习提醒】").await;
}

/// `/remind …` confirmed with 【确认】; returns the schedule id.
async fn confirmed_reminder(app: &TestApp, args: &str) -> i64 {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", &format!("/remind {args}")));
    app.expect_text(SECRETARY, "请确认学习提醒").await;
    let data = button_data(app, SECRETARY, "请确认学习提醒", "确认");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &data));
    app.expect_text(SECRETARY, "已保存").await;
    scalar(app, "SELECT MAX(id) FROM schedules").await
}

#[tokio::test]
async fn a_weekly_phrase_is_answered_with_its_summary_and_the_next_three_times() {
    let (app, _clock) = app_at(monday_morning()).await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/remind 每周三上午9点 学习《中国共产党章程》第三章",
    ));
    let text = app.expect_text(SECRETARY, "请确认学习提醒").await;
    for needle in [
        "每周三上午9点",
        "11月25日（星期三）上午9点",
        "12月2日（星期三）上午9点",
        "12月9日（星期三）上午9点",
        "学习《中国共产党章程》第三章",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in {text}");
    }
    assert!(button_data(&app, SECRETARY, "请确认学习提醒", "确认").starts_with("d:"));
    assert!(button_data(&app, SECRETARY, "请确认学习提醒", "取消").starts_with("d:"));
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/remind 每月第一个星期五上午9点 学习主题党日材料",
    ));
    let text = app.expect_text(SECRETARY, "每月第一个星期五上午9点").await;
    assert!(
        text.contains("12月4日（星期五）上午9点") && text.contains("2027年1月1日（星期五）上午9点"),
        "{text}"
    );
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/remind 有空的时候 学习"));
    app.expect_text(SECRETARY, "没看懂这个时间").await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM schedules").await, 0, "nothing is saved before 确认");
    app.stop().await;
}

#[tokio::test]
async fn a_confirmed_reminder_fires_once_into_the_group_and_to_opted_in_members() {
    let (app, clock) = app_at(monday_morning()).await;
    bound_branch(&app).await;
    bind_member(&app, MEMBER, "刘玉兰", "13800138004").await;
    bind_member(&app, OTHER, "李秀英", "13800138002").await;
    let schedule = confirmed_reminder(&app, WEEKLY).await;
    let key = "schedule:1:1795568400"; // 2026-11-25 09:00 Shanghai
    let jobs = scalar(&app, &format!("SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key = '{key}'")).await;
    assert_eq!((schedule, jobs), (1, 1), "the first occurrence is materialised under its unique key");
    let settled = app
        .fake
        .wait_for_call(
            |c| c.method == "editmessagetext" && c.text().is_some_and(|t| t.contains("已确认保存")),
            std::time::Duration::from_secs(10),
        )
        .await
        .expect("the preview loses its buttons once confirmed");
    assert!(settled.params["reply_markup"]["inline_keyboard"].as_array().is_none_or(|rows| rows.is_empty()));
    // 刘玉兰 asks for the material privately too.
    app.fake.push_callback(app.fake.callback(MEMBER, "刘玉兰", MEMBER, 1, "s:o"));
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM study_subscribers").await, 1);

    move_to(&app, &clock, shanghai(2026, 11, 25, 9, 0, 5));
    let group = app.expect_text(GROUP, "【学习提醒】").await;
    assert!(group.contains("第三章"));
    app.expect_text(MEMBER, "【学习提醒】").await;
    assert!(button_data(&app, GROUP, "【学习提醒】", "已学习").starts_with("s:"));
    for _ in 0..3 {
        app.wakers.wake_all();
        quiesce(&app).await;
    }
    assert_eq!(count_texts(&app, GROUP, "【学习提醒】"), 1);
    assert_eq!(count_texts(&app, MEMBER, "【学习提醒】"), 1);
    assert_eq!(
        count_texts(&app, OTHER, "【学习提醒】"),
        0,
        "members who did not opt in read it in the group"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_stopped_schedule_never_fires_again() {
    let (app, clock) = app_at(monday_morning()).await;
    bound_branch(&app).await;
    confirmed_reminder(&app, WEEKLY).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/schedules"));
    let list = app.expect_text(SECRETARY, "正在进行的定时安排").await;
    assert!(list.contains("每周三上午9点 学习提醒：学习《中国共产党章程》第三章"), "{list}");
    let stop = button_data(&app, SECRETARY, "正在进行的定时安排", "停止第1个");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &stop));
    app.expect_text(SECRETARY, "已停止").await;
    move_to(&app, &clock, shanghai(2026, 11, 25, 9, 0, 5));
    quiesce(&app).await;
    assert_eq!(count_texts(&app, GROUP, "【学习提醒】"), 0);
    let cancelled = scalar(&app, "SELECT COUNT(*) FROM scheduled_jobs WHERE state = 'cancelled'").await;
    assert_eq!(cancelled, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_studied_tap_is_recorded_once_and_plain_words_count_too() {
    let (app, clock) = app_at(monday_morning()).await;
    bound_branch(&app).await;
    bind_member(&app, MEMBER, "刘玉兰", "13800138004").await;
    bind_member(&app, OTHER, "李秀英", "13800138002").await;
    weekly_reminder_fired(&app, &clock).await;
    let data = button_data(&app, GROUP, "【学习提醒】", "已学习");
    app.fake.push_callback(app.fake.callback(MEMBER, "刘玉兰", GROUP, 1, &data));
    app.fake.push_callback(app.fake.callback(MEMBER, "刘玉兰", GROUP, 1, &data));
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM study_records").await, 1);
    let answers: Vec<String> =
        app.fake.calls_to("answercallbackquery").iter().filter_map(|c| c.param("text")).collect();
    assert!(answers.iter().any(|t| t.contains("已记录：刘玉兰同志已学习（11月25日）")), "{answers:?}");
    assert!(answers.iter().any(|t| t.contains("已经学习过了")), "{answers:?}");
    // The secretary sends the material to those who have not studied it.
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/study_push"));
    let pushed = app.expect_text(SECRETARY, "私信发给1位").await;
    assert!(pushed.contains("张德明") && pushed.contains("还没有绑定"), "{pushed}");
    app.expect_text(OTHER, "【补学提醒】").await;
    assert_eq!(count_texts(&app, MEMBER, "【补学提醒】"), 0, "not to who has studied");
    // 补学: 李秀英 says so in private days later; it is recorded with its date.
    move_to(&app, &clock, shanghai(2026, 11, 29, 10, 0, 0));
    app.fake.push_message(app.fake.private_text(OTHER, "李秀英", "学完了"));
    app.expect_text(OTHER, "已补学（11月29日）").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/study_status"));
    let status = app.expect_text(SECRETARY, "最近一次学习").await;
    assert!(status.contains("已学习（2人）") && status.contains("李秀英（11月29日补学）"), "{status}");
    assert!(status.contains("张德明"), "those who have not studied are named: {status}");
    app.stop().await;
}

#[tokio::test]
async fn a_contact_persons_tap_counts_for_the_member_they_study_for() {
    let (app, clock) = app_at(monday_morning()).await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/contact 张德明"));
    let text = app.expect_text(SECRETARY, "联系人").await;
    let code = text.rsplit("start=").next().unwrap().trim().to_owned();
    let family = 5077;
    app.fake.push_message(app.fake.private_text(family, "张小明", &format!("/start {code}")));
    app.expect_text(family, "张德明同志的联系人").await;
    weekly_reminder_fired(&app, &clock).await;
    let data = button_data(&app, GROUP, "【学习提醒】", "已学习");
    app.fake.push_callback(app.fake.callback(family, "张小明", GROUP, 1, &data));
    quiesce(&app).await;
    let studied = scalar(
        &app,
        "SELECT COUNT(*) FROM study_records r JOIN members m ON m.id = r.member_id WHERE m.name = '张德明'",
    )
    .await;
    assert_eq!(studied, 1, "送学上门: the family helper confirms for the member");
    app.stop().await;
}

#[tokio::test]
async fn quiet_hours_defer_a_reminder_to_eight_and_a_holiday_to_the_next_day() {
    let (app, clock) = app_at(monday_morning()).await;
    let branch = bound_branch(&app).await;
    confirmed_reminder(&app, "每天早上7点 晨读《党章》").await;
    move_to(&app, &clock, shanghai(2026, 11, 24, 7, 0, 5));
    let sql = "SELECT MIN(not_before) FROM outbox WHERE topic LIKE 'study:%'";
    wait_for_scalar(&app, sql, ms(shanghai(2026, 11, 24, 8, 0, 0))).await;
    assert_eq!(count_texts(&app, GROUP, "【学习提醒】"), 0, "nothing in quiet hours");
    move_to(&app, &clock, shanghai(2026, 11, 24, 8, 0, 1));
    app.expect_text(GROUP, "晨读").await;

    let mut conn = app.store.conn().await.unwrap();
    let settings =
        zhibu::store::schedules::BranchSettings { holidays: Some("2026-11-25".into()), ..Default::default() };
    zhibu::store::schedules::save_settings(&mut conn, branch, &settings).await.unwrap();
    drop(conn);
    move_to(&app, &clock, shanghai(2026, 11, 25, 7, 0, 5));
    // A holiday waits for the next working day.
    let sql = "SELECT MAX(not_before) FROM outbox WHERE topic LIKE 'study:%'";
    wait_for_scalar(&app, sql, ms(shanghai(2026, 11, 26, 8, 0, 0))).await;
    app.stop().await;
}

#[tokio::test]
async fn an_urgent_reminder_goes_at_once_even_in_quiet_hours() {
    let (app, clock) = app_at(monday_morning()).await;
    let branch = bound_branch(&app).await;
    let recurrence = Recurrence::parse_phrase("每天晚上9点").unwrap();
    let plan = Plan { urgent: true, ..Plan::new(ScheduleKind::Study, &recurrence, "紧急学习通知") };
    add_schedule(&app, branch, monday_morning(), &plan).await;
    move_to(&app, &clock, shanghai(2026, 11, 23, 21, 0, 5));
    app.expect_text(GROUP, "紧急学习通知").await;
    app.stop().await;
}

#[tokio::test]
async fn after_downtime_a_stale_study_reminder_is_skipped() {
    let (app, clock) = app_at(monday_morning()).await;
    bound_branch(&app).await;
    confirmed_reminder(&app, WEEKLY).await;
    // Down from Monday until Wednesday 22:00: the 09:00 occurrence is 13 hours old.
    move_to(&app, &clock, shanghai(2026, 11, 25, 22, 0, 0));
    let sql = "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'schedule.study' AND state = 'skipped_stale'";
    wait_for_scalar(&app, sql, 1).await;
    // The pass runs what is due before it materialises the next occurrence: wait for that too.
    let next = "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'schedule.study' AND state = 'pending'";
    wait_for_scalar(&app, next, 1).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM study_rounds").await, 0, "nothing was sent");
    app.stop().await;
}

#[tokio::test]
async fn a_clock_stepping_backwards_does_not_fire_an_occurrence_twice() {
    let (app, clock) = app_at(monday_morning()).await;
    bound_branch(&app).await;
    weekly_reminder_fired(&app, &clock).await;
    quiesce(&app).await;
    move_to(&app, &clock, shanghai(2026, 11, 25, 8, 59, 0));
    quiesce(&app).await;
    // Even with the schedule's own memory lost, the occurrence's unique key holds.
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query("UPDATE schedules SET last_occurrence = NULL, created_at = $1")
        .bind(ms(monday_morning()))
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    move_to(&app, &clock, shanghai(2026, 11, 25, 9, 0, 30));
    quiesce(&app).await;
    app.wakers.wake_all();
    quiesce(&app).await;
    assert_eq!(count_texts(&app, GROUP, "【学习提醒】"), 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM study_rounds").await, 1);
    app.stop().await;
}
