//! Sentences of privacy in the member's hands: what the branch holds, withdrawing consent to the
//! health note, and asking for erasure.

pub const BUTTON_WITHDRAW_HEALTH: &str = "撤回健康情况登记";
pub const BUTTON_ERASE: &str = "申请删除我的信息";
pub const BUTTON_ERASE_CONFIRM: &str = "确认申请删除";
pub const BUTTON_ERASE_KEEP: &str = "不删除";
pub const BUTTON_ERASE_DO: &str = "同意删除";

/// The consented health note, shown to the member or their contact person only.
pub fn health_line(note: &str) -> String {
    format!("健康情况（经您同意登记，只有书记和您的联系人能看到）：{note}")
}

/// How to act on it, under what the branch holds.
pub const CHOICES: &str = "如需撤回健康情况登记，或申请删除您在支部登记的个人信息，请点下面的按钮。";

pub const HEALTH_WITHDRAWN: &str = "已删除您的健康情况登记。以后如需登记，书记会再征求您的同意。";
pub const HEALTH_NONE: &str = "目前没有您的健康情况登记，不需要撤回。";

pub fn health_withdrawn_for_secretary(member: &str) -> String {
    format!("{member}同志撤回了健康情况登记的同意，这条登记已删除。")
}

pub fn erase_question(member: &str) -> String {
    format!(
        "确认要申请删除{member}同志在支部登记的个人信息吗？\n\
         删除后，姓名、手机号、留言和请假原因会从所有记录中抹去（会议记录只保留人数），\
         机器人也不再给您发通知。申请会交给支部书记办理。"
    )
}

pub const ERASE_KEPT: &str = "好的，不删除，您的信息保持不变。";

pub const ERASE_REQUESTED: &str = "已把删除申请交给支部书记，办好后我会告诉您。";

pub const ERASE_NO_SECRETARY: &str =
    "支部书记还没有用上机器人，申请暂时交不过去。请直接告诉支部书记，由管理员办理。";

pub fn erase_request_for_secretary(member: &str) -> String {
    format!(
        "【删除个人信息申请】{member}同志申请删除在支部登记的个人信息。\n\
         删除后，会议记录中的人数保留，姓名改为“已删除的党员”；花名册、手机号、留言、请假原因、\
         健康情况等都会删除。点【同意删除】立即办理。"
    )
}

pub const ERASED_TO_MEMBER: &str = "您在支部登记的个人信息已按您的要求删除。谢谢您对支部工作的支持。";

pub const ERASED_TO_SECRETARY: &str = "已按申请删除。会议记录中的人数保留，姓名已改为“已删除的党员”。";

pub const ERASE_ALREADY: &str = "这位同志的信息已经删除过了。";
