//! Sentences of the meeting record's corrections (更正记录) and of members' standing: what the
//! secretary reads when correcting a closed record, and what the record prints about it.

use crate::domain::meeting::{Answer, Entry, Mode, RecordCorrection, Vote};

/// Where an erased member's name stood in past records.
pub const ERASED_NAME: &str = "已删除的党员";
/// What stands in for a forgotten member's phone number wherever text keeps its place.
pub const ERASED_PHONE: &str = "已删除的手机号";
/// What replaces free text written about a forgotten member (views, visit notes) where the chat echoed it.
pub const ERASED_TEXT: &str = "（已删除）";
pub const NOT_FILLED: &str = "未填写";
pub const CORRECTIONS: &str = "更正记录";
pub const CLOSED: &str = "已结束";
pub const OPEN: &str = "重新开启";
pub const OBSERVER: &str = "列席";
pub const NOT_OBSERVER: &str = "不是列席人员";
/// Who corrected, when it was done on the server's command line.
pub const CLI_ACTOR: &str = "管理员（命令行）";
/// Who corrected, when the secretary's own name is not in the roster.
pub const SECRETARY_ACTOR: &str = "支部书记";

pub const USAGE: &str = "更正会议记录的写法（会议编号可以省略，省略时是最近结束的会议）：\n\
    /correct 12 到会 张德明 （可加“线上”或“送学”）\n\
    /correct 12 原因 朱海涛 住院\n\
    /correct 12 取消列席 李书记\n\
    /correct 12 主持人 王建国\n\
    /correct 12 记录人 李秀英\n\
    /correct 12 决议 会议内容和决议\n\
    /correct 12 表决 赞成21 反对0 弃权1\n\
    /correct 12 重新开启";
pub const VOTE_USAGE: &str = "表决请写三个数：赞成、反对、弃权，例如：/correct 12 表决 21 0 1";
pub const NO_CLOSED_MEETING: &str = "还没有已结束的会议，没有会议记录可以更正。";
pub const ONLY_SECRETARY: &str = "只有支部书记可以更正会议记录。请联系支部书记。";
pub const UNCHANGED: &str = "记录里已经是这样了，没有改动。";
pub const NOT_CLOSED: &str = "这次会议还没有结束，还没有会议记录可以更正。到会请用 /present 姓名 登记。";
pub const ALREADY_OPEN: &str = "这次会议已经是开启状态。改好后请用 /close_meeting 结束会议。";

pub fn no_such_meeting(id: i64) -> String {
    format!("没有找到编号为{id}的会议。请核对会议编号。")
}

pub fn past_grace(days: i64) -> String {
    format!(
        "这次会议结束已超过{days}天，会议记录已经存档，不能在这里更正了。\
         如确需更正，请在支委会上说明情况，并请系统管理员用命令行更正（会留下更正记录）。"
    )
}

pub fn no_member(name: &str) -> String {
    format!("花名册中没有“{name}”。请核对姓名后再试。")
}

pub fn not_expected(name: &str) -> String {
    format!("{name}同志不在这次会议的应到名单中，不能登记到会。如是列席人员，会议结束前可用 /present 登记。")
}

pub fn already_present(name: &str) -> String {
    format!("记录里{name}同志已经到会了，不用再登记。")
}

pub fn was_present(name: &str) -> String {
    format!("记录里{name}同志已经到会，不需要填写请假或缺席原因。")
}

pub fn no_such_observer(name: &str) -> String {
    format!("列席名单里没有“{name}”。请核对名字后再试。")
}

pub fn reopened(kind: &str) -> String {
    format!(
        "已重新开启{kind}。可以用 /present 姓名 登记到会，改好后请再用 /close_meeting 结束会议，\
         会议记录会重新生成并发给您。"
    )
}

/// "已更正：张德明 缺席 → 到会（现场）。"
pub fn corrected(c: &RecordCorrection) -> String {
    format!("已更正{}：{}。这次更正会写在会议记录的“更正记录”里。", what(&c.what), change(c))
}

fn change(c: &RecordCorrection) -> String {
    let subject = if c.subject.is_empty() { String::new() } else { format!("{} ", c.subject) };
    format!("{subject}{} → {}", c.before_text, c.after_text)
}

/// One line of the record's 更正记录: "2026年12月6日 10:00 王建国 更正到会：张德明 缺席 → 到会（现场）".
pub fn correction_line(at: &str, c: &RecordCorrection) -> String {
    if c.what == "reopen" {
        return format!("{at} {} 重新开启会议", c.actor_name);
    }
    format!("{at} {} 更正{}：{}", c.actor_name, what(&c.what), change(c))
}

fn what(code: &str) -> &'static str {
    match code {
        "present" => "到会",
        "leave_reason" => "请假原因",
        "absent_reason" => "缺席原因",
        "observer" => "列席",
        "host" => "主持人",
        "recorder" => "记录人",
        "resolution" => "内容/决议",
        "votes" => "表决",
        _ => "会议状态",
    }
}

/// "到会（线上）"
pub fn present(mode: Mode) -> String {
    format!("到会（{}）", mode.name_cn())
}

/// What the record said of a member: 到会, 请假, 缺席.
pub fn state(e: &Entry) -> &'static str {
    match (&e.present, &e.answer) {
        (Some(_), _) => "到会",
        (None, Some(Answer::Leave { .. })) => "请假",
        (None, _) => "缺席",
    }
}

/// "赞成21票，反对0票，弃权1票"
pub fn vote(v: Vote) -> String {
    format!("赞成{}票，反对{}票，弃权{}票", v.yes, v.no, v.abstain)
}
