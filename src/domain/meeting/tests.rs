//! Each kind's rules, the words for kinds, buttons, the tally and the compliance periods.

use chrono::NaiveDate;

use super::*;

fn entry(name: &str, probationary: bool, answer: Option<Answer>, present: Option<Mode>) -> Entry {
    Entry {
        member_id: 0,
        name: name.to_owned(),
        probationary,
        committee: false,
        answer,
        proxy: None,
        present,
        makeup_on: None,
        makeup_visitor: None,
        makeup_views: None,
        absent_reason: None,
    }
}

#[test]
fn every_kind_has_its_default_frequency_quorum_and_attendees() {
    let rules = |k: MeetingKind| {
        let r = k.default_rules();
        (r.period, r.quorum, r.attendees)
    };
    assert_eq!(rules(MeetingKind::General), (Period::Quarter, Quorum::MajorityOfFull, Attendees::All));
    assert_eq!(
        rules(MeetingKind::Committee),
        (Period::Month, Quorum::MajorityOfCommittee, Attendees::Committee)
    );
    assert_eq!(rules(MeetingKind::Group), (Period::Month, Quorum::None, Attendees::Group));
    assert_eq!(rules(MeetingKind::Lecture), (Period::Quarter, Quorum::None, Attendees::All));
    assert_eq!(rules(MeetingKind::ThemeDay), (Period::Month, Quorum::None, Attendees::All));
    assert_eq!(rules(MeetingKind::LifeMeeting), (Period::Year, Quorum::None, Attendees::All));
}

#[test]
fn kinds_are_read_from_the_words_secretaries_use() {
    assert_eq!(MeetingKind::parse("党员大会"), Some(MeetingKind::General));
    assert_eq!(MeetingKind::parse("支部大会"), Some(MeetingKind::General));
    assert_eq!(MeetingKind::parse("支委会"), Some(MeetingKind::Committee));
    assert_eq!(MeetingKind::parse("党小组会"), Some(MeetingKind::Group));
    assert_eq!(MeetingKind::parse("党课"), Some(MeetingKind::Lecture));
    assert_eq!(MeetingKind::parse("主题党日"), Some(MeetingKind::ThemeDay));
    assert_eq!(MeetingKind::parse("组织生活会"), Some(MeetingKind::LifeMeeting));
    assert_eq!(MeetingKind::parse("茶话会"), None);
    for kind in MeetingKind::ALL {
        assert_eq!(MeetingKind::from_code(kind.code()), Some(kind));
    }
}

#[test]
fn quorum_needs_more_than_half() {
    assert_eq!(Quorum::MajorityOfFull.held(10, 5), Some(false));
    assert_eq!(Quorum::MajorityOfFull.held(10, 6), Some(true));
    assert_eq!(Quorum::MajorityOfCommittee.held(3, 2), Some(true));
    assert_eq!(Quorum::None.held(10, 0), None);
}

#[test]
fn the_general_meeting_quorum_counts_full_members_only() {
    let entries = vec![
        entry("甲", false, Some(Answer::Attend), Some(Mode::Onsite)),
        entry("乙", false, Some(Answer::Attend), None),
        entry("丙", true, Some(Answer::Attend), Some(Mode::Online)),
        entry("丁", false, Some(Answer::Leave { reason: Some("住院".into()) }), None),
    ];
    let t = tally(&entries, Quorum::MajorityOfFull);
    assert_eq!((t.expected_full, t.expected_probationary), (3, 1));
    assert_eq!(t.present.len(), 2);
    assert_eq!(t.leave, vec![("丁".to_owned(), Some("住院".to_owned()))]);
    assert_eq!(t.absent, vec![("乙".to_owned(), None)]);
    assert_eq!(t.quorum_held, Some(false), "1 of 3 full members present");
}

#[test]
fn material_taken_to_a_member_is_listed_apart_and_does_not_make_the_quorum() {
    let entries = vec![
        entry("甲", false, Some(Answer::Attend), Some(Mode::Onsite)),
        entry("乙", false, None, Some(Mode::Delivered)),
        entry("丙", false, None, None),
    ];
    let t = tally(&entries, Quorum::MajorityOfFull);
    assert_eq!(t.present.len(), 1);
    assert_eq!(t.delivered, vec!["乙".to_owned()]);
    assert_eq!(t.quorum_held, Some(false), "送学 is not being there");
}

#[test]
fn periods_and_their_status() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(period_bounds(d(2026, 11, 19), Period::Quarter), (d(2026, 10, 1), d(2027, 1, 1)));
    assert_eq!(period_bounds(d(2026, 12, 5), Period::Month), (d(2026, 12, 1), d(2027, 1, 1)));
    assert_eq!(period_bounds(d(2026, 2, 5), Period::Year), (d(2026, 1, 1), d(2027, 1, 1)));
    assert_eq!(period_status(0, 1, d(2026, 12, 20), d(2027, 1, 1)), PeriodStatus::Due { days_left: 12 });
    assert_eq!(period_status(1, 1, d(2026, 12, 20), d(2027, 1, 1)), PeriodStatus::Done { held: 1 });
    assert_eq!(period_status(0, 1, d(2027, 1, 1), d(2027, 1, 1)), PeriodStatus::Overdue);
}

#[test]
fn the_words_members_answer_a_meeting_with_are_understood() {
    use crate::domain::reply_intent::{NameForms, ReplyContext, ReplyIntent, parse_reply};
    let names = NameForms::new(["吴永福", "张德明", "徐丽华"]);
    let intent = |t: &str| parse_reply(t, ReplyContext::Meeting, &names).map(|p| p.intent);
    for attend in ["参加", "到", "我去", "1", "准时参加", "吴永福 参加👍", "参加！", "我参加"]
    {
        assert_eq!(intent(attend), Some(ReplyIntent::Attend), "{attend}");
    }
    for noted in ["好的", "收到！"] {
        assert_eq!(intent(noted), Some(ReplyIntent::Noted), "acknowledgement is never attendance: {noted}");
    }
    let leave = |r: Option<&str>| Some(ReplyIntent::Leave { reason: r.map(str::to_owned) });
    assert_eq!(intent("请假 住院"), leave(Some("住院")));
    assert_eq!(intent("去不了"), leave(None));
    assert_eq!(intent("身体不舒服来不了"), leave(Some("身体不舒服")));
    assert_eq!(intent("张德明请假 腿脚不便"), leave(Some("腿脚不便")));
    assert!(matches!(intent("看情况吧"), Some(ReplyIntent::Ambiguous { .. })));
    assert_eq!(intent("大家好"), None);
    assert_eq!(intent("明天几点开会？"), None);
}

#[test]
fn months_missed_count_back_until_a_month_of_taking_part() {
    assert_eq!(months_missed(&[Some(true), Some(false), None, Some(false)]), 2);
    assert_eq!(months_missed(&[Some(false), Some(true)]), 0);
    assert_eq!(months_missed(&[Some(false), Some(false), Some(false)]), 3);
    assert_eq!(months_missed(&[None, None]), 0);
}
