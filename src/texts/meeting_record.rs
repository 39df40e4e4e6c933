//! Sentences and column names of meeting records (会议记录), exports and the compliance view.

pub const RECORD_TITLE: &str = "会议记录";
pub const NONE: &str = "无";

pub const COLUMNS: [&str; 19] = [
    "编号",
    "时间",
    "地点",
    "会议类型",
    "议题",
    "主持人",
    "记录人",
    "应到正式党员",
    "应到预备党员",
    "实到人数",
    "实到",
    "请假",
    "缺席",
    "列席",
    "法定人数",
    "送学",
    "内容/决议",
    "表决",
    "更正记录",
];

pub const DETAIL_COLUMNS: [&str; 10] =
    ["编号", "时间", "会议类型", "姓名", "党员类别", "情况", "方式", "请假原因/代答", "补学", "意见建议"];

/// The heading of the make-ups in a record read in chat.
pub const MAKEUPS: &str = "补学情况";

/// 走访慰问 visits in the record book of a period.
pub const VISIT_COLUMNS: [&str; 4] = ["日期", "姓名", "走访人", "情况"];
pub const SHEET_VISITS: &str = "走访慰问";

pub const SHEET_RECORDS: &str = "会议记录";
pub const SHEET_DETAIL: &str = "出席明细";

pub const PRESENT: &str = "实到";
pub const LEAVE: &str = "请假";
pub const ABSENT: &str = "缺席";
pub const DELIVERED: &str = "送学";
pub const FULL: &str = "正式";
pub const PROBATIONARY: &str = "预备";

pub fn quorum(held: Option<bool>) -> &'static str {
    match held {
        None => "不适用",
        Some(true) => "符合（超过半数）",
        Some(false) => "不足（未超过半数）",
    }
}

pub fn proxy(by: &str) -> String {
    format!("{by}代答")
}

pub fn makeup(date: &str) -> String {
    format!("已补学（{date}）")
}

/// 送学上门（11月20日，李桂兰）: `day` is ISO (2026-11-20).
pub fn delivered_makeup(day: &str, visitor: &str) -> String {
    format!("送学上门（{}，{visitor}）", super::dates::month_day_of_iso(day))
}

/// One member's make-up in a record read in chat.
pub fn makeup_line(name: &str, makeup: &str, views: Option<&str>) -> String {
    match views {
        Some(v) => format!("{name}：{makeup}，意见建议：{v}"),
        None => format!("{name}：{makeup}"),
    }
}

pub fn count(n: usize) -> String {
    format!("{n}人")
}

pub fn book_title(branch: &str) -> String {
    format!("{branch} 三会一课记录")
}

pub fn report_header(branch: &str, today: &str) -> String {
    format!("【{branch}组织生活完成情况】{today}")
}

pub fn period_cn(code: &str) -> &'static str {
    match code {
        "month" => "本月",
        "quarter" => "本季度",
        _ => "本年度",
    }
}

pub fn last_period_cn(code: &str) -> &'static str {
    match code {
        "month" => "上月",
        "quarter" => "上季度",
        _ => "上年度",
    }
}

pub fn status_done(period: &str, kind: &str, held: u32) -> String {
    format!("✅ {period}{kind}：已召开{held}次")
}

pub fn status_due(period: &str, kind: &str, days_left: i64) -> String {
    format!("⏳ {period}{kind}：尚未召开，还剩{days_left}天")
}

pub fn status_overdue(period: &str, kind: &str) -> String {
    format!("❗ {period}{kind}：未召开")
}

pub fn warning(period: &str, kind: &str, days_left: i64) -> String {
    format!("{period}尚未召开{kind}，还剩{days_left}天。")
}

/// 【已走访 王建国】 under a care alert.
pub fn visited_button(name: &str) -> String {
    format!("已走访 {name}")
}

pub fn absent_months(name: &str, months: u32) -> String {
    format!("{name}同志已连续{months}个月未参加组织生活，也未补学，建议上门看望。")
}
