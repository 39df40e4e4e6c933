//! What a member asks the bot in private, in their own words, rather than answers: 下次开会是什么时候
//! (the next meeting), 我的信息 / 支部登记了我什么 (what the branch holds about them).
//!
//! Interpretation choices:
//! - **Next meeting**: words about a meeting (开会, 会议, 党日, 组织生活, 党课) together with a
//!   question about when or where (什么时候, 几号, 哪天, 几点, 在哪, 地点, 时间, 安排, 下次, a
//!   question mark or 吗/呢). Words that also answer a meeting (参加, 请假, 去不了, 来不了) are an
//!   answer, not a question: they go to the meeting as before.
//! - **My information**: 我的信息 / 我的资料 / 个人信息 / 登记了我什么 — the member's right to see
//!   what the branch holds about them.
//! - **Erasure** (删除我的信息, 删除个人信息, 注销我的信息) and **withdrawing consent** to the
//!   health note (撤回同意, 撤回健康…): the member's rights, asked in words.
//! - Anything else is `None`: other features (answers, the kind fallback) take it.

use super::normalise;

/// Something a member asks the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberAsk {
    /// When and where the next meeting is, and their own answer to it.
    NextMeeting,
    /// What the branch holds about them.
    MyInfo,
    /// To have what the branch holds about them erased (asked to confirm first).
    Erasure,
    /// To withdraw their consent to the health note.
    WithdrawHealth,
}

const MEETING_WORDS: [&str; 6] = ["开会", "会议", "党日", "组织生活", "党课", "开什么会"];
const WHEN_WHERE_WORDS: [&str; 13] = [
    "什么时候",
    "啥时候",
    "几号",
    "哪天",
    "哪一天",
    "几点",
    "在哪",
    "哪里",
    "地点",
    "时间",
    "安排",
    "下次",
    "下一次",
];
const ANSWER_WORDS: [&str; 7] = ["参加", "请假", "去不了", "来不了", "不去", "不来", "到会"];
const ERASURE_WORDS: [&str; 5] =
    ["删除我的信息", "删掉我的信息", "删除个人信息", "注销我的信息", "删除我的资料"];
const WITHDRAW_WORDS: [&str; 4] = ["撤回同意", "撤销同意", "撤回健康", "不同意登记健康"];
const MY_INFO_WORDS: [&str; 6] = ["我的信息", "我的资料", "个人信息", "我的登记", "登记了我", "我的档案"];

/// What the member asks, or `None` when the words ask none of these.
pub fn member_ask(text: &str) -> Option<MemberAsk> {
    let core: String = normalise::normalise(text).chars.into_iter().collect();
    let has = |words: &[&str]| words.iter().any(|w| core.contains(w));
    if core.is_empty() || core.chars().count() > 30 {
        return None;
    }
    if has(&ERASURE_WORDS) {
        return Some(MemberAsk::Erasure);
    }
    if has(&WITHDRAW_WORDS) {
        return Some(MemberAsk::WithdrawHealth);
    }
    if has(&MY_INFO_WORDS) {
        return Some(MemberAsk::MyInfo);
    }
    let asks = has(&WHEN_WHERE_WORDS) || normalise::is_question_or_link(text);
    (has(&MEETING_WORDS) && asks && !has(&ANSWER_WORDS)).then_some(MemberAsk::NextMeeting)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_about_the_next_meeting_in_many_phrasings_ask_for_it() {
        for text in [
            "下次开会是什么时候",
            "下次开会是什么时候？",
            "请问什么时候开会",
            "啥时候开会啊",
            "开会在哪里",
            "下个月几号开会？",
            "主题党日是哪天",
            "会议地点在哪",
            "最近有会议吗？",
            "下次开会",
            "书记，下一次开会时间定了吗",
            "下次开会几点？",
        ] {
            assert_eq!(member_ask(text), Some(MemberAsk::NextMeeting), "{text}");
        }
    }

    #[test]
    fn answers_chatter_and_long_messages_ask_nothing() {
        for text in [
            "参加",
            "请假 住院",
            "下次开会我请假",
            "开会我参加",
            "下次开会去不了",
            "今天天气真好",
            "收到",
            "谢谢书记",
            "",
            "我想说一下我们小区里最近发生的事情，下次开会的时候大家一起讨论一下吧好不好呢",
        ] {
            assert_eq!(member_ask(text), None, "{text}");
        }
    }

    #[test]
    fn asking_to_erase_or_to_withdraw_consent_is_understood_in_words() {
        for text in ["请删除我的信息", "我要删除个人信息。", "注销我的信息"] {
            assert_eq!(member_ask(text), Some(MemberAsk::Erasure), "{text}");
        }
        for text in ["我撤回同意", "撤回健康情况登记"] {
            assert_eq!(member_ask(text), Some(MemberAsk::WithdrawHealth), "{text}");
        }
    }

    #[test]
    fn asking_what_the_branch_holds_asks_for_my_information() {
        for text in ["我的信息", "查看我的信息", "我的资料", "支部登记了我什么信息？", "我的个人信息"]
        {
            assert_eq!(member_ask(text), Some(MemberAsk::MyInfo), "{text}");
        }
    }
}
