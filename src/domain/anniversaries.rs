//! Dates that come round: political birthdays (入党纪念日), 光荣在党50年, and the reminders
//! before a branch committee's term (换届) ends.

use chrono::{Datelike, Months, NaiveDate};

/// Years of membership that earn the 光荣在党50年 commemorative medal.
pub const GLORY_YEARS: i32 = 50;
/// A committee's term in years when the branch has not set one (5 for village branches).
pub const DEFAULT_TERM_YEARS: i64 = 3;
/// Months before the term ends when the secretary is reminded.
pub const TERM_REMINDER_MONTHS: [u32; 4] = [6, 3, 2, 1];

/// The anniversary of `joined` in `year`; 2月29日 falls on 2月28日 in other years.
pub fn anniversary_in(joined: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, joined.month(), joined.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, joined.month(), joined.day() - 1))
}

/// Years in the party when `today` is the political birthday of someone who joined on `joined`.
pub fn political_birthday(joined: NaiveDate, today: NaiveDate) -> Option<i32> {
    let years = today.year() - joined.year();
    (years > 0 && anniversary_in(joined, today.year()) == Some(today)).then_some(years)
}

/// Years in the party reached during `today`'s month, when the anniversary falls in it.
pub fn birthday_this_month(joined: NaiveDate, today: NaiveDate) -> Option<(NaiveDate, i32)> {
    let day = anniversary_in(joined, today.year())?;
    let years = today.year() - joined.year();
    (years > 0 && day.month() == today.month()).then_some((day, years))
}

/// The day the term that started on `start` ends.
pub fn term_end(start: NaiveDate, years: i64) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(u32::try_from(years.max(1) * 12).ok()?))
}

/// How many months are left when `today` is one of the reminder days before the term ends.
pub fn term_reminder_due(start: NaiveDate, years: i64, today: NaiveDate) -> Option<u32> {
    let end = term_end(start, years)?;
    TERM_REMINDER_MONTHS.into_iter().find(|&m| end.checked_sub_months(Months::new(m)) == Some(today))
}

/// Reads a date as stored (ISO) or as typed (2024-03-01, 2024/3/1, 2024.3.1).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_political_birthday_is_the_day_of_joining() {
        assert_eq!(political_birthday(d(1962, 7, 1), d(2026, 7, 1)), Some(64));
        assert_eq!(political_birthday(d(1962, 7, 1), d(2026, 7, 2)), None);
        assert_eq!(political_birthday(d(2026, 7, 1), d(2026, 7, 1)), None, "not on the day itself");
        assert_eq!(political_birthday(d(1976, 2, 29), d(2026, 2, 28)), Some(50));
    }

    #[test]
    fn the_months_list_holds_anniversaries_in_that_month() {
        assert_eq!(birthday_this_month(d(1976, 7, 20), d(2026, 7, 1)), Some((d(2026, 7, 20), 50)));
        assert_eq!(birthday_this_month(d(1976, 8, 20), d(2026, 7, 1)), None);
    }

    #[test]
    fn term_reminders_come_six_three_two_and_one_months_before() {
        let start = d(2024, 3, 1);
        assert_eq!(term_end(start, 3), Some(d(2027, 3, 1)));
        assert_eq!(term_reminder_due(start, 3, d(2026, 9, 1)), Some(6));
        assert_eq!(term_reminder_due(start, 3, d(2026, 12, 1)), Some(3));
        assert_eq!(term_reminder_due(start, 3, d(2027, 1, 1)), Some(2));
        assert_eq!(term_reminder_due(start, 3, d(2027, 2, 1)), Some(1));
        assert_eq!(term_reminder_due(start, 3, d(2026, 10, 1)), None);
        assert_eq!(parse_date("2024/3/1"), Some(start));
    }
}
