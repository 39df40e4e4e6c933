//! More real phrasings per context, as testers and members wrote them: acknowledgements to a
//! meeting notice (never attendance), briefings, study reminders, and the leave-reason question.

use super::tests::{ambiguous, check, leave, same};
use super::*;
use ReplyContext::{Briefing, Meeting, Study};

/// Acknowledging a meeting notice without saying whether one comes: never attendance (the
/// router asks back, or lets it be in the group).
const NOTED_TO_A_MEETING: &[&str] = &[
    "收到",
    "收到了",
    "收到！",
    "已收到",
    "收到，谢谢书记",
    "收到👍",
    "好的",
    "好的好的",
    "好的👌",
    "好",
    "好嘞",
    "行",
    "OK",
    "ok",
    "ＯＫ",
    "👍",
    "👍👍👍",
    "👌",
    "知道了",
    "明白",
    "明白了",
    "了解",
    "知悉",
    "王建国：收到",
    "李秀英 好的",
    "嗯嗯",
    "收到，辛苦了",
];

#[test]
fn acknowledging_a_meeting_notice_is_never_attendance() {
    same(Meeting, NOTED_TO_A_MEETING, Some(ReplyIntent::Noted));
}

#[test]
fn acknowledgement_with_a_real_answer_is_that_answer() {
    check(
        Meeting,
        &[
            ("收到，准时参加", Some(ReplyIntent::Attend)),
            ("好的，我参加", Some(ReplyIntent::Attend)),
            ("收到，一定到", Some(ReplyIntent::Attend)),
            ("👍 参加", Some(ReplyIntent::Attend)),
            ("好的，我请假", leave(None)),
            ("收到，住院了请假", leave(Some("住院了"))),
            ("知道了，去不了", leave(None)),
            ("收到，看情况吧", ambiguous()),
        ],
    );
}

#[test]
fn more_real_phrasings_to_a_briefing() {
    same(
        Briefing,
        &[
            "收到",
            "收到了",
            "已收到",
            "收到，谢谢",
            "收到！谢谢书记",
            "好的",
            "👍",
            "已阅",
            "阅",
            "已阅，谢谢",
            "知道了",
            "明白",
            "了解了",
            "知悉",
            "看到了",
            "李秀英：收到",
            "王建国 已阅",
        ],
        Some(ReplyIntent::Acknowledged),
    );
    same(
        Briefing,
        &[
            "参加",
            "我报名",
            "请假",
            "没收到",
            "没看到",
            "收到了吗",
            "什么通报？",
            "在哪里",
            "大家好",
            "早上好",
            "去不了",
            "看不清",
            "字太小看不清",
        ],
        None,
    );
}

#[test]
fn more_real_phrasings_to_a_study_reminder() {
    same(
        Study,
        &[
            "已学",
            "已学习",
            "已学完",
            "学完了",
            "学习完了",
            "已经学了",
            "学好了",
            "看完了",
            "已阅",
            "已读",
            "学了",
            "已学！",
            "王建国：已学",
            "已学，收获很大",
            "学完了👍",
        ],
        Some(ReplyIntent::Studied),
    );
    same(
        Study,
        &[
            "收到，马上学",
            "好的，回头看",
            "还没学完",
            "学习材料在哪？",
            "学了吗",
            "大家好好学习",
            "不会用",
            "看不清",
        ],
        None,
    );
}

#[test]
fn what_a_leave_reason_question_takes_as_its_answer() {
    let names = &NameForms::new(["王建国"]);
    let reason = |r: &str| ReasonReply::Reason(r.to_owned());
    for (text, expected) in [
        ("住院", reason("住院")),
        ("住院了", reason("住院了")),
        ("在医院", reason("在医院")),
        ("身体不舒服", reason("身体不舒服")),
        ("腿疼", reason("腿疼")),
        ("外出旅游", reason("外出旅游")),
        ("照顾老伴", reason("照顾老伴")),
        ("请假 住院", reason("住院")),
        ("王建国：感冒了", reason("感冒了")),
        ("孙子结婚，去外地", reason("孙子结婚，去外地")),
        ("参加", ReasonReply::Attend),
        ("能去了，参加", ReasonReply::Attend),
        ("谢谢", ReasonReply::NotAReason),
        ("好的", ReasonReply::NotAReason),
        ("收到", ReasonReply::NotAReason),
        ("请假", ReasonReply::NotAReason),
        ("几点开会？", ReasonReply::NotAReason),
        ("已学", ReasonReply::NotAReason),
        ("https://example.com", ReasonReply::NotAReason),
    ] {
        assert_eq!(reason_reply(text, names), expected, "{text}");
    }
}

#[test]
fn words_lean_towards_the_feature_they_name() {
    for (text, expected) in [
        ("已学", Some(Study)),
        ("学完了", Some(Study)),
        ("已学习", Some(Study)),
        ("收到", Some(Briefing)),
        ("知道了", Some(Briefing)),
        ("已阅", None),
        ("看完了", None),
        ("参加", None),
    ] {
        assert_eq!(leaning(text), expected, "{text}");
    }
}

#[test]
fn more_real_phrasings_to_a_meeting() {
    check(
        Meeting,
        &[
            ("参加，谢谢通知", Some(ReplyIntent::Attend)),
            ("王建国参加", Some(ReplyIntent::Attend)),
            ("我准时到", Some(ReplyIntent::Attend)),
            ("明天上午一定参加", Some(ReplyIntent::Attend)),
            ("１参加", Some(ReplyIntent::Attend)),
            ("我和老伴一起参加", Some(ReplyIntent::Attend)),
            ("能参加", Some(ReplyIntent::Attend)),
            ("好的，一定到", Some(ReplyIntent::Attend)),
            ("请假，外出", leave(Some("外出"))),
            ("请假，照顾家人", leave(Some("照顾家人"))),
            ("在外地来不了", leave(Some("在外地"))),
            ("我在医院，请假", leave(Some("在医院"))),
            ("腿脚不便，请假", leave(Some("腿脚不便"))),
            ("请假！身体不适", leave(Some("身体不适"))),
            ("2，身体不舒服", leave(Some("身体不舒服"))),
            ("这次参加不了", leave(None)),
            ("可能来不了", ambiguous()),
            ("尽量参加吧", ambiguous()),
            ("上午去不了下午可以", ambiguous()),
            ("收到，尽量去", ambiguous()),
            ("谢谢", None),
            ("书记辛苦了", None),
            ("会议几点开始？", None),
            ("在哪开会", None),
            ("老伴住院了", None),
            ("已学", None),
            ("学习了", None),
            ("今天降温了，大家注意身体", None),
            ("🌹🌹🌹", None),
        ],
    );
}
