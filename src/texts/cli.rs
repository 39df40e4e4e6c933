//! What the command line prints for the operator and the secretary.

use crate::domain::member_standing::StandingChange;

pub fn branch_created(id: i64, name: &str, code: &str, link: Option<&str>) -> String {
    let mut out = format!(
        "已创建支部 #{id}“{name}”。\n书记绑定码（一次有效）：{code}\n请书记私聊机器人发送：/start {code}"
    );
    if let Some(link) = link {
        out.push_str(&format!("\n或直接点开链接：{link}"));
    }
    out
}

/// A fresh secretary code for an existing branch (`zhibu branch code`).
pub fn secretary_code(id: i64, code: &str, link: Option<&str>) -> String {
    let mut out = format!(
        "支部 #{id} 的新书记绑定码（一次有效）：{code}\n请新书记私聊机器人发送：/start {code}\n\
         绑定后新书记即有书记权限；原书记的权限不变，可由新书记发送 /revoke 姓名 收回。"
    );
    if let Some(link) = link {
        out.push_str(&format!("\n或直接点开链接：{link}"));
    }
    out
}

pub fn import_summary(added: usize, updated: usize, unchanged: usize, problems: usize) -> String {
    format!("导入完成：新增{added}人，更新{updated}人，未变{unchanged}人；需要注意的行：{problems}条。")
}

pub fn no_such_branch(id: i64) -> String {
    format!("没有编号为 {id} 的支部。可以用 zhibu branch list 查看。")
}

pub fn cannot_read_file(path: &str, reason: &str) -> String {
    format!("无法读取文件 {path}：{reason}")
}

/// The name a forgotten member keeps in past records.
pub const FORGOTTEN_NAME: &str = "（已删除）";

pub fn member_forgotten(id: i64, roles_revoked: u64) -> String {
    let roles = if roles_revoked > 0 {
        format!("已收回其全部{roles_revoked}项管理权限；")
    } else {
        String::new()
    };
    format!(
        "已删除党员 #{id} 的个人信息（姓名、手机号、所说的话和发给其的消息）；{roles}过去的会议记录中只保留匿名计数。"
    )
}

/// Said after erasure when another member's name or phone contains the forgotten one's.
pub const FORGOTTEN_NAME_SHARED: &str = "注意：另有党员的姓名或手机号与其相同（或包含其姓名），为免误删他人信息，\
     聊天记录等文字中的这一姓名或号码未作替换；其本人的记录、消息和发言已全部删除。";

pub fn no_such_member(id: i64) -> String {
    format!("没有编号为 {id} 的党员，或其个人信息已经删除。")
}

pub fn roster_line(id: i64, name: &str, membership: &str, group: &str, phone: &str, bound: bool) -> String {
    let bound = if bound { "已绑定" } else { "未绑定" };
    format!("#{id}\t{name}\t{membership}\t{group}\t{phone}\t{bound}")
}

pub fn branch_line(id: i64, name: &str, group_bound: bool) -> String {
    let group = if group_bound { "已绑定支部群" } else { "未绑定支部群" };
    format!("#{id}\t{name}\t{group}")
}

pub fn bad_kind(kind: &str) -> String {
    format!("不认识的类型“{kind}”：请写 study（学习提醒）或 briefing（情况通报）。")
}

pub const CRON_OR_PHRASE: &str = "请用 --cron \"0 0 9 * * Wed *\" 或 --phrase 每周三上午9点 给出时间。";

pub fn schedule_added(id: i64, summary: &str, next: &[String]) -> String {
    format!("已添加计划 #{id}：{summary}\n接下来三次：{}", next.join("；"))
}

pub fn window_saved(branch: i64) -> String {
    format!("已保存支部 #{branch} 的静默时段和节假日。")
}

pub fn bad_time(text: &str) -> String {
    format!("没看懂时间“{text}”：请写成 明天上午9点 或 12月5日下午3点。")
}

pub fn brief_issued(branch: i64, id: i64, when: Option<String>) -> String {
    match when {
        Some(when) => format!("支部 #{branch}：情况通报 #{id} 将在{when}发出。"),
        None => format!("支部 #{branch}：情况通报 #{id} 已排队发出（静默时段过后送达）。"),
    }
}

pub fn exported(meetings: usize, path: &str) -> String {
    format!("已导出{meetings}次会议的记录：{path}")
}

pub fn no_such_kind(word: &str) -> String {
    format!("“{word}”不是会议类型。可以写：党员大会、支委会、党小组会、党课、主题党日、组织生活会。")
}

/// One kind's rules: 党课：每季度至少1次（计入完成情况）.
pub fn kind_line(kind: &str, period: &str, per: u32, required: bool) -> String {
    let period = match period {
        "month" => "每月",
        "quarter" => "每季度",
        _ => "每年",
    };
    let counted = if required { "计入完成情况" } else { "不计入完成情况" };
    format!("{kind}：{period}至少{per}次（{counted}）")
}

pub fn grace_set(days: u32) -> String {
    format!("已设置：会议结束后{days}天内，支部书记可以更正会议记录。")
}

pub fn no_such_status(word: &str) -> String {
    format!("“{word}”不是党员状态。可以写：正式、预备、去世、转出、停止党籍、出党。")
}

pub const JOINED_USAGE: &str = "请写加入支部的日期（例如 2026-03-10），或用 --founding 表示建支部时就在。";
pub const COMMITTEE_USAGE: &str = "请写支委职务（例如 组织委员），或用 --off 表示不再是支委。";

pub fn standing_changed(name: &str, change: &StandingChange) -> String {
    match change {
        StandingChange::Status { status, since } => {
            format!(
                "已登记：{name}同志自{}起为“{}”。",
                crate::texts::dates::full_date(since),
                status.name_cn()
            )
        }
        StandingChange::Joined(Some(day)) => {
            format!("已登记：{name}同志{}加入本支部。", crate::texts::dates::full_date(day))
        }
        StandingChange::Joined(None) => format!("已登记：{name}同志建支部时就在本支部。"),
        StandingChange::Committee(Some(post)) => format!("已登记：{name}同志为支委（{post}）。"),
        StandingChange::Committee(None) => format!("已登记：{name}同志不再是支委。"),
    }
}
