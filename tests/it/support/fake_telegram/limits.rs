//! Optional enforcement of Telegram's sending limits with sliding windows.

use std::{
    collections::{HashMap, VecDeque},
    time::Instant,
};

/// Telegram's broadcast limits; enforced on `send*`, `copyMessage(s)` and
/// `forwardMessage(s)` calls when configured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// Messages per second over all chats.
    pub overall_per_sec: u32,
    /// Messages per second to one chat.
    pub per_chat_per_sec: u32,
    /// Messages per minute to one group (negative chat id).
    pub per_group_per_min: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self { overall_per_sec: 30, per_chat_per_sec: 1, per_group_per_min: 20 }
    }
}

/// Whether a method counts against the sending limits.
pub(super) fn is_limited(method: &str) -> bool {
    (method.starts_with("send") && method != "sendchataction")
        || method.starts_with("copymessage")
        || method.starts_with("forwardmessage")
}

/// Sliding windows of accepted sends, in scaled seconds since the fake started.
pub(super) struct Limiter {
    limits: RateLimits,
    time_scale: f64,
    origin: Instant,
    overall: VecDeque<f64>,
    per_chat: HashMap<i64, VecDeque<f64>>,
    per_group: HashMap<i64, VecDeque<f64>>,
}

impl Limiter {
    pub fn new(limits: RateLimits, time_scale: f64) -> Self {
        let time_scale = if time_scale > 0.0 { time_scale } else { 1.0 };
        Self {
            limits,
            time_scale,
            origin: Instant::now(),
            overall: VecDeque::new(),
            per_chat: HashMap::new(),
            per_group: HashMap::new(),
        }
    }

    /// Accepts a send to `chat_id`, or returns the `retry_after` (scaled seconds,
    /// rounded up, at least 1) until every exceeded window frees a slot.
    pub fn admit(&mut self, chat_id: Option<i64>) -> Result<(), u32> {
        let now = self.origin.elapsed().as_secs_f64() * self.time_scale;
        let limits = self.limits;
        let mut wait = window_wait(&mut self.overall, 1.0, limits.overall_per_sec, now);
        if let Some(chat_id) = chat_id {
            let chat = self.per_chat.entry(chat_id).or_default();
            wait = wait.max(window_wait(chat, 1.0, limits.per_chat_per_sec, now));
            if chat_id < 0 {
                let group = self.per_group.entry(chat_id).or_default();
                wait = wait.max(window_wait(group, 60.0, limits.per_group_per_min, now));
            }
        }
        if wait > 0.0 {
            return Err(retry_after(wait));
        }
        self.record(chat_id, now);
        Ok(())
    }

    fn record(&mut self, chat_id: Option<i64>, now: f64) {
        self.overall.push_back(now);
        if let Some(chat_id) = chat_id {
            self.per_chat.entry(chat_id).or_default().push_back(now);
            if chat_id < 0 {
                self.per_group.entry(chat_id).or_default().push_back(now);
            }
        }
    }
}

/// Seconds until the window of length `span` holding `sent` has room for one more
/// send under `max`; 0 when it has room now.
fn window_wait(sent: &mut VecDeque<f64>, span: f64, max: u32, now: f64) -> f64 {
    while sent.front().is_some_and(|&at| at <= now - span) {
        sent.pop_front();
    }
    let max = max as usize;
    if sent.len() < max {
        return 0.0;
    }
    match max {
        0 => span,
        _ => sent[sent.len() - max] + span - now,
    }
}

fn retry_after(wait: f64) -> u32 {
    (wait.ceil() as u32).max(1)
}
