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

#[tokio::test]
async fn webhook_updates_with_the_secret_are_handled_once_and_others_refused() {
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/telegram/hook");
    let hook = WebhookSettings {
        url: url.parse().unwrap(),
        listen: format!("127.0.0.1:{port}").parse().unwrap(),
        secret: webhook_secret(SECRET),
    };
    let app = TestApp::spawn_configured(Arc::new(SystemClock), move |s| s.webhook = Some(hook)).await;
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
    }
    app.expect_text(9001, "绑定手机号").await;
    app.settle().await;
    assert_eq!(app.fake.texts_to(9001).len(), 1, "handled once");
    assert!(app.fake.calls_to("getupdates").is_empty(), "no polling in webhook mode");
    app.stop().await;
}

/// A secret as settings hold it (parsed from a settings file, the production path).
fn webhook_secret(value: &str) -> zhibu::config::Secret {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), format!("webhook_url = \"https://x/h\"\nwebhook_secret = \"{value}\"\n"))
        .unwrap();
    zhibu::config::Settings::load(file.path()).unwrap().webhook.unwrap().secret
}
