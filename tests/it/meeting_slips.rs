//! No irreversible slip, and a roll that fits Telegram: closing is refused before the start and
//! asked before it is done (with a one-tap confirm for those who said 参加 but never checked
//! in); a name in `/present` that matches nobody records nothing until the secretary chooses;
//! and a roll of 400 long names stays within 4,096 characters, exact, with the full list a tap
//! away.

use super::meeting_support::*;
use super::support;

use std::time::Duration;

use support::app::TestApp;

const LINE: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

/// (closed_at, observers, how many members are recorded present).
async fn meeting_state(app: &TestApp, id: i64) -> (Option<i64>, Option<String>, i64) {
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    let m = zhibu::store::meetings::get(&mut conn, id).await.unwrap().unwrap();
    let present: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM attendance WHERE meeting_id = $1 AND present_mode IS NOT NULL",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    (m.closed_at, m.observers.filter(|o| !o.is_empty()), present)
}

fn nobody_got_makeup_or_a_record(app: &TestApp) {
    for (_, _, user) in people() {
        assert!(
            !app.fake.texts_to(user).iter().any(|t| t.contains("【补学】") || t.contains("【会议记录】"))
        );
    }
}

/// The callback data of every button on the latest message to `chat` holding `needle`.
fn buttons_of(app: &TestApp, chat: i64, needle: &str) -> Vec<(String, String)> {
    let call =
        app.fake.messages_to(chat).into_iter().rev().find(|c| c.text().is_some_and(|t| t.contains(needle)));
    let call = call.unwrap_or_else(|| panic!("no {needle}: {:?}", app.fake.texts_to(chat)));
    let rows = call.params["reply_markup"]["inline_keyboard"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|b| (b["text"].as_str().unwrap().to_owned(), b["callback_data"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn closing_before_the_start_is_refused_and_nothing_is_sent() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    secretary_says(&app, &format!("/close_meeting {id}"));
    let refused = app.expect_text(SECRETARY, "还没有开始，现在不能结束").await;
    assert!(
        refused.contains("12月5日（星期六）上午9点") && refused.contains("会议开始以后才能结束"),
        "{refused}"
    );
    // 【结束会议】 under "已创建…", and even a confirming tap, are refused as well.
    let created = sent_with(&app, SECRETARY, "已创建").await;
    tap(&app, "王建国", SECRETARY, created, &format!("m:{id}:x"));
    tap_private(&app, SECRETARY, "王建国", &format!("m:{id}:x")).await;
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, created, &format!("mc:{id}:y")));
    app.settle().await;
    let refusals = app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("现在不能结束")).count();
    assert_eq!(refusals, 4);
    assert!(!app.fake.texts_to(SECRETARY).iter().any(|t| t.starts_with("确认结束")));
    assert_eq!(meeting_state(&app, id).await, (None, None, 0));
    nobody_got_makeup_or_a_record(&app);
    app.stop().await;
}

