//! Branch settings in chat: `/settings` in words, `/quiet` and `/holiday` typed as a secretary
//! says them, confirmed in words, refused with an example, and obeyed by what the bot sends.

use super::support;

use support::app::TestApp;
use support::branch::*;

/// Says `text` privately as the secretary; returns the bot's latest answer once all is handled.
async fn say(app: &TestApp, text: &str) -> String {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
    app.settle().await;
    app.fake.texts_to(SECRETARY).last().cloned().unwrap_or_default()
}

async fn settings_row(app: &TestApp) -> (Option<String>, Option<String>) {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_as("SELECT quiet_hours, holidays FROM branch_settings")
        .fetch_optional(&mut *conn)
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_secretary_sets_quiet_hours_and_days_off_in_words_and_sees_them_in_settings() {
    let (app, _clock) = app_at(shanghai(2026, 11, 24, 10, 0, 0)).await;
    bound_branch(&app).await;

    let shown = say(&app, "/settings").await;
    assert!(shown.contains("勿扰时段：晚上8点到上午8点、中午12点到下午2点半"), "{shown}");
    assert!(shown.contains("国家法定节假日：放假，不发消息（已录入到2026年）"), "{shown}");
    assert!(shown.contains("本支部另外放假：没有"), "{shown}");
    assert!(!shown.contains("还没有录入"), "{shown}");

    let quiet = say(&app, "/quiet 21点到8点").await;
    assert!(quiet.contains("已保存。勿扰时段：晚上9点到上午8点。"), "{quiet}");
    let added = say(&app, "/holiday 12月24日到12月26日").await;
    assert!(added.contains("已保存。12月24日到12月26日放假"), "{added}");
    let removed = say(&app, "/holiday 删除 12月25日").await;
    assert!(removed.contains("12月25日照常发消息"), "{removed}");
    assert!(removed.contains("本支部另外放假：12月24日、12月26日"), "{removed}");
    assert_eq!(
        settings_row(&app).await,
        (Some("21:00-08:00".to_owned()), Some("2026-12-24\n2026-12-26".to_owned()))
    );

    let shown = say(&app, "/settings").await;
    assert!(shown.contains("勿扰时段：晚上9点到上午8点（"), "{shown}");
    assert!(shown.contains("本支部另外放假：12月24日、12月26日"), "{shown}");

    let audited = "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'settings.%' AND actor LIKE 'tg:%'";
    assert_eq!(scalar(&app, audited).await, 3);

    // Big fingers: a quiet-hours choice is one tap under /settings.
    let choice = button_data(&app, SECRETARY, "本支部的设置", "勿扰：晚上8点到上午8点、中午12点到下午2点半");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 9, &choice));
    app.settle().await;
    let saved = app.fake.texts_to(SECRETARY).last().cloned().unwrap_or_default();
    assert!(saved.contains("已保存。勿扰时段：晚上8点到上午8点、中午12点到下午2点半。"), "{saved}");
    assert_eq!(settings_row(&app).await.0.as_deref(), Some("20:00-08:00,12:00-14:30"));
    assert_eq!(scalar(&app, audited).await, 4);
    app.stop().await;
}

#[tokio::test]
async fn settings_a_secretary_cannot_read_are_refused_with_an_example_and_nothing_changes() {
    let (app, _clock) = app_at(shanghai(2026, 11, 24, 10, 0, 0)).await;
    bound_branch(&app).await;
    for (typed, answer) in [
        ("/quiet", "例如：\n/quiet 21点到8点"),
        ("/quiet 晚上", "例如：\n/quiet 21点到8点"),
        ("/quiet 8点到8点", "例如：\n/quiet 21点到8点"),
        ("/holiday", "例如：\n/holiday 12月24日到12月26日"),
        ("/holiday 下周", "例如：\n/holiday 12月24日到12月26日"),
        ("/holiday 2月30日", "例如：\n/holiday 12月24日到12月26日"),
        ("/holiday 12月1日到1月31日", "一次最多写31天"),
    ] {
        let said = say(&app, typed).await;
        assert!(said.contains(answer), "{typed}: {said}");
    }
    assert_eq!(settings_row(&app).await, (None, None));
    app.stop().await;
}

#[tokio::test]
async fn a_day_off_set_in_chat_holds_a_briefing_until_the_next_working_morning() {
    let (app, _clock) = app_at(shanghai(2026, 11, 24, 10, 0, 0)).await;
    bound_branch(&app).await;
    let added = say(&app, "/holiday 11月24日").await;
    assert!(added.contains("已保存。11月24日放假"), "{added}");
    say(&app, "/brief 活动中心下周开放。").await;
    let send = button_data(&app, SECRETARY, "活动中心下周开放", "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    let sql = "SELECT MIN(not_before) FROM outbox WHERE topic LIKE 'briefing:%'";
    wait_for_scalar(&app, sql, ms(shanghai(2026, 11, 25, 8, 0, 0))).await;
    app.stop().await;
}

#[tokio::test]
async fn a_meeting_kinds_frequency_is_set_in_chat_and_shown_in_settings() {
    let (app, _clock) = app_at(shanghai(2026, 11, 24, 10, 0, 0)).await;
    bound_branch(&app).await;
    let saved = say(&app, "/frequency 党课 每月1次").await;
    assert!(saved.contains("已保存。党课：每月至少1次。"), "{saved}");
    let sql =
        "SELECT COUNT(*) FROM meeting_kinds WHERE kind = 'lecture' AND period = 'month' AND per_period = 1";
    assert_eq!(scalar(&app, sql).await, 1);
    let refused = say(&app, "/frequency 党课 每周").await;
    assert!(refused.contains("例如：\n/frequency 党课 每季度1次"), "{refused}");
    assert_eq!(scalar(&app, sql).await, 1);
    let shown = say(&app, "/settings").await;
    assert!(shown.contains("会议次数：\n"), "{shown}");
    assert!(shown.contains("党课：每月至少1次"), "{shown}");
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'meeting.kind' AND actor LIKE 'tg:%'";
    assert_eq!(scalar(&app, audited).await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_briefing_marked_urgent_goes_in_quiet_hours_and_a_reminder_marked_urgent_is_saved_so() {
    let (app, _clock) = app_at(shanghai(2026, 11, 24, 21, 0, 0)).await;
    bound_branch(&app).await;
    let now = ms(shanghai(2026, 11, 24, 21, 0, 0));
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/brief 紧急：明早小区停水，请提前储水。",
    ));
    let preview = app.expect_text(SECRETARY, "明早小区停水").await;
    assert!(preview.contains("【紧急】勿扰时段和放假日也会发出"), "{preview}");
    assert!(!preview.contains("紧急：明早"), "{preview}");
    let send = button_data(&app, SECRETARY, "明早小区停水", "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    // 21:00 is in the default quiet hours; urgent, it goes at once.
    app.expect_text(GROUP, "明早小区停水").await;
    let sql = "SELECT MIN(not_before) FROM outbox WHERE topic LIKE 'briefing:%'";
    assert_eq!(scalar(&app, sql).await, now);
    assert_eq!(scalar(&app, "SELECT urgent FROM briefings").await, 1);

    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        "/remind 紧急 每周三上午9点 学习防汛通知",
    ));
    let preview = app.expect_text(SECRETARY, "请确认学习提醒").await;
    assert!(preview.contains("【紧急】"), "{preview}");
    let confirm = button_data(&app, SECRETARY, "请确认学习提醒", "确认");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 2, &confirm));
    wait_for_scalar(&app, "SELECT COUNT(*) FROM schedules WHERE urgent = 1", 1).await;
    app.stop().await;
}
