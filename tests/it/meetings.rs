//! Meetings end to end through the fake Bot API: creating one from one line, the announcement
//! and its live roll, answers by button and words, and what must never make a record.

use super::meeting_support::*;
use super::support;

use std::time::Duration;

use support::app::TestApp;
use support::branch::keep_public_holidays;

const LINE: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";

#[tokio::test]
async fn a_meeting_line_creates_the_meeting_and_announces_it_with_buttons_and_a_roll() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let notice = app.expect_text(GROUP, "【支部党员大会通知】").await;
    assert!(notice.contains("时间：12月5日（星期六）上午9点"), "{notice}");
    assert!(notice.contains("地点：老干部活动中心") && notice.contains("议题：学习全会精神"), "{notice}");
    let call = app
        .fake
        .messages_to(GROUP)
        .into_iter()
        .find(|c| c.text().unwrap_or_default().contains("【支部党员大会通知】"))
        .unwrap();
    let buttons = &call.params["reply_markup"]["inline_keyboard"][0];
    assert_eq!(buttons[0]["text"], "参加");
    assert_eq!(buttons[0]["callback_data"], format!("m:{id}:a"));
    assert_eq!(buttons[1]["callback_data"], format!("m:{id}:l"));
    let roll = app.expect_text(GROUP, "【接龙】").await;
    assert!(roll.contains("参加 0人") && roll.contains("未回复 24人"), "{roll}");
    app.stop().await;
}

#[tokio::test]
async fn a_time_in_the_past_a_date_that_does_not_exist_or_no_time_is_refused_with_what_to_write() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let cases = [
        ("/meeting 党员大会 今天上午9点 活动中心 学习", "已经过去了"),
        ("/meeting 党员大会 2026年11月1日上午9点 活动中心 学习", "已经过去了"),
        ("/meeting 党员大会 2月30日上午9点 活动中心 学习", "没有这个日期"),
        ("/meeting 党员大会 下雨天 活动中心 学习", "没有看懂会议时间"),
        ("/meeting 党员大会 12月5日 活动中心 学习", "请写上几点开会"),
        ("/meeting 茶话会 12月5日上午9点 活动中心 学习", "不是会议类型"),
        ("/meeting 党员大会 12月5日上午9点 活动中心", "请在地点后面写上议题"),
        ("/meeting 党小组会 12月5日上午9点 活动中心 学习", "哪个党小组"),
    ];
    for (line, answer) in cases {
        app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", line));
        app.expect_text(SECRETARY, answer).await;
    }
    assert_eq!(meetings_count(&app).await, 0);
    app.stop().await;
}

#[tokio::test]
async fn pressing_a_button_twice_records_one_answer() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let message = message_of(&app, id, false).await;
    tap(&app, "李秀英", GROUP, message, &format!("m:{id}:a"));
    app.expect_text(user("李秀英"), "已记录：李秀英同志参加").await;
    tap(&app, "李秀英", GROUP, message, &format!("m:{id}:a"));
    app.settle().await;
    assert_eq!(callback_notices(&app), vec!["已记录，谢谢！", "已经记录过了，不用再点。"]);
    let (answer, history) = answer_of(&app, id, "李秀英").await;
    assert_eq!(answer, Some(("attend".to_owned(), None, None)));
    assert_eq!(history, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_stale_button_of_a_cancelled_meeting_records_nothing() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let message = message_of(&app, id, false).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/cancel_meeting"));
    app.expect_text(GROUP, "取消了").await;
    app.expect_text(SECRETARY, "已取消支部党员大会").await;
    tap(&app, "刘玉兰", GROUP, message, &format!("m:{id}:l"));
    app.settle().await;
    assert_eq!(callback_notices(&app), vec!["这次会议已经结束或取消了，不用再回复。"]);
    assert_eq!(answer_of(&app, id, "刘玉兰").await, (None, 0));
    let mut conn = app.store.conn().await.unwrap();
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM scheduled_jobs WHERE ref_id = $1 AND state = 'pending' AND kind IN ('meeting.remind', 'meeting.check_in')")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(pending, 0, "the reminders are withdrawn");
    drop(conn);
    assert!(current_text(&app, message).contains("（会议已取消）"));
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_users_tap_gets_a_polite_notice_and_no_record() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let message = message_of(&app, id, false).await;
    app.fake.push_callback(app.fake.callback(9999, "路人", GROUP, message, &format!("m:{id}:a")));
    app.settle().await;
    assert_eq!(callback_notices(&app), vec!["您好！您还没有绑定支部，暂时无法登记。请私聊我绑定手机号。"]);
    let mut conn = app.store.conn().await.unwrap();
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM attendance_answers").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(rows, 0);
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn words_that_are_no_answer_are_never_recorded_nor_answered() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let group_before = app.fake.messages_to(GROUP).len();
    for (name, text) in
        [("刘玉兰", "大家好"), ("陈志强", "明天几点开会？"), ("杨桂芝", "住院了"), ("黄国庆", "今天天气真好")]
    {
        app.fake.push_message(app.fake.group_text(GROUP, user(name), name, text));
    }
    app.fake.push_message(app.fake.private_text(user("周淑珍"), "周淑珍", "已学完了"));
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM attendance_answers").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(rows, 0);
    drop(conn);
    assert_eq!(app.fake.messages_to(GROUP).len(), group_before, "no reaction in the group");
    for name in ["刘玉兰", "陈志强", "杨桂芝", "黄国庆"] {
        let said = app.fake.texts_to(user(name));
        assert!(said.iter().all(|t| t.contains("绑定成功")), "{name} heard {said:?}");
    }
    // In private, words the bot cannot place are never met with silence: the kind answer with
    // the buttons, and nothing recorded.
    let said = app.fake.texts_to(user("周淑珍"));
    assert!(said.iter().all(|t| t.contains("绑定成功") || t.contains("这条消息我没有看懂")), "{said:?}");
    let _ = id;
    app.stop().await;
}

