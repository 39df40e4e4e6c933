//! Telegram's flood limits kept on our side: 30 messages/s overall, 1/s per chat and 20/min per
//! group. Time is a parameter, so the rules are tested without sleeping.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub overall_per_sec: usize,
    pub per_chat_interval: Duration,
    pub per_group_per_min: usize,
    /// The length of "a second" and "a minute" above (shorter when time is scaled).
    pub second: Duration,
    pub minute: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::scaled(1.0)
    }
}

impl Limits {
    /// Telegram's limits with time running `scale` times faster (tests and benchmarks only).
    pub fn scaled(scale: f64) -> Limits {
        let second = Duration::from_secs_f64(1.0 / scale);
        Limits {
            overall_per_sec: 30,
            per_chat_interval: second,
            per_group_per_min: 20,
            second,
            minute: Duration::from_secs_f64(60.0 / scale),
        }
    }
}

#[derive(Debug, Default)]
pub struct Pacing {
    limits: Limits,
    overall: VecDeque<Instant>,
    last_per_chat: HashMap<i64, Instant>,
    group_window: HashMap<i64, VecDeque<Instant>>,
}

impl Pacing {
    pub fn new(limits: Limits) -> Pacing {
        Pacing { limits, ..Pacing::default() }
    }

    /// The earliest instant a message to `chat_id` may go.
    pub fn ready_at(&mut self, chat_id: i64, now: Instant) -> Instant {
        let second = self.limits.second;
        prune(&mut self.overall, now, second);
        let mut ready = self.chat_ready_at(chat_id, now);
        if self.overall.len() >= self.limits.overall_per_sec {
            ready = ready.max(self.overall[self.overall.len() - self.limits.overall_per_sec] + second);
        }
        ready
    }

    /// The earliest instant `chat_id`'s own limits (1/s, 20/min for a group) let a message go,
    /// whatever the overall limit.
    pub fn chat_ready_at(&mut self, chat_id: i64, now: Instant) -> Instant {
        let minute = self.limits.minute;
        let mut ready = now;
        if let Some(last) = self.last_per_chat.get(&chat_id) {
            ready = ready.max(*last + self.limits.per_chat_interval);
        }
        if chat_id < 0 {
            let window = self.group_window.entry(chat_id).or_default();
            prune(window, now, minute);
            if window.len() >= self.limits.per_group_per_min {
                ready = ready.max(window[window.len() - self.limits.per_group_per_min] + minute);
            }
        }
        ready
    }

    /// The chats whose own limits (1/s, 20/min for a group) hold their next message back at
    /// `now`: at most the chats sent to in the last minute. Forgets what no longer holds a chat.
    pub fn held_chats(&mut self, now: Instant) -> Vec<i64> {
        let (interval, minute, per_min) =
            (self.limits.per_chat_interval, self.limits.minute, self.limits.per_group_per_min);
        self.last_per_chat.retain(|_, last| *last + interval > now);
        self.group_window.retain(|_, window| {
            prune(window, now, minute);
            !window.is_empty()
        });
        let groups_full = self.group_window.iter().filter(|(_, window)| window.len() >= per_min);
        let mut held: Vec<i64> =
            self.last_per_chat.keys().copied().chain(groups_full.map(|(chat, _)| *chat)).collect();
        held.sort_unstable();
        held.dedup();
        held
    }

    /// Forgets every send recorded so far (before the last minute's are loaded again).
    pub fn forget(&mut self) {
        self.overall.clear();
        self.last_per_chat.clear();
        self.group_window.clear();
    }

    /// Records a message sent to `chat_id` at `at` (in the order they were sent).
    pub fn record(&mut self, chat_id: i64, at: Instant) {
        self.overall.push_back(at);
        self.last_per_chat.insert(chat_id, at);
        if chat_id < 0 {
            self.group_window.entry(chat_id).or_default().push_back(at);
        }
    }
}

fn prune(window: &mut VecDeque<Instant>, now: Instant, span: Duration) {
    while window.front().is_some_and(|t| *t + span <= now) {
        window.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_message_to_one_chat_waits_a_second() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        assert_eq!(p.ready_at(5, t0), t0);
        p.record(5, t0);
        assert_eq!(p.ready_at(5, t0), t0 + Duration::from_secs(1));
        assert_eq!(p.ready_at(6, t0), t0);
    }

    #[test]
    fn a_group_gets_twenty_messages_a_minute() {
        let mut p = Pacing::new(Limits { per_chat_interval: Duration::ZERO, ..Limits::default() });
        let t0 = Instant::now();
        for i in 0..20 {
            let at = t0 + Duration::from_millis(i * 10);
            assert!(p.ready_at(-100, at) <= at);
            p.record(-100, at);
        }
        assert_eq!(p.ready_at(-100, t0 + Duration::from_millis(300)), t0 + Duration::from_secs(60));
    }

    #[test]
    fn held_chats_are_those_waiting_out_their_own_limits() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        for i in 0..20 {
            p.record(-100, t0 + Duration::from_secs(i * 2));
        }
        p.record(7, t0 + Duration::from_secs(39));
        let at = t0 + Duration::from_millis(39_500);
        assert_eq!(p.held_chats(at), vec![-100, 7]);
        assert!(p.held_chats(at).iter().all(|chat| p.chat_ready_at(*chat, at) > at));
        // Chat 7's second has passed; the group's first message is a minute old.
        assert_eq!(p.held_chats(t0 + Duration::from_secs(40)), vec![-100]);
        assert_eq!(p.held_chats(t0 + Duration::from_secs(60)), Vec::<i64>::new());
        assert_eq!(p.ready_at(-100, t0 + Duration::from_secs(60)), t0 + Duration::from_secs(60));
    }

    #[test]
    fn overall_limit_is_thirty_a_second() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        for chat in 0..30 {
            p.record(chat, t0);
        }
        assert_eq!(p.ready_at(99, t0), t0 + Duration::from_secs(1));
    }
}
