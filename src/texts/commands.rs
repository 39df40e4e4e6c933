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
    ("remind", "安排学习提醒：/remind 每周三上午9点 学习内容"),
    ("schedules", "查看和停止定时安排"),
    ("study_status", "查看谁还没有学习"),
    ("study_push", "把学习材料私信发给未学习的同志"),
    ("brief", "发情况通报：/brief 通报内容"),
    ("brief_report", "查看情况通报的送达和收到情况"),
    ("term", "设置支委任期开始日期：/term 2024-03-01"),
    ("meeting", "召开会议：/meeting 党员大会 12月5日上午9点 地点 议题"),
    ("cancel_meeting", "取消会议"),
    ("reschedule", "会议改期：/reschedule 新时间"),
    ("close_meeting", "结束会议，生成会议记录"),
    ("present", "登记到会：/present 姓名"),
    ("report", "查看三会一课完成情况"),
    ("correct", "更正会议记录：/correct 会议编号 到会 姓名"),
    ("help", "查看全部命令"),
];

pub fn menu(entries: &[(&str, &str)]) -> Vec<(String, String)> {
    entries.iter().map(|(c, d)| ((*c).to_owned(), (*d).to_owned())).collect()
}