#[tokio::test]
async fn a_burst_of_answers_edits_the_roll_a_handful_of_times() {
    // Telegram's real pace (one edit a second per chat) is what makes the answers coalesce.
    let app = TestApp::spawn_configured(start_clock(), |s| s.rate_scale = 1.0).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let roll = message_of(&app, id, true).await;
    let answering: Vec<&str> = people().iter().skip(1).take(20).map(|(n, _, _)| *n).collect();
    for name in &answering {
        let name = if *name == "王建国" { "王建国2" } else { name };
        tap(&app, name, GROUP, roll, &format!("m:{id}:a"));
    }
    app.settle().await;
    let edits = app.fake.calls_to("editmessagetext").len();
    assert!(edits < 10, "{edits} edits for 20 answers");
    let text = current_text(&app, roll);
    assert!(text.contains("参加 20人") && text.contains("未回复 4人"), "{text}");
    app.stop().await;
}

#[tokio::test]
async fn an_ambiguous_reply_is_asked_back_with_buttons_never_guessed() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    app.fake.push_message(app.fake.group_text(GROUP, user("何秀云"), "何秀云", "看情况吧"));
    app.expect_text(user("何秀云"), "是参加还是请假").await;
    assert_eq!(answer_of(&app, id, "何秀云").await, (None, 0));
    let question = app
        .fake
        .wait_for_call(
            |c| c.chat_id() == Some(user("何秀云")) && c.text().unwrap_or_default().contains("请假？"),
            Duration::from_secs(5),
        )
        .await
        .unwrap();
    assert_eq!(
        question.params["reply_markup"]["inline_keyboard"][0][1]["callback_data"],
        format!("m:{id}:l")
    );
    app.stop().await;
}

#[tokio::test]
async fn a_moved_meeting_tells_the_group_and_its_old_reminders_never_go() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/reschedule 12月8日下午3点"));
    let notice = app.expect_text(GROUP, "【改期通知】").await;
    assert!(notice.contains("由12月5日（星期六）上午9点改到12月8日（星期二）下午3点"), "{notice}");
    app.expect_text(SECRETARY, "已把支部党员大会改到").await;
    let announcement = current_text(&app, message_of(&app, id, false).await);
    assert!(announcement.contains("时间：12月8日（星期二）下午3点"), "{announcement}");
    // The old day-before time passes: nothing; the new one comes.
    set_clock(&app, &clock, (2026, 12, 4, 9, 30));
    app.settle().await;
    assert!(!app.fake.texts_to(GROUP).iter().any(|t| t.contains("【提醒】")));
    set_clock(&app, &clock, (2026, 12, 7, 15, 0));
    app.expect_text(GROUP, "【提醒】明天召开支部党员大会").await;
    app.stop().await;
}

