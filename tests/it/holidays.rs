//! China's public holidays without typing them: on 国庆节 a briefing waits for the first working
//! morning; a branch may keep a public holiday as an ordinary day; a 工作日 schedule skips 国庆节
//! and fires on the Saturday worked in exchange; and from December 1 the secretary is warned —
//! in `/settings`, and once pushed privately — while next year's holidays are not known yet.

use super::support;

use support::app::TestApp;
use support::branch::*;
use zhibu::app::schedules::Plan;
use zhibu::domain::holiday_calendar::HolidayCalendar;
use zhibu::domain::schedule_phrase::Recurrence;
use zhibu::domain::schedules::ScheduleKind;

/// Says `text` privately as the secretary at `now`; returns the bot's latest answer containing
/// `needle` once everything due has been handled.
async fn say(app: &TestApp, now: i64, text: &str, needle: &str) -> String {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
    app.settle_due(now).await;
    let said = app.fake.texts_to(SECRETARY).into_iter().rev().find(|t| t.contains(needle));
    said.unwrap_or_else(|| panic!("no answer with {needle:?} to {text}"))
}

/// Composes a briefing and taps 【发送】; returns when its deliveries may go (unix ms).
async fn send_briefing(app: &TestApp, now: i64, body: &str) -> i64 {
    say(app, now, &format!("/brief {body}"), body).await;
    let send = button_data(app, SECRETARY, body, "发送");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &send));
    app.settle_due(now).await;
    let sql = format!(
        "SELECT MIN(o.not_before) FROM outbox o JOIN briefings b ON o.topic = 'briefing:' || b.id
         WHERE b.body = '{body}'"
    );
    scalar(app, &sql).await
}

#[tokio::test]
async fn on_national_day_a_briefing_waits_for_the_first_working_morning_unless_the_branch_keeps_it() {
    let (app, _clock) = app_at(shanghai(2026, 10, 1, 10, 0, 0)).await;
    let now = ms(shanghai(2026, 10, 1, 10, 0, 0));
    bound_branch(&app).await;
    // Nobody typed 国庆节: the calendar knows 10月1日 to 10月7日.
    let held = send_briefing(&app, now, "节后第一周学习安排。").await;
    assert_eq!(held, ms(shanghai(2026, 10, 8, 8, 0, 0)));

    let kept = say(&app, now, "/holiday 删除 10月1日", "已保存").await;
    assert!(kept.contains("已保存。10月1日照常发消息。"), "{kept}");
    assert!(kept.contains("法定节假日照常发消息：10月1日"), "{kept}");
    let at_once = send_briefing(&app, now, "今天下午活动中心开放。").await;
    assert_eq!(at_once, now);

    // Given back as a day off, a third briefing waits again.
    let back = say(&app, now, "/holiday 10月1日", "放假，不发消息").await;
    assert!(back.contains("已保存。10月1日放假"), "{back}");
    assert!(!back.contains("法定节假日照常发消息"), "{back}");
    let held_again = send_briefing(&app, now, "十月学习材料已到。").await;
    assert_eq!(held_again, ms(shanghai(2026, 10, 8, 8, 0, 0)));
    app.stop().await;
}

#[tokio::test]
async fn from_december_the_secretary_is_warned_while_next_years_holidays_are_unknown() {
    let calendar = HolidayCalendar::china();
    let (app, clock) = app_at(shanghai(2026, 11, 30, 10, 0, 0)).await;
    bound_branch(&app).await;
    let november = say(&app, ms(shanghai(2026, 11, 30, 10, 0, 0)), "/settings", "本支部的设置").await;
    assert!(!november.contains("还没有录入"), "{november}");
    move_to(&app, &clock, shanghai(2026, 12, 1, 10, 0, 0));
    let asked = app.fake.texts_to(SECRETARY).len();
    let december = say(&app, ms(shanghai(2026, 12, 1, 10, 0, 0)), "/settings", "本支部的设置").await;
    assert!(app.fake.texts_to(SECRETARY).len() > asked);
    let warned = december.contains("注意：2027年的法定节假日还没有录入");
    assert_eq!(warned, !calendar.covers(2027), "{december}");
    if warned {
        assert!(december.contains("/holiday 1月1日"), "{december}");
    }
    app.stop().await;
}

