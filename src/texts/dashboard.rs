//! Every sentence of the superior office's web dashboard (驾驶舱) and of its accounts' commands.

use chrono::NaiveDate;

use crate::domain::meeting::PeriodStatus;

pub const PRODUCT: &str = "支部组织生活驾驶舱";
pub const LOGIN_TITLE: &str = "登录";
pub const LOGIN_NAME: &str = "账号";
pub const PASSWORD: &str = "密码";
pub const LOGIN_BUTTON: &str = "登录";
pub const LOGOUT_BUTTON: &str = "退出登录";
pub const WRONG_PASSWORD: &str = "账号或密码不对，请再试一次。忘记密码请联系系统管理员重设。";
pub const TOO_MANY_TRIES: &str = "登录失败次数太多，请15分钟后再试；如忘记密码，请联系系统管理员重设。";
pub const FORM_EXPIRED: &str = "页面已过期，请刷新后重新提交。";
pub const NOT_FOUND: &str = "没有这个页面，或您的账号无权查看。请从首页进入。";
pub const SERVER_ERROR: &str = "系统暂时出错，请稍后再试。";
pub const BACK_HOME: &str = "返回首页";

pub const NAV_MATRIX: &str = "完成情况";
pub const NAV_OVERVIEW: &str = "总览";
pub const MATRIX_TITLE: &str = "三会一课完成情况";
pub const FILTER_DISTRICT: &str = "党委";
pub const ALL_DISTRICTS: &str = "全部党委";
pub const FILTER_PERIOD: &str = "周期";
pub const SORT: &str = "排序";
pub const SORT_OVERDUE: &str = "逾期多的在前";
pub const SORT_NAME: &str = "按支部编号";
pub const APPLY: &str = "查看";
pub const BRANCH: &str = "支部";
pub const NO_BRANCHES: &str = "没有可查看的支部。";
pub const NOT_REQUIRED: &str = "—";
pub const LAST_PERIOD_MISSED: &str = "上期未完成";

/// 周期 choices: code and words.
pub const PERIODS: [(&str, &str); 4] =
    [("all", "全部"), ("month", "每月"), ("quarter", "每季度"), ("year", "每年")];

/// A matrix cell: 已完成 / 还剩12天 / 已逾期.
pub fn status_cell(status: PeriodStatus) -> String {
    match status {
        PeriodStatus::Done { .. } => "已完成".to_owned(),
        PeriodStatus::Due { days_left } => format!("未开·剩{days_left}天"),
        PeriodStatus::Overdue => "已逾期".to_owned(),
    }
}

pub fn branches_shown(n: usize) -> String {
    format!("共{n}个支部")
}

pub fn signed_in_as(login: &str, district: Option<&str>) -> String {
    format!("{login}（{}）", district.unwrap_or(ALL_DISTRICTS))
}

pub const BRANCH_COMPLIANCE: &str = "本期完成情况";
pub const BRANCH_MEETINGS: &str = "会议";
pub const BRANCH_STUDY: &str = "学习";
pub const BRANCH_BRIEFINGS: &str = "情况通报";
pub const RECORD_BOOK: &str = "会议记录簿";
pub const DOWNLOAD_XLSX: &str = "下载 Excel";
pub const PRINTABLE_HTML: &str = "打印版";
pub const RECORD_BOOK_NOTE: &str = "记录簿不含请假、缺席原因等个人敏感信息。";
pub const COL_DAY: &str = "日期";
pub const COL_KIND: &str = "会议类型";
pub const COL_STATE: &str = "状态";
pub const COL_ATTENDANCE: &str = "到会";
pub const COL_STUDIED: &str = "已学人数";
pub const COL_DELIVERED: &str = "送达";
pub const COL_ACKED: &str = "收到";
pub const OPEN: &str = "未结束";
pub const CLOSED: &str = "已结束";
pub const NOTHING_YET: &str = "暂无";

pub fn members(n: i64) -> String {
    format!("党员{n}人")
}

