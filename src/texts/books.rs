//! Sentences of the record books in chat: `/export` a period's 三会一课 record book, `/record`
//! to fetch a past meeting's record again.

use chrono::NaiveDate;

use crate::domain::meeting::MeetingKind;
use crate::domain::record_period::PeriodError;

pub const ONLY_SECRETARY: &str = "会议记录里有请假原因等个人信息，只发给支部书记。请支部书记发送这个命令。";

const PERIOD_EXAMPLES: &str = "例如：\n/export 本季度\n/export 上个月\n/export 今年\n/export 去年\n\
    /export 2026年\n/export 10月到12月\n/export 2026年第三季度";

/// What to write instead of a period that cannot be read.
pub fn period_error(error: PeriodError) -> String {
    let why = match error {
        PeriodError::Empty => "请在 /export 后面写上要导出哪段时间的会议记录。",
        PeriodError::Unrecognised => "没有看懂要导出哪段时间。请写年份、季度或月份。",
        PeriodError::NoSuchDate => "没有这个日期（月份是1到12月，季度是第一到第四季度）。",
        PeriodError::Reversed => "结束的时间早于开始的时间，请把先后顺序写对。",
        PeriodError::Future => "这段时间还没有到，还没有会议记录。",
    };
    format!("{why}\n{PERIOD_EXAMPLES}")
}

/// 2026年10月1日至2026年12月31日
pub fn period_words(first: NaiveDate, last: NaiveDate) -> String {
    format!("{}至{}", crate::texts::dates::full_date(&first), crate::texts::dates::full_date(&last))
}

pub fn nothing_to_export(period: &str) -> String {
    format!("{period}没有已结束的会议，没有会议记录可以导出。")
}

pub fn exported(period: &str, meetings: usize) -> String {
    format!(
        "已导出{period}的三会一课会议记录，共{meetings}次会议：一份Excel表格，一份可以打印的网页（用浏览器打开后打印）。"
    )
}

pub const NO_CLOSED_MEETING: &str = "还没有已结束的会议，没有会议记录可以查看。";
pub const PICK_MEETING: &str =
    "请选择要重新查看的会议记录（点一下会议，我把记录和文件再发给您）。也可以发送 /record 会议编号。";

/// A button: 12月5日 支部党员大会（编号3）
pub fn meeting_button(date: &str, kind: MeetingKind, id: i64) -> String {
    format!("{date} {}（编号{id}）", kind.name_cn())
}

pub fn no_such_closed_meeting(id: i64) -> String {
    format!("没有找到编号为{id}的已结束会议。发送 /record 可以从最近的会议中选择。")
}

/// The toast of a tap on a meeting button.
pub const SENDING_RECORD: &str = "正在发送会议记录";
