//! Every sentence of the one-time login link through Telegram: on the login page, in the bot's
//! private message, and from `zhibu office telegram`.

pub const HEADING: &str = "通过Telegram获取登录链接";
pub const EXPLAIN: &str = "输入账号，机器人会在Telegram里私信您一个登录链接：10分钟内有效，只能用一次。";
pub const BUTTON: &str = "获取登录链接";
pub const OFF: &str =
    "通过Telegram获取登录链接未开启：需要系统管理员设置看板的网址（ZHIBU_DASHBOARD_URL）。请用密码登录。";
pub const ANSWERED: &str = "如果这个账号绑定了Telegram，并且已经在Telegram里和机器人说过话，登录链接已经私信发出，\
     请在10分钟内打开。没有收到：请先在Telegram里给机器人发一条消息再试，或联系系统管理员。";
pub const TOO_MANY: &str = "获取登录链接的次数太多，请15分钟后再试，或用密码登录。";
pub const BACK_TO_LOGIN: &str = "返回登录页";

pub const CONFIRM_TITLE: &str = "用Telegram链接登录";
pub const CONFIRM: &str = "请点下面的按钮登录看板。";
pub const CONFIRM_BUTTON: &str = "登录看板";
pub const OPEN_TOO_MANY: &str = "打开无效登录链接的次数太多，请15分钟后再试，或用密码登录。";
pub const INVALID: &str =
    "这个登录链接已经用过或已过期（10分钟内有效，只能用一次）。请回到登录页重新获取，或用密码登录。";

/// The bot's private message carrying the link.
pub fn message(link: &str) -> String {
    format!(
        "您申请了支部组织生活驾驶舱的登录链接（10分钟内有效，只能用一次）：\n{link}\n\
         如果不是您本人申请的，请不要打开，并告诉系统管理员。"
    )
}

// The operator's command line.

pub fn tied(login: &str, telegram_user_id: i64) -> String {
    format!(
        "上级账号 {login} 已绑定Telegram用户 {telegram_user_id}：本人先在Telegram里给机器人发一条消息，\
         之后就能在登录页通过Telegram获取登录链接。"
    )
}

pub fn untied(login: &str) -> String {
    format!("上级账号 {login} 已解除Telegram绑定。")
}

/// `zhibu office list`'s note of an account's Telegram user.
pub fn list_suffix(telegram_user_id: Option<i64>) -> String {
    telegram_user_id.map_or_else(String::new, |id| format!("\tTelegram {id}"))
}

/// `zhibu check`'s line about the dashboard.
pub fn check_line(listen: Option<&str>, url: Option<&str>) -> String {
    match (listen, url) {
        (None, _) => "未开启（设置 ZHIBU_DASHBOARD_LISTEN 可开启）".to_owned(),
        (Some(listen), Some(url)) => format!("监听 {listen}，对外网址 {url}，可以通过Telegram获取登录链接"),
        (Some(listen), None) => format!(
            "监听 {listen}；未设置对外网址（ZHIBU_DASHBOARD_URL），不能通过Telegram获取登录链接，只能用密码登录"
        ),
    }
}

pub const CHECK_DASHBOARD: &str = "上级看板";
