//! Webhook mode: Telegram is told the URL and the secret; a post with the right secret is stored
//! and handled (once, however often it comes), a post without it is refused.

use std::sync::Arc;
use std::time::Duration;

use zhibu::clock::SystemClock;
use zhibu::config::WebhookSettings;

use super::support;
use support::app::TestApp;

const SECRET: &str = "s3cret_Token-123";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The application in webhook mode on a free port; returns it and its webhook URL.
async fn spawn_with_webhook() -> (TestApp, String) {
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let hook = WebhookSettings {
        url: url.parse().unwrap(),
        listen: format!("127.0.0.1:{port}").parse().unwrap(),
        secret: webhook_secret(SECRET),
    };
    let app = TestApp::spawn_configured(Arc::new(SystemClock), move |s| s.webhook = Some(hook)).await;
    (app, url)
}

#[tokio::test]
async fn webhook_updates_with_the_secret_are_handled_once_and_others_refused() {
    let (app, url) = spawn_with_webhook().await;
    assert!(
        app.fake
            .wait_until(|f| f.webhook_url().as_deref() == Some(url.as_str()), Duration::from_secs(5))
            .await
    );
    let set = app.fake.calls_to("setwebhook");
    assert_eq!(set[0].params["secret_token"], SECRET);

    let client = reqwest::Client::new();
    let update =
        serde_json::json!({ "update_id": 77, "message": app.fake.private_text(9001, "路人", "/start") });
    let refused = client.post(&url).json(&update).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    let wrong = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", "guess")
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    for _ in 0..2 {
        let ok = client
            .post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .json(&update)
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), 200);
        // 200 means stored: the update is in the inbox before Telegram hears it was taken.
        let mut conn = app.store.conn().await.unwrap();
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE update_id = 77")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(stored, 1, "answered 200 before the update was stored");
    }
    app.expect_text(9001, "绑定手机号").await;
    app.settle().await;
    assert_eq!(app.fake.texts_to(9001).len(), 1, "handled once");
    assert!(app.fake.calls_to("getupdates").is_empty(), "no polling in webhook mode");
    app.stop().await;
}

#[tokio::test]
async fn a_webhook_update_that_cannot_be_stored_is_refused_so_telegram_sends_it_again() {
    let (app, url) = spawn_with_webhook().await;
    let fault = support::db_faults::fail_writes(&app.store, "inbox_fault", "INSERT", "inbox", None).await;
    let update =
        serde_json::json!({ "update_id": 78, "message": app.fake.private_text(9002, "路人", "/start") });
    let post = || {
        reqwest::Client::new()
            .post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .json(&update)
            .send()
    };
    let refused = post().await.unwrap();
    assert!(refused.status().is_server_error(), "not stored, so not taken: {}", refused.status());
    fault.heal(&app.store).await;
    // Telegram delivers it again: now it is stored and handled, once.
    assert_eq!(post().await.unwrap().status(), 200);
    app.expect_text(9002, "绑定手机号").await;
    app.settle().await;
    assert_eq!(app.fake.texts_to(9002).len(), 1, "handled once");
    app.stop().await;
}

/// A secret as settings hold it (parsed from a settings file, the production path).
fn webhook_secret(value: &str) -> zhibu::config::Secret {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), format!("webhook_url = \"https://x/h\"\nwebhook_secret = \"{value}\"\n"))
        .unwrap();
    zhibu::config::Settings::load(file.path()).unwrap().webhook.unwrap().secret
}
