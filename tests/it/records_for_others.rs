//! What the secretary records for others after the fact, end to end through the fake Bot API:
//! `/makeup` (补学 / 送学上门 with its day, visitor and the member's views) on a closed meeting,
//! shown in the record, its files and the record book, counted by the care alert; `/visit` and
//! 【已走访】 (走访慰问) after a care alert, which then is not repeated; both audited; erasure
//! leaves no trace of either.

use super::erasure::cells_containing;
use super::meeting_records::{cli, close, exports, member_id};
use super::meeting_support::*;
use super::support;

use std::io::Cursor;
use std::time::Duration;

use calamine::{Reader, Xlsx};
use support::app::TestApp;
use support::branch::{button_data, keep_public_holidays, quiesce, scalar};

const LINE: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";
const WAIT: Duration = Duration::from_secs(10);

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

/// Waits for a text to the secretary containing `needle` beyond the `before` already there.
async fn next_text(app: &TestApp, needle: &str, before: usize) -> String {
    let count = |f: &support::fake_telegram::FakeTelegram| {
        f.texts_to(SECRETARY).iter().filter(|t| t.contains(needle)).count()
    };
    let arrived = app.fake.wait_until(|f| count(f) > before, WAIT).await;
    assert!(arrived, "no new {needle:?}: {:?}", app.fake.texts_to(SECRETARY));
    app.fake.texts_to(SECRETARY).into_iter().rev().find(|t| t.contains(needle)).unwrap()
}

fn texts_with(app: &TestApp, needle: &str) -> usize {
    app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains(needle)).count()
}

/// The secretary taps `label` under the latest message containing `needle`.
async fn secretary_taps(app: &TestApp, needle: &str, label: &str) {
    let data = button_data(app, SECRETARY, needle, label);
    tap_private(app, SECRETARY, "王建国", &data).await;
}

