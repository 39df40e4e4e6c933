//! Sentences for secretaries' administrative commands: links, powers, the roster in chat.

pub fn member_link(name: &str, link: &str) -> String {
    format!("请把这个链接发给{name}同志，点开就能绑定（只能用一次）：\n{link}")
}

pub fn contact_link(name: &str, link: &str) -> String {
    format!("请把这个链接发给{name}同志的联系人（家属），点开后就能替他回复和学习（只能用一次）：\n{link}")
}

pub fn code_without_link(code: &str) -> String {
    format!("绑定码：{code}\n请对方私聊我，发送 /start {code}")
}

pub fn no_such_member(name: &str) -> String {
    format!(
        "花名册里没有找到“{name}”。请检查姓名；如是新党员，可把最新的花名册（Excel 或 CSV 文件）直接发给我，或发送 /member add 姓名 手机号 添加。"
    )
}

pub fn which_member(name: &str, choices: &[String]) -> String {
    format!(
        "花名册里有{}位“{name}”。请在姓名后面加上手机尾号或出生年份，例如：{}",
        choices.len(),
        choices.join("；")
    )
}

pub fn name_needed(command: &str) -> String {
    format!("请在命令后面写上姓名，例如：/{command} 王建国")
}

pub fn granted(name: &str) -> String {
    format!("已授权{name}同志使用支部管理功能。")
}

pub fn you_were_granted(branch: &str) -> String {
    format!("支部书记已授权您使用“{branch}”的管理功能。发送 /help 查看可用命令。")
}

pub fn revoked(name: &str) -> String {
    format!("已取消{name}同志的管理权限。")
}

pub fn not_granted(name: &str) -> String {
    format!("{name}同志原本就没有管理权限。")
}

pub fn not_bound_yet(name: &str) -> String {
    format!("{name}同志还没有绑定 Telegram。请先用 /link {name} 生成绑定链接发给他，绑定后再授权。")
}

pub const ONLY_SECRETARY_GRANTS: &str = "只有支部书记可以授权或取消授权。";

pub fn roster_header(branch: &str, total: usize, bound: usize) -> String {
    format!("“{branch}”花名册：共{total}人，已绑定{bound}人。")
}

pub fn roster_line(index: usize, name: &str, membership: &str, bound: bool) -> String {
    let status = if bound { "已绑定" } else { "未绑定" };
    format!("{index}. {name}（{membership}）{status}")
}

pub const HEALTH_USAGE: &str =
    "请这样写：/health 姓名 健康情况，例如：/health 张德明 行动不便。只写姓名则查看已登记的情况。";

pub fn health_consent_request(member: &str, note: &str) -> String {
    format!(
        "{member}同志，您好。支部书记想登记您的健康情况：“{note}”，以便安排送学上门等照顾。\n\
         这属于敏感个人信息，只有支部书记能看到，不会发到群里，您可以随时要求删除。您同意登记吗？"
    )
}

pub const BUTTON_CONSENT_YES: &str = "同意";
pub const BUTTON_CONSENT_NO: &str = "不同意";

pub fn health_consent_asked(member: &str) -> String {
    format!("已请{member}同志（或其联系人）确认是否同意登记。对方同意后才会保存。")
}

pub fn health_consent_unreachable(member: &str) -> String {
    format!("{member}同志本人还没有绑定 Telegram，无法征求本人同意，健康情况暂不登记。")
}

pub fn health_consented(member: &str) -> String {
    format!("{member}同志已同意，健康情况已登记。")
}

pub fn health_refused(member: &str) -> String {
    format!("{member}同志不同意登记健康情况，已删除这条内容。")
}

pub const HEALTH_THANKS_YES: &str = "谢谢，已登记。只有支部书记能看到。";
pub const HEALTH_THANKS_NO: &str = "好的，不登记。这条内容已删除。";
pub const HEALTH_REQUEST_GONE: &str = "这条登记请求已经处理过了。";
/// A tap on a health consent button by anyone but the member.
pub const HEALTH_ONLY_THE_MEMBER: &str = "健康情况只能由党员本人决定是否登记，谢谢关心。";
/// What stands in the stored update for a health note that awaits the member's consent.
pub const HEALTH_NOTE_WITHHELD: &str = "（健康情况，须本人同意才登记）";

pub fn health_shown(member: &str, note: &str) -> String {
    format!("{member}同志的健康情况（本人已同意登记）：{note}")
}

pub fn health_none(member: &str) -> String {
    format!("{member}同志没有已同意登记的健康情况。")
}
