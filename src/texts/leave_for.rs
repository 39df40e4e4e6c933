//! Sentences of `/leave`: a leave a member phoned in, recorded by the secretary.

/// Who gave the leave, when the secretary is not in the roster themself.
pub const SECRETARY: &str = "支部书记";

pub const USAGE: &str = "请这样写：/leave 姓名 原因，例如：/leave 李秀英 住院。\n\
    有几个未结束的会议时，可以在前面写会议编号：/leave 12 李秀英 住院";

/// Confirmed to the secretary.
pub fn recorded(member: &str, reason: Option<&str>, when: &str, kind: &str) -> String {
    let reason = reason.map(|r| format!("（{r}）")).unwrap_or_default();
    format!("已记录：{member}同志请假{reason}，{when}的{kind}。")
}

/// Told to the member privately, when they use the bot.
pub fn told_member(member: &str, reason: Option<&str>, when: &str, kind: &str) -> String {
    let reason = reason.map(|r| format!("（{r}）")).unwrap_or_default();
    format!("{member}同志，书记已为您登记请假{reason}：{when}的{kind}。如有变化，请告诉书记。")
}

pub fn already(member: &str) -> String {
    format!("{member}同志的请假已经登记过了。")
}

pub fn not_expected(member: &str) -> String {
    format!("{member}同志不在这次会议的应到名单中，不用请假。")
}

pub fn choose_meeting(member: &str) -> String {
    format!("有几个未结束的会议。请点一下{member}同志要请假的会议：")
}

pub fn choose_namesake(typed: &str) -> String {
    format!("花名册里有几位“{typed}”，请点要请假的那一位：")
}

pub fn choose_nearest(typed: &str) -> String {
    format!("花名册中没有“{typed}”。您要登记的是下面哪一位？请点一下：")
}

pub fn nobody(typed: &str) -> String {
    format!("花名册中没有找到“{typed}”，请检查姓名后重新发送 /leave 姓名 原因。")
}

/// A namesake's button: the name and what tells them apart.
pub fn namesake_label(name: &str, phone: Option<&str>, birth: Option<&str>) -> String {
    match (phone, birth) {
        (Some(p), _) => format!("{name}（尾号{}）", &p[p.len().saturating_sub(4)..]),
        (None, Some(b)) => format!("{name}（{}年生）", &b[..4.min(b.len())]),
        (None, None) => name.to_owned(),
    }
}
