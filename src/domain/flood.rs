//! One person's pace: beyond a number of messages and taps a minute, what they send is not acted
//! upon, so one person (a member, or a stranger) cannot spend the branch's and the bot's sending
//! budget; they are told so once a minute, kindly. Time is a parameter (unix ms).

use std::collections::{HashMap, VecDeque};

const MINUTE_MS: i64 = 60_000;
/// Past this many people tracked, those quiet for a minute are forgotten.
const TRACKED: usize = 10_000;

/// What to do with one more message or tap from a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Within their pace: act on it.
    Fine,
    /// Too fast: not acted upon; `tell` the first time in the minute.
    TooFast { tell: bool },
}

#[derive(Debug, Default)]
pub struct FloodGuard {
    per_minute: usize,
    recent: HashMap<i64, VecDeque<i64>>,
    told_at: HashMap<i64, i64>,
}

impl FloodGuard {
    /// At most `per_minute` messages and taps a person; 0 sets no limit.
    pub fn new(per_minute: usize) -> FloodGuard {
        FloodGuard { per_minute, ..FloodGuard::default() }
    }

    /// Counts one more from `person` at `now`.
    pub fn check(&mut self, person: i64, now: i64) -> Pace {
        if self.per_minute == 0 {
            return Pace::Fine;
        }
        if self.recent.len() > TRACKED {
            self.recent.retain(|_, times| times.back().is_some_and(|t| now - t < MINUTE_MS));
            self.told_at.retain(|_, at| now - *at < MINUTE_MS);
        }
        let times = self.recent.entry(person).or_default();
        while times.front().is_some_and(|t| now - t >= MINUTE_MS) {
            times.pop_front();
        }
        if times.len() < self.per_minute {
            times.push_back(now);
            return Pace::Fine;
        }
        let tell = self.told_at.get(&person).is_none_or(|at| now - at >= MINUTE_MS);
        if tell {
            self.told_at.insert(person, now);
        }
        Pace::TooFast { tell }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beyond_the_pace_nothing_is_acted_on_and_the_person_is_told_once_a_minute() {
        let mut guard = FloodGuard::new(3);
        let paces: Vec<Pace> = (0..6).map(|i| guard.check(7, i * 1_000)).collect();
        assert_eq!(paces[..3], [Pace::Fine; 3]);
        assert_eq!(
            paces[3..],
            [Pace::TooFast { tell: true }, Pace::TooFast { tell: false }, Pace::TooFast { tell: false }]
        );
        assert_eq!(guard.check(8, 5_000), Pace::Fine, "others keep their own pace");
        // A minute after the first three, there is room again.
        assert_eq!(guard.check(7, 60_000), Pace::Fine);
        assert_eq!(FloodGuard::new(0).check(7, 0), Pace::Fine, "0: no limit");
    }
}
