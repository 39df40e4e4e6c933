//! Every tap is checked against who tapped where: forged callback data of every button kind,
//! naming another branch's meeting, briefing, round, draft, schedule or member, or garbled,
//! records nothing and changes nothing, and is answered (a polite refusal, or silently for data
//! that is not zhibu's). `/bind` never takes a group from another branch.

use super::meeting_support::{
    GROUP, SECRETARY, answer_of, branch_with_members, close_confirmed_by, create_meeting, set_clock,
    start_clock, user,
};
use super::support;

use serde_json::Value;
use support::app::TestApp;
use support::branch::{bind_member, button_data, scalar};
use support::snapshot;
use zhibu::clock::ManualClock;
use zhibu::domain::action::{Action, CloseChoice, DraftAction, PrivacyStep};
use zhibu::domain::meeting::{ButtonAction, MeetingKind, Mode};

/// The second branch: its secretary, its group, its members (Telegram ids).
const B_SECRETARY: i64 = 6101;
const B_GROUP: i64 = -5101;
const B_MEMBERS: [(&str, &str, i64); 3] =
    [("赵大山", "13900139001", 8001), ("钱小河", "13900139002", 8002), ("孙秀兰", "13900139003", 8003)];

const B_ROSTER: &str = "姓名,性别,出生日期,入党日期,党员类别,人员类别,党小组,手机号,联系人,备注\n\
    赵大山,男,1940-01-02,1960-07-01,正式,退休,第一党小组,13900139001,,\n\
    钱小河,男,1942-03-04,1965-07-01,正式,退休,第一党小组,13900139002,,\n\
    孙秀兰,女,1944-05-06,1970-07-01,正式,退休,第一党小组,13900139003,,\n";

/// What the second branch owns, each made through its own secretary's commands and buttons.
struct Foreign {
    open_meeting: i64,
    closed_meeting: i64,
    briefing: i64,
    round: i64,
    draft: i64,
    schedule: i64,
    member: i64,
    /// A name its secretary gave in `/present` that is in no roster (for 【按列席记录】).
    observer_proposal: i64,
    /// A roster its secretary sent as a file, previewed (for 【导入】【取消】).
    roster_upload: i64,
    /// The secretary role offered to one of its members (for 【接任书记】【不接任】).
    handover: i64,
    branch: i64,
    /// A message one of its members left for its secretary (for 【回复】).
    note: i64,
}

fn say(app: &TestApp, user: i64, text: &str) {
    app.fake.push_message(app.fake.private_text(user, "书记", text));
}

fn tap_as(app: &TestApp, user: i64, chat: i64, data: &str) {
    app.fake.push_callback(app.fake.callback(user, "某人", chat, 1, data));
}

/// A secretary's command whose preview (`needle`) has buttons; taps the one labelled `label`.
async fn preview_and_tap(app: &TestApp, secretary: i64, command: &str, needle: &str, label: &str) {
    say(app, secretary, command);
    app.expect_text(secretary, needle).await;
    let data = button_data(app, secretary, needle, label);
    tap_as(app, secretary, secretary, &data);
}

async fn max_id(app: &TestApp, table: &str) -> i64 {
    scalar(app, &format!("SELECT MAX(id) FROM {table}")).await
}

