//! Self-test of the fake Telegram Bot API server over real HTTP.

use super::support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::fake_telegram::*;

const WAIT: Duration = Duration::from_secs(5);

const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content \
                            and reply markup are exactly the same as a current content and reply \
                            markup of the message";

fn method_url(fake: &FakeTelegram, method: &str) -> String {
    format!("{}bot{}/{method}", fake.api_url(), FakeTelegram::TOKEN)
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.expect("a JSON body"))
}

/// Calls `method` with a JSON body and returns the status and the envelope.
async fn call(fake: &FakeTelegram, method: &str, params: Value) -> (u16, Value) {
    let request = reqwest::Client::new().post(method_url(fake, method)).json(&params);
    answer(request.send().await.expect("the fake answers")).await
}

async fn send_text(fake: &FakeTelegram, chat_id: i64, text: &str) -> Value {
    let (status, body) = call(fake, "sendMessage", json!({ "chat_id": chat_id, "text": text })).await;
    assert_eq!(status, 200, "{body}");
    body["result"].clone()
}

fn keyboard(data: &str) -> Value {
    json!({ "inline_keyboard": [[{ "text": "Yes", "callback_data": data }]] })
}

fn update_ids(body: &Value) -> Vec<i64> {
    let updates = body["result"].as_array().expect("a list of updates");
    updates.iter().map(|update| update["update_id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn get_me_answers_the_bot_user_with_every_field_teloxide_requires() {
    let fake = FakeTelegram::start().await;
    let (status, body) = call(&fake, "getMe", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["ok"], true);
    let me = &body["result"];
    assert_eq!(me["id"], FakeTelegram::BOT_ID);
    assert_eq!(me["is_bot"], true);
    assert_eq!(me["username"], "zhibu_test_bot");
    assert!(me["first_name"].is_string());
    for flag in
        ["can_join_groups", "can_read_all_group_messages", "supports_inline_queries", "has_main_web_app"]
    {
        assert!(me[flag].is_boolean(), "{flag} missing");
    }
    assert_eq!(me["can_connect_to_business"], false);
    assert_eq!(fake.tokens(), vec![FakeTelegram::TOKEN.to_owned()]);
}

#[tokio::test]
async fn the_bot_username_is_configurable() {
    let config = FakeConfig { bot_username: "other_bot".into(), ..FakeConfig::default() };
    let fake = FakeTelegram::start_with(config).await;
    let (_, body) = call(&fake, "getMe", json!({})).await;
    assert_eq!(body["result"]["username"], "other_bot");
    assert_eq!(send_text(&fake, 5, "hi").await["from"]["username"], "other_bot");
}

#[tokio::test]
async fn get_updates_drops_updates_below_the_offset_and_honours_the_limit() {
    let fake = FakeTelegram::start().await;
    for text in ["one", "two", "three"] {
        fake.push_private_text(5, "Alice", text);
    }
    let (_, first) = call(&fake, "getUpdates", json!({ "limit": 2 })).await;
    assert_eq!(update_ids(&first), vec![1, 2]);
    let (_, second) = call(&fake, "getUpdates", json!({ "offset": 2 })).await;
    assert_eq!(update_ids(&second), vec![2, 3]);
    assert_eq!(second["result"][1]["message"]["text"], "three");
    assert_eq!((fake.pending_updates(), fake.confirmed_offset()), (2, Some(2)));
    let (_, last) = call(&fake, "getUpdates", json!({ "offset": 4 })).await;
    assert_eq!(update_ids(&last), Vec::<i64>::new());
    assert_eq!((fake.pending_updates(), fake.confirmed_offset()), (0, Some(4)));
}

#[tokio::test]
async fn a_long_poll_wakes_up_as_soon_as_an_update_is_pushed() {
    let fake = FakeTelegram::start().await;
    let started = Instant::now();
    let push_later = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        fake.push_private_text(5, "Alice", "late")
    };
    let ((status, body), pushed) =
        tokio::join!(call(&fake, "getUpdates", json!({ "timeout": 10 })), push_later);
    assert_eq!(status, 200);
    assert_eq!(update_ids(&body), vec![pushed]);
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_long_poll_without_updates_answers_an_empty_list_after_the_timeout() {
    let fake = FakeTelegram::start().await;
    let started = Instant::now();
    let (_, body) = call(&fake, "getUpdates", json!({ "timeout": 1 })).await;
    assert_eq!(body, json!({ "ok": true, "result": [] }));
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn explicit_update_ids_are_kept_and_later_ids_are_assigned_above_them() {
    let fake = FakeTelegram::start().await;
    assert_eq!(fake.push_update(json!({ "update_id": 500, "message": fake.private_text(5, "A", "x") })), 500);
    assert_eq!(fake.push_private_text(5, "A", "y"), 501);
    let (_, body) = call(&fake, "getUpdates", json!({})).await;
    assert_eq!(update_ids(&body), vec![500, 501]);
}

#[tokio::test]
async fn get_updates_conflicts_while_a_webhook_is_set() {
    let fake = FakeTelegram::start().await;
    let (_, set) = call(&fake, "setWebhook", json!({ "url": "https://example.org/hook" })).await;
    assert_eq!(set["result"], true);
    assert_eq!(fake.webhook_url().as_deref(), Some("https://example.org/hook"));
    let (status, body) = call(&fake, "getUpdates", json!({})).await;
    assert_eq!(status, 409);
    assert!(body["description"].as_str().unwrap().starts_with("Conflict: can't use getUpdates"));
    call(&fake, "deleteWebhook", json!({})).await;
    assert_eq!(call(&fake, "getUpdates", json!({})).await.0, 200);
}

#[tokio::test]
async fn parameters_arrive_as_json_form_or_query_string() {
    let fake = FakeTelegram::start().await;
    let client = reqwest::Client::new();
    let markup = keyboard("ok").to_string();
    let form = [("chat_id", "5"), ("text", "by form"), ("reply_markup", markup.as_str())];
    let (status, body) =
        answer(client.post(method_url(&fake, "sendMessage")).form(&form).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["reply_markup"], keyboard("ok"));
    let query = [("chat_id", "6"), ("text", "by query")];
    let (status, _) =
        answer(client.get(method_url(&fake, "sendMessage")).query(&query).send().await.unwrap()).await;
    assert_eq!(status, 200);
    send_text(&fake, 7, "by json").await;
    assert_eq!(fake.texts_to(5), vec!["by form"]);
    assert_eq!(fake.texts_to(6), vec!["by query"]);
    assert_eq!(fake.texts_to(7), vec!["by json"]);
    assert_eq!(fake.messages_to(5)[0].params["chat_id"], "5");
    assert_eq!(fake.messages_to(7)[0].params["chat_id"], 7);
}

#[tokio::test]
async fn a_multipart_document_records_its_fields_and_file() {
    let fake = FakeTelegram::start().await;
    let boundary = "XyZzYboundary";
    let mut body = Vec::new();
    for (name, value) in [("chat_id", "-100123"), ("caption", "名单")] {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .bytes(),
        );
    }
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"members.csv\"\r\nContent-Type: text/csv\r\n\r\n").bytes());
    body.extend(b"name,phone\n");
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let request = reqwest::Client::new()
        .post(method_url(&fake, "sendDocument"))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body);
    let (status, answer_body) = answer(request.send().await.unwrap()).await;
    assert_eq!(status, 200, "{answer_body}");
    let message = &answer_body["result"];
    assert_eq!(message["document"]["file_name"], "members.csv");
    assert_eq!(message["caption"], "名单");
    let call = &fake.messages_to(-100123)[0];
    assert_eq!(call.params, json!({ "chat_id": "-100123", "caption": "名单" }));
    assert_eq!(call.file, Some(("members.csv".to_owned(), b"name,phone\n".to_vec())));
    assert_eq!(fake.texts_to(-100123), vec!["名单"]);
}

