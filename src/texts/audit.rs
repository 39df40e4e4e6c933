//! The audit log in words (/audit): who did what, when — newest first.

use crate::domain::audit_action::AuditAction;

/// Who acted, as the audit log tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A member of the branch, by name.
    Person(String),
    /// Someone on Telegram who is not (or no longer) in the roster.
    SomeoneOnTelegram,
    Cli,
    System,
}

pub const ONLY_SECRETARY: &str = "操作记录只给支部书记查看。请支部书记发送 /audit。";
pub const EMPTY: &str = "还没有管理操作的记录。";

fn who(who: &Who) -> &str {
    match who {
        Who::Person(name) => name,
        Who::SomeoneOnTelegram => "花名册以外的人",
        Who::Cli => "管理员（命令行）",
        Who::System => "系统",
    }
}

/// An action code of the audit log in words; a code this build does not know is shown as is.
pub fn action(code: &str) -> String {
    match AuditAction::from_code(code) {
        Some(action) => words(action).to_owned(),
        None => format!("其他操作（{code}）"),
    }
}

/// Every action in words: the match is exhaustive, so a new action cannot go without them.
pub fn words(action: AuditAction) -> &'static str {
    use AuditAction as A;
    match action {
        A::BranchCreate => "建立支部",
        A::BranchDistrict => "设置支部所属党委",
        A::BranchDistrictsImport => "导入支部所属党委",
        A::BindSecretary => "书记绑定",
        A::BindMemberLink => "党员用专用链接绑定",
        A::BindMemberPhone => "党员用手机号绑定",
        A::BindContact => "联系人绑定",
        A::BindGroup => "绑定支部群",
        A::UnbindGroup => "解除绑定支部群",
        A::GroupMigrated => "支部群升级",
        A::CodeMember | A::CodeContact | A::CodeSecretary => "生成绑定链接",
        A::RoleGrant => "授权支委",
        A::RoleRevoke => "取消授权",
        A::HealthRequest => "登记健康状况（请本人同意）",
        A::HealthConsent => "同意登记健康状况",
        A::HealthRefuse => "不同意登记健康状况",
        A::HealthWithdraw => "撤回健康状况登记的同意",
        A::ErasureRequest => "申请删除个人信息",
        A::MeetingCreate => "召开会议",
        A::MeetingCancel => "取消会议",
        A::MeetingReschedule => "会议改期",
        A::MeetingClose => "结束会议",
        A::MeetingConfirmPresent => "确认到会",
        A::MeetingCorrect => "更正会议记录",
        A::MeetingKindRule => "修改会议类型规则",
        A::LeaveFor => "代党员登记请假",
        A::MakeupRecord => "代党员登记补学/送学上门",
        A::VisitRecord => "登记走访慰问",
        A::RecordGrace => "修改记录更正期限",
        A::RecordExport => "导出会议记录",
        A::RecordFetch => "重新查看会议记录",
        A::RosterImport => "导入花名册",
        A::MemberAdd => "添加党员",
        A::MemberEdit => "修改党员信息",
        A::MemberForget => "删除党员个人信息",
        A::MemberStanding => "修改党员状态",
        A::ScheduleCreate => "安排定时提醒",
        A::ScheduleStop => "停止定时安排",
        A::BriefingSend => "发情况通报",
        A::BriefingSchedule => "定时发情况通报",
        A::BriefingCancel => "停止定时的情况通报",
        A::StudyPush => "私信补学材料",
        A::TermSet => "设置支委任期",
        A::HandoverOffer => "提议交接书记",
        A::HandoverAccept => "接任书记",
        A::HandoverDecline => "不接任书记",
        A::NoteReply => "回复党员留言",
        A::SettingsQuietHours => "修改勿扰时段",
        A::SettingsHolidays => "修改节假日设置",
        A::SettingsDaysOff => "修改本支部放假日期",
        A::SettingsThemeDay => "设置主题党日",
        A::SettingsAnswerConfirmation => "设置回复确认方式",
        A::OfficeAdd => "添加老干部局账号",
        A::OfficeRemove => "删除老干部局账号",
        A::OfficeLogin => "上级账号用密码登录",
        A::OfficeLoginLink => "通过Telegram链接登录",
        A::OfficeLinkSent => "通过Telegram发送登录链接",
        A::OfficeLinkNotSent => "通过Telegram发送登录链接（未发出）",
        A::OfficeTelegram => "上级账号绑定Telegram",
        A::OfficeLoginFailed => "工作台登录失败",
        A::OfficeLoginThrottled => "工作台登录尝试过多",
        A::OfficeLogout => "退出工作台",
        A::OfficeExport => "工作台导出会议记录",
    }
}

/// The longest detail shown, in characters; the rest is cut with "…".
const DETAIL_CHARS: usize = 30;

/// 11月24日 10:05 王建国：召开会议（#3 支部党员大会 学习全会精神）
pub fn line(when: &str, by: &Who, code: &str, detail: &str) -> String {
    let detail = detail.trim();
    let detail = if detail.chars().count() > DETAIL_CHARS {
        format!("{}…", detail.chars().take(DETAIL_CHARS).collect::<String>())
    } else {
        detail.to_owned()
    };
    let action = action(code);
    if detail.is_empty() {
        format!("{when} {}：{action}", who(by))
    } else {
        format!("{when} {}：{action}（{detail}）", who(by))
    }
}

pub fn heading(shown: usize) -> String {
    format!("最近{shown}条管理操作（最新的在前）：")
}

pub fn older_heading(shown: usize) -> String {
    format!("更早的{shown}条管理操作（最新的在前）：")
}

pub const BUTTON_OLDER: &str = "更早的记录";
pub const NO_OLDER: &str = "没有更早的管理操作记录了。";

/// 11月24日 10:05
pub fn when<D: chrono::Datelike + chrono::Timelike>(at: &D) -> String {
    format!("{}月{}日 {:02}:{:02}", at.month(), at.day(), at.hour(), at.minute())
}