/// The second branch and what it owns; its closed meeting is closed after it began, so the
/// clock moves to 11月21日 9:30.
async fn second_branch(app: &TestApp, clock: &ManualClock) -> (i64, Foreign) {
    let (branch, code) = app.create_branch("第二党支部").await;
    zhibu::app::roster_import::import(
        &app.store,
        branch,
        "b.csv",
        B_ROSTER.as_bytes(),
        support::app::now_ms(),
    )
    .await
    .expect("import");
    say(app, B_SECRETARY, &format!("/start {code}"));
    app.expect_text(B_SECRETARY, "支部书记").await;
    app.fake.push_message(app.fake.group_text(B_GROUP, B_SECRETARY, "书记", "/bind"));
    app.expect_text(B_GROUP, "本群已绑定").await;
    for (name, phone, user) in B_MEMBERS {
        bind_member(app, user, name, phone).await;
    }

    say(app, B_SECRETARY, "/meeting 党课 11月21日上午9点 活动中心 党课");
    app.expect_text(B_SECRETARY, "已创建党课").await;
    let closed_meeting = max_id(app, "meetings").await;
    set_clock(app, clock, (2026, 11, 21, 9, 30));
    close_confirmed_by(app, B_SECRETARY, "书记", closed_meeting).await;
    app.expect_text(8001, "已学习").await;
    say(app, B_SECRETARY, "/meeting 党员大会 11月25日上午9点 活动中心 学习");
    app.expect_text(B_SECRETARY, "已创建支部党员大会").await;
    app.settle().await;
    let open_meeting = max_id(app, "meetings").await;
    say(app, B_SECRETARY, &format!("/present {open_meeting} 李书记"));
    app.expect_text(B_SECRETARY, "李书记不在花名册中").await;
    app.settle().await;
    let observer_proposal = max_id(app, "observer_proposals").await;

    preview_and_tap(app, B_SECRETARY, "/brief 下周二体检，请带医保卡。", "请确认情况通报", "发送").await;
    app.expect_text(B_GROUP, "【情况通报】").await;
    let briefing = max_id(app, "briefings").await;

    preview_and_tap(app, B_SECRETARY, "/remind 每周三上午9点 学习党章", "请确认学习提醒", "确认").await;
    app.expect_text(B_SECRETARY, "已保存").await;
    app.settle().await;
    let schedule = max_id(app, "schedules").await;
    let round = study_round(app, schedule).await;
    say(app, B_SECRETARY, "/remind 每周五上午9点 学习条例");
    app.expect_text(B_SECRETARY, "学习条例").await;
    app.settle().await;
    let draft = max_id(app, "drafts").await;

    say(app, B_SECRETARY, "/health 赵大山 高血压");
    app.expect_text(8001, "您同意登记吗").await;
    say(app, B_SECRETARY, "/meeting");
    app.expect_text(B_SECRETARY, "请选择会议类型").await;
    app.settle().await;
    let member = scalar(app, "SELECT id FROM members WHERE name = '赵大山'").await;
    app.fake.push_message(app.fake.private_document(
        B_SECRETARY,
        "书记",
        "b.csv",
        B_ROSTER.as_bytes().to_vec(),
    ));
    app.expect_text(B_SECRETARY, "“b.csv”已读好").await;
    let roster_upload = max_id(app, "roster_uploads").await;
    say(app, B_SECRETARY, "/handover 赵大山");
    app.expect_text(8001, "提议由您接任").await;
    app.settle().await;
    let handover = max_id(app, "handovers").await;
    say(app, 8002, "给书记留言");
    app.expect_text(8002, "请直接写下").await;
    say(app, 8002, "书记好");
    app.expect_text(B_SECRETARY, "【党员留言】").await;
    let note = max_id(app, "member_notes").await;
    let owned = Foreign {
        open_meeting,
        closed_meeting,
        briefing,
        round,
        draft,
        schedule,
        member,
        observer_proposal,
        roster_upload,
        handover,
        branch,
        note,
    };
    (branch, owned)
}

/// A study round of the schedule, pushed to the second branch's group as the scheduler would.
async fn study_round(app: &TestApp, schedule: i64) -> i64 {
    let mut tx = app.store.begin_write().await.unwrap();
    let s = zhibu::store::schedules::get(&mut tx, schedule).await.unwrap().unwrap();
    // The manual clock stands at `start_clock()`.
    let now = zhibu::clock::Clock::now(&*start_clock()).timestamp_millis();
    let mut ctx = zhibu::app::context::Ctx::for_update(&mut tx, now, "");
    zhibu::app::study::run_occurrence(&mut ctx, &s, now).await.unwrap();
    tx.commit().await.unwrap();
    app.wakers.wake_all();
    app.expect_text(B_GROUP, "学习党章").await;
    max_id(app, "study_rounds").await
}

