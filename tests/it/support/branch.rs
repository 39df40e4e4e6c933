//! A branch ready for schedules: sample roster, secretary bound by code, group bound, and
//! members bound by sharing their phone; and a manual clock in the branch's time zone.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use zhibu::clock::ManualClock;

use super::app::TestApp;

pub const SECRETARY: i64 = 5001;
pub const GROUP: i64 = -4001;

/// Wall-clock time in Shanghai as a UTC instant.
pub fn shanghai(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Shanghai.with_ymd_and_hms(y, m, d, h, min, s).unwrap().with_timezone(&Utc)
}

pub fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The app on a manual clock starting at `start`.
pub async fn app_at(start: DateTime<Utc>) -> (TestApp, ManualClock) {
    let clock = ManualClock::at(start);
    let app = TestApp::spawn_with_clock(Arc::new(clock.clone())).await;
    (app, clock)
}

/// Moves the clock and wakes every worker.
pub fn move_to(app: &TestApp, clock: &ManualClock, at: DateTime<Utc>) {
    clock.set(at);
    app.wakers.wake_all();
}

/// The sample roster's branch with its secretary and group bound; returns the branch id.
pub async fn bound_branch(app: &TestApp) -> i64 {
    bound_branch_as(app, SECRETARY, GROUP).await
}

/// The same, with the secretary's Telegram id and the group's chat id given.
pub async fn bound_branch_as(app: &TestApp, secretary: i64, group: i64) -> i64 {
    let (branch, code) = app.create_branch("第一党支部").await;
    app.import_sample_roster(branch).await;
    app.fake.push_message(app.fake.private_text(secretary, "王建国", &format!("/start {code}")));
    app.expect_text(secretary, "支部书记").await;
    app.fake.push_message(app.fake.group_text(group, secretary, "王建国", "/bind"));
    app.expect_text(group, "本群已绑定").await;
    branch
}

/// Binds roster member `name` (phone as in the sample roster) to Telegram user `user`.
pub async fn bind_member(app: &TestApp, user: i64, name: &str, phone: &str) {
    app.fake.push_message(app.fake.private_contact(user, name, phone, Some(user)));
    app.expect_text(user, "绑定成功").await;
}

/// The callback data of the inline button labelled `label` on the latest message to `chat`
/// whose text contains `needle`.
pub fn button_data(app: &TestApp, chat: i64, needle: &str, label: &str) -> String {
    let call = app
        .fake
        .messages_to(chat)
        .into_iter()
        .rev()
        .find(|c| c.text().is_some_and(|t| t.contains(needle)))
        .unwrap_or_else(|| panic!("no message to {chat} with {needle:?}: {:?}", app.fake.texts_to(chat)));
    let rows = call.params["reply_markup"]["inline_keyboard"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"] == label)
        .and_then(|b| b["callback_data"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no button {label:?} on {:?}", call.text()))
}

/// Texts sent to `chat` that contain `needle`.
pub fn count_texts(app: &TestApp, chat: i64, needle: &str) -> usize {
    app.fake.texts_to(chat).iter().filter(|t| t.contains(needle)).count()
}

/// Waits a little for workers that were woken to finish, then for everything to settle.
pub async fn quiesce(app: &TestApp) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.settle().await;
}

/// Wakes the workers until `sql` (one nullable BIGINT) reads `expected`, or panics after 10 s:
/// for what the scheduler writes but nobody receives yet (a deferred message, a skipped job).
pub async fn wait_for_scalar(app: &TestApp, sql: &str, expected: i64) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        app.wakers.wake_all();
        let mut conn = app.store.conn().await.unwrap();
        let got: Option<i64> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap();
        drop(conn);
        if got == Some(expected) {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "{sql} gave {got:?}, expected {expected}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a schedule as the operator would, the clock reading `now`; returns its id.
pub async fn add_schedule(
    app: &TestApp,
    branch: i64,
    now: DateTime<Utc>,
    plan: &zhibu::app::schedules::Plan<'_>,
) -> i64 {
    let mut tx = app.store.begin_write().await.unwrap();
    let mut ctx = zhibu::app::context::Ctx::for_update(&mut tx, ms(now), "");
    let id = zhibu::app::schedules::create(&mut ctx, branch, plan, None).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap()
}

/// Keeps every public holiday of 2026 as an ordinary day for `branch`, as its secretary could
/// with `/holiday 删除 …`: for tests about something else whose timeline crosses 元旦 or 国庆节.
pub async fn keep_public_holidays(app: &TestApp, branch: i64, now: DateTime<Utc>) {
    use zhibu::domain::holiday_calendar::HolidayCalendar;
    let year = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let days: Vec<_> = HolidayCalendar::china().off_days(year(1, 1), year(12, 31)).collect();
    let mut tx = app.store.begin_write().await.unwrap();
    let mut ctx = zhibu::app::context::Ctx::for_update(&mut tx, ms(now), "");
    let by = zhibu::store::audit::Actor::Cli;
    zhibu::app::branch_settings::change_days_off(&mut ctx, branch, &days, false, by).await.unwrap();
    tx.commit().await.unwrap();
}
