//! China's public holidays and 调休 working days, known without anyone typing them: read from
//! `holiday_calendar/china.txt` (copied from the State Council's yearly notices, each year with
//! its source), embedded in the binary. A branch's own days off are added to these, and a branch
//! may keep a public holiday as an ordinary day (see `app::sending_window`).
//!
//! The notice for a year usually appears in November of the year before, so from December 1 a
//! missing next year is worth a warning ([`HolidayCalendar::missing_next_year`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::domain::quiet_hours::Holidays;

const CHINA: &str = include_str!("holiday_calendar/china.txt");

static CHINA_CALENDAR: LazyLock<HolidayCalendar> = LazyLock::new(|| {
    HolidayCalendar::parse(CHINA).expect("holiday_calendar/china.txt is checked by its tests")
});

/// Public holidays and weekend working days of the years it covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    off: BTreeMap<NaiveDate, String>,
    work: BTreeMap<NaiveDate, String>,
    years: BTreeSet<i32>,
}

impl HolidayCalendar {
    /// China's calendar, as embedded.
    pub fn china() -> &'static HolidayCalendar {
        &CHINA_CALENDAR
    }

    /// Reads the format described at the top of `china.txt`; the error names the bad line.
    pub fn parse(text: &str) -> Result<HolidayCalendar, String> {
        let mut calendar = HolidayCalendar::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let bad = || format!("line {}: `{line}`", n + 1);
            let mut words = line.split_whitespace();
            let (kind, what) = (words.next().ok_or_else(bad)?, words.next().ok_or_else(bad)?);
            let name = words.next().unwrap_or_default().to_owned();
            if kind == "year" {
                calendar.years.insert(what.parse().map_err(|_| bad())?);
                continue;
            }
            let (first, last) = what.split_once("..").unwrap_or((what, what));
            let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad());
            let (first, last) = (date(first)?, date(last)?);
            if last < first || (last - first).num_days() > 14 {
                return Err(bad());
            }
            let into = match kind {
                "off" => &mut calendar.off,
                "work" => &mut calendar.work,
                _ => return Err(bad()),
            };
            into.extend(first.iter_days().take_while(|d| *d <= last).map(|d| (d, name.clone())));
        }
        let uncovered = calendar.off.keys().chain(calendar.work.keys()).find(|d| !calendar.covers(d.year()));
        if let Some(day) = uncovered {
            return Err(format!("{day} is in a year without a `year` line"));
        }
        Ok(calendar)
    }

    /// Whether `date` is a public holiday (a day off).
    pub fn is_off(&self, date: NaiveDate) -> bool {
        self.off.contains_key(&date)
    }

    /// Whether `date` is a weekend day worked in exchange for a holiday (调休上班).
    pub fn is_adjusted_workday(&self, date: NaiveDate) -> bool {
        self.work.contains_key(&date)
    }

    /// Whether people work on `date`: Monday to Friday or a weekend day worked in exchange, and
    /// not one of `days_off` (a branch's, from [`HolidayCalendar::days_off`]).
    pub fn is_working_day(&self, date: NaiveDate, days_off: &Holidays) -> bool {
        let weekday = date.weekday().number_from_monday() <= 5;
        !days_off.contains(date) && (weekday || self.is_adjusted_workday(date))
    }

    /// The holiday `date` belongs to (a day off or a day worked for it): 国庆节, 春节 …
    pub fn name(&self, date: NaiveDate) -> Option<&str> {
        self.off.get(&date).or_else(|| self.work.get(&date)).map(String::as_str)
    }

    /// The public holidays from `from` to `to`, inclusive.
    pub fn off_days(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        self.off.range(from..=to).map(|(d, _)| *d)
    }

    /// Whether the year's notice has been copied in.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The days a branch does not send on: the public holidays it does not keep as ordinary
    /// days, and its own days off.
    pub fn days_off(&self, own: &Holidays, kept: &Holidays) -> Holidays {
        let public = self.off.keys().copied().filter(|d| !kept.contains(*d));
        Holidays::new(public.chain(own.iter()))
    }

    /// The latest year covered.
    pub fn last_year(&self) -> Option<i32> {
        self.years.last().copied()
    }

    /// From December 1, next year when it is not covered yet.
    pub fn missing_next_year(&self, today: NaiveDate) -> Option<i32> {
        let next = today.year() + 1;
        (today.month() == 12 && !self.covers(next)).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_embedded_calendar_reads_and_knows_the_national_day_and_its_working_saturday() {
        let china = HolidayCalendar::parse(CHINA).unwrap();
        assert!(china.covers(2025) && china.covers(2026));
        assert!(china.is_off(d(2026, 10, 1)) && china.is_off(d(2026, 10, 7)));
        assert!(!china.is_off(d(2026, 10, 8)));
        assert!(china.is_adjusted_workday(d(2026, 10, 10)));
        assert_eq!(china.name(d(2026, 2, 15)), Some("春节"));
        assert_eq!(china.off_days(d(2026, 1, 1), d(2026, 12, 31)).count(), 33);
        assert_eq!(china.off_days(d(2025, 1, 1), d(2025, 12, 31)).count(), 28);
    }

    #[test]
    fn every_working_saturday_or_sunday_falls_on_a_weekend_and_no_day_is_both() {
        let china = HolidayCalendar::china();
        for day in china.work.keys() {
            assert!(day.weekday().number_from_monday() >= 6, "{day} is not a weekend day");
            assert!(!china.is_off(*day), "{day} is both");
        }
    }

    #[test]
    fn next_year_is_missed_only_from_december_while_it_is_not_covered() {
        let china = HolidayCalendar::china();
        assert_eq!(china.missing_next_year(d(2026, 11, 30)), None);
        assert_eq!(
            china.missing_next_year(d(2026, 12, 1)),
            if china.covers(2027) { None } else { Some(2027) }
        );
        assert_eq!(china.missing_next_year(d(2025, 12, 1)), None);
    }

    #[test]
    fn a_branch_keeps_a_public_holiday_as_an_ordinary_day_and_adds_its_own() {
        let china = HolidayCalendar::china();
        let own = Holidays::new([d(2026, 12, 24)]);
        let kept = Holidays::new([d(2026, 10, 1)]);
        let off = china.days_off(&own, &kept);
        assert!(off.contains(d(2026, 12, 24)) && off.contains(d(2026, 10, 2)));
        assert!(!off.contains(d(2026, 10, 1)));
    }

    #[test]
    fn a_bad_line_or_a_day_outside_the_declared_years_is_refused() {
        assert!(HolidayCalendar::parse("year 2026 x\noff 2026-13-01 元旦").unwrap_err().contains("line 2"));
        assert!(HolidayCalendar::parse("year 2026 x\nrest 2026-10-01 国庆节").is_err());
        assert!(HolidayCalendar::parse("off 2026-10-01 国庆节").unwrap_err().contains("without a `year`"));
    }
}