/// 28/30（93%）
pub fn ratio(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return NOTHING_YET.to_owned();
    }
    format!("{part}/{whole}（{}%）", part * 100 / whole)
}

pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 { NOTHING_YET.to_owned() } else { format!("{}%", part * 100 / whole) }
}

pub fn day(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

pub fn month(d: NaiveDate) -> String {
    d.format("%Y年%-m月").to_string()
}

pub const OVERVIEW_TITLE: &str = "总览";
pub const ATTENDANCE_TREND: &str = "到会率（按月）";
pub const STUDY_TREND: &str = "学习情况（按月）";
pub const COL_MONTH: &str = "月份";
pub const COL_RATE: &str = "到会率";
pub const COL_ROUNDS: &str = "学习次数";
pub const REACH: &str = "党员联系情况";
pub const REACH_ALL: &str = "党员总数";
pub const REACH_BOUND: &str = "已绑定Telegram";
pub const REACH_REFUSED: &str = "Telegram无法送达";
pub const UNREACHABLE_BY_BRANCH: &str = "无法通过Telegram联系的党员（按支部）";
pub const COL_COUNT: &str = "人数";
pub const BRIEFINGS_MONTH: &str = "近30天情况通报";
pub const BRIEFINGS_SENT: &str = "发出通报";
pub const DELIVERY_RATE: &str = "送达率";
pub const ACK_RATE: &str = "收到率";
pub const TERMS_ENDING: &str = "6个月内需换届的支部";
pub const COL_TERM_END: &str = "任期届满";
pub const INACTIVE: &str = "30天以上无活动的支部";
pub const INACTIVE_NOTE: &str = "（无会议、无学习、无通报）";

pub fn count(n: usize) -> String {
    format!("{n}个")
}

// The operator's command line.

pub fn office_added(login: &str, district: Option<&str>) -> String {
    format!(
        "已添加上级账号 {login}，可查看：{}。请把登录地址和密码当面交给本人。",
        district.unwrap_or(ALL_DISTRICTS)
    )
}

pub const OFFICE_NEEDS_DISTRICT: &str =
    "请用 --district 指定党委（例如 --district 城关区委老干部局），或用 --all-districts 允许查看全部。";
pub const OFFICE_SHORT_PASSWORD: &str = "密码太短：请至少用10个字符（从标准输入读入一行）。";
pub const OFFICE_BAD_LOGIN: &str = "账号只能用字母、数字和 _ - . @，最长64个字符。";
pub const OFFICE_NO_PASSWORD: &str =
    "没有读到密码：请从标准输入给一行密码，例如 echo '……' | zhibu office add wang --district 某党委。";

pub fn office_removed(login: &str) -> String {
    format!("已停用上级账号 {login}，其登录已全部失效。")
}

pub fn no_such_office_user(login: &str) -> String {
    format!("没有上级账号 {login}（见 zhibu office list）。")
}

pub fn office_line(login: &str, district: Option<&str>) -> String {
    format!("{login}\t{}", district.unwrap_or(ALL_DISTRICTS))
}

pub fn district_set(branch: i64, district: Option<&str>) -> String {
    match district {
        Some(d) => format!("支部 {branch} 已归入：{d}"),
        None => format!("支部 {branch} 已不归属任何党委"),
    }
}

pub fn districts_imported(n: usize) -> String {
    format!("已导入{n}个支部的所属党委。")
}

pub fn district_row_unreadable(line: usize, why: &str) -> String {
    format!("第{line}行读不懂：{why}。每行应为：支部编号,党委（第一行可为表头），没有导入任何一行。")
}

pub fn district_row_not_a_number(line: usize, cell: &str) -> String {
    district_row_unreadable(line, &format!("“{cell}”不是支部编号"))
}

pub fn district_row_no_district(line: usize) -> String {
    district_row_unreadable(line, "没有党委名称")
}

pub fn district_row_unknown_branch(line: usize, branch: i64) -> String {
    format!("第{line}行：没有编号为 {branch} 的支部（见 zhibu branch list），没有导入任何一行。")
}
