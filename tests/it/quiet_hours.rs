//! Quiet hours end to end: a message held for the branch's sending window never holds up what
//! is due now in its chat; every feature's non-urgent message follows the branch's own window;
//! meeting notices wait unless the meeting is too close; reminders say how far off the meeting
//! is from when they actually go.

use super::meeting_support::*;
use super::support;

use std::sync::Arc;
use std::time::Duration;

use support::app::TestApp;
use support::branch::count_texts;
use zhibu::clock::ManualClock;

fn say(app: &TestApp, user: i64, name: &str, text: &str) {
    app.fake.push_message(app.fake.private_text(user, name, text));
}

/// The clock's time as unix ms.
fn now_of(clock: &ManualClock) -> i64 {
    use zhibu::clock::Clock;
    clock.now().timestamp_millis()
}

/// The secretary writes `/meeting …` (at any hour); returns the new meeting's id.
async fn create_at(app: &TestApp, clock: &ManualClock, line: &str) -> i64 {
    let before = count_texts(app, SECRETARY, "已创建");
    say(app, SECRETARY, "王建国", line);
    let found = app
        .fake
        .wait_until(|f| f.texts_to(SECRETARY).iter().filter(|t| t.contains("已创建")).count() > before, WAIT)
        .await;
    assert!(found, "no meeting created: {:?}", app.fake.texts_to(SECRETARY));
    app.settle_due(now_of(clock)).await;
    support::branch::scalar(app, "SELECT MAX(id) FROM meetings").await
}

/// The meeting tests' branch, every member bound, on a manual clock at 10:00 on 2026-11-20.
async fn branch_on_clock() -> (TestApp, Arc<ManualClock>, i64) {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    (app, clock, branch)
}

const WAIT: Duration = Duration::from_secs(10);

