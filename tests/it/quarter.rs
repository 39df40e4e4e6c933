//! A whole quarter run from chat alone, end to end through the fake Bot API: the operator
//! creates the branch and hands over its code; from there the secretary — with no server — uploads
//! the roster as a file, binds the group, sets quiet hours and the 主题党日 day, schedules and
//! stops a timed briefing, records a leave phoned in and a 送学上门 visit, closes a meeting,
//! exports the quarter's record book, and hands the role to a successor, who closes the next
//! meeting and reads every step back in `/audit`.

use super::support;

use std::time::Duration;

use support::app::TestApp;
use support::branch::{app_at, button_data, move_to, scalar, shanghai};
use support::shell::{stdout, zhibu_beside};

const SECRETARY: i64 = 8001;
const GROUP: i64 = -8100;
/// 李秀英, the successor.
const LI: i64 = 8002;
/// 陈志强, a member who answers by tap.
const CHEN: i64 = 8005;
const ROSTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster/sample-roster.csv");
const WAIT: Duration = Duration::from_secs(10);

fn say(app: &TestApp, user: i64, name: &str, text: &str) {
    app.fake.push_message(app.fake.private_text(user, name, text));
}

fn tap(app: &TestApp, user: i64, name: &str, data: &str) {
    app.fake.push_callback(app.fake.callback(user, name, user, 1, data));
}

/// The secretary says `text` privately and waits for an answer holding `needle`; returns it.
async fn secretary(app: &TestApp, text: &str, needle: &str) -> String {
    say(app, SECRETARY, "王建国", text);
    app.expect_text(SECRETARY, needle).await
}

/// The id of the meeting created last.
async fn latest_meeting(app: &TestApp) -> i64 {
    app.settle().await;
    scalar(app, "SELECT MAX(id) FROM meetings").await
}