/// Every button kind, naming the second branch's things; `own_member` is the tapper's member id.
fn every_kind(f: &Foreign, own_member: i64) -> Vec<Action> {
    let mut all = vec![Action::BriefingReceived(f.briefing), Action::Studied(f.round)];
    for button in [
        ButtonAction::Attend,
        ButtonAction::Leave,
        ButtonAction::CheckIn,
        ButtonAction::CheckInOnline,
        ButtonAction::Close,
    ] {
        all.push(Action::Meeting(f.open_meeting, button));
    }
    all.push(Action::Meeting(f.closed_meeting, ButtonAction::Studied(f.member)));
    all.push(Action::Meeting(f.closed_meeting, ButtonAction::Studied(own_member)));
    all.push(Action::DialogueKind(MeetingKind::ALL[0]));
    all.push(Action::DialogueGroup(0));
    for action in [DraftAction::Confirm, DraftAction::Cancel, DraftAction::Send, DraftAction::Later] {
        all.push(Action::Draft(f.draft, action));
    }
    all.push(Action::StopSchedule(f.schedule));
    all.push(Action::StopTimedBriefing(f.briefing));
    all.push(Action::HealthConsent { member_id: f.member, yes: true });
    all.push(Action::HealthConsent { member_id: f.member, yes: false });
    for choice in [CloseChoice::Close, CloseChoice::CloseWithAttendees, CloseChoice::KeepOpen] {
        all.push(Action::CloseMeeting(f.open_meeting, choice));
    }
    for member_id in [f.member, own_member] {
        all.push(Action::MarkPresent { meeting_id: f.open_meeting, member_id, mode: Mode::Onsite });
    }
    all.push(Action::RecordObserver(f.observer_proposal));
    all.push(Action::FullRoll(f.open_meeting));
    for yes in [true, false] {
        all.push(Action::RosterUpload { upload_id: f.roster_upload, yes });
        all.push(Action::Handover { handover_id: f.handover, yes });
    }
    all.push(Action::ResendRecord(f.closed_meeting));
    all.push(Action::QuietPreset { branch_id: f.branch, preset: 1 });
    all.push(Action::NoteReply(f.note));
    for member_id in [f.member, own_member] {
        all.push(Action::LeaveFor { meeting_id: f.open_meeting, member_id });
    }
    all.push(Action::EraseMember(f.member));
    all.push(Action::AuditOlder { branch_id: f.branch, before: i64::MAX });
    all.push(Action::ChooseBranch(f.branch));
    all.extend(PrivacyStep::ALL.into_iter().map(|step| Action::Privacy { member_id: f.member, step }));
    let theme_day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    all.push(Action::ThemeDayMeeting { branch_id: f.branch, date: theme_day });
    all
}

/// Data that is no button of zhibu's: never acted on, answered without a word.
const GARBLED: &[&str] = &[
    "",
    "b:",
    "b:x",
    "m:1",
    "m:x:a",
    "m:1:q",
    "md:k:nope",
    "md:g:-1",
    "d:1",
    "d:1:yy",
    "x:",
    "x:b",
    "hc:1",
    "hc:1:maybe",
    "zz:9",
    "s:",
    "s:oo",
    "like",
    "mc:1",
    "mc:1:q",
    "mp:1:2",
    "mp:1:2:q",
    "mo:",
    "mr:x",
    "ru:1",
    "ho:x:y",
    "er:",
    "er:x",
    "gq:1",
    "gq:1:9",
    "kr:",
    "kr:x",
    "lm:1",
    "lm:1:x",
    "pv:1",
    "pv:1:q",
    "pf:x",
    "au:1",
    "au:x:1",
    "cb:",
    "cb:x",
];

/// The fixed garbles, and each of `actions`' data garbled three ways (a character too many, a
/// separator changed, a field too many) — including buttons the tapper could rightly press.
fn garbled(actions: &[Action]) -> Vec<String> {
    let mut all: Vec<String> = GARBLED.iter().map(|d| (*d).to_owned()).collect();
    for data in actions.iter().map(|a| a.encode()) {
        all.extend([format!("{data}x"), data.replace(':', ";"), format!("{data}:")]);
    }
    for data in &all {
        assert_eq!(Action::parse(data), None, "{data:?} must be garbled");
    }
    all
}

/// The answers (`answerCallbackQuery`) given to callback query `id`.
fn answers(app: &TestApp, id: &str) -> Vec<Value> {
    app.fake
        .calls_to("answercallbackquery")
        .into_iter()
        .filter(|c| c.param("callback_query_id").as_deref() == Some(id))
        .map(|c| c.params)
        .collect()
}