#[tokio::test]
async fn method_names_are_case_insensitive() {
    let fake = FakeTelegram::start().await;
    for method in ["SendMessage", "sendMessage", "SENDMESSAGE"] {
        let (status, _) = call(&fake, method, json!({ "chat_id": 5, "text": method })).await;
        assert_eq!(status, 200, "{method}");
    }
    assert_eq!(call(&fake, "GetMe", json!({})).await.0, 200);
    assert_eq!(fake.calls_to("sendMessage").len(), 3);
    assert!(fake.calls().iter().all(|call| call.method == call.method.to_lowercase()));
}

#[tokio::test]
async fn housekeeping_methods_answer_true_and_stubs_override_answers() {
    let fake = FakeTelegram::start().await;
    let methods = [
        "deleteWebhook",
        "setMyCommands",
        "setMyDescription",
        "setChatMenuButton",
        "answerCallbackQuery",
        "deleteMessage",
        "pinChatMessage",
        "unpinChatMessage",
    ];
    for method in methods {
        assert_eq!(
            call(&fake, method, json!({ "chat_id": 5 })).await.1,
            json!({ "ok": true, "result": true })
        );
    }
    fake.stub("getChatAdministrators", json!([]));
    assert_eq!(call(&fake, "getChatAdministrators", json!({ "chat_id": -5 })).await.1["result"], json!([]));
}