/// The newest XLSX document sent to the secretary, once `count` documents arrived.
async fn latest_xlsx(app: &TestApp, count: usize) -> Xlsx<Cursor<Vec<u8>>> {
    let docs = |f: &support::fake_telegram::FakeTelegram| {
        f.calls_to("senddocument").into_iter().filter(|c| c.chat_id() == Some(SECRETARY)).collect::<Vec<_>>()
    };
    assert!(app.fake.wait_until(|f| docs(f).len() >= count, WAIT).await, "{count} documents");
    let (_, bytes) = docs(&app.fake)
        .into_iter()
        .rev()
        .filter_map(|c| c.file.clone())
        .find(|(name, _)| name.ends_with(".xlsx"))
        .expect("an xlsx");
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

/// The sample branch, whose general meeting of 12月5日 nobody came to, closed; the clock at
/// 12月8日 10:00. Returns the meeting's id.
async fn closed_on_5_december(app: &TestApp, clock: &zhibu::clock::ManualClock) -> i64 {
    branch_with_members(app).await;
    let id = create_meeting(app, LINE).await;
    set_clock(app, clock, (2026, 12, 5, 11, 0));
    close(app, id).await;
    set_clock(app, clock, (2026, 12, 8, 10, 0));
    id
}

fn sheet_text(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> String {
    let sheet = book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect::<Vec<_>>().join("|")
}

#[tokio::test]
async fn a_makeup_delivered_to_a_member_without_telegram_is_in_the_record_its_files_and_the_audit() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let id = closed_on_5_december(&app, &clock).await;

    secretary_says(&app, "/makeup 张德明 送学上门 12月20日 联系人赵红梅");
    app.expect_text(SECRETARY, "“12月20日”还没有到").await;
    secretary_says(&app, "/makeup 张德明 送学上门 12月7日");
    app.expect_text(SECRETARY, "送学上门要写是谁送去的").await;
    secretary_says(&app, "/makeup 张德明 送学上门 12月7日 联系人赵红梅 意见：希望多讲养老政策");
    let summary = app.expect_text(SECRETARY, "请核对：张德明同志 送学上门（12月7日，联系人赵红梅）").await;
    assert!(summary.contains("12月5日的支部党员大会") && summary.contains("希望多讲养老政策"), "{summary}");
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM makeups").await, 0, "nothing before 【确认】");
    secretary_taps(&app, "请核对", "确认").await;
    app.expect_text(SECRETARY, "已记录：张德明同志 送学上门（12月7日，联系人赵红梅）").await;
    quiesce(&app).await;

    let (text, _, html) = exports(&app, id).await;
    for export in [&text, &html] {
        assert!(export.contains("送学上门（12月7日，联系人赵红梅）"), "{export}");
        assert!(export.contains("希望多讲养老政策"), "{export}");
    }
    // The frozen record itself is unchanged: 张德明 is still counted absent.
    assert!(text.contains("缺席") && text.contains("张德明"), "{text}");

    // Once made up, the meeting is not offered again; a second line changes nothing.
    secretary_says(&app, "/makeup 张德明 补学 今天");
    app.expect_text(SECRETARY, "张德明同志没有需要补学的会议").await;
    secretary_says(&app, &format!("/makeup {id} 张德明 补学 今天"));
    app.expect_text(SECRETARY, "张德明同志这次会议的补学已经登记过了（12月7日）").await;

    let before = texts_with(&app, "【会议记录】");
    secretary_says(&app, &format!("/record {id}"));
    let again = next_text(&app, "【会议记录】", before).await;
    assert!(
        again.contains("补学情况")
            && again.contains("张德明：送学上门（12月7日，联系人赵红梅），意见建议：希望多讲养老政策"),
        "{again}"
    );

    let documents = app.fake.calls_to("senddocument").len();
    secretary_says(&app, "/export 本季度");
    let mut book = latest_xlsx(&app, documents + 2).await;
    let detail = sheet_text(&mut book, "出席明细");
    assert!(detail.contains("意见建议") && detail.contains("送学上门（12月7日，联系人赵红梅）"), "{detail}");
    assert!(detail.contains("希望多讲养老政策"), "{detail}");

    secretary_says(&app, "/audit");
    let audit = app.expect_text(SECRETARY, "代党员登记补学/送学上门").await;
    assert!(audit.contains("张德明"), "{audit}");
    app.stop().await;
}

#[tokio::test]
async fn namesakes_and_several_missed_meetings_are_chosen_by_button_and_bad_input_says_what_to_write() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let first = create_meeting(&app, LINE).await;
    let second = create_meeting(&app, "/meeting 党课 12月12日上午9点 老干部活动中心 党史").await;
    set_clock(&app, &clock, (2026, 12, 5, 11, 0));
    close(&app, first).await;
    set_clock(&app, &clock, (2026, 12, 12, 11, 0));
    close(&app, second).await;
    set_clock(&app, &clock, (2026, 12, 14, 10, 0));

    secretary_says(&app, "/makeup 刘玉兰 补学");
    app.expect_text(SECRETARY, "请这样写：/makeup 姓名 补学 日期").await;
    secretary_says(&app, "/makeup 刘玉兰 补学 上回");
    app.expect_text(SECRETARY, "“上回”不是日期").await;
    secretary_says(&app, "/makeup 张三丰 补学 昨天");
    app.expect_text(SECRETARY, "花名册中没有找到“张三丰”").await;

    // Two closed meetings missed: the secretary chooses which one.
    secretary_says(&app, "/makeup 刘玉兰 补学 昨天 学习了全会精神");
    app.expect_text(SECRETARY, "刘玉兰同志有几次会议缺席或请假").await;
    secretary_taps(&app, "刘玉兰同志有几次会议", "12月5日 支部党员大会（缺席）").await;
    let summary =
        app.expect_text(SECRETARY, "请核对：刘玉兰同志 补学（12月13日），补的是12月5日的支部党员大会").await;
    assert!(summary.contains("学习了全会精神"), "{summary}");
    secretary_taps(&app, "请核对：刘玉兰", "确认").await;
    app.expect_text(SECRETARY, "已记录：刘玉兰同志 补学（12月13日）").await;
    quiesce(&app).await;
    let (text, _, _) = exports(&app, first).await;
    assert!(text.contains("刘玉兰：已补学（2026-12-13），意见建议：学习了全会精神"), "{text}");
    let (text, _, _) = exports(&app, second).await;
    assert!(!text.contains("补学情况"), "the other meeting has no make-up: {text}");

    // Namesakes are told apart by button; 【取消】 records nothing.
    secretary_says(&app, "/makeup 王建国 补学 昨天");
    app.expect_text(SECRETARY, "花名册里有几位“王建国”").await;
    secretary_taps(&app, "花名册里有几位“王建国”", "王建国（尾号8013）").await;
    app.expect_text(SECRETARY, "王建国同志有几次会议缺席或请假").await;
    secretary_taps(&app, "王建国同志有几次会议", "12月12日 党课（缺席）").await;
    app.expect_text(SECRETARY, "请核对：王建国同志 补学（12月13日），补的是12月12日的党课").await;
    secretary_taps(&app, "请核对：王建国", "取消").await;
    app.expect_text(SECRETARY, "已取消，没有登记").await;
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM makeups").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_makeup_counts_for_the_care_alert_and_a_visit_quiets_it_for_that_run_of_months() {
    let clock = std::sync::Arc::new(zhibu::clock::ManualClock::at(
        chrono::DateTime::parse_from_rfc3339("2026-10-01T10:00:00+08:00").unwrap().to_utc(),
    ));
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    keep_public_holidays(&app, branch, zhibu::clock::Clock::now(clock.as_ref())).await;
    let mut last = 0;
    for (line, day) in [
        ("/meeting 党员大会 10月10日上午9点 活动中心 学习", 10),
        ("/meeting 党课 11月10日上午9点 活动中心 党课", 11),
    ] {
        let id = create_meeting(&app, line).await;
        set_clock(&app, &clock, (2026, day, 10, 10, 0));
        secretary_says(&app, "/present 李秀英");
        app.expect_text(SECRETARY, "已登记李秀英同志到会").await;
        close_confirmed(&app, id).await;
        last = id;
    }
    // 刘玉兰 made up for November's meeting: that month counts as taken part.
    secretary_says(&app, &format!("/makeup {last} 刘玉兰 补学 今天"));
    app.expect_text(SECRETARY, "请核对：刘玉兰同志 补学（11月10日）").await;
    secretary_taps(&app, "请核对：刘玉兰", "确认").await;
    app.expect_text(SECRETARY, "已记录：刘玉兰同志 补学").await;

    set_clock(&app, &clock, (2026, 12, 1, 9, 0));
    let told = app.expect_text(SECRETARY, "陈志强同志已连续2个月未参加组织生活").await;
    assert!(!told.contains("刘玉兰") && !told.contains("李秀英"), "{told}");

    // 【已走访】 under the alert records a visit today by the one who tapped.
    secretary_taps(&app, "陈志强同志已连续2个月", "已走访 陈志强").await;
    app.expect_text(SECRETARY, "已记录：走访慰问陈志强同志（12月1日，王建国）").await;
    // /visit with a day, a visitor and notes; a day ahead is refused.
    secretary_says(&app, "/visit 杨桂芝 12月9日");
    app.expect_text(SECRETARY, "“12月9日”还没有到").await;
    secretary_says(&app, "/visit 杨桂芝 昨天 组织委员李秀英 情况：腿脚不便，精神尚好");
    app.expect_text(SECRETARY, "已记录：走访慰问杨桂芝同志（11月30日，组织委员李秀英）").await;
    secretary_says(&app, "/member 杨桂芝");
    let page = app.expect_text(SECRETARY, "【杨桂芝】").await;
    assert!(
        page.contains("走访慰问：") && page.contains("11月30日 组织委员李秀英：腿脚不便，精神尚好"),
        "{page}"
    );
    quiesce(&app).await;

    // The next month's alert names neither again (no meeting in December: the same run).
    let before = texts_with(&app, "未参加组织生活");
    set_clock(&app, &clock, (2027, 1, 4, 10, 0));
    let told = next_text(&app, "未参加组织生活", before).await;
    assert!(!told.contains("陈志强") && !told.contains("杨桂芝"), "{told}");
    assert!(told.contains("黄国庆同志已连续"), "{told}");

    // The period's record book carries the visits; the dashboard's render never does.
    let documents = app.fake.calls_to("senddocument").len();
    secretary_says(&app, "/export 2026年");
    let mut book = latest_xlsx(&app, documents + 2).await;
    let visits = sheet_text(&mut book, "走访慰问");
    assert!(visits.contains("陈志强") && visits.contains("腿脚不便，精神尚好"), "{visits}");

    // The command line's export of the year holds the views and the visits too.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2026.html");
    let args = ["export", "--branch", &branch.to_string(), "--from", "2026-01-01", "--to", "2026-12-31"];
    let run = cli(&app, &[&args[..], &["--format", "html", "--out", out.to_str().unwrap()]].concat()).await;
    assert!(run.status.success(), "{run:?}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h2>走访慰问</h2>") && html.contains("腿脚不便，精神尚好"), "{html}");
    assert!(html.contains("已补学（2026-11-10）"), "{html}");

    secretary_says(&app, "/audit");
    let audit = app.expect_text(SECRETARY, "登记走访慰问").await;
    assert!(audit.contains("杨桂芝") && !audit.contains("腿脚不便"), "no notes in the audit: {audit}");
    assert!(!app.fake.texts_to(GROUP).iter().any(|t| t.contains("走访")), "never in the group");
    app.stop().await;
}