/// Waits until meeting `id` is closed.
async fn closed(app: &TestApp, id: i64) {
    let sql = format!("SELECT COUNT(*) FROM meetings WHERE id = {id} AND closed_at IS NOT NULL");
    let deadline = tokio::time::Instant::now() + WAIT;
    while scalar(app, &sql).await == 0 {
        assert!(tokio::time::Instant::now() < deadline, "meeting {id} was not closed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Files sent to `chat` by `sendDocument`, once there are at least `count`: (name, bytes).
async fn documents_to(app: &TestApp, chat: i64, count: usize) -> Vec<(String, Vec<u8>)> {
    let of_chat = |f: &support::fake_telegram::FakeTelegram| {
        f.calls_to("senddocument").into_iter().filter(|c| c.chat_id() == Some(chat)).collect::<Vec<_>>()
    };
    assert!(app.fake.wait_until(|f| of_chat(f).len() >= count, WAIT).await, "{count} documents to {chat}");
    of_chat(&app.fake).iter().filter_map(|c| c.file.clone()).collect()
}

#[tokio::test]
async fn a_secretary_without_a_server_runs_a_whole_quarter_from_chat() {
    // 9 October 2026, a Friday morning, after the National Day holiday.
    let (app, clock) = app_at(shanghai(2026, 10, 9, 9, 30, 0)).await;

    // The operator creates the branch on the server and passes the code on by phone.
    let added = zhibu_beside(&app.db, &["branch", "add", "第一党支部"]).await;
    assert!(added.status.success(), "{added:?}");
    let said = stdout(&added);
    let code =
        said.split("/start ").nth(1).and_then(|s| s.split_whitespace().next()).expect("a code").to_owned();

    // 1. The secretary binds with the code, in private chat.
    say(&app, SECRETARY, "王建国", &format!("/start {code}"));
    app.expect_text(SECRETARY, "支部书记").await;

    // 2. The roster, sent as a file: previewed, imported on the tap.
    let bytes = std::fs::read(ROSTER).unwrap();
    app.fake.push_message(app.fake.private_document(SECRETARY, "王建国", "花名册.csv", bytes));
    let preview = app.expect_text(SECRETARY, "“花名册.csv”已读好").await;
    assert!(preview.contains("新增24人"), "{preview}");
    tap(&app, SECRETARY, "王建国", &button_data(&app, SECRETARY, "已读好", "导入"));
    let imported = app.expect_text(SECRETARY, "花名册已导入：新增24人").await;
    // The secretary bound by code before there was a roster: asked to tie themself to their row.
    assert!(imported.contains("请点下面的【绑定手机号】"), "{imported}");
    app.fake.push_message(app.fake.private_contact(SECRETARY, "王建国", "13800138001", Some(SECRETARY)));
    app.expect_text(SECRETARY, "绑定成功").await;

    // 3. The group, and two members who bind by sharing their phone.
    app.fake.push_message(app.fake.group_text(GROUP, SECRETARY, "王建国", "/bind"));
    app.expect_text(GROUP, "本群已绑定").await;
    for (user, name, phone) in [(LI, "李秀英", "13800138002"), (CHEN, "陈志强", "13800138005")] {
        app.fake.push_message(app.fake.private_contact(user, name, phone, Some(user)));
        app.expect_text(user, "绑定成功").await;
    }

    // 4. Quiet hours, in words.
    secretary(&app, "/quiet 21点到7点", "已保存。勿扰时段：晚上9点到上午7点").await;

    // 5. The fixed day of 主题党日, with its next dates in words.
    let theme = secretary(&app, "/themeday 每月第一个星期五", "已保存。主题党日：每月第一个星期五").await;
    assert!(theme.contains("11月6日（星期五）"), "{theme}");

    // 6. A briefing timed for later, then stopped from /schedules before it goes.
    secretary(&app, "/brief 10月20日上午组织体检，请带医保卡。", "请带医保卡").await;
    tap(&app, SECRETARY, "王建国", &button_data(&app, SECRETARY, "请带医保卡", "定时"));
    app.settle().await;
    secretary(&app, "10月12日上午9点", "10月12日（星期一）上午9点发出").await;
    let list = secretary(&app, "/schedules", "正在进行的定时安排").await;
    assert!(
        list.contains("1. 10月12日（星期一）上午9点 情况通报（只发一次）：10月20日上午组织体检"),
        "{list}"
    );
    tap(&app, SECRETARY, "王建国", &button_data(&app, SECRETARY, "正在进行的定时安排", "停止第1个"));
    app.expect_text(SECRETARY, "已停止这条定时的情况通报").await;

    // 7. A general meeting; a member phones in a leave, another answers by tap.
    secretary(&app, "/meeting 党员大会 10月16日上午9点 老干部活动中心 学习全会精神", "已创建").await;
    let general = latest_meeting(&app).await;
    secretary(&app, "/leave 刘玉兰 住院", "已记录：刘玉兰同志请假（住院）").await;
    let announcement = super::meeting_support::message_of(&app, general, false).await;
    let join = button_data(&app, GROUP, "学习全会精神", "参加");
    app.fake.push_callback(app.fake.callback(CHEN, "陈志强", GROUP, announcement, &join));
    let joined = format!(
        "SELECT COUNT(*) FROM attendance a JOIN members m ON m.id = a.member_id
         WHERE a.meeting_id = {general} AND m.name = '陈志强' AND a.answer = 'attend'"
    );
    support::branch::wait_for_scalar(&app, &joined, 1).await;

    // 8. The timed briefing's hour passes: nothing goes out.
    move_to(&app, &clock, shanghai(2026, 10, 12, 9, 0, 5));
    app.settle().await;
    assert!(!app.fake.texts_to(GROUP).iter().any(|t| t.contains("请带医保卡")), "a stopped briefing stays");

    // 9. The meeting is held and closed; its record goes to the secretary.
    move_to(&app, &clock, shanghai(2026, 10, 16, 11, 0, 0));
    // 陈志强 said 参加 and came: 【这1位都到会了，结束会议】.
    close_meeting(&app, SECRETARY, "王建国", general, "p").await;
    let record = app.expect_text(SECRETARY, "【会议记录】").await;
    assert!(record.contains("请假：刘玉兰（住院）") && record.contains("实到：陈志强"), "{record}");

    // 送学上门: 刘玉兰, in hospital, was brought the material by her contact person, who heard her
    // views; recorded beside the frozen record after a 【确认】.
    secretary(
        &app,
        "/makeup 刘玉兰 送学上门 今天 联系人赵红梅 意见：希望多讲养老政策",
        "请核对：刘玉兰同志 送学上门（10月16日，联系人赵红梅）",
    )
    .await;
    tap(&app, SECRETARY, "王建国", &button_data(&app, SECRETARY, "请核对", "确认"));
    app.expect_text(SECRETARY, "已记录：刘玉兰同志 送学上门（10月16日，联系人赵红梅）").await;

    // 10. Three days before the theme day the secretary is reminded; 【发通知】 starts the
    //     meeting with its kind and date filled in.
    move_to(&app, &clock, shanghai(2026, 11, 3, 9, 0, 5));
    let reminder = app.expect_text(SECRETARY, "主题党日是11月6日").await;
    assert!(reminder.contains("【发通知】"), "{reminder}");
    tap(&app, SECRETARY, "王建国", &button_data(&app, SECRETARY, "主题党日是11月6日", "发通知"));
    app.expect_text(SECRETARY, "主题党日定在11月6日（星期五）。请写开会的时间").await;
    for line in ["上午9点", "老干部活动中心", "党史学习"] {
        say(&app, SECRETARY, "王建国", line);
        app.settle().await;
    }
    let lecture = latest_meeting(&app).await;
    let kind = format!("SELECT COUNT(*) FROM meetings WHERE id = {lecture} AND kind = 'theme_day'");
    assert_eq!(scalar(&app, &kind).await, 1, "{:?}", app.fake.texts_to(SECRETARY));

    // 11. At the quarter's end the secretary exports its record book: XLSX and printable HTML.
    move_to(&app, &clock, shanghai(2026, 11, 23, 10, 0, 0));
    let before = documents_to(&app, SECRETARY, 0).await.len();
    let exported = secretary(&app, "/export 本季度", "已导出2026年10月1日至2026年12月31日").await;
    assert!(exported.contains("共1次会议"), "{exported}");
    let files = documents_to(&app, SECRETARY, before + 2).await;
    let (xlsx_name, _) = &files[before];
    let (html_name, html) = &files[before + 1];
    assert_eq!(xlsx_name, "records-2026-10-01-2026-12-31.xlsx");
    assert_eq!(html_name, "records-2026-10-01-2026-12-31.html");
    let html = String::from_utf8(html.clone()).unwrap();
    assert!(html.contains("学习全会精神") && html.contains("刘玉兰"), "{html}");
    assert!(
        html.contains("送学上门（10月16日，联系人赵红梅）") && html.contains("希望多讲养老政策"),
        "{html}"
    );

    // 12. 换届: the role passes to 李秀英, who accepts in her own chat.
    secretary(&app, "/handover 李秀英", "已请李秀英同志确认").await;
    app.expect_text(LI, "提议由您接任").await;
    tap(&app, LI, "李秀英", &button_data(&app, LI, "提议由您接任", "接任书记"));
    app.expect_text(LI, "您已接任“第一党支部”的支部书记").await;
    app.expect_text(SECRETARY, "李秀英同志已接任支部书记").await;

    // 13. The successor closes the theme day's meeting announced by her predecessor.
    close_meeting(&app, LI, "李秀英", lecture, "y").await;
    app.expect_text(LI, "【会议记录】").await;

    // 14. Every admin step of the quarter is in /audit, in words, newest first.
    say(&app, LI, "李秀英", "/audit");
    let newest = app.expect_text(LI, "管理操作（最新的在前）").await;
    tap(&app, LI, "李秀英", &button_data(&app, LI, "管理操作（最新的在前）", "更早的记录"));
    let older = app.expect_text(LI, "更早的").await;
    let audit = format!("{newest}\n{older}");
    let steps = [
        "王建国：书记绑定",
        "王建国：导入花名册",
        "王建国：绑定支部群",
        "王建国：修改勿扰时段",
        "王建国：设置主题党日",
        "王建国：定时发情况通报",
        "王建国：停止定时的情况通报",
        "王建国：召开会议",
        "王建国：代党员登记请假",
        "王建国：结束会议",
        "王建国：代党员登记补学/送学上门",
        "王建国：导出会议记录",
        "王建国：提议交接书记",
        "李秀英：接任书记",
        "李秀英：结束会议",
    ];
    for step in steps {
        assert!(audit.contains(step), "{step} not in /audit:\n{audit}");
    }
    let newest = audit.find("李秀英：结束会议").unwrap();
    assert!(newest < audit.find("王建国：书记绑定").unwrap(), "newest first:\n{audit}");
    assert!(!audit.contains("其他操作"), "every action in words:\n{audit}");
    app.stop().await;
}

/// `user` closes meeting `id`: `/close_meeting`, then the button of `choice` (`y` 【结束会议】,
/// `p` with those who said 参加 as present).
async fn close_meeting(app: &TestApp, user: i64, name: &str, id: i64, choice: &str) {
    say(app, user, name, &format!("/close_meeting {id}"));
    app.expect_text(user, "确认结束").await;
    tap(app, user, name, &format!("mc:{id}:{choice}"));
    closed(app, id).await;
}

#[tokio::test]
async fn the_audit_log_pages_back_with_a_button_for_the_secretary_only() {
    let (app, _clock) = app_at(shanghai(2026, 11, 24, 10, 0, 0)).await;
    support::branch::bound_branch_as(&app, SECRETARY, GROUP).await;
    for hour in 8..=22 {
        secretary(&app, &format!("/quiet {hour}点到7点"), "已保存。勿扰时段").await;
    }
    for hour in 8..=22 {
        secretary(&app, &format!("/quiet {hour}点到6点"), "已保存。勿扰时段").await;
    }
    let first = secretary(&app, "/audit", "最近20条管理操作（最新的在前）").await;
    assert!(first.contains("修改勿扰时段（22:00-06:00）"), "{first}");
    let older = button_data(&app, SECRETARY, "最近20条管理操作", "更早的记录");
    tap(&app, SECRETARY, "王建国", &older);
    let second = app.expect_text(SECRETARY, "更早的").await;
    assert!(second.contains("修改勿扰时段（11:00-07:00）"), "{second}");
    assert!(!second.contains("22:00-06:00"), "older entries only: {second}");
    // 30 changes, the branch, its roster and two bindings: the second page is the last.
    assert!(second.contains("建立支部") && second.contains("书记绑定"), "{second}");
    let last = app
        .fake
        .messages_to(SECRETARY)
        .into_iter()
        .rev()
        .find(|c| c.text().is_some_and(|t| t.contains("更早的")));
    assert!(last.unwrap().params["reply_markup"].is_null(), "no button after the oldest page");

    // A member who is no secretary gets the refusal, not the log.
    app.fake.push_message(app.fake.private_contact(LI, "李秀英", "13800138002", Some(LI)));
    app.expect_text(LI, "绑定成功").await;
    tap(&app, LI, "李秀英", &older);
    app.settle().await;
    assert!(!app.fake.texts_to(LI).iter().any(|t| t.contains("管理操作")), "{:?}", app.fake.texts_to(LI));
    app.stop().await;
}