#[tokio::test]
async fn an_unknown_method_answers_404_method_not_found() {
    let fake = FakeTelegram::start().await;
    let (status, body) = call(&fake, "sendTelepathy", json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(body, json!({ "ok": false, "error_code": 404, "description": "Not Found: method not found" }));
    assert_eq!(fake.faulted_calls()[0].method, "sendtelepathy");
    assert!(fake.calls().is_empty());
}

#[tokio::test]
async fn send_message_answers_a_full_message_with_ids_increasing_per_chat() {
    let fake = FakeTelegram::start().await;
    let first = send_text(&fake, 5, "hello").await;
    let second = send_text(&fake, 5, "again").await;
    let elsewhere = send_text(&fake, 6, "other chat").await;
    assert_eq!((first["message_id"].as_i64(), second["message_id"].as_i64()), (Some(1), Some(2)));
    assert_eq!(elsewhere["message_id"], 1);
    assert_eq!(first["text"], "hello");
    assert_eq!(first["from"]["id"], FakeTelegram::BOT_ID);
    assert_eq!(first["from"]["is_bot"], true);
    let age = chrono::Utc::now().timestamp() - first["date"].as_i64().unwrap();
    assert!((0..5).contains(&age));
    assert!(first.get("reply_markup").is_none());
    assert_eq!(fake.texts_to(5), vec!["hello", "again"]);
}

#[tokio::test]
async fn the_chat_type_follows_the_chat_id() {
    let fake = FakeTelegram::start().await;
    let private = send_text(&fake, 5, "x").await["chat"].clone();
    assert_eq!(private["type"], "private");
    assert!(private["first_name"].is_string());
    let supergroup = send_text(&fake, -1001234567890, "x").await["chat"].clone();
    assert_eq!(supergroup["type"], "supergroup");
    assert!(supergroup["title"].is_string());
    assert_eq!(send_text(&fake, -4242, "x").await["chat"]["type"], "group");
    fake.private_text(9, "Bob", "hi");
    assert_eq!(send_text(&fake, 9, "x").await["chat"]["first_name"], "Bob");
}

#[tokio::test]
async fn a_chat_id_may_be_a_numeric_string_but_a_username_is_not_found() {
    let fake = FakeTelegram::start().await;
    let (status, body) = call(&fake, "sendMessage", json!({ "chat_id": "-4242", "text": "x" })).await;
    assert_eq!((status, &body["result"]["chat"]["id"]), (200, &json!(-4242)));
    let (status, body) = call(&fake, "sendMessage", json!({ "chat_id": "@somebody", "text": "x" })).await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({ "ok": false, "error_code": 400, "description": "Bad Request: chat not found" }));
}

#[tokio::test]
async fn an_inline_keyboard_is_echoed_and_an_edit_updates_the_stored_message() {
    let fake = FakeTelegram::start().await;
    let params = json!({ "chat_id": 5, "text": "Vote?", "reply_markup": keyboard("yes") });
    let (_, sent) = call(&fake, "sendMessage", params).await;
    assert_eq!(sent["result"]["reply_markup"], keyboard("yes"));
    let edit = json!({ "chat_id": 5, "message_id": 1, "text": "Voted", "reply_markup": keyboard("undo") });
    let (status, edited) = call(&fake, "editMessageText", edit).await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["result"]["text"], "Voted");
    assert!(edited["result"]["edit_date"].is_i64());
    let (_, cleared) = call(&fake, "editMessageReplyMarkup", json!({ "chat_id": 5, "message_id": 1 })).await;
    assert!(cleared["result"].get("reply_markup").is_none());
    let stored = fake.message(5, 1).unwrap();
    assert_eq!((stored["text"].as_str(), stored.get("reply_markup")), (Some("Voted"), None));
}

