//! Table-driven tests: what members really write, and what it must mean.

use super::*;
use ReplyContext::{Briefing, Meeting, Study};

fn names() -> NameForms {
    NameForms::new(["王建国", "李秀英", "欧阳明", "张卫东"])
}

fn intent(text: &str, context: ReplyContext) -> Option<ReplyIntent> {
    parse_reply(text, context, &names()).map(|p| p.intent)
}

pub(super) fn leave(reason: Option<&str>) -> Option<ReplyIntent> {
    Some(ReplyIntent::Leave { reason: reason.map(str::to_owned) })
}

pub(super) fn ambiguous() -> Option<ReplyIntent> {
    Some(ReplyIntent::Ambiguous { candidates: vec![AmbiguousChoice::Attend, AmbiguousChoice::Leave] })
}

/// Check a whole table and report every mismatch at once.
pub(super) fn check(context: ReplyContext, cases: &[(&str, Option<ReplyIntent>)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, expected)| {
            let got = intent(text, context);
            (&got != expected).then(|| format!("{text:?}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{context:?}:\n{}", wrong.join("\n"));
}

pub(super) fn same(context: ReplyContext, texts: &[&str], expected: Option<ReplyIntent>) {
    let cases: Vec<(&str, Option<ReplyIntent>)> = texts.iter().map(|t| (*t, expected.clone())).collect();
    check(context, &cases);
}

const ATTEND: &[&str] = &[
    "参加",
    "到",
    "我去",
    "准时参加",
    "1",
    "１",
    "能去",
    "一定到",
    "我参加",
    "报名",
    "参加！",
    "参加。",
    "参加!!",
    "【参加】",
    "  参加  ",
    "参加👍",
    "🌹参加🌹",
    "准时参加！👍",
    "王建国：参加",
    "王建国:参加",
    "王建国 参加",
    "老王 参加",
    "王老参加",
    "王建国同志参加",
    "建国参加",
    "我是王建国，参加",
    "参加 王建国",
    "李秀英 到",
    "老欧阳：准时到",
    "欧阳明 1",
    "王建国：１",
    "1.",
    "１。",
    "到！",
    "我到",
    "我来",
    "一定参加",
    "按时参加",
    "明天准时到会",
    "出席",
    "没问题",
    "可以",
    "不见不散",
    "明天见",
    "我们俩都去",
    "一定准时参加，谢谢书记",
    "参加，谢谢",
    "@zhibu_bot 参加",
    "1参加",
    "１，准时到",
    "收到，准时参加",
    "明天上午我准时到",
    "周五一定到",
    "会去的",
    "我去的",
    "参加参加",
    "报名参加",
    "参会",
    "可以参加",
];

const LEAVE_WITHOUT_REASON: &[&str] = &[
    "请假",
    "去不了",
    "来不了",
    "不去了",
    "2",
    "２",
    "不参加",
    "参加不了",
    "不能参加",
    "没法去",
    "我请假",
    "王建国同志请假",
    "王建国：请假",
    "老王请假",
    "请假！",
    "请假🙏",
    "抱歉，去不了",
    "对不起，参加不了了",
    "不好意思，我来不了",
    "王建国 2",
    "2请假",
    "２，请假",
    "请假，谢谢书记",
    "我不去了",
    "无法参加",
    "缺席",
    "我和老伴都去不了",
    "好的，我请假",
    "收到，请假",
    "那我请假吧",
];

#[test]
fn plain_attend_words_to_a_meeting_mean_attend() {
    same(Meeting, ATTEND, Some(ReplyIntent::Attend));
}

#[test]
fn plain_leave_words_to_a_meeting_mean_leave_without_a_reason() {
    same(Meeting, LEAVE_WITHOUT_REASON, leave(None));
}

#[test]
fn a_leave_keeps_the_members_reason_in_their_words() {
    check(
        Meeting,
        &[
            ("请假 住院", leave(Some("住院"))),
            ("请假，住院了", leave(Some("住院了"))),
            ("请假，住院了。", leave(Some("住院了"))),
            ("我腿疼去不了", leave(Some("腿疼"))),
            ("身体不舒服来不了", leave(Some("身体不舒服"))),
            ("王建国：身体不舒服，来不了", leave(Some("身体不舒服"))),
            ("有事", leave(Some("有事"))),
            ("家里有事", leave(Some("家里有事"))),
            ("明天有事，来不了", leave(Some("有事"))),
            ("２ 住院", leave(Some("住院"))),
            ("2，外出旅游", leave(Some("外出旅游"))),
            ("请假（住院）", leave(Some("住院"))),
            ("请假：照顾老伴", leave(Some("照顾老伴"))),
            ("对不起书记，我住院了来不了", leave(Some("住院了"))),
            ("去医院复查，去不了", leave(Some("去医院复查"))),
            ("我老伴住院了，请假", leave(Some("老伴住院了"))),
            ("住院了，下周出院，请假", leave(Some("住院了，下周出院"))),
            ("在外地，参加不了", leave(Some("在外地"))),
            ("腰疼不能参加，抱歉", leave(Some("腰疼"))),
            ("请假，在儿子家住，回不来", leave(Some("在儿子家住"))),
            ("另有安排", leave(Some("另有安排"))),
            ("没空", leave(Some("没空"))),
            ("李秀英请病假，感冒了", leave(Some("感冒了"))),
            ("我腿脚不好，就不去了", leave(Some("腿脚不好"))),
            ("不去，腰疼", leave(Some("腰疼"))),
            ("不能去了，孙子结婚", leave(Some("孙子结婚"))),
            ("这次去不了了，下次一定参加", leave(None)),
            ("银行有事来不了", leave(Some("银行有事"))),
            ("请假3天", leave(Some("3天"))),
        ],
    );
}

#[test]
fn a_leave_opening_with_qingjia_may_carry_a_long_reason() {
    let text = "请假，这几天腰疼得厉害，医生让我卧床休息一个星期，实在去不了，请书记和同志们谅解";
    assert!(matches!(intent(text, Meeting), Some(ReplyIntent::Leave { reason: Some(_) })));
}

#[test]
fn negations_beat_the_positive_words_inside_them() {
    same(
        Meeting,
        &["不参加", "参加不了", "去不了", "不能参加", "没法去", "来不了", "不能去", "到不了"],
        leave(None),
    );
}

#[test]
fn study_words_to_a_study_reminder_mean_studied() {
    same(
        Study,
        &[
            "已学",
            "学完了",
            "已学习",
            "学习了",
            "看完了",
            "已学！",
            "王建国：已学",
            "老王 学完了",
            "已学👍",
            "已阅",
            "学完了，收获很大",
            "已经学习了",
            "已学完",
            "看过了",
            "已读",
            "李秀英同志已学习",
            "ＯＫ，学完了",
            "学习完毕",
        ],
        Some(ReplyIntent::Studied),
    );
}

#[test]
fn receipt_words_to_a_briefing_mean_acknowledged() {
    same(
        Briefing,
        &[
            "收到",
            "已阅",
            "知道了",
            "好的",
            "好",
            "👍",
            "ok",
            "明白",
            "收到，谢谢",
            "王建国：收到",
            "收到！",
            "已收到",
            "了解",
            "看完了",
            "好的，知道了",
            "收到👌",
        ],
        Some(ReplyIntent::Acknowledged),
    );
}

#[test]
fn receipt_words_mean_different_things_in_each_context() {
    for word in ["收到", "好的", "👍", "ok"] {
        assert_eq!(intent(word, Meeting), Some(ReplyIntent::Noted), "{word}");
        assert_eq!(intent(word, Briefing), Some(ReplyIntent::Acknowledged), "{word}");
        assert_eq!(intent(word, Study), None, "{word}");
    }
    assert_eq!(intent("知道了", Meeting), Some(ReplyIntent::Noted));
    assert_eq!(intent("已学", Meeting), None);
    assert_eq!(intent("参加", Briefing), None);
    assert_eq!(intent("请假", Study), None);
}

#[test]
fn numbers_are_answers_only_to_a_meeting() {
    for context in [Study, Briefing] {
        assert_eq!(intent("1", context), None);
        assert_eq!(intent("2", context), None);
    }
}

#[test]
fn hedged_or_mixed_replies_are_ambiguous() {
    same(
        Meeting,
        &[
            "看情况",
            "尽量去",
            "可能去不了",
            "参加不了吧",
            "下午有事上午可以",
            "不一定能去",
            "争取参加",
            "到时候看身体情况",
            "应该能去",
            "看情况吧",
            "可能参加",
            "去，不",
            "去，不去",
            "不，去",
            "去不了，老伴能去",
            "好吧",
            "王建国：尽量参加",
            "1 请假",
            "2 参加",
            "也许吧",
            "如果身体允许就参加",
        ],
        ambiguous(),
    );
}

#[test]
fn chit_chat_questions_links_and_noise_are_not_answers() {
    same(
        Meeting,
        &[
            "大家好",
            "今天天气不错",
            "几点开会？",
            "在哪里开会",
            "明天参加吗？",
            "明天参加吗",
            "谁去？",
            "谁去",
            "😀😀😀",
            "🌹🌹",
            "🙏",
            "https://example.com/meeting",
            "www.12371.cn",
            "早上好",
            "你好",
            "好久不见",
            "谢谢书记",
            "辛苦了",
            "我去超市买菜了",
            "去年我们去过北京",
            "会议地点在哪",
            "要带什么材料",
            "老王身体好些了吗",
            "今天是几号",
            "祝大家身体健康",
            "新年快乐",
            "12月5日",
            "……",
            "",
            "   ",
            "？？？",
            "已学",
            "学完了",
            "有事找我",
            "2楼开会",
            "1号楼",
            "明天下雨",
            "去不去",
            "参不参加",
            "参加不参加",
            "你们去吗",
            "什么时候开会",
            "收到了吗",
            "谁请假了",
            "我不去超市了",
            "住院了",
            "身体不舒服",
            "王建国",
            "老王",
            "哈哈哈",
            "参加？",
            "请假?",
            "去哪里参加",
            "开会带笔记本",
            "12",
            "123",
            "2026",
            "大家好，我是新来的，以后请多关照，我以前在财政局工作，退休十年了，参加过很多活动",
            "我去看看",
            "去年参加过",
            "我去医院了",
            "明天我要去医院",
            "到家了",
            "身体不好",
            "不行",
        ],
        None,
    );
}

#[test]
fn study_and_briefing_ignore_what_is_not_theirs() {
    same(
        Study,
        &[
            "收到",
            "好的",
            "👍",
            "没学",
            "还没看完",
            "学习了吗",
            "看情况",
            "参加",
            "请假",
            "明天学",
            "今天学习了太极拳和八段锦还有书法",
            "没有学完",
        ],
        None,
    );
    same(Briefing, &["没收到", "没看到", "参加", "请假", "大家好", "收到了吗", "几点", "今天天气不错"], None);
}

#[test]
fn companions_are_noticed_when_the_member_brings_someone() {
    let parsed = parse_reply("我和老伴都去", Meeting, &names()).expect("an answer");
    assert_eq!(parsed.intent, ReplyIntent::Attend);
    assert!(parsed.companions_mentioned);
    for text in ["我们俩都参加", "王建国和李秀英参加", "参加，爱人陪同", "我和李秀英都参加"]
    {
        let parsed = parse_reply(text, Meeting, &names()).expect(text);
        assert!(parsed.companions_mentioned, "{text}");
    }
    for text in ["参加", "我参加", "我老伴住院了，请假"] {
        let parsed = parse_reply(text, Meeting, &names()).expect(text);
        assert!(!parsed.companions_mentioned, "{text}");
    }
}

#[test]
fn a_reply_means_the_same_in_either_width_with_or_without_decoration() {
    let bases: &[(&str, ReplyContext)] = &[
        ("参加", Meeting),
        ("请假住院", Meeting),
        ("已学", Study),
        ("收到", Briefing),
        ("ok", Meeting),
        ("1", Meeting),
    ];
    for (base, context) in bases {
        let expected = intent(base, *context);
        assert!(expected.is_some(), "{base}");
        let wide: String = base
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                _ => c,
            })
            .collect();
        for variant in [
            wide.clone(),
            format!("{base}！"),
            format!("{base}!"),
            format!("  {base}。 "),
            format!("👏{base}👏"),
            format!("王建国：{base}"),
            format!("王建国同志，{wide}！"),
            format!("老王 {base}"),
        ] {
            assert_eq!(intent(&variant, *context), expected, "{variant:?}");
        }
    }
}

