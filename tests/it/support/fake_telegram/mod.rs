//! An in-process fake of the Telegram Bot API for integration tests and benchmarks.
//!
//! Each [`FakeTelegram`] runs its own HTTP server on `127.0.0.1:0` that speaks the real
//! wire format (`/bot<token>/<method>`, JSON / form / query / multipart parameters,
//! `{"ok":…}` envelopes with the official server's error descriptions). It records every
//! call, queues updates for `getUpdates`, keeps the messages it "sent" so edits behave,
//! injects faults on demand and can enforce Telegram's sending limits.
//!
//! Point teloxide at it with `Bot::new(FakeTelegram::TOKEN).set_api_url(fake.api_url().parse()?)`.

mod faults;
mod files;
mod limits;
mod methods;
mod server;
mod state;
mod updates;
mod wire;

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use tokio::task::JoinHandle;

// Not every test binary names every re-export.
#[allow(unused_imports)]
pub use faults::{Fault, FaultRule};
#[allow(unused_imports)]
pub use limits::RateLimits;
#[allow(unused_imports)]
pub use updates::ORIGINAL_AUTHOR_ID;

use state::{Inner, Shared};
use wire::{param_i64, param_string};

/// How a [`FakeTelegram`] is set up.
#[derive(Clone, Debug, PartialEq)]
pub struct FakeConfig {
    /// The bot's `username` (without `@`) as `getMe` and sent messages report it.
    pub bot_username: String,
    /// Telegram's sending limits, enforced when set.
    pub limits: Option<RateLimits>,
    /// How much faster than real time the rate-limit windows run (1.0 = real time).
    pub time_scale: f64,
}

impl Default for FakeConfig {
    fn default() -> Self {
        Self { bot_username: "zhibu_test_bot".to_owned(), limits: None, time_scale: 1.0 }
    }
}

/// One request the fake received.
#[derive(Clone, Debug)]
pub struct SentCall {
    /// Lowercased method name, e.g. `sendmessage`.
    pub method: String,
    /// The parameters as a JSON object (form, query and multipart values are strings).
    pub params: Value,
    pub at: Instant,
    /// The uploaded file of a multipart request: filename and bytes.
    pub file: Option<(String, Vec<u8>)>,
    /// The bot token in the request path (two instances under test may use two).
    pub token: String,
}

impl SentCall {
    /// The `chat_id` parameter as a number (whether sent as number or string).
    pub fn chat_id(&self) -> Option<i64> {
        self.params.as_object().and_then(|params| param_i64(params, "chat_id"))
    }

    /// A parameter rendered as text.
    pub fn param(&self, key: &str) -> Option<String> {
        self.params.as_object().and_then(|params| param_string(params, key))
    }

    /// The `text` of a message, or the `caption` of a document or photo.
    pub fn text(&self) -> Option<String> {
        self.param("text").or_else(|| self.param("caption"))
    }

    fn is_message_to(&self, chat_id: i64) -> bool {
        MESSAGE_METHODS.contains(&self.method.as_str()) && self.chat_id() == Some(chat_id)
    }
}

/// How often [`FakeTelegram::wait_until`] re-checks without any change in the fake.
const RECHECK_EVERY: Duration = Duration::from_millis(50);

/// Methods whose delivered calls put a message into the target chat.
const MESSAGE_METHODS: &[&str] =
    &["sendmessage", "senddocument", "sendphoto", "copymessage", "forwardmessage"];

/// Counters for load tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Delivered `send*` / `copyMessage` / `forwardMessage` calls.
    pub delivered: usize,
    /// Calls answered 429 (rate limit or injected).
    pub too_many_requests: usize,
    /// Every request received, per lowercased method, whatever its answer.
    pub per_method: BTreeMap<String, usize>,
}

/// A running fake Bot API server; stops when dropped.
pub struct FakeTelegram {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: JoinHandle<()>,
}

impl FakeTelegram {
    /// The token tests give their bot; the fake accepts any token.
    pub const TOKEN: &'static str = "123456:TEST-token-never-log-me";
    /// The bot's user id (the numeric part of [`Self::TOKEN`]).
    pub const BOT_ID: i64 = 123_456;

    /// Starts a fake with the default configuration (no rate limits).
    pub async fn start() -> Self {
        Self::start_with(FakeConfig::default()).await
    }

