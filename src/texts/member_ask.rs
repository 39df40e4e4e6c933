//! Sentences for what members ask and tell in private: the next meeting, a leave they ask for,
//! a message for the secretary and the secretary's reply, and the kind answer to words the bot
//! cannot place.

/// Big keyboard button: when and where the next meeting is.
pub const BUTTON_NEXT_MEETING: &str = "下次开会";
/// Big keyboard button: ask for leave from a meeting.
pub const BUTTON_ASK_LEAVE: &str = "我要请假";
/// Big keyboard button: leave a message for the secretary.
pub const BUTTON_NOTE: &str = "给书记留言";
/// Inline button under a member's message, for the secretary.
pub const BUTTON_REPLY: &str = "回复";

/// Private words the bot cannot place: never silence, the buttons instead.
pub const NOT_UNDERSTOOD: &str = "您好！这条消息我没有看懂。您可以点下面的按钮：\n\
    【下次开会】看会议的时间、地点\n【我要请假】向支部请假\n【给书记留言】把您的话转给书记";

/// The same, to an administrator who is no member: their way is the commands.
pub const NOT_UNDERSTOOD_ADMIN: &str = "这条消息我没有看懂。发送 /help 可以查看全部命令。";

/// The keyboard's buttons, tapped by someone who is neither a member nor a contact person.
pub const NOT_A_MEMBER: &str = "花名册中没有找到您，这个按钮是给党员和联系人用的。";

pub const NO_MEETING: &str = "目前还没有安排要开的会。有新的会议，我会第一时间通知您。";

pub const NO_MEETING_TO_LEAVE: &str = "目前没有要开的会，不用请假。有新的会议，我会通知您。";

pub const CHOOSE_LEAVE: &str = "请点一下要请假的会议：";

/// One upcoming meeting, with the member's own answer in words.
pub fn next_meeting(
    kind: &str,
    group: Option<&str>,
    when: &str,
    place: &str,
    topic: &str,
    answer: &str,
) -> String {
    let group = group.map(|g| format!("（{g}）")).unwrap_or_default();
    format!("【下次开会】{kind}{group}\n时间：{when}\n地点：{place}\n议题：{topic}\n您的回复：{answer}")
}

/// More meetings after the next one, each in one line.
pub fn later_meetings(lines: &[String]) -> String {
    format!("之后还有：\n{}", lines.join("\n"))
}

pub fn later_meeting_line(kind: &str, when: &str) -> String {
    format!("• {when} {kind}")
}

pub const ANSWER_NONE: &str = "还没有回复，请点下面的【参加】或【请假】";
pub const ANSWER_ATTEND: &str = "参加";

pub fn answer_leave(reason: Option<&str>) -> String {
    match reason {
        Some(r) => format!("请假（{r}）"),
        None => "请假".to_owned(),
    }
}

/// "请假 12月5日支部党员大会" on a leave button.
pub fn leave_choice(kind: &str, date: &str) -> String {
    format!("请假 {date}{kind}")
}

pub const NOTE_ASK: &str = "请直接写下您想对书记说的话，发给我就行，我会转给书记。";

pub const NOTE_NO_SECRETARY: &str = "抱歉，支部书记还没有用上机器人，留言暂时转不过去。请直接给书记打电话。";

/// Confirmed to the member once their message is on its way (or held for the quiet hours).
pub fn note_sent(later: Option<&str>) -> String {
    match later {
        Some(at) => format!("已记下您的留言。现在是休息时间，{at}转给书记。书记回复后我会告诉您。"),
        None => "已把您的留言转给书记。书记回复后我会告诉您。".to_owned(),
    }
}

/// What the secretary reads: who wrote, their words, and how to answer.
pub fn note_for_secretary(who: &str, body: &str) -> String {
    format!("【党员留言】{who}：\n{body}\n\n点下面的【回复】，可以通过机器人回复。")
}

pub fn reply_ask(member: &str) -> String {
    format!("请写下给{member}同志的回复，发给我就行。")
}

/// The member's words, shortened, so they know which message the reply answers.
pub fn reply_to_member(note: &str, reply: &str) -> String {
    let short: String = note.chars().take(20).collect();
    let more = if note.chars().count() > 20 { "…" } else { "" };
    format!("【书记回复】您的留言“{short}{more}”，书记回复：\n{reply}")
}

pub fn reply_sent(member: &str) -> String {
    format!("已把回复发给{member}同志。")
}

pub const REPLY_GONE: &str = "这条留言已经不在了（可能已按本人要求删除），回复没有发出。";