#[tokio::test]
async fn erasing_a_member_leaves_no_trace_of_their_makeup_views_visits_or_a_waiting_leave_reason() {
    const MEMBER: &str = "马凤英";
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let id = closed_on_5_december(&app, &clock).await;
    create_meeting(&app, "/meeting 党课 12月12日上午9点 老干部活动中心 党史").await;

    secretary_says(&app, "/makeup 马凤英 送学上门 昨天 联系人 意见：想念老同事们");
    app.expect_text(SECRETARY, "请核对：马凤英同志").await;
    secretary_taps(&app, "请核对：马凤英", "确认").await;
    app.expect_text(SECRETARY, "已记录：马凤英同志 送学上门").await;
    secretary_says(&app, "/visit 马凤英 今天 情况：血压偏高");
    app.expect_text(SECRETARY, "已记录：走访慰问马凤英同志").await;
    secretary_says(&app, "/visit 刘玉兰 今天 马凤英 情况：一切都好");
    app.expect_text(SECRETARY, "已记录：走访慰问刘玉兰同志（12月8日，马凤英）").await;
    // A phoned-in leave whose member is still to be chosen: the reason waits for the tap.
    secretary_says(&app, "/leave 马凤瑛 腰疼难忍");
    app.expect_text(SECRETARY, "花名册中没有“马凤瑛”").await;
    quiesce(&app).await;
    for word in ["想念老同事们", "血压偏高", "腰疼难忍"] {
        assert!(!cells_containing(&app, word).await.is_empty(), "{word} is stored before");
    }

    let out = cli(&app, &["member", "forget", &member_id(&app, MEMBER).await.to_string()]).await;
    assert!(out.status.success(), "{out:?}");
    for word in [MEMBER, "13800138014", "想念老同事们", "血压偏高"] {
        assert_eq!(cells_containing(&app, word).await, vec![], "{word} is nowhere");
    }
    let waiting = "SELECT COUNT(*) FROM questions WHERE reason LIKE '%腰疼难忍%'";
    assert_eq!(scalar(&app, waiting).await, 0, "the waiting leave reason is gone");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM makeups").await, 1, "the make-up itself stays");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM care_visits").await, 1, "刘玉兰's visit stays");
    let (text, _, _) = exports(&app, id).await;
    assert!(text.contains("送学上门（12月7日，联系人）") && !text.contains("想念"), "{text}");
    app.stop().await;
}

