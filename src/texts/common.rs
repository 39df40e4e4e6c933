//! Sentences used across features: apologies, refusals, help, the member keyboard's labels.

use chrono::{DateTime, Timelike};
use chrono_tz::Tz;

use crate::domain::when_phrase::{date_in_words, time_of_day_cn};

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

/// When a held message goes, said at `now`: "今天下午2点半", "明天上午8点", or the date in words.
pub fn later_at(at: DateTime<Tz>, now: DateTime<Tz>) -> String {
    let time = time_of_day_cn(at.hour(), at.minute());
    if at.date_naive() == now.date_naive() {
        format!("今天{time}")
    } else if now.date_naive().succ_opt() == Some(at.date_naive()) {
        format!("明天{time}")
    } else {
        date_in_words(at, now)
    }
}

/// To someone sending messages or taps faster than a person does (told once a minute).
pub const TOO_FAST: &str = "您发得太快了，刚才的几条机器人没有处理。请过一分钟再发，一条一条发就好。";

/// The reaction set on a member's answer in the group once it is recorded (seen at a glance; the
/// words follow privately).
pub const RECORDED_REACTION: &str = "👍";

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    use super::later_at;

    #[test]
    fn a_held_message_is_said_to_go_today_tomorrow_or_on_a_date() {
        let at = |d, h, m| Shanghai.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap();
        assert_eq!(later_at(at(20, 14, 30), at(20, 12, 10)), "今天下午2点半");
        assert_eq!(later_at(at(21, 8, 0), at(20, 20, 30)), "明天上午8点");
        assert_eq!(later_at(at(23, 8, 0), at(20, 20, 30)), "11月23日（星期一）上午8点");
    }
}
