//! Sentences about delivery: chats Telegram will not let the bot write to.

pub fn member_unreachable(name: &str) -> String {
    format!(
        "无法给{name}同志发消息：他可能屏蔽了机器人，或者还没有打开过和我的对话。\n\
         请当面或电话提醒他打开机器人、点【开始】；也可以由他的联系人代收。"
    )
}

pub fn group_unreachable(branch: &str) -> String {
    format!("无法在“{branch}”的支部群里发消息：我可能已被移出群。请把我重新拉进群并发送 /bind 。")
}
