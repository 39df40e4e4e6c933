//! Sentences about binding: secretaries by code, groups by /bind, members by sharing a phone.

/// Label of the big button that shares the member's phone number.
pub const BUTTON_SHARE_PHONE: &str = "绑定手机号";

pub const WELCOME_STRANGER: &str = "您好！我是支部的组织生活助手，负责开会通知、学习提醒和情况通报。\n\
    第一次使用，请点下面的【绑定手机号】按钮，我会和支部的党员花名册核对。";

pub const WELCOME_BACK: &str =
    "您好！您已经绑定过了。开会通知和学习材料会发到这里，点按钮或直接回复文字就可以。";

pub fn member_bound(name: &str, branch: &str) -> String {
    format!(
        "绑定成功！{name}同志，您好。您是“{branch}”的党员。\n\
         以后开会通知、学习材料会发到这里和支部群里，点按钮或直接回复文字就可以，不需要打字命令。"
    )
}

pub const SHARE_YOUR_OWN_PHONE: &str = "请点下面的【绑定手机号】按钮分享您自己的手机号，不要转发别人的名片。";

pub fn phone_not_in_roster(tail: &str) -> String {
    format!(
        "抱歉，支部花名册里没有找到这个手机号（尾号{tail}）。\n\
         我已经请支部书记核对。书记也可以给您发一个专用的绑定链接，点开就能绑定。"
    )
}

pub fn secretary_unknown_phone(display_name: &str, masked_phone: &str) -> String {
    format!(
        "有人想绑定，但花名册里没有这个手机号：Telegram 用户“{display_name}”，手机号 {masked_phone}。\n\
         如果是本支部党员，请发送 /member 姓名 电话 手机号 补上手机号（或把补好的花名册文件直接发给我），或用 /link 姓名 生成专用绑定链接发给他。"
    )
}

pub const PHONE_BELONGS_TO_ANOTHER_ACCOUNT: &str =
    "这个手机号已经绑定在另一个 Telegram 账号上。如需更换账号，请联系支部书记。";

pub fn secretary_bound(branch: &str) -> String {
    format!(
        "您好！您已成为“{branch}”的支部书记。\n\
         下一步：请把我拉进支部的 Telegram 群，然后在群里发送 /bind 。\n\
         发送 /help 可以查看全部管理命令。"
    )
}

/// To a secretary (or an importer) not yet tied to their own row of the branch's roster.
pub const FIND_YOURSELF: &str =
    "您本人如果也在花名册上，请点下面的【绑定手机号】核对一下，以后的记录和操作会写上您的名字。";

/// To a former secretary when someone redeems a fresh secretary code from the operator.
pub fn secretary_replaced(new: &str, branch: &str) -> String {
    format!(
        "{new}已用上级新发的书记绑定码，成为“{branch}”的支部书记。\n\
         您的管理权限改为支委，仍可以发通知、开会。如有疑问，请联系上级党组织。"
    )
}

pub const CODE_INVALID: &str = "这个绑定链接无效或已经用过了。请向支部书记（或系统管理员）重新要一个。";

pub fn contact_bound(member_name: &str) -> String {
    format!(
        "绑定成功！您现在是{member_name}同志的联系人。\n\
         支部的开会通知和学习材料会发给您，您可以替{member_name}同志回复，记录上会注明“代答”。"
    )
}

pub fn secretary_told_contact_bound(contact: &str, member_name: &str) -> String {
    format!("{contact} 已绑定为{member_name}同志的联系人。")
}

pub fn group_bound(branch: &str) -> String {
    format!(
        "本群已绑定为“{branch}”的支部群。\n\
         开会通知、学习提醒会发在这里。各位同志点按钮或直接回复“参加”“请假”就可以。\n\
         还没有绑定的同志，请私聊我，点【绑定手机号】。"
    )
}

pub const BIND_ONLY_SECRETARY: &str = "只有本支部的书记才能绑定支部群。";

/// `/bind` in a group another branch has bound: it stays theirs.
pub fn bind_taken(owner: &str) -> String {
    format!(
        "本群已经绑定在“{owner}”，没有改动。\n\
         如确实要改为您的支部，请“{owner}”的支部书记先在本群发送 /unbind 解除绑定，您再发送 /bind 。"
    )
}

pub fn group_released(branch: &str) -> String {
    format!("本群已与“{branch}”解除绑定。其他支部的书记现在可以在本群发送 /bind 绑定。")
}

pub const UNBIND_ONLY_SECRETARY: &str = "只有本群所属支部的书记才能解除绑定。";

pub const UNBIND_IN_GROUP: &str = "请在要解除绑定的支部群里发送 /unbind 。";

pub const BIND_IN_GROUP: &str = "请在支部的 Telegram 群里发送 /bind 。";

pub const BIND_WHICH_BRANCH: &str = "您是多个支部的书记。请在群里发送 /bind 加上支部编号，例如 /bind 2 。";

pub fn group_moved(branch: &str) -> String {
    format!("本群已升级为超级群，“{branch}”的绑定已自动跟随，无需重新绑定。")
}

pub fn bot_removed_from_group(branch: &str) -> String {
    format!("我已被移出“{branch}”的支部群，群里的通知暂时发不出去。如需恢复，请把我重新拉进群并发送 /bind 。")
}