#[tokio::test]
async fn closing_after_the_start_asks_and_one_tap_confirms_those_who_said_they_would_come() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let announcement = message_of(&app, id, false).await;
    for name in ["李秀英", "刘玉兰", "陈志强"] {
        tap(&app, name, GROUP, announcement, &format!("m:{id}:a"));
        app.expect_text(user(name), "已记录").await;
    }
    set_clock(&app, &clock, (2026, 12, 5, 9, 10));
    secretary_says(&app, "/present 李秀英");
    app.expect_text(SECRETARY, "已登记李秀英同志到会").await;

    // The question names what will happen and who said 参加 but never checked in.
    let question = ask_to_close(&app, SECRETARY, "王建国", id).await;
    for part in [
        "确认结束支部党员大会（",
        "会议记录（文字、表格和打印版）私下发给支部书记王建国",
        "补学材料私下发给没有到会的23位同志",
        "有2位同志说了参加，但没有签到，结束时会记为缺席：刘玉兰、陈志强",
        &format!("结束后7天内如发现差错，可以发送 /correct {id} 更正，或 /correct {id} 重新开启。"),
    ] {
        assert!(question.contains(part), "{part} in {question}");
    }
    let labels: Vec<String> = buttons_of(&app, SECRETARY, "确认结束").into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["这2位都到会了，结束会议", "结束会议（这2位记缺席）", "暂不结束"]);

    // 【暂不结束】 leaves it open; nothing is sent; the question keeps its words, not its buttons.
    let first = sent_with(&app, SECRETARY, &format!("\"mc:{id}:n\"")).await;
    tap_private(&app, SECRETARY, "王建国", &format!("mc:{id}:n")).await;
    app.expect_text(SECRETARY, "好的，会议没有结束").await;
    app.settle().await;
    let settled = app.fake.message(SECRETARY, first).unwrap();
    assert!(settled["text"].as_str().unwrap().ends_with("（已选择：暂不结束）"), "{settled}");
    assert!(settled.get("reply_markup").is_none(), "{settled}");
    assert_eq!(meeting_state(&app, id).await, (None, None, 1));
    nobody_got_makeup_or_a_record(&app);

    // 【结束会议】 under "已创建…" asks too; the one-tap confirm closes with both present.
    let created = sent_with(&app, SECRETARY, "已创建").await;
    tap(&app, "王建国", SECRETARY, created, &format!("m:{id}:x"));
    let asked = |f: &support::fake_telegram::FakeTelegram| {
        f.texts_to(SECRETARY).iter().filter(|t| t.starts_with("确认结束")).count() == 2
    };
    assert!(app.fake.wait_until(asked, Duration::from_secs(10)).await);
    assert_eq!(meeting_state(&app, id).await.0, None, "asking closes nothing");
    let second = sent_with(&app, SECRETARY, &format!("\"mc:{id}:p\"")).await;
    assert_ne!(first, second);
    tap_private(&app, SECRETARY, "王建国", &format!("mc:{id}:p")).await;
    app.expect_text(SECRETARY, "已登记2位同志到会（现场）").await;
    let record = app.expect_text(SECRETARY, "【会议记录】").await;
    assert!(record.contains("实到人数：3"), "{record}");
    assert!(record.contains("刘玉兰（现场）") && record.contains("陈志强（现场）"), "{record}");
    assert!(meeting_state(&app, id).await.0.is_some());
    app.expect_text(user("马凤英"), "【补学】马凤英同志").await;
    assert!(!app.fake.texts_to(user("刘玉兰")).iter().any(|t| t.contains("【补学】")));
    let settled = app.fake.message(SECRETARY, second).unwrap();
    assert!(settled["text"].as_str().unwrap().ends_with("（已确认结束）"), "{settled}");
    // A second tap on the old question (an old client still shows it) closes nothing twice.
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, second, &format!("mc:{id}:y")));
    app.settle().await;
    assert_eq!(app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("【会议记录】")).count(), 1);
    app.stop().await;
}

#[tokio::test]
async fn a_mistyped_name_offers_the_roster_name_and_records_nothing_until_tapped() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    set_clock(&app, &clock, (2026, 12, 5, 9, 10));
    secretary_says(&app, "/present 张得明");
    let offer = app.expect_text(SECRETARY, "张得明不在花名册中，还没有登记").await;
    assert!(offer.contains("您是不是要找：张德明？"), "{offer}");
    let buttons = buttons_of(&app, SECRETARY, "张得明不在花名册中");
    assert_eq!(buttons.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["张德明", "按列席记录"]);
    assert_eq!(meeting_state(&app, id).await, (None, None, 0), "nothing recorded yet");
    tap_private(&app, SECRETARY, "王建国", &buttons[0].1).await;
    app.expect_text(SECRETARY, "已登记张德明同志到会（现场）").await;
    assert_eq!(meeting_state(&app, id).await, (None, None, 1), "a member, never 列席");
    app.stop().await;
}

#[tokio::test]
async fn several_names_in_one_present_are_each_recorded_as_members() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    set_clock(&app, &clock, (2026, 12, 5, 9, 10));
    secretary_says(&app, "/present 张德明 李秀英");
    let done = app.expect_text(SECRETARY, "已登记张德明同志到会").await;
    assert_eq!(done, "已登记张德明同志到会（现场）。\n已登记李秀英同志到会（现场）。");
    assert_eq!(meeting_state(&app, id).await, (None, None, 2));
    // Namesakes told apart by a phone tail, online, in the same line.
    secretary_says(&app, "/present 王建国 8013 刘玉兰 线上");
    let done = app.expect_text(SECRETARY, "已登记王建国同志到会（线上）").await;
    assert!(done.ends_with("已登记刘玉兰同志到会（线上）。"), "{done}");
    assert_eq!(meeting_state(&app, id).await, (None, None, 4));
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_name_is_a_guest_only_after_the_explicit_tap() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    set_clock(&app, &clock, (2026, 12, 5, 9, 10));
    secretary_says(&app, "/present 李书记 李秀英");
    let offer = app.expect_text(SECRETARY, "李书记不在花名册中，还没有登记").await;
    assert!(offer.contains("请检查姓名后重新发送"), "{offer}");
    app.expect_text(SECRETARY, "已登记李秀英同志到会").await;
    assert_eq!(meeting_state(&app, id).await, (None, None, 1));
    let observe = buttons_of(&app, SECRETARY, "李书记不在花名册中");
    assert_eq!(observe.len(), 1);
    tap_private(&app, SECRETARY, "王建国", &observe[0].1).await;
    app.expect_text(SECRETARY, "已登记李书记为列席人员").await;
    assert_eq!(meeting_state(&app, id).await, (None, Some("李书记".to_owned()), 1));
    // A second tap adds nothing.
    tap_private(&app, SECRETARY, "王建国", &observe[0].1).await;
    app.settle().await;
    assert_eq!(app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("为列席人员")).count(), 1);
    app.stop().await;
}

