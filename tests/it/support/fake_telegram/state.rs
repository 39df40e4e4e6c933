//! Shared state of one fake server: call records, queued updates, chats and faults.

use std::{
    collections::{BTreeMap, HashMap, VecDeque},
    sync::{Mutex, MutexGuard},
};

use serde_json::{Value, json};
use tokio::sync::watch;

use super::{
    FakeConfig, SentCall, Stats,
    faults::{Fault, FaultRule, take_fault, too_many_requests},
    limits::{Limiter, is_limited},
    wire::{ApiError, Params, bot_user, chat_object, default_chat_name, param_i64},
};

/// State shared between the test handle and the server task.
pub(super) struct Shared {
    pub inner: Mutex<Inner>,
    /// Bumped on every recorded call and pushed update; wakes waiters and long polls.
    pub changes: watch::Sender<u64>,
    /// Set to `true` when the fake is dropped; releases held requests.
    pub shutdown: watch::Sender<bool>,
}

impl Shared {
    pub fn new(config: &FakeConfig, bot_id: i64) -> Self {
        Self {
            inner: Mutex::new(Inner::new(config, bot_id)),
            changes: watch::Sender::new(0),
            shutdown: watch::Sender::new(false),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn notify(&self) {
        self.changes.send_modify(|version| *version = version.wrapping_add(1));
    }
}

/// One chat as the fake knows it: its `Chat` object and its messages by id.
pub(super) struct ChatStore {
    pub chat: Value,
    pub next_message_id: i64,
    pub messages: BTreeMap<i64, Value>,
}

impl ChatStore {
    pub fn allocate_message_id(&mut self) -> i64 {
        let id = self.next_message_id;
        self.next_message_id += 1;
        id
    }
}

/// What the server does with an admitted request.
pub(super) enum Admission {
    Answer(Result<Value, ApiError>),
    /// Delivered, but the response is never sent.
    Hold,
    /// Delivered; answered after a while.
    Later(std::time::Duration, Result<Value, ApiError>),
    /// A `getUpdates` call: answer from the update queue, possibly after waiting.
    Poll,
}

pub(super) struct Inner {
    pub bot_id: i64,
    pub bot_username: String,
    pub bot_user: Value,
    pub calls: Vec<SentCall>,
    pub faulted: Vec<SentCall>,
    pub tokens: Vec<String>,
    pub updates: VecDeque<Value>,
    pub next_update_id: i64,
    pub confirmed_offset: Option<i64>,
    pub webhook_url: Option<String>,
    pub rules: Vec<FaultRule>,
    pub stubs: HashMap<String, Value>,
    pub chats: HashMap<i64, ChatStore>,
    pub stats: Stats,
    pub limiter: Option<Limiter>,
    pub serial: u64,
    /// Files users sent, for `getFile` and the file server.
    pub files: Vec<super::files::StoredFile>,
}

impl Inner {
    fn new(config: &FakeConfig, bot_id: i64) -> Self {
        Self {
            bot_id,
            bot_username: config.bot_username.clone(),
            bot_user: bot_user(bot_id, &config.bot_username),
            calls: Vec::new(),
            faulted: Vec::new(),
            tokens: Vec::new(),
            updates: VecDeque::new(),
            next_update_id: 1,
            confirmed_offset: None,
            webhook_url: None,
            rules: Vec::new(),
            stubs: HashMap::new(),
            chats: HashMap::new(),
            stats: Stats::default(),
            limiter: config.limits.map(|limits| Limiter::new(limits, config.time_scale)),
            serial: 0,
            files: Vec::new(),
        }
    }

    /// A number unique within this fake, for file ids and callback query ids.
    pub fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    /// The store of `chat_id`, created with a default `Chat` object on first use.
    pub fn chat_mut(&mut self, chat_id: i64) -> &mut ChatStore {
        self.chats.entry(chat_id).or_insert_with(|| ChatStore {
            chat: chat_object(chat_id, default_chat_name(chat_id)),
            next_message_id: 1,
            messages: BTreeMap::new(),
        })
    }

    pub fn message(&self, chat_id: i64, message_id: i64) -> Option<&Value> {
        self.chats.get(&chat_id)?.messages.get(&message_id)
    }

    /// Queues an update, keeping its `update_id` or assigning the next one.
    pub fn enqueue_update(&mut self, mut update: Value) -> i64 {
        let id = match update.get("update_id").and_then(Value::as_i64) {
            Some(id) => id,
            None => {
                let id = self.next_update_id;
                update["update_id"] = json!(id);
                id
            }
        };
        self.next_update_id = self.next_update_id.max(id + 1);
        self.updates.push_back(update);
        id
    }

    /// Drops the updates a `getUpdates` offset confirms (negative: keep the last `-offset`).
    pub fn confirm(&mut self, offset: i64) {
        if offset < 0 {
            let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
            while self.updates.len() > keep {
                self.updates.pop_front();
            }
            return;
        }
        // Like the Bot API server, an offset beyond the newest queued update confirms nothing: after
        // a week without updates the next ids are chosen at random and may lie below it.
        let newest = self.updates.iter().map(update_id).max();
        if newest.is_some_and(|newest| offset > newest + 1) {
            return;
        }
        self.updates.retain(|update| update_id(update) >= offset);
        self.confirmed_offset = Some(self.confirmed_offset.map_or(offset, |old| old.max(offset)));
    }

    pub fn pending(&self, limit: usize) -> Vec<Value> {
        self.updates.iter().take(limit).cloned().collect()
    }

    /// Records the call and decides its answer: injected fault, rate limit, `getUpdates`
    /// or the method's normal behaviour.
    pub fn admit(&mut self, token: &str, call: SentCall) -> Admission {
        if !self.tokens.iter().any(|known| known == token) {
            self.tokens.push(token.to_owned());
        }
        *self.stats.per_method.entry(call.method.clone()).or_default() += 1;
        let params = call.params.as_object().cloned().unwrap_or_default();
        if let Some(fault) = take_fault(&mut self.rules, &call.method, &params) {
            return match (fault.to_error(), fault) {
                (Some(error), _) => Admission::Answer(self.refuse(call, error)),
                (None, Fault::SlowAnswer(delay)) => {
                    let result = self.execute(&call.method, &params, call.file.as_ref());
                    Admission::Later(delay, self.settle(call, result))
                }
                (None, _) => self.deliver_without_answer(call, &params),
            };
        }
        if let Err(retry_after) = self.check_limits(&call.method, &params) {
            return Admission::Answer(self.refuse(call, too_many_requests(retry_after)));
        }
        if call.method == "getupdates" {
            return self.admit_poll(call);
        }
        let result = self.execute(&call.method, &params, call.file.as_ref());
        Admission::Answer(self.settle(call, result))
    }

    fn admit_poll(&mut self, call: SentCall) -> Admission {
        if self.webhook_url.is_some() {
            let error = ApiError::new(
                409,
                "Conflict: can't use getUpdates method while webhook is active; \
                 use deleteWebhook to delete the webhook first",
            );
            return Admission::Answer(self.refuse(call, error));
        }
        self.calls.push(call);
        Admission::Poll
    }

    fn deliver_without_answer(&mut self, call: SentCall, params: &Params) -> Admission {
        let result = self.execute(&call.method, params, call.file.as_ref());
        match self.settle(call, result) {
            Ok(_) => Admission::Hold,
            Err(error) => Admission::Answer(Err(error)),
        }
    }

    fn check_limits(&mut self, method: &str, params: &Params) -> Result<(), u32> {
        match &mut self.limiter {
            Some(limiter) if is_limited(method) => limiter.admit(param_i64(params, "chat_id")),
            _ => Ok(()),
        }
    }

    /// Files the call under delivered or refused according to its result.
    fn settle(&mut self, call: SentCall, result: Result<Value, ApiError>) -> Result<Value, ApiError> {
        match result {
            Ok(value) => {
                if is_limited(&call.method) {
                    self.stats.delivered += 1;
                }
                self.calls.push(call);
                Ok(value)
            }
            Err(error) => self.refuse(call, error),
        }
    }

    fn refuse(&mut self, call: SentCall, error: ApiError) -> Result<Value, ApiError> {
        if error.code == 429 {
            self.stats.too_many_requests += 1;
        }
        self.faulted.push(call);
        Err(error)
    }
}

fn update_id(update: &Value) -> i64 {
    update.get("update_id").and_then(Value::as_i64).unwrap_or(i64::MIN)
}
