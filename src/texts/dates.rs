//! How dates read in sentences, records and exports: in words, never ISO.

use chrono::{Datelike, NaiveDate, Timelike};

/// "2026年11月21日".
pub fn full_date<D: Datelike>(date: &D) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// "11月21日".
pub fn month_day<D: Datelike>(date: &D) -> String {
    format!("{}月{}日", date.month(), date.day())
}

/// "2026年11月21日 09:00", for records and exports.
pub fn full_date_time<D: Datelike + Timelike>(at: &D) -> String {
    format!("{} {:02}:{:02}", full_date(at), at.hour(), at.minute())
}

/// "2026-11-21" → "11月21日"; anything else is returned as it is.
pub fn month_day_of_iso(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => format!("{}月{}日", d.month(), d.day()),
        Err(_) => iso.to_owned(),
    }
}

/// "1962-07-01" → "1962年7月1日"; anything else is returned as it is.
pub fn full_date_of_iso(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| iso.to_owned(), |d| full_date(&d))
}

/// 正式 / 预备 from the stored membership code.
pub fn membership_label(code: &str) -> &'static str {
    if code == "probationary" { "预备" } else { "正式" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_words() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(full_date(&d), "2026年12月5日");
        assert_eq!(full_date_time(&d.and_hms_opt(9, 0, 0).unwrap()), "2026年12月5日 09:00");
        assert_eq!(month_day_of_iso("2026-11-21"), "11月21日");
        assert_eq!(full_date_of_iso("1962-07-01"), "1962年7月1日");
        assert_eq!(full_date_of_iso("不详"), "不详");
    }
}
