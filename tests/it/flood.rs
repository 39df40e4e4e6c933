//! One person cannot spend the branch's budget: beyond the pace set per person, messages and taps
//! are not acted upon, the person is told once a minute, and everyone else is answered as before.

use super::meeting_support::*;
use super::support;

use std::time::Duration;

use support::app::TestApp;
use support::branch::quiesce;

const PACE: u32 = 5;

fn helps(app: &TestApp, chat: i64) -> usize {
    helps_in(&app.fake, chat)
}

fn told(app: &TestApp, chat: i64) -> usize {
    app.fake.texts_to(chat).iter().filter(|t| *t == zhibu::texts::common::TOO_FAST).count()
}

#[tokio::test]
async fn a_flood_from_one_member_is_held_to_their_pace_told_once_and_others_are_answered() {
    let clock = start_clock();
    let app = TestApp::spawn_configured(clock.clone(), |s| s.user_updates_per_minute = PACE).await;
    branch_with_members(&app).await;
    // Binding took some of the minute's pace: start afresh.
    clock.advance(chrono::Duration::seconds(61));
    let (flooder, other) = (user("刘玉兰"), user("陈志强"));
    for _ in 0..20 {
        app.fake.push_message(app.fake.private_text(flooder, "刘玉兰", "/help"));
    }
    app.fake.push_message(app.fake.private_text(other, "陈志强", "/help"));
    let answered = app.fake.wait_until(|f| !f.texts_to(other).is_empty(), Duration::from_secs(10)).await;
    assert!(answered);
    quiesce(&app).await;
    assert_eq!(helps(&app, flooder), PACE as usize, "only the pace is acted upon");
    assert_eq!(told(&app, flooder), 1, "told once, not twenty times");
    assert_eq!(helps(&app, other), 1, "others keep their own pace");
    // A button pressed in the same flood stops spinning, and records nothing.
    let tap = app.fake.callback(flooder, "刘玉兰", flooder, 1, "s:o");
    let id = tap["id"].as_str().unwrap().to_owned();
    app.fake.push_callback(tap);
    quiesce(&app).await;
    let answers = app.fake.calls_to("answercallbackquery");
    assert!(answers.iter().any(|c| c.param("callback_query_id").as_deref() == Some(id.as_str())));
    // A minute later the member is answered again.
    clock.advance(chrono::Duration::seconds(61));
    app.fake.push_message(app.fake.private_text(flooder, "刘玉兰", "/help"));
    let again = app.fake.wait_until(|f| helps_in(f, flooder) > PACE as usize, Duration::from_secs(10)).await;
    assert!(again, "answered again after a minute");
    app.stop().await;
}

fn helps_in(fake: &support::fake_telegram::FakeTelegram, chat: i64) -> usize {
    let opening: String = zhibu::texts::common::MEMBER_HELP.chars().take(7).collect();
    fake.texts_to(chat).iter().filter(|t| t.starts_with(&opening)).count()
}
