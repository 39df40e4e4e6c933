//! Every slash command in one table: its name, who may use it, its line in the command menu
//! Telegram shows (setMyCommands) and its line in the administrators' help. The `Command` enum in
//! `chat/commands.rs` is checked against this table by its tests.
//!
//! To add a command: a variant in `Command`, a row here (menu and help lines in Chinese).

/// Who may use a command, and so which menu shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Anyone, in a private chat.
    Everyone,
    /// A branch's secretary or committee, in their private chat.
    Admins,
    /// Anyone, in the branch's group (not in a menu).
    Group,
}

/// A command's line in the administrators' help: a line of its own, or the end of the line above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLine {
    Own(&'static str),
    SameAsAbove(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct CommandText {
    pub name: &'static str,
    pub who: Who,
    /// The menu's description; `None` keeps it out of the menus.
    pub menu: Option<&'static str>,
    /// What follows `/name ` in the administrators' help.
    pub help: Option<HelpLine>,
}

const fn admin(name: &'static str, menu: &'static str, help: HelpLine) -> CommandText {
    CommandText { name, who: Who::Admins, menu: Some(menu), help: Some(help) }
}

use HelpLine::{Own, SameAsAbove};

pub const COMMANDS: &[CommandText] = &[
    CommandText {
        name: "start", who: Who::Everyone, menu: Some("开始使用 / 绑定手机号"), help: None
    },
    CommandText { name: "help", who: Who::Everyone, menu: Some("使用帮助"), help: None },
    CommandText { name: "bind", who: Who::Group, menu: None, help: None },
    CommandText { name: "unbind", who: Who::Group, menu: None, help: None },
    admin("members", "查看花名册和绑定情况", Own("查看花名册和绑定情况")),
    admin("link", "生成党员专用绑定链接：/link 姓名", Own("姓名 生成该党员的专用绑定链接")),
    admin("contact", "生成联系人代答绑定链接：/contact 姓名", Own("姓名 生成联系人（家属）的代答绑定链接")),
    admin("grant", "授权支委使用管理功能：/grant 姓名", Own("姓名 授权支委使用管理功能")),
    admin("revoke", "取消授权：/revoke 姓名", Own("姓名 取消授权")),
    admin(
        "health",
        "登记健康状况（需本人同意）：/health 姓名 内容",
        Own("姓名 内容 登记健康状况（需本人同意）"),
    ),
    admin(
        "remind",
        "安排学习提醒：/remind 每周三上午9点 学习内容",
        Own("每周三上午9点 学习内容 安排学习提醒"),
    ),
    admin("schedules", "查看和停止定时安排", Own("查看和停止定时安排")),
    admin("study_status", "查看谁还没有学习", Own("查看谁还没有学习")),
    admin("study_push", "把学习材料私信发给未学习的同志", SameAsAbove("私信补学材料")),
    admin("brief", "发情况通报：/brief 通报内容", Own("通报内容 发情况通报")),
    admin("brief_report", "查看情况通报的送达和收到情况", SameAsAbove("查看送达和收到情况")),
    admin(
        "term",
        "设置支委任期开始日期：/term 2024-03-01",
        Own("2024-03-01 设置支委任期开始日期（换届提醒）"),
    ),
    admin(
        "meeting",
        "召开会议：/meeting 党员大会 12月5日上午9点 地点 议题",
        Own("会议类型 时间 地点 议题 召开会议并发通知"),
    ),
    admin("cancel_meeting", "取消会议", Own("取消会议")),
    admin("reschedule", "会议改期：/reschedule 新时间", SameAsAbove("新时间 会议改期")),
    admin("close_meeting", "结束会议，生成会议记录", Own("结束会议并生成记录")),
    admin("present", "登记到会：/present 姓名", SameAsAbove("姓名 登记到会")),
    admin(
        "leave",
        "代党员登记请假：/leave 姓名 原因",
        Own("姓名 原因 登记党员打电话来的请假（有几个会议时先写会议编号）"),
    ),
    admin("report", "查看三会一课完成情况", Own("查看三会一课完成情况")),
    admin(
        "correct",
        "更正会议记录：/correct 会议编号 到会 姓名",
        Own("会议编号 到会 姓名 更正会议记录（结束后7天内，书记使用；只写 /correct 查看写法）"),
    ),
    admin(
        "member",
        "修改一位党员：/member 姓名 电话 手机号",
        Own(
            "姓名 电话/党小组/联系人 新内容，或 姓名 去世/转出/转正/停止党籍 日期：修改一位党员；/member add 姓名 手机号 党小组：添加党员",
        ),
    ),
    admin(
        "committee",
        "设定支委会成员：/committee 姓名 姓名",
        Own("姓名 姓名… 设定支委会成员（支委会到会人数按此计算，与管理权限无关）"),
    ),
    admin(
        "handover",
        "把书记职务交给接任者：/handover 姓名",
        Own("姓名 把书记职务交给接任者（对方在私聊里确认后生效）"),
    ),
    admin(
        "export",
        "导出三会一课记录：/export 本季度",
        Own("时间段 导出三会一课记录（如 本季度、上个月、今年、10月到12月）"),
    ),
    admin("record", "重新查看以前的会议记录", SameAsAbove("重新查看以前的会议记录")),
    admin("audit", "查看最近的管理操作记录", Own("查看最近20条管理操作记录")),
    admin("settings", "查看勿扰时段和放假日", Own("查看勿扰时段和放假日")),
    admin("quiet", "设置勿扰时段：/quiet 21点到8点", SameAsAbove("21点到8点 设置勿扰时段")),
    admin(
        "holiday",
        "设置放假不发消息的日子：/holiday 12月24日到12月26日",
        SameAsAbove("12月24日到12月26日 设置放假日"),
    ),
    admin("frequency", "设置会议次数：/frequency 党课 每季度1次", SameAsAbove("党课 每季度1次 设置会议次数")),
    admin(
        "themeday",
        "设置主题党日：/themeday 每月第一个星期五",
        SameAsAbove("每月第一个星期五 设置主题党日（遇节假日自动调整）"),
    ),
    admin(
        "confirm",
        "党员在群里回复后是否再发私信确认：/confirm 群内 或 /confirm 私信",
        SameAsAbove("群内/私信 党员在群里回复后是否再发私信确认"),
    ),
    admin("branch", "管理多个支部时，选择命令用于哪个支部", Own("管理多个支部时，选择命令用于哪个支部")),
    admin(
        "makeup",
        "代党员登记补学或送学上门：/makeup 姓名 送学上门 日期 走访人",
        Own("姓名 补学/送学上门 日期 走访人 意见：… 登记补学或送学上门（默认补最近一次缺席或请假的会议）"),
    ),
    admin(
        "visit",
        "登记走访慰问：/visit 姓名 日期 走访人 情况：…",
        Own("姓名 日期 走访人 情况：… 登记走访慰问（关怀提醒下也可以点【已走访】）"),
    ),
];

/// The menu everyone sees in a private chat: members need none of these commands, but /start
/// and /help are where a newcomer begins.
pub const EVERYONE: Who = Who::Everyone;
/// The menu a secretary or committee member sees in their private chat with the bot.
pub const ADMINS: Who = Who::Admins;

/// /help's description at the end of the administrators' menu.
const ADMIN_MENU_HELP: &str = "查看全部命令";
const ADMIN_HELP_HEAD: &str = "书记和支委可以使用这些命令（在和我的私聊中）：";
const ADMIN_HELP_TAIL: &str = "把花名册（Excel 或 CSV 文件）直接发给我，就能看到变化并导入。\n\
                               在支部群里发送 /bind 可以绑定支部群。";

/// The (command, description) pairs of one menu.
pub fn menu(who: Who) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = COMMANDS
        .iter()
        .filter(|c| c.who == who)
        .filter_map(|c| c.menu.map(|d| (c.name.to_owned(), d.to_owned())))
        .collect();
    if who == Who::Admins {
        entries.push(("help".to_owned(), ADMIN_MENU_HELP.to_owned()));
    }
    entries
}

/// The administrators' part of /help.
pub fn admin_help() -> String {
    let mut lines = vec![ADMIN_HELP_HEAD.to_owned()];
    for c in COMMANDS {
        match c.help {
            Some(Own(text)) => lines.push(format!("/{} {text}", c.name)),
            Some(SameAsAbove(text)) => {
                if let Some(last) = lines.last_mut() {
                    last.push_str(&format!("；/{} {text}", c.name));
                }
            }
            None => {}
        }
    }
    lines.push(ADMIN_HELP_TAIL.to_owned());
    lines.join("\n")
}