/// The refusals of `app::taps`, and the handlers' own for a genuine button pressed by someone
/// it is not for (a stranger to the branch pressing 【收到】 in its group; a dialogue button
/// pressed privately by someone in no dialogue).
const REFUSALS: [&str; 8] = [
    zhibu::texts::briefing::NOT_A_MEMBER,
    zhibu::texts::meeting::DIALOGUE_GONE,
    zhibu::texts::taps::GONE,
    zhibu::texts::taps::NOT_THIS_GROUP,
    zhibu::texts::taps::NOT_YOUR_BRANCH,
    zhibu::texts::taps::NOT_YOURS,
    zhibu::texts::taps::NOT_SENT_YET,
    zhibu::texts::admin::HEALTH_ONLY_THE_MEMBER,
];

#[tokio::test]
async fn forged_taps_of_every_kind_across_two_branches_change_nothing_and_are_refused() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let own_meeting = create_meeting(&app, "/meeting 党员大会 11月26日上午9点 活动中心 学习").await;
    let (_, foreign) = second_branch(&app, &clock).await;
    let member = user("李秀英");
    let own_member = scalar(&app, "SELECT MIN(id) FROM members WHERE name = '李秀英'").await;

    // (who, where, what): a member and the secretary of the first branch, in their group and
    // privately, with the second branch's ids; and in the second branch's group with their own.
    let mut taps: Vec<(i64, i64, String)> = Vec::new();
    for (who, chat) in [(member, GROUP), (member, member), (SECRETARY, SECRETARY), (SECRETARY, GROUP)] {
        taps.extend(every_kind(&foreign, own_member).into_iter().map(|a| (who, chat, a.encode())));
    }
    for action in [
        Action::StudySubscribe,
        Action::Meeting(own_meeting, ButtonAction::Attend),
        Action::Meeting(own_meeting, ButtonAction::Leave),
        Action::Meeting(own_meeting, ButtonAction::Close),
        Action::BriefingReceived(foreign.briefing),
    ] {
        taps.push((member, B_GROUP, action.encode()));
        taps.push((SECRETARY, B_GROUP, action.encode()));
    }
    // Ids that exist nowhere.
    for action in [
        Action::BriefingReceived(9_999),
        Action::Studied(9_999),
        Action::Meeting(9_999, ButtonAction::Attend),
        Action::Draft(9_999, DraftAction::Send),
        Action::StopSchedule(9_999),
        Action::StopTimedBriefing(9_999),
        Action::HealthConsent { member_id: 9_999, yes: true },
    ] {
        taps.push((member, GROUP, action.encode()));
    }

    let mut rightful = every_kind(&foreign, own_member);
    rightful.extend([
        Action::StudySubscribe,
        Action::Meeting(own_meeting, ButtonAction::Attend),
        Action::Meeting(own_meeting, ButtonAction::Leave),
    ]);
    for data in garbled(&rightful) {
        taps.push((member, GROUP, data.clone()));
        taps.push((member, member, data));
    }

    let before = snapshot::tables(&app).await;
    let mut ids = Vec::new();
    for (who, chat, data) in taps.iter().map(|(w, c, d)| (*w, *c, d.as_str())) {
        let query = app.fake.callback(who, "某人", chat, 1, data);
        ids.push((query["id"].as_str().unwrap().to_owned(), data.to_owned()));
        app.fake.push_callback(query);
    }
    app.settle().await;
    let after = snapshot::tables(&app).await;
    snapshot::assert_same(&before, &after);

    for (id, data) in &ids {
        let given = answers(&app, id);
        assert_eq!(given.len(), 1, "{data:?} answered once: {given:?}");
        let text = given[0]["text"].as_str();
        if Action::parse(data).is_some() {
            assert!(text.is_some_and(|t| REFUSALS.contains(&t)), "{data:?} refused: {text:?}");
        } else {
            assert_eq!(text, None, "{data:?} is not zhibu's: silently answered");
        }
    }
    // No message beyond the answers: nothing was confirmed to anyone.
    for chat in [member, SECRETARY, GROUP, B_GROUP, B_SECRETARY, 8001] {
        assert!(
            !app.fake.texts_to(chat).iter().any(|t| t.contains("已记录") && t.contains("李秀英")),
            "{chat}: {:?}",
            app.fake.texts_to(chat)
        );
    }
    // The same member's rightful tap, in the right place, still counts.
    tap_as(&app, member, GROUP, &Action::Meeting(own_meeting, ButtonAction::Attend).encode());
    app.settle().await;
    let (answer, count) = answer_of(&app, own_meeting, "李秀英").await;
    assert_eq!((answer.map(|a| a.0), count), (Some("attend".to_owned()), 1));
    app.stop().await;
}

