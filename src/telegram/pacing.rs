//! Telegram's flood limits kept on our side: 30 messages/s overall, 1/s per chat and 20/min per
//! group — and live edits (a roll redrawn during a storm) spread evenly over the group's minute,
//! taking at most 20 of the 30 a second while other messages wait to go.
//! Time is a parameter, so the rules are tested without sleeping.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub overall_per_sec: usize,
    pub per_chat_interval: Duration,
    pub per_group_per_min: usize,
    /// How many of `overall_per_sec` live edits may take while other messages wait to go (all of
    /// them when nothing else waits).
    pub live_per_sec: usize,
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
            live_per_sec: 20,
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
    last_live: HashMap<i64, Instant>,
    /// Live edits sent in the last second, in any chat.
    live_sends: VecDeque<Instant>,
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

    /// When a chat of `held_chats` may go again: its own limits, and for a group its live edits'
    /// spacing.
    pub fn held_until(&mut self, chat_id: i64, now: Instant) -> Instant {
        let ready = self.chat_ready_at(chat_id, now);
        self.after_last_live(chat_id, ready)
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
        // A group whose last live edit went less than its share of a minute ago is held too: its
        // next edit waits for it (`live_ready_at`), and left in the read it would take a place in
        // the page ahead of chats that may go. Another message to it waits at most those 3 s.
        let live_interval = self.live_interval();
        self.last_live.retain(|_, last| *last + live_interval > now);
        let live_waiting = self.last_live.keys().copied();
        let mut held: Vec<i64> = self
            .last_per_chat
            .keys()
            .copied()
            .chain(groups_full.map(|(chat, _)| *chat))
            .chain(live_waiting)
            .collect();
        held.sort_unstable();
        held.dedup();
        held
    }

    /// The earliest instant a live edit to `chat_id` may go: within the usual limits, and no
    /// sooner than a group's share of a minute (3 s for 20 a minute) after the chat's last live
    /// edit — so a storm's roll is edited about every 3 s all along, each edit showing all that
    /// came meanwhile, instead of twenty edits in twenty seconds and then a silent half-minute.
    ///
    /// While `others_waiting` (messages other than live edits wait to go), live edits also keep
    /// to their share of the overall limit (`live_per_sec`): in a province-wide storm 500 groups
    /// each have an edit ready every 3 s, more than the whole 30/s, and without a share nothing
    /// else went until the storm ended. With nothing else waiting they may take all of it.
    pub fn live_ready_at(&mut self, chat_id: i64, now: Instant, others_waiting: bool) -> Instant {
        let ready = self.ready_at(chat_id, now);
        let ready = self.after_last_live(chat_id, ready);
        if others_waiting { ready.max(self.live_share_ready_at(now)) } else { ready }
    }

    /// Whether live edits have used their share of the last second: while other messages wait,
    /// no live edit may go now.
    pub fn live_share_spent(&mut self, now: Instant) -> bool {
        self.live_share_ready_at(now) > now
    }

    /// The earliest instant fewer than `live_per_sec` live edits went in the second before it.
    fn live_share_ready_at(&mut self, now: Instant) -> Instant {
        let second = self.limits.second;
        prune(&mut self.live_sends, now, second);
        let share = self.limits.live_per_sec.max(1);
        match self.live_sends.len().checked_sub(share) {
            Some(oldest_counted) => now.max(self.live_sends[oldest_counted] + second),
            None => now,
        }
    }

    /// `ready`, or later if the chat's last live edit went less than `live_interval` before it.
    fn after_last_live(&self, chat_id: i64, ready: Instant) -> Instant {
        match self.last_live.get(&chat_id) {
            Some(last) => ready.max(*last + self.live_interval()),
            None => ready,
        }
    }

    /// The spacing of live edits in one chat.
    pub fn live_interval(&self) -> Duration {
        self.limits.minute / self.limits.per_group_per_min.max(1) as u32
    }

    /// The length of "a second" (shorter when time is scaled).
    pub fn second(&self) -> Duration {
        self.limits.second
    }

    /// Records a live edit sent to `chat_id` at `at` (it counts as any message, too).
    pub fn record_live(&mut self, chat_id: i64, at: Instant) {
        self.record(chat_id, at);
        self.last_live.insert(chat_id, at);
        prune(&mut self.live_sends, at, self.limits.second);
        self.live_sends.push_back(at);
    }

    /// Forgets every send recorded so far (before the last minute's are loaded again).
    pub fn forget(&mut self) {
        self.overall.clear();
        self.last_per_chat.clear();
        self.group_window.clear();
        self.last_live.clear();
        self.live_sends.clear();
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
    fn a_group_waiting_between_live_edits_is_held_until_its_next_may_go() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        p.record_live(-100, t0);
        let at = t0 + Duration::from_millis(1_500);
        assert_eq!(p.held_chats(at), vec![-100], "past its second, within its three");
        assert_eq!(p.held_until(-100, at), t0 + Duration::from_secs(3));
        assert_eq!(p.held_chats(t0 + Duration::from_secs(3)), Vec::<i64>::new());
    }

    #[test]
    fn live_edits_of_a_group_come_every_three_seconds_not_in_a_burst() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        assert_eq!(p.live_ready_at(-100, t0, false), t0);
        p.record_live(-100, t0);
        assert_eq!(p.live_ready_at(-100, t0, false), t0 + Duration::from_secs(3));
        // Any other message to the group still goes after the usual second.
        assert_eq!(p.ready_at(-100, t0), t0 + Duration::from_secs(1));
        // Twenty live edits take the whole minute, never more than the group's twenty.
        for i in 1..20 {
            let at = t0 + Duration::from_secs(3 * i);
            assert_eq!(p.live_ready_at(-100, at, false), at);
            p.record_live(-100, at);
        }
        assert_eq!(p.live_ready_at(-100, t0 + Duration::from_secs(58), false), t0 + Duration::from_secs(60));
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

    #[test]
    fn while_others_wait_live_edits_take_twenty_of_the_thirty_a_second() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        for i in 0..20 {
            let (group, at) = (-100 - i, t0 + Duration::from_millis(i as u64 * 10));
            assert_eq!(p.live_ready_at(group, at, true), at);
            p.record_live(group, at);
        }
        let at = t0 + Duration::from_millis(200);
        assert!(p.live_share_spent(at));
        // The 21st live edit waits until the first of the twenty is a second old...
        assert_eq!(p.live_ready_at(-200, at, true), t0 + Duration::from_secs(1));
        // ...while a message other than a live edit still goes, up to the 30.
        for chat in 0..10 {
            assert_eq!(p.ready_at(chat, at), at);
            p.record(chat, at);
        }
        assert_eq!(p.ready_at(99, at), t0 + Duration::from_secs(1));
        // A second on, the share is the live edits' again.
        let later = t0 + Duration::from_millis(1_100);
        assert!(!p.live_share_spent(later));
        assert_eq!(p.live_ready_at(-200, later, true), later);
    }

    #[test]
    fn with_nothing_else_waiting_live_edits_take_all_thirty() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        for group in 0..30 {
            assert_eq!(p.live_ready_at(-100 - group, t0, false), t0);
            p.record_live(-100 - group, t0);
        }
        assert!(p.live_share_spent(t0));
        // The overall limit still holds.
        assert_eq!(p.live_ready_at(-200, t0, false), t0 + Duration::from_secs(1));
    }

    #[test]
    fn other_messages_do_not_use_up_the_live_share() {
        let mut p = Pacing::new(Limits::default());
        let t0 = Instant::now();
        for chat in 0..25 {
            p.record(chat, t0);
        }
        assert!(!p.live_share_spent(t0));
        assert_eq!(p.live_ready_at(-100, t0, true), t0, "5 of the 30 are left, and live edits may take them");
        for group in 0..5 {
            p.record_live(-100 - group, t0);
        }
        assert_eq!(p.live_ready_at(-200, t0, true), t0 + Duration::from_secs(1), "the overall 30 hold");
        p.forget();
        assert!(!p.live_share_spent(t0), "forgotten with the rest");
    }
}
