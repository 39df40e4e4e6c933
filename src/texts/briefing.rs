//! Sentences about briefings (情况通报): the preview, the notice, 收到, reminders, the report.

use crate::domain::briefing_report::Report;

pub const BUTTON_SEND: &str = "发送";
pub const BUTTON_LATER: &str = "定时";
pub const BUTTON_CANCEL: &str = "取消";
pub const BUTTON_RECEIVED: &str = "收到";

/// Shown in a delivery report for the branch group's own message.
pub const THE_GROUP: &str = "支部群";

pub const BRIEF_USAGE: &str = "请在命令后面写上通报内容，例如：/brief 本周六上午组织参观红色教育基地，自愿参加。\n\
    注意：情况通报只发公开的通知和摘要，内部文件请不要通过机器人发送。";

pub const LOOKS_CONFIDENTIAL: &str = "情况通报只能发公开的通知和摘要。这段内容里有“机密”“内部文件”之类的字样，像是内部文件，我没有发送。请改写成可以公开的摘要再发。";

pub fn preview(body: &str) -> String {
    format!(
        "请确认情况通报：\n\n{body}\n\n将发到支部群，并私信发给每位已绑定的同志。点【发送】立即发送，点【定时】选择时间。"
    )
}

pub const ASK_WHEN: &str =
    "请回复发送时间，例如：明天上午9点、12月5日下午3点，或者 每周一上午9点（每周重复）。";

pub const WHEN_PAST: &str = "这个时间已经过去了，请回复一个以后的时间，例如：明天上午9点。";

pub const WHEN_NOT_UNDERSTOOD: &str =
    "抱歉，没看懂这个时间。请写成：明天上午9点、12月5日下午3点，或者 每周一上午9点。";

pub fn notice(body: &str) -> String {
    format!("【情况通报】\n{body}\n看完请点【收到】，或直接回复“收到”。")
}

pub fn reminder(name: &str, body: &str) -> String {
    format!("{name}同志，您好！这条情况通报您可能还没看到：\n{body}\n看完请点【收到】，或回复“收到”。")
}

pub fn queued(members: usize) -> String {
    format!("情况通报已发出：支部群和{members}位已绑定的同志。发送 /brief_report 查看送达和收到情况。")
}

pub fn queued_later(members: usize, when: &str) -> String {
    format!(
        "情况通报将在{when}发出（晚上和午休时间不打扰大家）：支部群和{members}位已绑定的同志。\
         发送 /brief_report 查看送达和收到情况。"
    )
}

pub fn scheduled_once(when: &str) -> String {
    format!("好的，情况通报将在{when}发出。")
}

pub fn scheduled_recurring(summary: &str) -> String {
    format!("好的，这条情况通报将{summary}发出。")
}

pub fn received(name: &str) -> String {
    format!("已记录：{name}同志已收到通报，谢谢。")
}

pub fn already_received(name: &str) -> String {
    format!("{name}同志，您已经点过收到了，谢谢。")
}

pub const NOT_A_MEMBER: &str = "这是本支部的通报，您不在本支部的花名册里。";
pub const GONE: &str = "这条通报已经不存在了。";
pub const NO_BRIEFING: &str = "还没有发过情况通报。";

/// Why a delivery failed, in words a secretary understands.
pub fn failure_reason(error: &str) -> &'static str {
    let e = error.to_ascii_lowercase();
    if e.contains("blocked") {
        "已屏蔽机器人"
    } else if e.contains("initiate") || e.contains("chat not found") {
        "还没有私聊过机器人"
    } else if e.contains("deactivated") {
        "账号已注销"
    } else if e.contains("kicked") {
        "机器人已被移出群"
    } else if e.contains("interrupted") || e.contains("unknown") {
        "发送中断，不确定是否送达"
    } else {
        "发送失败"
    }
}

pub fn report(r: &Report) -> String {
    let mut lines = vec![format!("情况通报送达情况：\n{}", r.body), format!("已送达：{}", r.delivered)];
    if r.waiting > 0 {
        lines.push(format!("等待发送：{}（静默时段过后发出）", r.waiting));
    }
    if !r.failed.is_empty() {
        let who: Vec<String> =
            r.failed.iter().map(|(n, e)| format!("{n}（{}）", failure_reason(e))).collect();
        lines.push(format!("未送达：{}", who.join("、")));
    }
    if !r.uncertain.is_empty() {
        lines.push(format!("发送中断、不确定是否送达（请勿重发，可电话确认）：{}", r.uncertain.join("、")));
    }
    let list = |names: &[String]| if names.is_empty() { "无".to_owned() } else { names.join("、") };
    lines.push(format!("已收到（{}人）：{}", r.acknowledged.len(), list(&r.acknowledged)));
    lines.push(format!("未收到（{}人）：{}", r.not_acknowledged.len(), list(&r.not_acknowledged)));
    if !r.unbound.is_empty() {
        lines.push(format!("未绑定、需电话或上门告知（{}人）：{}", r.unbound.len(), r.unbound.join("、")));
    }
    lines.join("\n")
}