#[tokio::test]
async fn an_identical_edit_answers_message_is_not_modified() {
    let fake = FakeTelegram::start().await;
    let params = json!({ "chat_id": 5, "text": "same", "reply_markup": keyboard("k") });
    call(&fake, "sendMessage", params).await;
    let edit = json!({ "chat_id": 5, "message_id": 1, "text": "same", "reply_markup": keyboard("k") });
    let (status, body) = call(&fake, "editMessageText", edit).await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({ "ok": false, "error_code": 400, "description": NOT_MODIFIED }));
    let markup_only = json!({ "chat_id": 5, "message_id": 1, "reply_markup": keyboard("k") });
    assert_eq!(call(&fake, "editMessageReplyMarkup", markup_only).await.1["description"], NOT_MODIFIED);
    assert_eq!(fake.faulted_calls().len(), 2);
}

#[tokio::test]
async fn editing_an_unknown_message_answers_message_to_edit_not_found() {
    let fake = FakeTelegram::start().await;
    let (status, body) =
        call(&fake, "editMessageText", json!({ "chat_id": 5, "message_id": 77, "text": "x" })).await;
    assert_eq!(status, 400);
    assert_eq!(body["description"], "Bad Request: message to edit not found");
}

#[tokio::test]
async fn copy_answers_a_message_id_and_forward_answers_a_forwarded_message() {
    let fake = FakeTelegram::start().await;
    let original = fake.private_text(5, "Alice", "please share");
    let source = json!({ "from_chat_id": 5, "message_id": original["message_id"] });
    let mut params = source.clone();
    params["chat_id"] = json!(-100777);
    let (_, copied) = call(&fake, "copyMessage", params.clone()).await;
    assert_eq!(copied["result"], json!({ "message_id": 1 }));
    assert_eq!(fake.message(-100777, 1).unwrap()["text"], "please share");
    let (_, forwarded) = call(&fake, "forwardMessage", params).await;
    assert_eq!(forwarded["result"]["forward_origin"]["sender_user"]["id"], 5);
    assert_eq!(fake.texts_to(-100777), Vec::<String>::new());
    assert_eq!(fake.messages_to(-100777).len(), 2);
}

fn envelope(code: u16, description: &str) -> Value {
    json!({ "ok": false, "error_code": code, "description": description })
}

#[tokio::test]
async fn every_fault_kind_answers_its_exact_envelope() {
    let cases = [
        (Fault::TooManyRequests { retry_after: 7 }, {
            let mut body = envelope(429, "Too Many Requests: retry after 7");
            body["parameters"] = json!({ "retry_after": 7 });
            body
        }),
        (Fault::BOT_BLOCKED, envelope(403, "Forbidden: bot was blocked by the user")),
        (
            Fault::Forbidden("bot can't initiate conversation with a user"),
            envelope(403, "Forbidden: bot can't initiate conversation with a user"),
        ),
        (Fault::KICKED_FROM_GROUP, envelope(403, "Forbidden: bot was kicked from the group chat")),
        (Fault::Migrated { to: -1001555296434 }, {
            let mut body = envelope(400, "Bad Request: group chat was upgraded to a supergroup chat");
            body["parameters"] = json!({ "migrate_to_chat_id": -1001555296434_i64 });
            body
        }),
        (Fault::BadRequest("Bad Request: chat not found"), envelope(400, "Bad Request: chat not found")),
        (Fault::ServerError, envelope(500, "Internal Server Error")),
    ];
    for (fault, expected) in cases {
        let fake = FakeTelegram::start().await;
        fake.fail_next(FaultRule::new("sendMessage", fault.clone()));
        let (status, body) = call(&fake, "sendMessage", json!({ "chat_id": 5, "text": "x" })).await;
        assert_eq!(
            (status, &body),
            (expected["error_code"].as_u64().unwrap() as u16, &expected),
            "{fault:?}"
        );
        assert_eq!((fake.calls().len(), fake.faulted_calls().len()), (0, 1), "{fault:?}");
        assert_eq!(call(&fake, "sendMessage", json!({ "chat_id": 5, "text": "x" })).await.0, 200);
    }
}

