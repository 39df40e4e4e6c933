//! Dates that come round: the political-birthday greeting on the day (after quiet hours), the
//! 光荣在党50年 flag and the month's list for the secretary, and the 换届 reminder.

use super::support;

use support::branch::*;

const GLORY: i64 = 6005;

#[tokio::test]
async fn a_political_birthday_is_greeted_on_the_day_and_fifty_years_are_flagged() {
    // 胡桂兰 joined on 1976-07-01: fifty years on 2026-07-01.
    let (app, clock) = app_at(shanghai(2026, 7, 1, 7, 0, 0)).await;
    bound_branch(&app).await;
    bind_member(&app, GLORY, "胡桂兰", "13800138016").await;
    quiesce(&app).await;
    assert_eq!(count_texts(&app, GLORY, "政治生日"), 0, "not before the daily job's hour");
    move_to(&app, &clock, shanghai(2026, 7, 1, 9, 0, 5));
    let greeting = app.expect_text(GLORY, "政治生日").await;
    assert!(greeting.contains("入党50周年") && greeting.contains("光荣在党50年"), "{greeting}");
    app.expect_text(SECRETARY, "光荣在党50年”纪念章").await;
    let list = app.expect_text(SECRETARY, "本月（7月）过政治生日").await;
    assert!(list.contains("7月1日 胡桂兰同志 入党50周年（光荣在党50年）"), "{list}");
    assert!(list.contains("7月1日 王建国同志 入党64周年"), "{list}");
    for _ in 0..3 {
        app.wakers.wake_all();
        quiesce(&app).await;
    }
    assert_eq!(count_texts(&app, GLORY, "政治生日"), 1, "one greeting, however often the scheduler looks");
    app.stop().await;
}

#[tokio::test]
async fn the_secretary_is_reminded_six_months_before_the_term_ends() {
    let (app, clock) = app_at(shanghai(2026, 9, 1, 7, 0, 0)).await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/term 2024-03-01"));
    app.expect_text(SECRETARY, "2027年3月1日届满").await;
    move_to(&app, &clock, shanghai(2026, 9, 1, 9, 0, 5));
    let reminder = app.expect_text(SECRETARY, "换届提醒").await;
    assert!(reminder.contains("还有6个月"), "{reminder}");
    app.stop().await;
}
