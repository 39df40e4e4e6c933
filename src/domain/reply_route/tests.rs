//! Where words go, as testers wrote them: with a meeting, a briefing and a study round open.

use super::*;
use crate::domain::reply_intent::NameForms;

const MEETING: Open = Open { context: ReplyContext::Meeting, id: 1 };
const COMMITTEE: Open = Open { context: ReplyContext::Meeting, id: 2 };
const BRIEFING: Open = Open { context: ReplyContext::Briefing, id: 3 };
const STUDY: Open = Open { context: ReplyContext::Study, id: 4 };
const ALL: &[Open] = &[MEETING, BRIEFING, STUDY];

fn names() -> NameForms {
    NameForms::new(["王建国", "李秀英"])
}

fn record(open: Open, intent: ReplyIntent) -> Route {
    Route::Record(open, intent)
}

#[test]
fn a_reply_to_a_briefing_is_an_acknowledgement_never_attendance() {
    for text in ["收到", "好的", "👍", "已阅", "知道了", "收到，谢谢书记"] {
        let got = route(text, Addressed::ReplyTo(BRIEFING), ALL, &names());
        assert_eq!(got, record(BRIEFING, ReplyIntent::Acknowledged), "{text}");
    }
}

#[test]
fn a_reply_to_a_study_reminder_is_studied_and_to_a_meeting_notice_is_attendance() {
    assert_eq!(route("已阅", Addressed::ReplyTo(STUDY), ALL, &names()), record(STUDY, ReplyIntent::Studied));
    assert_eq!(
        route("参加", Addressed::ReplyTo(MEETING), ALL, &names()),
        record(MEETING, ReplyIntent::Attend)
    );
    assert_eq!(route("参加", Addressed::ReplyTo(BRIEFING), ALL, &names()), Route::Nothing);
}

#[test]
fn acknowledging_a_meeting_notice_is_asked_back_never_attendance() {
    let ask = Route::AskBack(vec![Choice::Attend(1), Choice::Leave(1)]);
    for text in ["收到", "好的", "👍", "OK", "知道了", "收到，谢谢书记", "好"] {
        assert_eq!(route(text, Addressed::ReplyTo(MEETING), ALL, &names()), ask, "{text}");
        assert_eq!(route(text, Addressed::Private, &[MEETING], &names()), ask, "{text}");
        assert_eq!(route(text, Addressed::Group, &[MEETING], &names()), Route::Nothing, "{text}");
    }
}

#[test]
fn without_a_reply_the_one_feature_the_words_fit_takes_them() {
    let cases = [
        ("收到", record(BRIEFING, ReplyIntent::Acknowledged)),
        ("好的", record(BRIEFING, ReplyIntent::Acknowledged)),
        ("已学", record(STUDY, ReplyIntent::Studied)),
        ("学完了", record(STUDY, ReplyIntent::Studied)),
        ("参加", record(MEETING, ReplyIntent::Attend)),
        ("请假 住院", record(MEETING, ReplyIntent::Leave { reason: Some("住院".into()) })),
        ("大家好", Route::Nothing),
        ("几点开会？", Route::Nothing),
    ];
    for addressed in [Addressed::Group, Addressed::Private] {
        for (text, expected) in &cases {
            assert_eq!(&route(text, addressed, ALL, &names()), expected, "{text} {addressed:?}");
        }
    }
}

#[test]
fn words_that_fit_a_briefing_and_a_study_round_alike_are_asked_back() {
    let ask = Route::AskBack(vec![Choice::Acknowledge(3), Choice::Studied(4)]);
    for text in ["已阅", "看完了", "看了"] {
        assert_eq!(route(text, Addressed::Group, ALL, &names()), ask, "{text}");
    }
}

#[test]
fn two_open_meetings_are_asked_back_by_name() {
    let both = [MEETING, COMMITTEE];
    assert_eq!(
        route("参加", Addressed::Group, &both, &names()),
        Route::AskBack(vec![Choice::Attend(1), Choice::Attend(2)])
    );
    assert_eq!(
        route("我请假", Addressed::Private, &both, &names()),
        Route::AskBack(vec![Choice::Leave(1), Choice::Leave(2)])
    );
    assert_eq!(
        route("看情况吧", Addressed::Group, &both, &names()),
        Route::AskBack(vec![Choice::Attend(1), Choice::Leave(1), Choice::Attend(2), Choice::Leave(2)])
    );
    assert_eq!(
        route("参加", Addressed::ReplyTo(COMMITTEE), &both, &names()),
        record(COMMITTEE, ReplyIntent::Attend)
    );
}

#[test]
fn nothing_open_means_nothing_happens() {
    for text in ["参加", "收到", "已学", "看情况吧"] {
        assert_eq!(route(text, Addressed::Group, &[], &names()), Route::Nothing, "{text}");
        assert_eq!(route(text, Addressed::Private, &[], &names()), Route::Nothing, "{text}");
    }
}
