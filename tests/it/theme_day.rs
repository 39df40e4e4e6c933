//! The fixed day of 主题党日: set in words (`/themeday 每月第一个星期五`), confirmed with the next
//! three dates moved off public holidays, shown in `/settings`, audited; recalled to the
//! secretary three days before with 【发通知】, once, and the button starts the meeting draft
//! with the kind and the day filled in.

use super::support;

use support::app::TestApp;
use support::branch::*;

/// Says `text` privately as the secretary; returns the bot's latest answer once all is handled.
async fn say(app: &TestApp, text: &str) -> String {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
    app.settle().await;
    app.fake.texts_to(SECRETARY).last().cloned().unwrap_or_default()
}

const REMINDER: &str = "本月（12月）主题党日是12月4日（星期五）";

#[tokio::test]
async fn the_secretary_sets_the_theme_day_in_words_and_hears_the_next_dates_moved_off_national_day() {
    let (app, _clock) = app_at(shanghai(2026, 9, 10, 10, 0, 0)).await;
    bound_branch(&app).await;

    let unset = say(&app, "/settings").await;
    assert!(unset.contains("主题党日：还没有设定固定日子"), "{unset}");
    assert!(unset.contains("/themeday 每月第一个星期五"), "{unset}");
    for bad in ["/themeday", "/themeday 每周五", "/themeday 下个月找一天"] {
        let refused = say(&app, bad).await;
        assert!(
            refused.contains("请写上每月哪一天过主题党日，例如：\n/themeday 每月第一个星期五"),
            "{refused}"
        );
        assert!(refused.contains("/themeday 每月最后一个星期四"), "{refused}");
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM branch_settings WHERE theme_day IS NOT NULL").await, 0);

    let saved = say(&app, "/themeday 每月第一个星期五").await;
    assert!(saved.contains("已保存。主题党日：每月第一个星期五。"), "{saved}");
    // 10月2日 is 国庆节: the same month's first working day after it, not 9月30日.
    assert!(
        saved.contains(
            "下三次：10月8日（星期四，10月2日是国庆节假期，改到这天）、11月6日（星期五）、12月4日（星期五）。"
        ),
        "{saved}"
    );
    let shown = say(&app, "/settings").await;
    assert!(
        shown.contains("主题党日：每月第一个星期五（下次：10月8日（星期四，10月2日是国庆节假期"),
        "{shown}"
    );

    let last = say(&app, "/themeday 每月最后一个星期四").await;
    assert!(last.contains("下三次：9月24日（星期四）、10月29日（星期四）、11月26日（星期四）。"), "{last}");
    let day = say(&app, "/themeday 每月５号").await;
    assert!(day.contains("主题党日：每月5日。"), "{day}");
    assert!(
        day.contains(
            "下三次：10月8日（星期四，10月5日是国庆节假期，改到这天）、11月5日（星期四）、12月5日（星期六）。"
        ),
        "{day}"
    );

    let stored = "SELECT COUNT(*) FROM branch_settings WHERE theme_day = 'day:5'";
    assert_eq!(scalar(&app, stored).await, 1);
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.theme_day' AND actor LIKE 'tg:%'";
    assert_eq!(scalar(&app, audited).await, 3);
    let audit = say(&app, "/audit").await;
    assert!(audit.contains("设置主题党日"), "{audit}");
    app.stop().await;
}

#[tokio::test]
async fn the_reminder_comes_once_three_days_before_and_its_button_starts_a_filled_in_draft() {
    let (app, clock) = app_at(shanghai(2026, 11, 24, 10, 0, 0)).await;
    let branch = bound_branch(&app).await;
    say(&app, "/themeday 每月第一个星期五").await;
    let key = format!("theme_day:{branch}:2026-12-04");
    let at =
        format!("SELECT run_at FROM scheduled_jobs WHERE dedupe_key = '{key}' AND kind = 'theme_day.remind'");
    assert_eq!(scalar(&app, &at).await, ms(shanghai(2026, 12, 1, 9, 0, 0)));
    // Set again (the same day): still one job.
    say(&app, "/themeday 第一个星期五").await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'theme_day.remind'").await, 1);

    move_to(&app, &clock, shanghai(2026, 11, 30, 20, 0, 0));
    quiesce(&app).await;
    assert_eq!(count_texts(&app, SECRETARY, REMINDER), 0, "not before its time");
    move_to(&app, &clock, shanghai(2026, 12, 1, 9, 0, 5));
    let reminder = app.expect_text(SECRETARY, REMINDER).await;
    assert!(reminder.contains("点【发通知】建立会议"), "{reminder}");

    // A restart and the rest of the day send nothing more.
    let app = app.restart().await;
    move_to(&app, &clock, shanghai(2026, 12, 1, 15, 0, 0));
    quiesce(&app).await;
    assert_eq!(count_texts(&app, SECRETARY, REMINDER), 1);

    let tap = button_data(&app, SECRETARY, REMINDER, "发通知");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 7, &tap));
    let asked = app.expect_text(SECRETARY, "主题党日定在12月4日（星期五）。请写开会的时间").await;
    assert!(asked.contains("例如：上午9点"), "{asked}");
    say(&app, "上午9点").await;
    say(&app, "老干部活动中心二楼").await;
    say(&app, "学习全会精神，为12月过政治生日的同志祝贺").await;
    let sql = "SELECT starts_at FROM meetings WHERE kind = 'theme_day' AND place = '老干部活动中心二楼'";
    assert_eq!(scalar(&app, sql).await, ms(shanghai(2026, 12, 4, 9, 0, 0)));

    // The next month's reminder is lined up by the daily job once this one is past.
    move_to(&app, &clock, shanghai(2026, 12, 5, 10, 0, 0));
    let next =
        format!("SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key = 'theme_day:{branch}:2027-01-01'");
    wait_for_scalar(&app, &next, 1).await;
    app.stop().await;
}
