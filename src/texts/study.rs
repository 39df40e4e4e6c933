//! Sentences about study reminders (学习提醒), 已学习 and 补学.

pub const BUTTON_STUDIED: &str = "已学习";
pub const BUTTON_SUBSCRIBE: &str = "以后私信提醒我";

pub fn reminder(material: &str) -> String {
    format!("【学习提醒】\n{material}\n学完后请点【已学习】，或直接回复“已学”。")
}

pub fn make_up(material: &str) -> String {
    format!(
        "【补学提醒】\n{material}\n您还没有学习这次的材料，方便时学一学。学完后请点【已学习】，或直接回复“已学”。"
    )
}

pub fn studied(name: &str, date: &str, late: bool) -> String {
    if late {
        format!("已记录：{name}同志已补学（{date}），谢谢。")
    } else {
        format!("已记录：{name}同志已学习（{date}），谢谢。")
    }
}

pub fn already_studied(name: &str) -> String {
    format!("{name}同志，您已经学习过了，已记录，不用再点。")
}

pub const NOT_A_MEMBER: &str = "这是本支部党员的学习记录，您不在本支部的花名册里。";
pub const ROUND_GONE: &str = "这次学习已经结束了。";

pub fn subscribed(name: &str) -> String {
    format!("好的，{name}同志，以后学习材料也会私信发给您。")
}

pub const SUBSCRIBE_NOT_A_MEMBER: &str = "请先私聊我绑定手机号，才能私信发给您。";

pub const NO_ROUND: &str = "还没有发过学习提醒。可以用 /remind 每周三上午9点 学习内容 来安排。";

pub fn status(material: &str, studied: &[String], missing: &[String]) -> String {
    let done = if studied.is_empty() { "暂无".to_owned() } else { studied.join("、") };
    let not_yet = if missing.is_empty() { "无，全部学完了".to_owned() } else { missing.join("、") };
    format!(
        "最近一次学习：{material}\n已学习（{}人）：{done}\n未学习（{}人）：{not_yet}\n发送 /study_push 把材料私信发给未学习的同志。",
        studied.len(),
        missing.len()
    )
}

pub fn studied_entry(name: &str, date: &str, late: bool) -> String {
    if late { format!("{name}（{date}补学）") } else { name.to_owned() }
}

pub fn pushed(count: usize, unbound: &[String]) -> String {
    if unbound.is_empty() {
        format!("已把学习材料私信发给{count}位未学习的同志。")
    } else {
        format!(
            "已把学习材料私信发给{count}位未学习的同志。{}还没有绑定，需要送学上门或请联系人转告。",
            unbound.join("、")
        )
    }
}
