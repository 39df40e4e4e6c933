//! Whether a branch held what its rules require in a month, quarter or year: done, due with
//! days left, or overdue once the period has closed.

use chrono::{Datelike, NaiveDate};

use super::Period;

/// The period containing `day`: its first day and the first day after it.
pub fn period_bounds(day: NaiveDate, period: Period) -> (NaiveDate, NaiveDate) {
    let (year, month) = (day.year(), day.month());
    let (start_month, months) = match period {
        Period::Month => (month, 1),
        Period::Quarter => ((month - 1) / 3 * 3 + 1, 3),
        Period::Year => (1, 12),
    };
    let start = NaiveDate::from_ymd_opt(year, start_month, 1).expect("first of a month");
    let end_month0 = start_month - 1 + months;
    let end = NaiveDate::from_ymd_opt(year + (end_month0 / 12) as i32, end_month0 % 12 + 1, 1)
        .expect("first of a month");
    (start, end)
}

/// Where a required kind stands in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodStatus {
    Done {
        held: u32,
    },
    /// Not yet held; the period still has `days_left` days (today included).
    Due {
        days_left: i64,
    },
    /// The period closed without it.
    Overdue,
}

/// The status of a period ending (exclusive) at `end`, seen on `today`.
pub fn period_status(held: u32, required: u32, today: NaiveDate, end: NaiveDate) -> PeriodStatus {
    if held >= required {
        PeriodStatus::Done { held }
    } else if today < end {
        PeriodStatus::Due { days_left: (end - today).num_days() }
    } else {
        PeriodStatus::Overdue
    }
}

/// Consecutive months, counting back from the latest, in which a member missed organizational
/// life: per month (oldest first) `None` when no meeting expected them (neither counts nor
/// breaks the run), `Some(true)` when they took part or made it up, `Some(false)` when not.
pub fn months_missed(months: &[Option<bool>]) -> u32 {
    let mut missed = 0;
    for month in months.iter().rev() {
        match month {
            None => continue,
            Some(false) => missed += 1,
            Some(true) => break,
        }
    }
    missed
}