#[tokio::test]
async fn a_reminder_for_a_meeting_that_already_began_is_skipped_as_stale() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    // The bot was down until after the start: the reminders are stale, never sent late.
    set_clock(&app, &clock, (2026, 12, 5, 9, 10));
    let stale = || async {
        let mut conn = app.store.conn().await.unwrap();
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM scheduled_jobs WHERE ref_id = $1 AND kind = 'meeting.remind' AND state = 'skipped_stale'",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        n
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while stale().await < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(stale().await, 2);
    app.settle().await;
    assert!(!app.fake.texts_to(GROUP).iter().any(|t| t.contains("【提醒】")));
    app.stop().await;
}

#[tokio::test]
async fn months_without_organizational_life_are_told_privately_to_the_secretary() {
    let clock = std::sync::Arc::new(zhibu::clock::ManualClock::at(
        chrono::DateTime::parse_from_rfc3339("2026-10-01T10:00:00+08:00").unwrap().to_utc(),
    ));
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    // Not about 国庆节: the announcements go out on 10月1日 as on any day.
    keep_public_holidays(&app, branch, zhibu::clock::Clock::now(clock.as_ref())).await;
    let say = |text: &str| app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
    for (line, day) in [
        ("/meeting 党员大会 10月10日上午9点 活动中心 学习", 10),
        ("/meeting 党课 11月10日上午9点 活动中心 党课", 11),
    ] {
        let id = create_meeting(&app, line).await;
        set_clock(&app, &clock, (2026, day, 10, 10, 0));
        say("/present 李秀英");
        app.expect_text(SECRETARY, "已登记李秀英同志到会").await;
        close_confirmed(&app, id).await;
    }
    set_clock(&app, &clock, (2026, 12, 1, 9, 0));
    let told = app.expect_text(SECRETARY, "刘玉兰同志已连续2个月未参加组织生活").await;
    assert!(told.contains("建议上门看望") && !told.contains("李秀英"), "{told}");
    assert!(!app.fake.texts_to(GROUP).iter().any(|t| t.contains("连续")), "never in the group");
    app.stop().await;
}

#[tokio::test]
async fn a_committee_member_closing_a_meeting_leaves_the_record_to_the_secretary() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let say =
        |user: i64, name: &str, text: &str| app.fake.push_message(app.fake.private_text(user, name, text));
    say(SECRETARY, "王建国", "/grant 李秀英");
    app.expect_text(user("李秀英"), "授权您使用").await;
    app.fake.push_message(app.fake.group_text(GROUP, user("马凤英"), "马凤英", "请假 住院"));
    app.expect_text(user("马凤英"), "已记录").await;
    set_clock(&app, &clock, (2026, 12, 5, 11, 0));
    close_confirmed_by(&app, user("李秀英"), "李秀英", id).await;
    app.expect_text(user("李秀英"), "已私下发给支部书记").await;
    let record = app.expect_text(SECRETARY, "【会议记录】").await;
    assert!(record.contains("马凤英（住院）"), "{record}");
    app.settle().await;
    assert!(!app.fake.texts_to(user("李秀英")).iter().any(|t| t.contains("住院")));
    assert!(app.fake.calls_to("senddocument").iter().all(|c| c.chat_id() == Some(SECRETARY)));
    app.stop().await;
}

#[tokio::test]
async fn a_family_contact_answers_privately_for_their_member_and_the_record_says_so() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/contact 郑玉珍"));
    let text = app.expect_text(SECRETARY, "联系人").await;
    let code = text.rsplit("start=").next().unwrap().trim().to_owned();
    let family = 7777;
    app.fake.push_message(app.fake.private_text(family, "小郑", &format!("/start {code}")));
    app.expect_text(family, "郑玉珍同志的联系人").await;
    app.fake.push_message(app.fake.private_text(family, "小郑", "请假 住院"));
    app.expect_text(family, "已记录：小郑代郑玉珍同志请假（住院），谢谢告知。").await;
    assert_eq!(
        answer_of(&app, id, "郑玉珍").await,
        (Some(("leave".to_owned(), Some("住院".to_owned()), Some("小郑".to_owned()))), 1)
    );
    app.stop().await;
}
