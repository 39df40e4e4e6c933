//! The command menus Telegram shows (setMyCommands), with Chinese descriptions.

/// What everyone sees in a private chat: members need none of these, but /start and /help are
/// where a newcomer begins.
pub const EVERYONE: &[(&str, &str)] = &[("start", "开始使用 / 绑定手机号"), ("help", "使用帮助")];

/// What a secretary or committee member sees in their private chat with the bot.
pub const ADMINS: &[(&str, &str)] = &[
    ("members", "查看花名册和绑定情况"),
    ("link", "生成党员专用绑定链接：/link 姓名"),
    ("contact", "生成联系人代答绑定链接：/contact 姓名"),
    ("grant", "授权支委使用管理功能：/grant 姓名"),
    ("revoke", "取消授权：/revoke 姓名"),
    ("health", "登记健康状况（需本人同意）：/health 姓名 内容"),
    ("help", "查看全部命令"),
];

pub fn menu(entries: &[(&str, &str)]) -> Vec<(String, String)> {
    entries.iter().map(|(c, d)| ((*c).to_owned(), (*d).to_owned())).collect()
}