#[tokio::test]
async fn a_fault_rule_for_one_chat_spares_other_chats_and_fires_the_given_number_of_times() {
    let fake = FakeTelegram::start().await;
    fake.fail_next(FaultRule::new("*", Fault::BOT_BLOCKED).for_chat(5).times(2));
    let mut statuses = Vec::new();
    for (method, chat_id) in [("sendMessage", 6), ("sendMessage", 5), ("sendDocument", 5), ("sendMessage", 5)]
    {
        let params = json!({ "chat_id": chat_id, "text": "x", "document": "file-id" });
        statuses.push(call(&fake, method, params).await.0);
    }
    assert_eq!(statuses, vec![200, 403, 403, 200]);
    assert_eq!(fake.messages_to(5).len(), 1);
    assert_eq!(fake.faulted_calls().len(), 2);
}

#[tokio::test]
async fn deliver_then_drop_records_the_message_but_never_answers() {
    let fake = FakeTelegram::start().await;
    fake.fail_next(FaultRule::new("sendmessage", Fault::DeliverThenDropResponse));
    let client = reqwest::Client::builder().timeout(Duration::from_millis(500)).build().unwrap();
    let request =
        client.post(method_url(&fake, "sendMessage")).json(&json!({ "chat_id": 5, "text": "lost" }));
    let error = request.send().await.expect_err("the answer never comes");
    assert!(error.is_timeout(), "{error}");
    assert_eq!(fake.texts_to(5), vec!["lost"]);
    assert!(fake.faulted_calls().is_empty());
    assert_eq!(fake.stats().delivered, 1);
    assert_eq!(send_text(&fake, 5, "next").await["message_id"], 2);
}

async fn limited_fake(limits: RateLimits, time_scale: f64) -> FakeTelegram {
    FakeTelegram::start_with(FakeConfig { limits: Some(limits), time_scale, ..FakeConfig::default() }).await
}

#[tokio::test]
async fn sending_twice_a_second_to_one_chat_answers_429_with_retry_after() {
    let fake = limited_fake(RateLimits::default(), 1.0).await;
    send_text(&fake, 5, "first").await;
    let (status, body) = call(&fake, "sendMessage", json!({ "chat_id": 5, "text": "second" })).await;
    assert_eq!(status, 429);
    assert_eq!(body["description"], "Too Many Requests: retry after 1");
    assert_eq!(body["parameters"], json!({ "retry_after": 1 }));
    send_text(&fake, 6, "another chat is fine").await;
    assert_eq!(call(&fake, "getMe", json!({})).await.0, 200);
    let stats = fake.stats();
    assert_eq!((stats.delivered, stats.too_many_requests), (2, 1));
    assert_eq!(stats.per_method["sendmessage"], 3);
}

#[tokio::test]
async fn the_group_limit_counts_a_minute_that_time_scale_shortens() {
    let limits = RateLimits { overall_per_sec: 100, per_chat_per_sec: 100, per_group_per_min: 3 };
    let fake = limited_fake(limits, 60.0).await;
    for _ in 0..3 {
        send_text(&fake, -100555, "x").await;
    }
    let (status, body) = call(&fake, "sendMessage", json!({ "chat_id": -100555, "text": "x" })).await;
    assert_eq!(status, 429);
    let retry_after = body["parameters"]["retry_after"].as_u64().unwrap();
    assert!((30..=60).contains(&retry_after), "retry_after {retry_after}");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    send_text(&fake, -100555, "after the window").await;
}

#[tokio::test]
async fn the_overall_limit_spans_all_chats() {
    let limits = RateLimits { overall_per_sec: 2, per_chat_per_sec: 100, per_group_per_min: 100 };
    let fake = limited_fake(limits, 1.0).await;
    send_text(&fake, 1, "x").await;
    send_text(&fake, 2, "x").await;
    assert_eq!(call(&fake, "sendMessage", json!({ "chat_id": 3, "text": "x" })).await.0, 429);
    assert_eq!(fake.stats().too_many_requests, 1);
}

#[tokio::test]
async fn wait_for_call_returns_as_soon_as_a_matching_call_arrives() {
    let fake = FakeTelegram::start().await;
    send_text(&fake, 5, "not this one").await;
    let started = Instant::now();
    let send_later = async {
        tokio::time::sleep(Duration::from_millis(150)).await;
        send_text(&fake, 7, "this one").await;
    };
    let waiting = fake.wait_for_call(|call| call.chat_id() == Some(7), WAIT);
    let (found, ()) = tokio::join!(waiting, send_later);
    assert_eq!(found.and_then(|call| call.text()).as_deref(), Some("this one"));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(fake.wait_until(|fake| fake.texts_to(7).len() == 1, WAIT).await);
}