#[tokio::test]
async fn a_forged_make_up_tap_on_another_meeting_writes_nothing_into_its_record() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let (_, foreign) = second_branch(&app, &clock).await;
    let member = user("李秀英");
    let own_member = scalar(&app, "SELECT MIN(id) FROM members WHERE name = '李秀英'").await;
    let forged = Action::Meeting(foreign.closed_meeting, ButtonAction::Studied(own_member)).encode();
    tap_as(&app, member, member, &forged);
    app.settle().await;
    let sql = format!(
        "SELECT COUNT(*) FROM attendance WHERE meeting_id = {} AND makeup_at IS NOT NULL",
        foreign.closed_meeting
    );
    assert_eq!(scalar(&app, &sql).await, 0, "no 已补学 in another branch's record");
    assert!(!app.fake.texts_to(member).iter().any(|t| t.contains("补学")), "{:?}", app.fake.texts_to(member));

    // The member it was sent to still records it, by the button they were sent.
    let data = button_data(&app, 8001, "【补学】", "已学习");
    tap_as(&app, 8001, 8001, &data);
    app.settle().await;
    assert_eq!(scalar(&app, &sql).await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_briefing_cannot_be_acknowledged_before_it_was_sent() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let member = user("李秀英");
    preview_and_tap(&app, SECRETARY, "/brief 下周二体检，请带医保卡。", "请确认情况通报", "定时").await;
    app.settle().await;
    say(&app, SECRETARY, "明天上午9点");
    app.expect_text(SECRETARY, "情况通报将在").await;
    app.settle().await;
    let briefing = max_id(&app, "briefings").await;

    let ack = Action::BriefingReceived(briefing).encode();
    tap_as(&app, member, GROUP, &ack);
    tap_as(&app, member, member, &ack);
    app.fake.push_message(app.fake.group_text(GROUP, member, "李秀英", "收到"));
    app.settle().await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM briefing_acks").await, 0);
    let refused = app
        .fake
        .calls_to("answercallbackquery")
        .iter()
        .filter(|c| c.param("text").as_deref() == Some(zhibu::texts::taps::NOT_SENT_YET))
        .count();
    assert_eq!(refused, 2, "both taps told it has not come yet");
    app.stop().await;
}

#[tokio::test]
async fn bind_never_takes_a_group_from_another_branch_until_its_secretary_releases_it() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    let a = branch_with_members(&app).await;
    let (b, code) = app.create_branch("第二党支部").await;
    say(&app, B_SECRETARY, &format!("/start {code}"));
    app.expect_text(B_SECRETARY, "支部书记").await;

    app.fake.push_message(app.fake.group_text(GROUP, B_SECRETARY, "书记", "/bind"));
    let told = app.expect_text(GROUP, "本群已经绑定在").await;
    assert!(told.contains("第一党支部") && told.contains("/unbind"), "{told}");
    let owner = format!("SELECT id FROM branches WHERE group_chat_id = {GROUP}");
    assert_eq!(scalar(&app, &owner).await, a, "still the first branch's group");

    // Another branch's secretary cannot release it either.
    app.fake.push_message(app.fake.group_text(GROUP, B_SECRETARY, "书记", "/unbind"));
    app.expect_text(GROUP, "只有本群所属支部的书记").await;
    assert_eq!(scalar(&app, &owner).await, a);

    app.fake.push_message(app.fake.group_text(GROUP, SECRETARY, "王建国", "/unbind"));
    app.expect_text(GROUP, "已与“第一党支部”解除绑定").await;
    app.fake.push_message(app.fake.group_text(GROUP, B_SECRETARY, "书记", "/bind"));
    app.expect_text(GROUP, "本群已绑定为“第二党支部”").await;
    app.settle().await;
    assert_eq!(scalar(&app, &owner).await, b);
    app.stop().await;
}