#[test]
fn names_not_in_the_list_are_left_as_words() {
    assert_eq!(
        parse_reply("赵六：参加", Meeting, &NameForms::default()).map(|p| p.intent),
        Some(ReplyIntent::Attend)
    );
    assert_eq!(
        parse_reply("赵六同志请假", Meeting, &NameForms::new(["赵六"])).map(|p| p.intent),
        leave(None)
    );
}

#[test]
fn no_slice_of_awkward_text_makes_the_parser_panic() {
    let awkward = "王建国：２ 请假，住院了？😀👍🏻１去不去吧 https://t.me/x 老王同志 已学 吗呢";
    let chars: Vec<char> = awkward.chars().collect();
    let names = names();
    for start in 0..chars.len() {
        for end in start..=chars.len() {
            let text: String = chars[start..end].iter().collect();
            for context in [Meeting, Study, Briefing] {
                let _ = parse_reply(&text, context, &names);
            }
        }
    }
}

#[test]
fn traditional_characters_and_invisible_characters_read_like_their_plain_forms() {
    same(
        Meeting,
        &["參加", "我參加", "準時參加", "參\u{200b}加", "\u{feff}参加", "参\u{200d}加！"],
        Some(ReplyIntent::Attend),
    );
    check(Meeting, &[("請假 住院", leave(Some("住院"))), ("请\u{200b}假", leave(None))]);
    same(Study, &["已學習", "學完了"], Some(ReplyIntent::Studied));
    same(Briefing, &["收到", "收\u{200c}到"], Some(ReplyIntent::Acknowledged));
}