#[tokio::test]
async fn waiters_give_up_after_their_timeout() {
    let fake = FakeTelegram::start().await;
    let started = Instant::now();
    assert!(!fake.wait_until(|fake| !fake.calls().is_empty(), Duration::from_millis(200)).await);
    assert!(fake.wait_for_call(|_| true, Duration::from_millis(200)).await.is_none());
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn the_update_builders_produce_the_wire_format() {
    let fake = FakeTelegram::start().await;
    let private = fake.private_text(5, "Alice", "hi");
    assert_eq!(private["chat"], json!({ "id": 5, "type": "private", "first_name": "Alice" }));
    assert_eq!(private["from"], json!({ "id": 5, "is_bot": false, "first_name": "Alice" }));
    assert_eq!(fake.group_text(-4242, 5, "Alice", "hi")["chat"]["type"], "group");
    let sent = send_text(&fake, -1001000000001, "poll").await;
    let reply = fake.group_reply(-1001000000001, 5, "Alice", "me too", 1);
    assert_eq!(reply["chat"]["type"], "supergroup");
    assert_eq!(reply["reply_to_message"]["text"], sent["text"]);
    assert_eq!(reply["message_id"], 2);
    let contact = fake.private_contact(5, "Alice", "+8613800000000", 5);
    assert_eq!(
        contact["contact"],
        json!({ "phone_number": "+8613800000000", "first_name": "Alice", "user_id": 5 })
    );
    let callback = fake.callback(5, "Alice", -1001000000001, 1, "vote:yes");
    assert_eq!(
        (callback["data"].as_str(), &callback["message"]["message_id"]),
        (Some("vote:yes"), &json!(1))
    );
    assert!(callback["id"].is_string() && callback["chat_instance"].is_string());
    assert_ne!(callback["id"], fake.callback(5, "Alice", -1001000000001, 1, "vote:yes")["id"]);
    assert_eq!(fake.group_migrated(-4242, -1004242, 5)["migrate_to_chat_id"], -1004242);
    let forwarded = fake.forwarded_group_text(-4242, 5, "fwd");
    assert_eq!(forwarded["forward_origin"]["type"], "user");
    assert_eq!(forwarded["forward_origin"]["sender_user"]["id"], ORIGINAL_AUTHOR_ID);
    let anonymous = fake.anonymous_admin_text(-1001000000001, "notice");
    assert_eq!(anonymous["from"]["id"], 1087968824);
    assert_eq!(anonymous["sender_chat"], anonymous["chat"]);
}

/// The fake as teloxide, the client the bot uses, sees it.
mod with_teloxide {
    use super::*;
    use teloxide::{
        ApiError, RequestError,
        prelude::*,
        types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, UpdateKind},
    };

    fn bot(fake: &FakeTelegram) -> Bot {
        Bot::new(FakeTelegram::TOKEN).set_api_url(fake.api_url().parse().unwrap())
    }

    fn buttons(data: &str) -> InlineKeyboardMarkup {
        InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Yes", data)]])
    }

    #[tokio::test]
    async fn teloxide_gets_me_sends_edits_and_polls() {
        let fake = FakeTelegram::start().await;
        let bot = bot(&fake);
        assert_eq!(bot.get_me().await.unwrap().username(), "zhibu_test_bot");
        let sent = bot.send_message(ChatId(5), "Vote?").reply_markup(buttons("y")).await.unwrap();
        assert_eq!((sent.id, sent.text()), (MessageId(1), Some("Vote?")));
        assert!(sent.reply_markup().is_some());
        let edited = bot.edit_message_text(ChatId(5), sent.id, "Voted").await.unwrap();
        assert_eq!(edited.text(), Some("Voted"));
        let again = bot.edit_message_text(ChatId(5), sent.id, "Voted").await.unwrap_err();
        assert!(matches!(again, RequestError::Api(ApiError::MessageNotModified)), "{again:?}");
        let missing = bot.edit_message_text(ChatId(5), MessageId(99), "x").await.unwrap_err();
        assert!(matches!(missing, RequestError::Api(ApiError::MessageToEditNotFound)), "{missing:?}");
        fake.push_private_text(5, "Alice", "/start");
        let updates = bot.get_updates().timeout(1).await.unwrap();
        assert_eq!(updates.len(), 1);
        assert_eq!(fake.calls_to("sendmessage")[0].params["chat_id"], 5);
    }

    #[tokio::test]
    async fn teloxide_parses_every_built_update() {
        let fake = FakeTelegram::start().await;
        let group = -1001000000001;
        fake.push_private_text(5, "Alice", "hi");
        fake.push_group_text(-4242, 5, "Alice", "hi");
        fake.push_message(fake.group_reply(group, 5, "Alice", "re", 1));
        fake.push_message(fake.private_contact(5, "Alice", "+8613800000000", None));
        fake.push_callback(fake.callback(5, "Alice", group, 1, "vote:yes"));
        fake.push_message(fake.group_migrated(-4242, group, 5));
        fake.push_message(fake.forwarded_group_text(group, 5, "fwd"));
        fake.push_message(fake.anonymous_admin_text(group, "notice"));
        let updates = bot(&fake).get_updates().await.unwrap();
        assert_eq!(updates.len(), 8);
        for update in &updates {
            assert!(!matches!(update.kind, UpdateKind::Error(_)), "{update:?}");
        }
        let UpdateKind::Message(migrated) = &updates[5].kind else { panic!("a message") };
        assert_eq!(migrated.migrate_to_chat_id(), Some(&ChatId(group)));
        let UpdateKind::Message(anonymous) = &updates[7].kind else { panic!("a message") };
        assert_eq!(anonymous.sender_chat.as_ref().map(|chat| chat.id), Some(ChatId(group)));
        assert!(
            matches!(&updates[4].kind, UpdateKind::CallbackQuery(query) if query.data.as_deref() == Some("vote:yes"))
        );
    }

    #[tokio::test]
    async fn teloxide_sees_retry_after_migration_and_forbidden() {
        let fake = FakeTelegram::start().await;
        let bot = bot(&fake);
        fake.fail_next(FaultRule::new("sendmessage", Fault::TooManyRequests { retry_after: 3 }));
        fake.fail_next(FaultRule::new("sendmessage", Fault::Migrated { to: -1009 }));
        fake.fail_next(FaultRule::new("sendmessage", Fault::BOT_BLOCKED));
        let retry = bot.send_message(ChatId(5), "x").await.unwrap_err();
        assert!(matches!(retry, RequestError::RetryAfter(seconds) if seconds.seconds() == 3), "{retry:?}");
        let migrated = bot.send_message(ChatId(-5), "x").await.unwrap_err();
        assert!(matches!(migrated, RequestError::MigrateToChatId(ChatId(-1009))), "{migrated:?}");
        let blocked = bot.send_message(ChatId(5), "x").await.unwrap_err();
        assert!(matches!(blocked, RequestError::Api(ApiError::BotBlocked)), "{blocked:?}");
    }

    #[tokio::test]
    async fn teloxide_uploads_a_document_as_multipart() {
        let fake = FakeTelegram::start().await;
        let file = InputFile::memory(b"a,b\n".to_vec()).file_name("report.csv");
        let sent = bot(&fake).send_document(ChatId(-4242), file).caption("报告").await.unwrap();
        assert_eq!(sent.document().and_then(|doc| doc.file_name.as_deref()), Some("report.csv"));
        let call = &fake.messages_to(-4242)[0];
        assert_eq!(call.file, Some(("report.csv".to_owned(), b"a,b\n".to_vec())));
        assert_eq!(call.text().as_deref(), Some("报告"));
    }
}

#[tokio::test]
async fn texts_longer_than_telegram_takes_are_refused_with_its_own_words() {
    let fake = FakeTelegram::start().await;
    let longest = "字".repeat(4096);
    let sent = send_text(&fake, 42, &longest).await;
    let too_long = "字".repeat(4097);
    let (status, body) = call(&fake, "sendMessage", json!({ "chat_id": 42, "text": too_long })).await;
    assert_eq!((status, body["description"].as_str()), (400, Some("Bad Request: message is too long")));
    let edit = json!({ "chat_id": 42, "message_id": sent["message_id"], "text": too_long });
    let (status, body) = call(&fake, "editMessageText", edit).await;
    assert_eq!((status, body["description"].as_str()), (400, Some("Bad Request: MESSAGE_TOO_LONG")));
    let edit = json!({ "chat_id": 42, "message_id": sent["message_id"], "text": "短" });
    assert_eq!(call(&fake, "editMessageText", edit).await.0, 200);
}
