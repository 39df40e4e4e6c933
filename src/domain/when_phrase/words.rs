//! Dates and times in words for old eyes: 12月4日（星期五）下午2点半.

use chrono::{DateTime, Datelike, Timelike, Weekday};
use chrono_tz::Tz;

/// 星期一 … 星期日.
pub fn weekday_cn(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// A clock time as people say it: 上午9点, 中午12点, 下午2点半, 晚上7点, 上午9点15分.
/// 凌晨 0–5, 上午 6–11, 中午 12, 下午 13–17, 晚上 18–23.
pub fn time_of_day_cn(h: u32, m: u32) -> String {
    let (period, hour) = match h {
        0..=5 => ("凌晨", h),
        6..=11 => ("上午", h),
        12 => ("中午", 12),
        13..=17 => ("下午", h - 12),
        _ => ("晚上", h - 12),
    };
    let minutes = match m {
        0 => String::new(),
        30 => "半".to_owned(),
        _ => format!("{m}分"),
    };
    format!("{period}{hour}点{minutes}")
}

/// 12月4日（星期五）上午9点; a year other than `now`'s comes first: 2027年1月8日（星期五）上午9点.
pub fn date_in_words(at: DateTime<Tz>, now: DateTime<Tz>) -> String {
    let now = now.with_timezone(&at.timezone());
    let year = if at.year() == now.year() { String::new() } else { format!("{}年", at.year()) };
    format!(
        "{year}{}月{}日（{}）{}",
        at.month(),
        at.day(),
        weekday_cn(at.weekday()),
        time_of_day_cn(at.hour(), at.minute())
    )
}