/// Whether a job of schedule `id` is keyed for 09:00 of that October day.
async fn occurrence_on(app: &TestApp, id: i64, day: u32) -> i64 {
    let key = format!("schedule:{id}:{}", shanghai(2026, 10, day, 9, 0, 0).timestamp());
    scalar(app, &format!("SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key = '{key}'")).await
}

#[tokio::test]
async fn a_workday_schedule_skips_national_day_and_fires_on_the_saturday_worked_in_exchange() {
    let (app, clock) = app_at(shanghai(2026, 9, 30, 10, 0, 0)).await;
    let branch = bound_branch(&app).await;
    let recurrence = Recurrence::parse_phrase("工作日上午9点").unwrap();
    let plan = Plan::new(ScheduleKind::Study, &recurrence, "学习《党章》第五章");
    let id = add_schedule(&app, branch, shanghai(2026, 9, 30, 10, 0, 0), &plan).await;
    // 10月1日 to 7日 are 国庆节: the next occurrence is Thursday 10月8日.
    assert_eq!(occurrence_on(&app, id, 8).await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM scheduled_jobs WHERE kind = 'schedule.study'").await, 1);
    for (day, next) in [(8, 9), (9, 10), (10, 12)] {
        move_to(&app, &clock, shanghai(2026, 10, day, 9, 0, 5));
        let fired = "SELECT COUNT(*) FROM study_rounds";
        wait_for_scalar(&app, fired, i64::from(day) - 7).await;
        // Saturday 10月10日 is worked (调休): it fires; Sunday 11日 does not.
        let sql = format!(
            "SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key = 'schedule:{id}:{}'",
            shanghai(2026, 10, next, 9, 0, 0).timestamp()
        );
        wait_for_scalar(&app, &sql, 1).await;
    }
    app.expect_text(GROUP, "学习《党章》第五章").await;
    assert_eq!(count_texts(&app, GROUP, "学习《党章》第五章"), 3);
    assert_eq!(occurrence_on(&app, id, 11).await, 0);

    // The secretary's preview of such a schedule lists the days it will really fire on.
    move_to(&app, &clock, shanghai(2026, 9, 30, 10, 0, 0));
    let preview =
        say(&app, ms(shanghai(2026, 9, 30, 10, 0, 0)), "/remind 工作日上午9点 学习党史", "请确认").await;
    let next = "• 10月8日（星期四）上午9点\n• 10月9日（星期五）上午9点\n• 10月10日（星期六）上午9点";
    assert!(preview.contains(next), "{preview}");
    app.stop().await;
}

#[tokio::test]
async fn from_december_the_missing_year_is_pushed_to_the_secretary_once() {
    let calendar = HolidayCalendar::china();
    if calendar.covers(2027) {
        return; // The calendar was brought up to date: nothing to warn about in 2026.
    }
    const WARNING: &str = "2027年的国家法定节假日安排还没有录入";
    let (app, clock) = app_at(shanghai(2026, 11, 30, 10, 0, 0)).await;
    bound_branch(&app).await;
    quiesce(&app).await;
    assert_eq!(count_texts(&app, SECRETARY, WARNING), 0, "not in November");
    move_to(&app, &clock, shanghai(2026, 12, 1, 9, 0, 5));
    let pushed = app.expect_text(SECRETARY, WARNING).await;
    assert!(pushed.contains("不会自动放假"), "{pushed}");
    assert!(pushed.contains("/holiday 1月1日"), "{pushed}");

    let app = app.restart().await;
    move_to(&app, &clock, shanghai(2026, 12, 2, 9, 0, 5));
    let next_day =
        "SELECT COUNT(*) FROM scheduled_jobs WHERE dedupe_key LIKE 'dates:%:2026-12-02' AND state = 'done'";
    wait_for_scalar(&app, next_day, 1).await;
    quiesce(&app).await;
    assert_eq!(count_texts(&app, SECRETARY, WARNING), 1, "once a year");
    app.stop().await;
}