#[tokio::test]
async fn an_older_summarys_confirm_records_nothing_once_another_line_is_waiting() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    closed_on_5_december(&app, &clock).await;
    secretary_says(&app, "/makeup 张德明 送学上门 12月7日 联系人赵红梅 意见：希望多讲养老政策");
    app.expect_text(SECRETARY, "请核对：张德明同志").await;
    let stale = button_data(&app, SECRETARY, "请核对：张德明同志", "确认");
    secretary_says(&app, "/makeup 刘玉兰 补学 12月6日");
    app.expect_text(SECRETARY, "请核对：刘玉兰同志").await;

    // 张德明's old 【确认】 would have joined him to 刘玉兰's day: it is refused, nothing recorded.
    tap_private(&app, SECRETARY, "王建国", &stale).await;
    app.expect_text(SECRETARY, "这次登记已经过期或已处理").await;
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM makeups").await, 0);

    secretary_taps(&app, "请核对：刘玉兰同志", "确认").await;
    app.expect_text(SECRETARY, "已记录：刘玉兰同志").await;
    quiesce(&app).await;
    let recorded = "SELECT COUNT(*) FROM makeups m JOIN members p ON p.id = m.member_id
                    WHERE p.name = '刘玉兰' AND m.happened_on = '2026-12-06'";
    assert_eq!(scalar(&app, recorded).await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM makeups").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_second_visited_tap_for_a_member_the_same_day_records_nothing_and_says_so() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let visits =
        "SELECT COUNT(*) FROM care_visits v JOIN members m ON m.id = v.member_id WHERE m.name = '陈志强'";
    // A name not quite right offers the nearest members; the tap records today's visit.
    secretary_says(&app, "/visit 陈志");
    app.expect_text(SECRETARY, "花名册中没有“陈志”").await;
    let data = button_data(&app, SECRETARY, "花名册中没有“陈志”", "陈志强");
    tap_private(&app, SECRETARY, "王建国", &data).await;
    app.expect_text(SECRETARY, "已记录：走访慰问陈志强同志").await;
    quiesce(&app).await;
    assert_eq!(scalar(&app, visits).await, 1);

    // The same button tapped again (a double tap, or another administrator): nothing new.
    let before = texts_with(&app, "已记录：走访慰问陈志强同志");
    tap_private(&app, SECRETARY, "王建国", &data).await;
    let told = app.expect_text(SECRETARY, "已经记录过了").await;
    assert!(told.contains("走访慰问陈志强同志（王建国）"), "{told}");
    quiesce(&app).await;
    assert_eq!(scalar(&app, visits).await, 1, "no second visit the same day");
    assert_eq!(texts_with(&app, "已记录：走访慰问陈志强同志"), before);
    assert!(callback_notices(&app).iter().any(|n| n == "已经记录过了"), "{:?}", callback_notices(&app));

    // A /visit line written out still records another (to add what was seen).
    secretary_says(&app, "/visit 陈志强 今天 组织委员李秀英 情况：精神尚好");
    let recorded = next_text(&app, "已记录：走访慰问陈志强同志", before).await;
    assert!(recorded.contains("组织委员李秀英"), "{recorded}");
    quiesce(&app).await;
    assert_eq!(scalar(&app, visits).await, 2);
    app.stop().await;
}
