//! Sentences about schedules (/remind), the committee's term (/term) and dates that come round.

use chrono::{Datelike, NaiveDate};

use crate::domain::draft::DraftState;
use crate::domain::schedules::ScheduleKind;

pub const BUTTON_CONFIRM: &str = "确认";
pub const BUTTON_CANCEL: &str = "取消";

pub const REMIND_USAGE: &str = "请在命令后面写上时间和学习内容，例如：\n\
    /remind 每周三上午9点 学习《中国共产党章程》第三章\n\
    /remind 每月第一个星期五上午9点 学习主题党日材料";

pub const REMIND_NO_MATERIAL: &str =
    "请在时间后面写上学习内容，例如：/remind 每周三上午9点 学习《中国共产党章程》第三章";

pub const PHRASE_NOT_UNDERSTOOD: &str = "抱歉，没看懂这个时间。可以这样写：每天上午9点、每周三上午9点、\
    每周一三五早上8点半、每月1号上午9点、每月第一个星期五上午9点。";

/// The preview: what was understood, the next three times in words, and the two buttons.
pub fn remind_preview(summary: &str, next: &[String], material: &str) -> String {
    let times: Vec<String> = next.iter().map(|t| format!("• {t}")).collect();
    format!(
        "请确认学习提醒：\n时间：{summary}\n内容：{material}\n接下来三次：\n{}\n确认无误请点【确认】。",
        times.join("\n")
    )
}

pub fn remind_saved(summary: &str) -> String {
    format!("已保存：{summary}推送学习提醒到支部群，并私信提醒订阅的同志。")
}

/// What a settled preview says instead of its buttons.
pub fn draft_settled(kind: ScheduleKind, summary: Option<&str>, body: &str, state: DraftState) -> String {
    let what = match kind {
        ScheduleKind::Briefing => "情况通报",
        ScheduleKind::Study => "学习提醒",
    };
    let when = summary.map(|s| format!("（{s}）")).unwrap_or_default();
    let how = match (state, kind) {
        (DraftState::Cancelled, _) => "已取消",
        (DraftState::AwaitingTime, _) => "等待选择发送时间",
        (_, ScheduleKind::Briefing) => "已发送",
        (_, ScheduleKind::Study) => "已确认保存",
    };
    format!("{what}{when}：{body}\n—— {how}")
}

pub const DRAFT_CANCELLED: &str = "已取消，没有保存。";
pub const DRAFT_GONE: &str = "这条已经处理过了。";
pub const DRAFT_DONE_TOAST: &str = "已处理";

pub const NO_SCHEDULES: &str =
    "目前没有定时的学习提醒或情况通报。可以用 /remind 每周三上午9点 学习内容 来安排。";
pub const SCHEDULE_STOPPED: &str = "已停止这个定时安排，以后不再发送。";

pub fn schedule_line(n: usize, kind: &str, summary: &str, payload: &str) -> String {
    let what = if kind == "briefing" { "情况通报" } else { "学习提醒" };
    format!("{n}. {summary} {what}：{payload}")
}

/// A briefing timed to go once, e.g. `3. 11月24日（星期二）上午9点 情况通报（只发一次）：…`.
pub fn timed_briefing_line(n: usize, when: &str, body: &str) -> String {
    format!("{n}. {when} 情况通报（只发一次）：{body}")
}

pub const TIMED_BRIEFING_STOPPED: &str = "已停止这条定时的情况通报，它不会发出。";

pub fn schedules(lines: &[String]) -> String {
    format!("正在进行的定时安排：\n{}\n要停止哪一个，点下面对应的按钮。", lines.join("\n"))
}

pub fn stop_button(n: usize) -> String {
    format!("停止第{n}个")
}

pub const TERM_USAGE: &str =
    "请写上本届支委的任期开始日期，例如：/term 2024-03-01（任期默认3年，5年请写 /term 2024-03-01 5）";

pub fn term_saved(end: NaiveDate) -> String {
    let (year, month, day) = (end.year(), end.month(), end.day());
    format!(
        "已记录。本届支委任期到{year}年{month}月{day}日届满，届满前6个月、3个月、2个月、1个月我会提醒您准备换届。"
    )
}

pub fn term_ending(months: u32, end: NaiveDate) -> String {
    let (year, month, day) = (end.year(), end.month(), end.day());
    format!(
        "换届提醒：本届支委任期将于{year}年{month}月{day}日届满，还有{months}个月。请及早准备换届选举工作。"
    )
}

/// "今天" when a message about `day` goes on that day, else the day itself ("7月1日"): a
/// greeting held over a holiday must not say "今天" the day after.
pub fn on_day(day: NaiveDate, sent_on: NaiveDate) -> String {
    if day == sent_on { "今天".to_owned() } else { format!("{}月{}日", day.month(), day.day()) }
}

/// `on` is [`on_day`]'s words.
pub fn political_birthday(name: &str, years: i32, on: &str) -> String {
    let glory = if years == crate::domain::anniversaries::GLORY_YEARS { "光荣在党50年，" } else { "" };
    format!(
        "{name}同志：{on}是您入党{years}周年的政治生日。{glory}感谢您对党的忠诚和贡献，祝您身体健康、生活愉快！"
    )
}

/// `on` is [`on_day`]'s words.
pub fn glory_fifty(name: &str, on: &str) -> String {
    format!("{on}{name}同志入党满50年，可以按规定为其申请颁发“光荣在党50年”纪念章。")
}

pub fn birthday_line(name: &str, month: u32, day: u32, years: i32, glory: bool) -> String {
    let mark = if glory { "（光荣在党50年）" } else { "" };
    format!("• {month}月{day}日 {name}同志 入党{years}周年{mark}")
}

pub fn month_birthdays(month: u32, lines: &[String]) -> String {
    format!("本月（{month}月）过政治生日的同志，可在主题党日上一起祝贺：\n{}", lines.join("\n"))
}
