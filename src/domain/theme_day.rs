//! The fixed day of 主题党日 a branch chooses ("每月第一个星期五", "每月5日",
//! "每月最后一个星期四"), and the date it falls on each month — moved off a public holiday.
//!
//! The rule for a day that falls on a day off (a public holiday the branch does not keep as an
//! ordinary day, or the branch's own day off): it moves to the nearest working day at most seven
//! days away, preferring a day in the same month, then the nearer day, then the later one (the
//! secretary gains time to prepare; the earlier one would often be the last days before a long
//! holiday). A working day is Monday to Friday, or a weekend day worked in exchange (调休上班).
//! When no such day lies within seven days, the day stays where it is.
//!
//! Phrases reuse [`crate::domain::schedule_phrase`]: whatever it reads as a monthly day
//! ("每月5号", "每月第一个周五", "每月第2个星期三") is taken (a time after it is ignored), and
//! `最后一个`, which cron cannot say, is read here.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::quiet_hours::Holidays;
use crate::domain::schedule_phrase::Recurrence;

/// How far a day may move off a holiday.
pub const MAX_MOVE_DAYS: i64 = 7;

/// The monthly rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeDay {
    /// The same day of every month (a month too short has it on its last day).
    Day(u32),
    /// The N-th weekday (1–5) of the month; a month without a fifth one has none.
    Nth(u8, Weekday),
    /// The last weekday of the month.
    Last(Weekday),
}

/// Words that mean "the last" in a theme-day phrase.
const LAST_WORDS: [&str; 6] = ["最后一个", "最后1个", "最后１个", "倒数第一个", "最末一个", "最后的"];

impl ThemeDay {
    /// Reads a secretary's words; `None` when they do not name one day of every month.
    pub fn parse(text: &str) -> Option<ThemeDay> {
        let text: String = text.split_whitespace().collect();
        let text = text.trim_end_matches(['。', '.', '！', '!']);
        let text = if text.starts_with('每') { text.to_owned() } else { format!("每月{text}") };
        if let Some(word) = LAST_WORDS.iter().find(|w| text.contains(**w)) {
            return match ThemeDay::parse(&text.replacen(word, "第一个", 1))? {
                ThemeDay::Nth(1, weekday) => Some(ThemeDay::Last(weekday)),
                _ => None,
            };
        }
        let recurrence = Recurrence::parse_phrase(&text).ok()?;
        let fields: Vec<&str> = recurrence.cron().split_whitespace().collect();
        let [_, _, _, dom, "*", dow, _] = fields.as_slice() else { return None };
        match *dow {
            "*" => dom.parse().ok().filter(|d| (1..=31).contains(d)).map(ThemeDay::Day),
            weekday => {
                let weekday: Weekday = weekday.parse().ok()?;
                let (first, _) = dom.split_once('-').filter(|_| !dom.contains(','))?;
                let first: u8 = first.parse().ok()?;
                (first % 7 == 1).then_some(ThemeDay::Nth(first / 7 + 1, weekday))
            }
        }
    }

    /// As stored: `day:5`, `nth:1:Fri`, `last:Thu`.
    pub fn to_spec(self) -> String {
        match self {
            ThemeDay::Day(d) => format!("day:{d}"),
            ThemeDay::Nth(n, w) => format!("nth:{n}:{w}"),
            ThemeDay::Last(w) => format!("last:{w}"),
        }
    }

    pub fn from_spec(spec: &str) -> Option<ThemeDay> {
        let mut parts = spec.split(':');
        let day = match (parts.next()?, parts.next()?, parts.next()) {
            ("day", d, None) => ThemeDay::Day(d.parse().ok().filter(|d| (1..=31).contains(d))?),
            ("nth", n, Some(w)) => {
                ThemeDay::Nth(n.parse().ok().filter(|n| (1..=5).contains(n))?, w.parse().ok()?)
            }
            ("last", w, None) => ThemeDay::Last(w.parse().ok()?),
            _ => return None,
        };
        parts.next().is_none().then_some(day)
    }

    /// The day the rule names in a month, before any move; `None` for a fifth weekday the month
    /// lacks.
    pub fn planned(self, year: i32, month: u32) -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        match self {
            ThemeDay::Day(d) => NaiveDate::from_ymd_opt(year, month, d.min(last.day())),
            ThemeDay::Nth(n, w) => NaiveDate::from_weekday_of_month_opt(year, month, w, n),
            ThemeDay::Last(w) => last.iter_days().rev().take(7).find(|d| d.weekday() == w),
        }
    }
}

/// One month's theme day: the day the rule names and the day it is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeDate {
    pub planned: NaiveDate,
    pub held: NaiveDate,
}

impl ThemeDate {
    pub fn moved(&self) -> bool {
        self.planned != self.held
    }
}

/// Which days a theme day may be held on: the branch's days off and the national calendar.
pub struct Days<'a> {
    pub off: &'a Holidays,
    pub calendar: &'a HolidayCalendar,
}

