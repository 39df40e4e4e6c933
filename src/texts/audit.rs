//! The audit log in words (/audit): who did what, when — newest first.

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

/// An action code of the audit log in words.
pub fn action(code: &str) -> String {
    let known = match code {
        "branch.create" => "建立支部",
        "bind.secretary" => "书记绑定",
        "bind.member_link" => "党员用专用链接绑定",
        "bind.member_phone" => "党员用手机号绑定",
        "bind.contact" => "联系人绑定",
        "bind.group" => "绑定支部群",
        "unbind.group" => "解除绑定支部群",
        "group.migrated" => "支部群升级",
        "code.member" | "code.contact" | "code.secretary" => "生成绑定链接",
        "role.grant" => "授权支委",
        "role.revoke" => "取消授权",
        "health.request" => "登记健康状况（请本人同意）",
        "health.consent" => "同意登记健康状况",
        "health.refuse" => "不同意登记健康状况",
        "meeting.create" => "召开会议",
        "meeting.cancel" => "取消会议",
        "meeting.reschedule" => "会议改期",
        "meeting.close" => "结束会议",
        "meeting.confirm_present" => "确认到会",
        "meeting.correct" => "更正会议记录",
        "meeting.kind" => "修改会议类型规则",
        "record.grace" => "修改记录更正期限",
        "record.export" => "导出会议记录",
        "record.fetch" => "重新查看会议记录",
        "roster.import" => "导入花名册",
        "member.forget" => "删除党员个人信息",
        "member.standing" => "修改党员状态",
        "schedule.create" => "安排定时提醒",
        "schedule.stop" => "停止定时安排",
        "briefing.send" => "发情况通报",
        "briefing.schedule" => "定时发情况通报",
        "study.push" => "私信补学材料",
        "office.login" => "上级账号用密码登录",
        "office.login_link" => "通过Telegram链接登录",
        "office.link_sent" => "通过Telegram发送登录链接",
        "office.telegram" => "上级账号绑定Telegram",
        "term.set" => "设置支委任期",
        _ => return format!("其他操作（{code}）"),
    };
    known.to_owned()
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

/// 11月24日 10:05
pub fn when<D: chrono::Datelike + chrono::Timelike>(at: &D) -> String {
    format!("{}月{}日 {:02}:{:02}", at.month(), at.day(), at.hour(), at.minute())
}
