//! Sentences about the fixed day of 主题党日 (`/themeday`), its reminder to the secretary, and
//! the warning pushed while next year's public holidays are not known.

use chrono::{Datelike, NaiveDate};

use crate::domain::theme_day::{ThemeDate, ThemeDay};
use crate::domain::when_phrase::weekday_cn;

pub const USAGE: &str = "请写上每月哪一天过主题党日，例如：\n/themeday 每月第一个星期五\n\
/themeday 每月5日\n/themeday 每月最后一个星期四\n遇到法定节假日，会自动改到前后一周内最近的工作日。";

/// The rule in words: 每月第一个星期五, 每月5日, 每月最后一个星期四.
pub fn rule_in_words(rule: ThemeDay) -> String {
    const ORDINALS: [&str; 6] = ["", "一", "二", "三", "四", "五"];
    match rule {
        ThemeDay::Day(d) => format!("每月{d}日"),
        ThemeDay::Nth(n, w) => format!("每月第{}个{}", ORDINALS[usize::from(n.min(5))], weekday_cn(w)),
        ThemeDay::Last(w) => format!("每月最后一个{}", weekday_cn(w)),
    }
}

/// 12月4日（星期五）; another year than `today`'s first: 2027年1月8日（星期五）.
pub fn day_in_words(day: NaiveDate, today: NaiveDate) -> String {
    let year = if day.year() == today.year() { String::new() } else { format!("{}年", day.year()) };
    format!("{year}{}月{}日（{}）", day.month(), day.day(), weekday_cn(day.weekday()))
}

/// A theme day, and why it moved when it did: 10月8日（星期四，10月2日是国庆节假期）.
pub fn date_in_words(date: &ThemeDate, holiday: Option<&str>, today: NaiveDate) -> String {
    let held = day_in_words(date.held, today);
    if !date.moved() {
        return held;
    }
    let planned = format!("{}月{}日", date.planned.month(), date.planned.day());
    let why = holiday.map_or_else(|| "放假".to_owned(), |name| format!("{name}假期"));
    format!("{}，{planned}是{why}，改到这天）", held.trim_end_matches('）'))
}

/// The confirmation of `/themeday`, with the next dates in words.
pub fn saved(rule: ThemeDay, next: &[String]) -> String {
    format!(
        "已保存。主题党日：{}。\n下三次：{}。\n每次前三天上午我会私信提醒您，点【发通知】就能建立会议。",
        rule_in_words(rule),
        next.join("、")
    )
}

/// The `/settings` line.
pub fn settings_line(rule: Option<ThemeDay>, next: Option<&str>) -> String {
    match (rule, next) {
        (Some(rule), Some(next)) => format!("主题党日：{}（下次：{next}）", rule_in_words(rule)),
        (Some(rule), None) => format!("主题党日：{}", rule_in_words(rule)),
        (None, _) => "主题党日：还没有设定固定日子".to_owned(),
    }
}

/// The private reminder a few days before.
pub fn reminder(month: u32, date: &str) -> String {
    format!("本月（{month}月）主题党日是{date}，点【发通知】建立会议，通知全体党员。")
}

pub const NOTICE_BUTTON: &str = "发通知";

/// The meeting dialogue's time question when the day is already known.
pub fn ask_time_on(day: &str) -> String {
    format!(
        "主题党日定在{day}。请写开会的时间，例如：上午9点。\n要换日子就连日子一起写，例如：12月5日上午9点。（写“取消”可以退出）"
    )
}

/// Added to the month's political birthdays when the theme day is set.
pub fn birthdays_on(day: &str) -> String {
    format!("本月主题党日是{day}。")
}

/// Pushed once a year from December 1 while next year's public holidays are not known.
pub fn missing_year_pushed(year: i32) -> String {
    format!(
        "提醒：{year}年的国家法定节假日安排还没有录入。录入之前，{year}年的节假日不会自动放假，\
         那些日子照常发消息、照常提醒学习；主题党日也不会自动避开节假日。\n\
         已请管理员更新。着急的话，可以先用 /holiday 写上放假的日子，例如：/holiday 1月1日"
    )
}