const LONG_NAMES: usize = 400;

/// 阿不都热合曼·第〇〇一号 …: twelve characters each.
fn long_name(i: usize) -> String {
    let digits: String = format!("{i:03}")
        .chars()
        .map(|d| "〇一二三四五六七八九".chars().nth(d as usize - '0' as usize).unwrap())
        .collect();
    format!("阿不都热合曼买买提{digits}")
}

/// 400 more members with long names, each bound to Telegram user 100000 + i.
async fn four_hundred_members(app: &TestApp, branch: i64) {
    let mut csv = "姓名,性别,出生日期,入党日期,党员类别,人员类别,党小组,手机号,联系人,备注\n".to_owned();
    for i in 0..LONG_NAMES {
        csv.push_str(&format!(
            "{},男,1948-01-01,1970-01-01,正式,退休,第一党小组,1390{i:07},,\n",
            long_name(i)
        ));
    }
    let now = zhibu::clock::to_millis(chrono::Utc::now());
    zhibu::app::roster_import::import(&app.store, branch, "long.csv", csv.as_bytes(), now).await.unwrap();
    let mut conn = app.store.conn().await.unwrap();
    for i in 0..LONG_NAMES {
        let phone = format!("1390{i:07}");
        let member = zhibu::store::members::by_phone(&mut conn, branch, &phone).await.unwrap().unwrap();
        zhibu::store::members::bind_telegram(&mut conn, member.id, 100_000 + i as i64, now).await.unwrap();
    }
}

#[tokio::test]
async fn a_roll_of_four_hundred_long_names_stays_within_telegrams_limit_and_counts_everyone() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    let branch = branch_with_members(&app).await;
    four_hundred_members(&app, branch).await;
    let id = create_meeting(&app, LINE).await;
    let announcement = message_of(&app, id, false).await;
    let roll = message_of(&app, id, true).await;
    for i in 0..LONG_NAMES {
        let answer = if i % 4 == 3 { "l" } else { "a" };
        let name = long_name(i);
        let data = format!("m:{id}:{answer}");
        app.fake.push_callback(app.fake.callback(100_000 + i as i64, &name, GROUP, announcement, &data));
    }
    let counted = |f: &support::fake_telegram::FakeTelegram| {
        let text =
            f.message(GROUP, roll).and_then(|m| m["text"].as_str().map(str::to_owned)).unwrap_or_default();
        text.contains("参加 300人") && text.contains("请假 100人")
    };
    let done = app.fake.wait_until(counted, Duration::from_secs(120)).await;
    let text = current_text(&app, roll);
    assert!(done, "the roll stopped counting: {text}");
    app.settle().await;
    let text = current_text(&app, roll);
    assert!(
        text.contains("参加 300人") && text.contains("请假 100人") && text.contains("未回复 24人"),
        "{text}"
    );
    let edits = app.fake.calls_to("editmessagetext");
    assert!(edits.iter().all(|c| c.text().unwrap_or_default().encode_utf16().count() <= 4096));
    assert!(app.fake.faulted_calls().is_empty(), "{:?}", app.fake.faulted_calls().first());

    // 【完整名单】 under the roll sends every name privately, in messages Telegram takes.
    let message = app.fake.message(GROUP, roll).unwrap();
    let button = &message["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(
        (button["text"].as_str(), button["callback_data"].as_str()),
        (Some("完整名单"), Some(&*format!("mr:{id}")))
    );
    tap(&app, "李秀英", GROUP, roll, &format!("mr:{id}"));
    app.expect_text(user("李秀英"), "【完整名单】").await;
    app.settle().await;
    let private: Vec<String> = app.fake.texts_to(user("李秀英"));
    let list: String = private.iter().skip_while(|t| !t.starts_with("【完整名单】")).cloned().collect();
    assert!((0..LONG_NAMES).all(|i| list.contains(&long_name(i))), "every name is in the full list");
    assert!(private.iter().all(|t| t.encode_utf16().count() <= 4096));
    assert!(!app.fake.texts_to(GROUP).iter().any(|t| t.starts_with("【完整名单】")), "never in the group");
    app.stop().await;
}
