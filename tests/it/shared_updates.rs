//! Every real update in `tests/fixtures/telegram/updates/` is taken without a crash, an error or a
//! stray message, and an update delivered twice is handled once.

use super::support;

use std::time::Duration;

use support::app::TestApp;

fn shared_updates() -> Vec<(String, serde_json::Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/telegram/updates");
    let mut files: Vec<_> =
        std::fs::read_dir(dir).expect("shared updates").map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.file_name().unwrap().to_string_lossy().into_owned(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

#[tokio::test]
async fn every_shared_update_is_taken_silently() {
    let app = TestApp::spawn().await;
    let (branch, code) = app.create_branch("第一党支部").await;
    app.import_sample_roster(branch).await;
    let updates = shared_updates();
    assert!(updates.len() >= 30, "found {} shared updates", updates.len());
    for (_, mut update) in updates.clone() {
        // Fresh ids: the files' ids collide and run backwards, which a live server never does.
        update.as_object_mut().unwrap().remove("update_id");
        app.fake.push_update(update);
    }
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    let states: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT update_id, state, error FROM inbox ORDER BY update_id")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    assert_eq!(states.len(), updates.len(), "every update was stored");
    for (id, state, error) in &states {
        assert_eq!(state, "done", "update {id} ended {state}: {error:?}");
    }
    let spoken: Vec<_> = app
        .fake
        .calls()
        .into_iter()
        .filter(|c| !matches!(c.method.as_str(), "getupdates" | "getme" | "setmycommands" | "deletewebhook"))
        .collect();
    // A button press is answered (the spinner stops) without a word when its data is not
    // zhibu's; a stranger writing privately may get one kind explanation of how to bind.
    let (answers, spoken): (Vec<_>, Vec<_>) =
        spoken.into_iter().partition(|c| c.method == "answercallbackquery");
    for answer in &answers {
        assert_eq!(
            answer.params.get("text"),
            None,
            "no words to a press of someone else's button: {answer:?}"
        );
    }
    for call in &spoken {
        assert_eq!(call.method, "sendmessage", "unexpected {call:?}");
        assert!(call.params["chat_id"].as_i64().unwrap() > 0, "no group hears from an unbound bot: {call:?}");
        assert!(call.params["text"].as_str().unwrap().contains("绑定手机号"), "{call:?}");
    }
    let greeted: std::collections::HashSet<_> = spoken.iter().map(|c| c.params["chat_id"].as_i64()).collect();
    assert_eq!(greeted.len(), spoken.len(), "at most one explanation per stranger");
    // The branch is still usable afterwards.
    app.fake.push_message(app.fake.private_text(7001, "王建国", &format!("/start {code}")));
    app.expect_text(7001, "支部书记").await;
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn an_update_delivered_twice_is_handled_once() {
    let app = TestApp::spawn().await;
    let (_, code) = app.create_branch("第一党支部").await;
    let mut update =
        serde_json::json!({ "message": app.fake.private_text(7002, "王建国", &format!("/start {code}")) });
    update["update_id"] = serde_json::json!(900);
    // The same update twice in a row, as after a confirmation that never reached Telegram.
    app.fake.push_update(update.clone());
    app.fake.push_update(update);
    app.expect_text(7002, "支部书记").await;
    app.fake.push_message(app.fake.private_text(7002, "王建国", "/help"));
    app.expect_text(7002, "使用方法").await;
    app.settle().await;
    let welcomes = app.fake.texts_to(7002).iter().filter(|t| t.contains("您已成为")).count();
    let invalid = app.fake.texts_to(7002).iter().filter(|t| t.contains("无效")).count();
    assert_eq!((welcomes, invalid), (1, 0));
    app.stop().await;
}

#[tokio::test]
async fn the_bot_stops_cleanly_while_idle() {
    let app = TestApp::spawn().await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.stop().await;
}