impl Days<'_> {
    /// The date of the theme day in a month, moved off a day off (see the module).
    pub fn in_month(&self, rule: ThemeDay, year: i32, month: u32) -> Option<ThemeDate> {
        let planned = rule.planned(year, month)?;
        Some(ThemeDate { planned, held: self.held_on(planned) })
    }

    fn held_on(&self, planned: NaiveDate) -> NaiveDate {
        if !self.off.contains(planned) {
            return planned;
        }
        let candidates = (1..=MAX_MOVE_DAYS).flat_map(|n| {
            let later = planned.checked_add_signed(chrono::TimeDelta::days(n));
            let earlier = planned.checked_sub_signed(chrono::TimeDelta::days(n));
            [later, earlier].into_iter().flatten()
        });
        let working: Vec<NaiveDate> =
            candidates.filter(|d| self.calendar.is_working_day(*d, self.off)).collect();
        let same_month = working.iter().find(|d| d.month() == planned.month());
        same_month.or(working.first()).copied().unwrap_or(planned)
    }

    /// The next `n` theme days held on or after `from`.
    pub fn upcoming(&self, rule: ThemeDay, from: NaiveDate, n: usize) -> Vec<ThemeDate> {
        // From the month before: its day may have moved into this one.
        let first = from.with_day(1).and_then(|d| d.checked_sub_months(Months::new(1))).unwrap_or(from);
        (0..37)
            .filter_map(|i| first.checked_add_months(Months::new(i)))
            .filter_map(|m| self.in_month(rule, m.year(), m.month()))
            .filter(|d| d.held >= from)
            .take(n)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_secretarys_words_become_a_monthly_day() {
        assert_eq!(ThemeDay::parse("每月第一个星期五"), Some(ThemeDay::Nth(1, Weekday::Fri)));
        assert_eq!(ThemeDay::parse("每月第三个周二"), Some(ThemeDay::Nth(3, Weekday::Tue)));
        assert_eq!(ThemeDay::parse("第一个星期五"), Some(ThemeDay::Nth(1, Weekday::Fri)));
        assert_eq!(ThemeDay::parse("每月5日"), Some(ThemeDay::Day(5)));
        assert_eq!(ThemeDay::parse("每月１５号"), Some(ThemeDay::Day(15)));
        assert_eq!(ThemeDay::parse("每月最后一个星期四"), Some(ThemeDay::Last(Weekday::Thu)));
        assert_eq!(ThemeDay::parse("每月第一个星期五上午9点"), Some(ThemeDay::Nth(1, Weekday::Fri)));
        for bad in [
            "",
            "星期五",
            "每周五",
            "每天",
            "每月1、15日",
            "每月第一个和第三个星期五",
            "每年7月1日",
            "下个月",
        ] {
            assert_eq!(ThemeDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_stored_spec_reads_back() {
        for day in [ThemeDay::Day(31), ThemeDay::Nth(5, Weekday::Mon), ThemeDay::Last(Weekday::Sun)] {
            assert_eq!(ThemeDay::from_spec(&day.to_spec()), Some(day));
        }
        assert_eq!(ThemeDay::from_spec("nth:6:Fri"), None);
        assert_eq!(ThemeDay::from_spec("day:5:x"), None);
    }

    #[test]
    fn each_month_has_its_day_and_a_short_month_its_last() {
        assert_eq!(ThemeDay::Nth(1, Weekday::Fri).planned(2026, 12), Some(d(2026, 12, 4)));
        assert_eq!(ThemeDay::Last(Weekday::Thu).planned(2026, 12), Some(d(2026, 12, 31)));
        assert_eq!(ThemeDay::Day(31).planned(2026, 2), Some(d(2026, 2, 28)));
        assert_eq!(ThemeDay::Nth(5, Weekday::Fri).planned(2026, 11), None);
    }

    #[test]
    fn a_day_on_national_day_moves_to_the_first_working_day_of_the_same_month() {
        let calendar = HolidayCalendar::china();
        let off = calendar.days_off(&Holidays::default(), &Holidays::default());
        let days = Days { off: &off, calendar };
        let friday = ThemeDay::Nth(1, Weekday::Fri);
        // 10月2日 is 国庆节: 9月30日 is nearer but in September, so 10月8日 (星期四).
        assert_eq!(
            days.in_month(friday, 2026, 10),
            Some(ThemeDate { planned: d(2026, 10, 2), held: d(2026, 10, 8) })
        );
        assert!(!days.in_month(friday, 2026, 11).unwrap().moved());
        let next: Vec<NaiveDate> = days.upcoming(friday, d(2026, 9, 10), 3).iter().map(|t| t.held).collect();
        assert_eq!(next, [d(2026, 10, 8), d(2026, 11, 6), d(2026, 12, 4)]);
        // 元旦 2026-01-01..03: the 1st moves to the 4th, a Sunday worked in exchange (调休).
        assert_eq!(days.in_month(ThemeDay::Day(1), 2026, 1).unwrap().held, d(2026, 1, 4));
        // With no working day left in its own month, a day moves into the next, and is found there.
        let own = Holidays::new(d(2026, 9, 21).iter_days().take(10));
        let off = calendar.days_off(&own, &Holidays::new([d(2026, 10, 1)]));
        let moved = Days { off: &off, calendar }.upcoming(ThemeDay::Day(30), d(2026, 10, 1), 1);
        assert_eq!(moved, [ThemeDate { planned: d(2026, 9, 30), held: d(2026, 10, 1) }]);
        // A branch that keeps 10月2日 as an ordinary day holds it then.
        let kept = calendar.days_off(&Holidays::default(), &Holidays::new([d(2026, 10, 2)]));
        let days = Days { off: &kept, calendar };
        assert!(!days.in_month(friday, 2026, 10).unwrap().moved());
    }
}
