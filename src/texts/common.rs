//! Sentences used across features: apologies, refusals, help, the member keyboard's labels.

/// Our fault, not theirs: a short apology; the details go to the log.
pub const SORRY_INTERNAL: &str = "抱歉，系统出了点问题，请稍后再试一次。如果一直不行，请告诉支部书记。";

/// A member (or stranger) tried a secretary's command.
pub const ONLY_ADMINS: &str =
    "抱歉，这个功能只有支部书记和支委可以使用。您只需要点按钮或直接回复文字就可以了。";

/// A command sent as an anonymous group administrator cannot be tied to a person.
pub const ANONYMOUS_ADMIN: &str =
    "您现在是以“匿名管理员”身份发言，我无法确认是哪位同志。请在群设置里关闭匿名后再发送命令，或者私聊我。";

/// An admin command that shows personal information, sent in a group.
pub const PRIVATE_ONLY: &str = "这个命令涉及个人信息，请在和我的私聊中使用。";

/// Label of the big button that shows a member what the branch has recorded about them.
pub const BUTTON_MY_INFO: &str = "我的信息";
/// Label of the big help button.
pub const BUTTON_HELP: &str = "使用帮助";

pub const MEMBER_HELP: &str = "使用方法很简单：\n\
    • 开会通知下面有【参加】【请假】按钮，点一下就行；也可以直接回复“参加”或“请假 住院”。\n\
    • 学习材料下面有【已学习】按钮，学完点一下。\n\
    • 情况通报下面有【收到】按钮，看完点一下。\n\
    有不明白的地方，请联系支部书记。";

pub const ADMIN_HELP: &str = "书记和支委可以使用这些命令（在和我的私聊中）：\n\
    /members 查看花名册和绑定情况\n\
    /link 姓名 生成该党员的专用绑定链接\n\
    /contact 姓名 生成联系人（家属）的代答绑定链接\n\
    /grant 姓名 授权支委使用管理功能\n\
    /revoke 姓名 取消授权\n\
    /health 姓名 内容 登记健康状况（需本人同意）\n\
    /remind 每周三上午9点 学习内容 安排学习提醒\n\
    /schedules 查看和停止定时安排\n\
    /study_status 查看谁还没有学习；/study_push 私信补学材料\n\
    /brief 通报内容 发情况通报；/brief_report 查看送达和收到情况\n\
    /term 2024-03-01 设置支委任期开始日期（换届提醒）\n\
    /meeting 会议类型 时间 地点 议题 召开会议并发通知\n\
    /cancel_meeting 取消会议；/reschedule 新时间 会议改期\n\
    /present 姓名 登记到会；/close_meeting 结束会议并生成记录\n\
    /report 查看三会一课完成情况\n\
    /correct 会议编号 到会 姓名 更正会议记录（结束后7天内，书记使用；只写 /correct 查看写法）\n\
    在支部群里发送 /bind 可以绑定支部群。";