    pub async fn start_with(config: FakeConfig) -> Self {
        let listener =
            tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the fake Telegram server");
        let addr = listener.local_addr().expect("local address of the fake Telegram server");
        let shared = Arc::new(Shared::new(&config, Self::BOT_ID));
        let app = server::router(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.ok();
        });
        Self { shared, addr, server }
    }

    /// The base URL for the client, `http://127.0.0.1:PORT/`; teloxide appends
    /// `bot<token>/<Method>` to it.
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn bot_username(&self) -> String {
        self.inner().bot_username.clone()
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.shared.lock()
    }

    /// Every call answered successfully (plus those delivered without an answer).
    pub fn calls(&self) -> Vec<SentCall> {
        self.inner().calls.clone()
    }

    /// Delivered calls of one method (any case).
    pub fn calls_to(&self, method: &str) -> Vec<SentCall> {
        let method = method.to_ascii_lowercase();
        self.filter_calls(|call| call.method == method)
    }

    /// Calls answered with an error: injected faults, rate limits and natural errors
    /// such as "message is not modified" or "method not found".
    pub fn faulted_calls(&self) -> Vec<SentCall> {
        self.inner().faulted.clone()
    }

    /// Delivered message-producing calls (`sendMessage`, `sendDocument`, `sendPhoto`,
    /// `copyMessage`, `forwardMessage`) to one chat, in order.
    pub fn messages_to(&self, chat_id: i64) -> Vec<SentCall> {
        self.filter_calls(|call| call.is_message_to(chat_id))
    }

    /// The text (or caption) of each delivered message to one chat.
    pub fn texts_to(&self, chat_id: i64) -> Vec<String> {
        self.messages_to(chat_id).iter().filter_map(SentCall::text).collect()
    }

    fn filter_calls(&self, keep: impl Fn(&SentCall) -> bool) -> Vec<SentCall> {
        self.inner().calls.iter().filter(|call| keep(call)).cloned().collect()
    }

    /// The current state of a message in a chat (after edits), as the fake stores it.
    pub fn message(&self, chat_id: i64, message_id: i64) -> Option<Value> {
        self.inner().message(chat_id, message_id).cloned()
    }

    /// Distinct tokens seen in request paths, in order of first use.
    pub fn tokens(&self) -> Vec<String> {
        self.inner().tokens.clone()
    }

    /// The URL of the last successful `setWebhook`, until `deleteWebhook`.
    pub fn webhook_url(&self) -> Option<String> {
        self.inner().webhook_url.clone()
    }

    /// The highest `offset` a `getUpdates` call has confirmed.
    pub fn confirmed_offset(&self) -> Option<i64> {
        self.inner().confirmed_offset
    }

    /// Updates queued and not yet confirmed.
    pub fn pending_updates(&self) -> usize {
        self.inner().updates.len()
    }

    pub fn stats(&self) -> Stats {
        self.inner().stats.clone()
    }

    /// Makes the next calls matching `rule` fail with its fault.
    pub fn fail_next(&self, rule: FaultRule) {
        self.inner().rules.push(rule);
    }

    /// Answers every later call of `method` (any case) with `result`.
    pub fn stub(&self, method: &str, result: Value) {
        self.inner().stubs.insert(method.to_ascii_lowercase(), result);
    }

    /// Queues an update for `getUpdates`, keeping its `update_id` or assigning the
    /// next one; returns the id.
    pub fn push_update(&self, update: Value) -> i64 {
        let id = self.inner().enqueue_update(update);
        self.shared.notify();
        id
    }

    /// Queues `{"message": message}`.
    pub fn push_message(&self, message: Value) -> i64 {
        self.push_update(json!({ "message": message }))
    }

    /// Queues `{"callback_query": callback_query}`.
    pub fn push_callback(&self, callback_query: Value) -> i64 {
        self.push_update(json!({ "callback_query": callback_query }))
    }

    /// Waits until a delivered call satisfies `matches` (earlier calls count) and
    /// returns the first such call, or `None` after `timeout`.
    pub async fn wait_for_call(
        &self,
        matches: impl Fn(&SentCall) -> bool,
        timeout: Duration,
    ) -> Option<SentCall> {
        let find = || self.inner().calls.iter().find(|call| matches(call)).cloned();
        let mut found = None;
        self.wait_until(
            |_| {
                found = find();
                found.is_some()
            },
            timeout,
        )
        .await;
        found
    }

    /// Waits until `condition` holds, re-checking after every call and pushed update (and
    /// every 50 ms, for conditions that also look elsewhere); returns whether it held
    /// before `timeout`.
    pub async fn wait_until(&self, mut condition: impl FnMut(&Self) -> bool, timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changes = self.shared.changes.subscribe();
        while tokio::time::Instant::now() < deadline {
            if condition(self) {
                return true;
            }
            let next_check = deadline.min(tokio::time::Instant::now() + RECHECK_EVERY);
            let _ = tokio::time::timeout_at(next_check, changes.changed()).await;
        }
        condition(self)
    }
}

impl Drop for FakeTelegram {
    fn drop(&mut self) {
        self.shared.shutdown.send_replace(true);
        self.server.abort();
    }
}
