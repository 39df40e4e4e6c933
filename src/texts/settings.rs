//! Sentences about a branch's settings in chat: `/settings`, `/quiet` and `/holiday`, each
//! refusal with an example to copy.

use crate::domain::answer_confirmation::AnswerConfirmation;
use chrono::{Datelike, NaiveDate};

use crate::domain::meeting::{KindRules, Period};
use crate::domain::quiet_hours::{Holidays, QuietHours};
use crate::domain::when_phrase::time_of_day_cn;

pub const QUIET_USAGE: &str = "请写上不发消息的时段，例如：\n/quiet 21点到8点\n\
两段用逗号分开：/quiet 21点到8点，12点到14点半\n不要勿扰时段：/quiet 无";

pub const HOLIDAY_USAGE: &str = "请写上放假不发消息的日子，例如：\n/holiday 12月24日到12月26日\n\
只放一天：/holiday 1月5日\n去掉一天：/holiday 删除 12月25日";

/// Added to a preview marked 紧急.
pub const URGENT_NOTE: &str = "\n\n【紧急】勿扰时段和放假日也会发出。";

pub const HOLIDAY_TOO_LONG: &str =
    "一次最多写31天。请分开写，例如：\n/holiday 1月1日到1月20日\n/holiday 1月21日到2月10日";

/// Quiet hours in words: 晚上9点到上午8点、中午12点到下午2点半; or that there are none.
pub fn quiet_in_words(quiet: &QuietHours) -> String {
    if quiet.windows().is_empty() {
        return "无（任何时间都发）".to_owned();
    }
    let time = |t: chrono::NaiveTime| {
        use chrono::Timelike;
        time_of_day_cn(t.hour(), t.minute())
    };
    quiet.windows().iter().map(|&(s, e)| format!("{}到{}", time(s), time(e))).collect::<Vec<_>>().join("、")
}

/// What [`days_in_words`] says when there are none.
pub const NONE: &str = "没有";

/// Days from `today` on, runs of days joined: 12月24日到12月26日、2027年1月5日; or 没有.
pub fn days_in_words(days: &Holidays, today: NaiveDate) -> String {
    let upcoming: Vec<NaiveDate> = days.iter().filter(|d| *d >= today).collect();
    if upcoming.is_empty() {
        return NONE.to_owned();
    }
    let day = |d: NaiveDate| {
        let year = if d.year() == today.year() { String::new() } else { format!("{}年", d.year()) };
        format!("{year}{}月{}日", d.month(), d.day())
    };
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for d in upcoming {
        match runs.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(d) => *last = d,
            _ => runs.push((d, d)),
        }
    }
    runs.iter()
        .map(|&(a, b)| if a == b { day(a) } else { format!("{}到{}", day(a), day(b)) })
        .collect::<Vec<_>>()
        .join("、")
}

/// The branch's days off in words: its own, and the public holidays it keeps as ordinary days.
pub fn days_summary(own: &str, kept: Option<&str>) -> String {
    match kept {
        Some(kept) => format!("本支部另外放假：{own}\n法定节假日照常发消息：{kept}"),
        None => format!("本支部另外放假：{own}"),
    }
}

pub const FREQUENCY_USAGE: &str = "请写上会议类型和多久开一次，例如：\n/frequency 党课 每季度1次\n\
/frequency 党小组会 每月1次\n会议类型可以写：党员大会、支委会、党小组会、党课、主题党日、组织生活会。";

/// One kind's frequency: 党课：每季度至少1次 (and when it does not count, that it does not).
pub fn frequency_line(r: &KindRules) -> String {
    let period = match r.period {
        Period::Month => "每月",
        Period::Quarter => "每季度",
        Period::Year => "每年",
    };
    let counted = if r.required { "" } else { "（不计入完成情况）" };
    format!("{}：{period}至少{}次{counted}", r.kind.name_cn(), r.per_period)
}

pub fn frequency_saved(line: &str) -> String {
    format!("已保存。{line}。")
}

/// What `/settings` shows, with how to change each; `covered` is the last year of public
/// holidays known, `missing` next year when its holidays are not known yet.
pub fn overview(
    quiet: &str,
    days: &str,
    theme_day: &str,
    confirmation: AnswerConfirmation,
    frequencies: &[String],
    covered: Option<i32>,
    missing: Option<i32>,
) -> String {
    let covered = covered.map(|y| format!("（已录入到{y}年）")).unwrap_or_default();
    let warning = missing.map(|y| format!("\n\n{}", missing_year(y))).unwrap_or_default();
    format!(
        "本支部的设置：\n\
         勿扰时段：{quiet}（这些时间不发消息，急事除外）\n\
         国家法定节假日：放假，不发消息{covered}\n\
         {days}{warning}\n\
         {theme_day}\n\
         {}\n\
         会议次数：\n{}\n\n\
         要修改，点下面的按钮选勿扰时段，或者照着发：\n\
         /quiet 21点到8点\n\
         /holiday 12月24日到12月26日\n\
         /holiday 删除 12月25日（法定节假日也可以这样改为照常发）\n\
         /frequency 党课 每季度1次\n\
         /themeday 每月第一个星期五（主题党日的固定日子）\n\
         /confirm 群内 或 /confirm 私信（党员在群里回复后是否再私信确认）\n\
         急事（勿扰时段和放假日也发）：/brief 紧急 通报内容",
        confirmation_line(confirmation),
        frequencies.join("\n")
    )
}

/// How answers given in the group are confirmed, in the settings overview.
pub fn confirmation_line(how: AnswerConfirmation) -> &'static str {
    match how {
        AnswerConfirmation::Private => {
            "回复确认：党员在群里回复后，群里点赞、名单更新，另外私信告诉他已记录和会议时间地点（默认）"
        }
        AnswerConfirmation::GroupOnly => {
            "回复确认：党员在群里回复后，只在群里确认（点赞、名单更新），不再私信（请假没说原因的，仍私信问原因）"
        }
    }
}

pub const CONFIRM_USAGE: &str = "请这样发：\n\
    /confirm 群内 —— 党员在群里点按钮或回复后，只在群里确认（点赞、名单更新），不再私信\n\
    /confirm 私信 —— 另外再私信告诉他已记录和会议时间地点（默认）";

/// What now holds after `/confirm`.
pub fn confirmation_saved(how: AnswerConfirmation) -> String {
    format!("已保存。{}", confirmation_line(how))
}

/// The warning while next year's public holidays are not known.
pub fn missing_year(year: i32) -> String {
    format!(
        "注意：{year}年的法定节假日还没有录入，那些日子会照常发消息。请告诉管理员更新，\
         或先用 /holiday 写上放假的日子，例如：/holiday 1月1日"
    )
}

/// A quiet-hours choice under `/settings`.
pub fn quiet_button(quiet: &str) -> String {
    format!("勿扰：{quiet}")
}

pub const SAVED_TOAST: &str = "已保存";

pub fn quiet_saved(quiet: &str) -> String {
    format!("已保存。勿扰时段：{quiet}。这些时间不发消息，急事除外。")
}

pub fn days_added(added: &str, summary: &str) -> String {
    format!("已保存。{added}放假，不发消息（急事除外）。\n{summary}")
}

pub fn days_removed(removed: &str, summary: &str) -> String {
    format!("已保存。{removed}照常发消息。\n{summary}")
}