async fn set_window(app: &TestApp, branch: i64, quiet: Option<&str>, holidays: Option<&str>) {
    let mut tx = app.store.begin_write().await.unwrap();
    let mut settings = zhibu::store::schedules::settings(&mut tx, branch).await.unwrap();
    settings.quiet_hours = quiet.map(str::to_owned).or(settings.quiet_hours);
    settings.holidays = holidays.map(str::to_owned).or(settings.holidays);
    zhibu::store::schedules::save_settings(&mut tx, branch, &settings).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn in_the_evening_only_the_briefing_and_makeup_material_wait_for_the_morning() {
    let (app, clock, _) = branch_on_clock().await;
    let meeting = create_meeting(&app, "/meeting 党员大会 11月20日下午3点 老干部活动中心 学习全会精神").await;
    let roll = message_of(&app, meeting, true).await;

    // 20:30: a briefing is sent; quiet hours hold it in the group and every member's chat.
    set_clock(&app, &clock, (2026, 11, 20, 20, 30));
    say(&app, SECRETARY, "王建国", "/brief 本周六上午组织参观红色教育基地，自愿参加。");
    app.expect_text(SECRETARY, "请确认情况通报").await;
    let send = support::branch::button_data(&app, SECRETARY, "请确认情况通报", "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    app.expect_text(SECRETARY, "情况通报").await;
    app.settle_due(now_of(&clock)).await;

    // Behind it, in the same chats, everything due now goes at once.
    say(&app, SECRETARY, "王建国", "/members");
    app.expect_text(SECRETARY, "花名册：共").await;
    say(&app, user("刘玉兰"), "刘玉兰", "参加");
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志参加").await;
    let edited = app.fake.wait_until(|_| current_text(&app, roll).contains("刘玉兰"), WAIT).await;
    assert!(edited, "the roll is edited at once: {}", current_text(&app, roll));
    close_confirmed(&app, meeting).await;
    let record = app.expect_text(SECRETARY, "【会议记录】").await;
    assert!(record.contains("缺席"), "{record}");
    let documents = app.fake.wait_until(|f| f.calls_to("senddocument").len() >= 2, WAIT).await;
    assert!(documents, "the record files go at once");
    app.settle_due(now_of(&clock)).await;
    for chat in [GROUP, SECRETARY, user("刘玉兰")] {
        assert_eq!(count_texts(&app, chat, "【情况通报】"), 0, "the briefing waits in {chat}");
    }
    assert_eq!(count_texts(&app, SECRETARY, "【补学】"), 0, "补学 material is not urgent");

    // 08:00: the held messages go.
    set_clock(&app, &clock, (2026, 11, 21, 8, 0));
    app.expect_text(GROUP, "【情况通报】").await;
    app.expect_text(user("刘玉兰"), "【情况通报】").await;
    app.expect_text(SECRETARY, "【情况通报】").await;
    app.expect_text(SECRETARY, "【补学】王建国同志").await;
    app.settle().await;
    app.stop().await;
}

#[tokio::test]
async fn meeting_reminders_and_makeup_material_follow_the_branchs_own_window() {
    let (app, clock, branch) = branch_on_clock().await;
    // No midday rest, and evenings until 22:00.
    set_window(&app, branch, Some("22:00-07:00"), None).await;
    let meeting =
        create_meeting(&app, "/meeting 党员大会 11月22日下午1点半 老干部活动中心 学习全会精神").await;

    // The day before at 13:30: the default midday rest would hold it until 14:30.
    set_clock(&app, &clock, (2026, 11, 21, 13, 35));
    app.expect_text(GROUP, "【提醒】明天召开支部党员大会").await;
    set_clock(&app, &clock, (2026, 11, 22, 11, 30));
    app.expect_text(GROUP, "【提醒】两小时后召开支部党员大会").await;

    // Closed at 21:00, inside the branch's window: 补学 goes at once.
    set_clock(&app, &clock, (2026, 11, 22, 21, 0));
    close_confirmed(&app, meeting).await;
    app.expect_text(SECRETARY, "【会议记录】").await;
    app.expect_text(SECRETARY, "【补学】王建国同志").await;
    app.expect_text(user("刘玉兰"), "【补学】刘玉兰同志").await;
    app.settle().await;
    app.stop().await;
}

#[tokio::test]
async fn a_reminder_moved_out_of_quiet_hours_says_how_far_off_the_meeting_is_when_it_goes() {
    let (app, clock, _) = branch_on_clock().await;
    create_meeting(&app, "/meeting 党员大会 11月21日上午9点 老干部活动中心 学习全会精神").await;

    // Two hours before is 07:00, inside quiet hours: it waits until 08:00.
    set_clock(&app, &clock, (2026, 11, 21, 7, 30));
    app.settle_due(now_of(&clock)).await;
    assert_eq!(count_texts(&app, GROUP, "【提醒】"), 0, "nothing in quiet hours");
    set_clock(&app, &clock, (2026, 11, 21, 8, 0));
    app.expect_text(GROUP, "【提醒】一小时后召开支部党员大会").await;
    assert_eq!(count_texts(&app, GROUP, "两小时后"), 0, "{:?}", app.fake.texts_to(GROUP));
    app.settle().await;
    app.stop().await;
}

#[tokio::test]
async fn meeting_notices_wait_for_the_window_unless_the_meeting_is_too_close() {
    let (app, clock, _) = branch_on_clock().await;
    let lecture = create_meeting(&app, "/meeting 党课 11月23日上午9点 老干部活动中心 党的历史").await;

    set_clock(&app, &clock, (2026, 11, 20, 20, 30));
    // A new meeting's announcement waits; the secretary is answered at once.
    let general =
        create_at(&app, &clock, "/meeting 党员大会 11月25日上午9点 老干部活动中心 学习全会精神").await;
    app.expect_text(SECRETARY, "支部群的通知将在明天上午8点发出").await;
    assert_eq!(count_texts(&app, GROUP, "11月25日"), 0, "{:?}", app.fake.texts_to(GROUP));
    // A cancellation waits too: the lecture is days away.
    say(&app, SECRETARY, "王建国", &format!("/cancel_meeting {lecture}"));
    app.expect_text(SECRETARY, "已取消党课，支部群的通知将在明天上午8点发出").await;
    // A move of a meeting nobody has heard of yet: only the new time is ever announced.
    say(&app, SECRETARY, "王建国", &format!("/reschedule {general} 11月26日上午9点"));
    app.expect_text(SECRETARY, "已把支部党员大会改到").await;
    // A meeting cancelled before anyone heard of it: the group never hears of it.
    let party_day = create_at(&app, &clock, "/meeting 主题党日 11月27日上午9点 老干部活动中心 参观").await;
    say(&app, SECRETARY, "王建国", &format!("/cancel_meeting {party_day}"));
    app.expect_text(SECRETARY, "原来的通知还没发出，已经撤回").await;
    // A meeting tomorrow at 08:30 cannot wait for 08:00: its announcement goes at once.
    create_at(&app, &clock, "/meeting 支委会 11月21日上午8点半 书记办公室 研究发展党员").await;
    app.expect_text(SECRETARY, "通知已发到支部群").await;
    app.expect_text(GROUP, "11月21日（星期六）上午8点半").await;
    app.settle_due(now_of(&clock)).await;
    assert_eq!(count_texts(&app, GROUP, "取消"), 0, "{:?}", app.fake.texts_to(GROUP));

    set_clock(&app, &clock, (2026, 11, 21, 8, 0));
    app.expect_text(GROUP, "党课取消了").await;
    app.expect_text(GROUP, "11月26日").await;
    app.settle().await;
    let group = app.fake.texts_to(GROUP);
    assert!(!group.iter().any(|t| t.contains("11月25日")), "the old time never went: {group:?}");
    assert!(!group.iter().any(|t| t.contains("11月27日")), "the cancelled one never went: {group:?}");
    app.stop().await;
}

#[tokio::test]
async fn a_cancellation_of_a_meeting_early_tomorrow_goes_at_once() {
    let (app, clock, _) = branch_on_clock().await;
    create_meeting(&app, "/meeting 党员大会 11月21日上午8点半 老干部活动中心 学习全会精神").await;
    set_clock(&app, &clock, (2026, 11, 20, 21, 0));
    say(&app, SECRETARY, "王建国", "/cancel_meeting");
    app.expect_text(SECRETARY, "已取消").await;
    app.expect_text(GROUP, "支部党员大会取消了").await;
    app.settle().await;
    app.stop().await;
}

#[tokio::test]
async fn an_answer_to_a_held_announcement_edits_the_roll_once_the_roll_has_gone() {
    let (app, clock, _) = branch_on_clock().await;
    set_clock(&app, &clock, (2026, 11, 20, 20, 30));
    let meeting =
        create_at(&app, &clock, "/meeting 党员大会 11月25日上午9点 老干部活动中心 学习全会精神").await;
    say(&app, user("刘玉兰"), "刘玉兰", "参加");
    app.expect_text(user("刘玉兰"), "已记录：刘玉兰同志参加").await;
    app.settle_due(now_of(&clock)).await;
    assert_eq!(count_texts(&app, GROUP, "11月25日"), 0, "{:?}", app.fake.texts_to(GROUP));
    assert_eq!(app.fake.calls_to("editmessagetext").len(), 0, "no edit before its message");

    set_clock(&app, &clock, (2026, 11, 21, 8, 0));
    app.settle().await;
    let roll = message_of(&app, meeting, true).await;
    assert!(current_text(&app, roll).contains("刘玉兰"), "{}", current_text(&app, roll));
    let failed = support::branch::scalar(&app, "SELECT COUNT(*) FROM outbox WHERE state = 'failed'").await;
    assert_eq!(failed, 0, "nothing failed");
    app.stop().await;
}

#[tokio::test]
async fn a_greeting_held_over_a_branch_holiday_names_its_day_instead_of_saying_today() {
    use support::branch::{app_at, bind_member, bound_branch, move_to, shanghai};
    // 胡桂兰 joined on 1976-07-01: fifty years on 2026-07-01, a holiday for this branch.
    let (app, clock) = app_at(shanghai(2026, 7, 1, 7, 0, 0)).await;
    let branch = bound_branch(&app).await;
    set_window(&app, branch, None, Some("2026-07-01")).await;
    bind_member(&app, 6005, "胡桂兰", "13800138016").await;
    move_to(&app, &clock, shanghai(2026, 7, 1, 9, 0, 5));
    // The holiday's daily look has run (else the next morning would find it stale, not held).
    let looked =
        "SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key LIKE 'dates:%:2026-07-01' AND state = 'done'";
    support::branch::wait_for_scalar(&app, looked, 1).await;
    app.settle_due(now_of(&clock)).await;
    assert_eq!(count_texts(&app, 6005, "政治生日"), 0, "nothing on the holiday");
    move_to(&app, &clock, shanghai(2026, 7, 2, 8, 0, 0));
    let greeting = app.expect_text(6005, "政治生日").await;
    assert!(greeting.contains("7月1日是您入党50周年") && !greeting.contains("今天"), "{greeting}");
    let flag = app.expect_text(support::branch::SECRETARY, "纪念章").await;
    assert!(flag.starts_with("7月1日胡桂兰同志入党满50年"), "{flag}");
    app.settle().await;
    app.stop().await;
}
