//! Sentences about handing the secretary role to a successor (`/handover`).

pub const BUTTON_ACCEPT: &str = "接任书记";
pub const BUTTON_DECLINE: &str = "不接任";

pub const ONLY_SECRETARY_HANDS_OVER: &str = "只有支部书记本人可以交接书记职务。";

pub fn ask_successor(secretary: &str, branch: &str) -> String {
    format!(
        "{secretary}同志提议由您接任“{branch}”的支部书记，在这里管理支部的通知、会议和学习。\n\
         愿意接任请点【{BUTTON_ACCEPT}】；不接任请点【{BUTTON_DECLINE}】。"
    )
}

pub fn asked(name: &str) -> String {
    format!("已请{name}同志确认。对方在自己的私聊里点【{BUTTON_ACCEPT}】后，书记职务就交给他，我会告诉您。")
}

pub fn not_bound(name: &str) -> String {
    format!(
        "{name}同志还没有绑定，没法在他的私聊里确认。请先发送 /link {name} 把绑定链接发给他，绑定后再交接。"
    )
}

pub fn already_secretary(name: &str) -> String {
    format!("{name}同志已经是支部书记了，不用交接。")
}

pub fn you_are_secretary(branch: &str) -> String {
    format!("您已接任“{branch}”的支部书记。发送 /help 查看可用的命令。")
}

pub fn handed_over(name: &str) -> String {
    format!(
        "{name}同志已接任支部书记。您仍保留支委的管理权限，可以继续协助工作；\
         如不再需要，新书记可以发送 /revoke 加您的姓名 收回。"
    )
}

pub const YOU_DECLINED: &str = "好的，您没有接任，我已告诉书记。";

pub fn declined(name: &str) -> String {
    format!("{name}同志没有接任支部书记，书记仍是您。如需交给其他同志，请再发送 /handover 姓名。")
}

pub const GONE: &str = "这次交接已经失效了（已经答复过，或书记已另作安排），没有作任何改动。";
pub const TAP_ACCEPTED: &str = "已接任";

/// How the secretary is named to a successor when they are not on the roster themselves.
pub const SECRETARY_UNNAMED: &str = "支部书记";
