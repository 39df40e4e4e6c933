//! The admin listener scraped while a broadcast drains: `/metrics` shows the outbox by state, the
//! age of the oldest due message, 429s and sends of the last minute and leadership, all read
//! from the tables; `/healthz` answers 200 while the instance works and 503 when it cannot.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use zhibu::clock::SystemClock;

use super::support;
use support::app::TestApp;
use support::fake_telegram::{Fault, FaultRule};

const CHATS: i64 = 40;
const FIRST_CHAT: i64 = 700_000;

async fn app_with_admin_listener() -> (TestApp, SocketAddr) {
    let app = TestApp::spawn_configured(Arc::new(SystemClock), |s| {
        s.admin_listen = Some("127.0.0.1:0".parse().unwrap());
        s.send_timeout_secs = 8;
    })
    .await;
    let addr = app.admin_addr.expect("the admin listener is bound");
    (app, addr)
}

async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("http://{addr}{path}")).await.expect("the admin listener answers");
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The value of the sample `key` (`name` or `name{labels}`) in an exposition text.
fn metric(text: &str, key: &str) -> f64 {
    let line = text.lines().find(|l| l.split(' ').next() == Some(key));
    line.and_then(|l| l.split(' ').nth(1)?.parse().ok()).unwrap_or_else(|| panic!("no {key} in:\n{text}"))
}

fn outbox(text: &str, state: &str) -> f64 {
    metric(text, &format!("zhibu_outbox_messages{{state=\"{state}\"}}"))
}

/// Scrapes until `done` holds (the workers run on their own); returns the last scrape.
async fn scrape_until(addr: SocketAddr, done: impl Fn(&str) -> bool) -> String {
    for _ in 0..300 {
        let (_, text) = get(addr, "/metrics").await;
        if done(&text) {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the metrics never reached the expected state");
}

#[tokio::test]
async fn health_and_metrics_follow_a_broadcast_as_it_drains() {
    let (app, addr) = app_with_admin_listener().await;
    let health = scrape_health_until_healthy(addr).await;
    assert_eq!((health["leader"].as_bool(), health["receiving"].as_str()), (Some(true), Some("polling")));
    let (held, throttled) = (FIRST_CHAT, FIRST_CHAT + 1);
    app.fake.fail_next(FaultRule::new("sendmessage", Fault::DeliverThenDropResponse).for_chat(held));
    app.fake.fail_next(
        FaultRule::new("sendmessage", Fault::TooManyRequests { retry_after: 1 }).for_chat(throttled),
    );
    for i in 0..CHATS {
        app.enqueue_text(FIRST_CHAT + i, "情况通报：本周五上午学习", "briefing:1").await;
    }
    app.wakers.outbox_ready.notify_one();

    // The first send hangs (one request in flight): the rest of the broadcast waits, due.
    let mid = scrape_until(addr, |t| outbox(t, "sending") == 1.0).await;
    assert_eq!(outbox(&mid, "pending"), (CHATS - 1) as f64, "{mid}");
    assert!(metric(&mid, "zhibu_outbox_oldest_due_seconds") >= 0.0, "{mid}");
    assert_eq!(metric(&mid, "zhibu_leader"), 1.0);
    let (status, _) = get(addr, "/healthz").await;
    assert_eq!(status, 200, "a busy instance is healthy");

    // The hung send times out (`unknown`, never resent); the rest drains, one chat after a 429.
    let end = scrape_until(addr, |t| outbox(t, "pending") == 0.0 && outbox(t, "sending") == 0.0).await;
    assert_eq!(outbox(&end, "unknown"), 1.0, "{end}");
    assert!(outbox(&end, "sent") >= (CHATS - 1) as f64, "{end}");
    assert_eq!(metric(&end, "zhibu_telegram_throttled_last_minute"), 1.0, "{end}");
    assert!(metric(&end, "zhibu_sent_last_minute") >= (CHATS - 1) as f64, "{end}");
    assert_eq!(metric(&end, "zhibu_outbox_oldest_due_seconds"), 0.0, "{end}");
    assert_eq!(metric(&end, "zhibu_inbox_updates{state=\"pending\"}"), 0.0, "{end}");
    assert_eq!(app.fake.texts_to(throttled).len(), 1, "the 429'd message went once, later");
    app.stop().await;
}

async fn scrape_health_until_healthy(addr: SocketAddr) -> Value {
    for _ in 0..100 {
        let (status, body) = get(addr, "/healthz").await;
        if status == 200 {
            return serde_json::from_str(&body).unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("/healthz never answered 200");
}

#[tokio::test]
async fn healthz_answers_503_naming_the_database_when_it_is_gone() {
    let (app, addr) = app_with_admin_listener().await;
    scrape_health_until_healthy(addr).await;
    app.store.pool().close().await;
    let (status, body) = get(addr, "/healthz").await;
    assert_eq!(status, 503, "{body}");
    let health: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["database"], "unreachable", "{health}");
    assert!(!health["problems"].as_array().unwrap().is_empty());
    let (status, _) = get(addr, "/metrics").await;
    assert_eq!(status, 503);
    app.stop().await;
}

#[tokio::test]
async fn no_admin_listener_is_bound_unless_asked_for() {
    let app = TestApp::spawn().await;
    assert!(app.admin_addr.is_none());
    app.stop().await;
}
