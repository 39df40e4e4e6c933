//! Record books, the audit log and charts in chat, end to end through the fake Bot API:
//! `/export <period in words>` sends the period's record book privately as XLSX and HTML,
//! `/record` offers recent closed meetings as buttons and a tap sends that record again,
//! `/audit` reads the latest admin actions in words, and `/report` and `/study_status` are
//! followed by a chart picture sent as a photo.

use super::meeting_support::*;
use super::support;

use std::io::Cursor;
use std::time::Duration;

use calamine::{Reader, Xlsx};
use support::app::TestApp;
use support::fake_telegram::SentCall;
use zhibu::domain::meeting::MeetingKind;

const WAIT: Duration = Duration::from_secs(10);

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

/// A general meeting on 26 November, closed that morning; returns its id once its record
/// files have gone out.
async fn closed_meeting(app: &TestApp, clock: &zhibu::clock::ManualClock) -> i64 {
    let id = create_meeting(app, "/meeting 党员大会 11月26日上午9点 老干部活动中心 学习全会精神").await;
    set_clock(app, clock, (2026, 11, 26, 11, 0));
    close_confirmed(app, id).await;
    assert!(app.fake.wait_until(|f| f.calls_to("senddocument").len() >= 2, WAIT).await);
    id
}

/// Waits until `chat` has received `count` calls of `method`; returns them.
async fn calls_to_chat(app: &TestApp, method: &str, chat: i64, count: usize) -> Vec<SentCall> {
    let of_chat = |f: &support::fake_telegram::FakeTelegram| {
        f.calls_to(method).into_iter().filter(|c| c.chat_id() == Some(chat)).collect::<Vec<_>>()
    };
    let arrived = app.fake.wait_until(|f| of_chat(f).len() >= count, WAIT).await;
    assert!(arrived, "{count} {method} to {chat}: {:?}", app.fake.texts_to(chat));
    of_chat(&app.fake)
}

fn file_of(call: &SentCall) -> (String, Vec<u8>) {
    call.file.clone().expect("a file uploaded with the call")
}

#[tokio::test]
async fn export_in_words_sends_the_periods_record_book_privately_as_xlsx_and_printable_html() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let meeting = closed_meeting(&app, &clock).await;

    secretary_says(&app, "/export 本季度");
    let said = app.expect_text(SECRETARY, "已导出2026年10月1日至2026年12月31日的三会一课会议记录").await;
    assert!(said.contains("共1次会议"), "{said}");
    let documents = calls_to_chat(&app, "senddocument", SECRETARY, 4).await;
    let (xlsx_name, xlsx) = file_of(&documents[2]);
    let (html_name, html) = file_of(&documents[3]);
    assert_eq!(xlsx_name, "records-2026-10-01-2026-12-31.xlsx");
    assert_eq!(html_name, "records-2026-10-01-2026-12-31.html");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).expect("an XLSX file");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len(), 2, "a header and the one meeting");
    assert_eq!(rows[1][0].to_string(), meeting.to_string());
    assert!(rows[1].iter().any(|c| *c == "学习全会精神"), "{:?}", rows[1]);
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("<!DOCTYPE html>") && html.contains("老干部活动中心"), "{html}");
    assert!(app.fake.calls_to("senddocument").iter().all(|c| c.chat_id() == Some(SECRETARY)), "privately");

    // Words that are no period, and a period without meetings, are answered with what to write.
    secretary_says(&app, "/export 最近");
    let refused = app.expect_text(SECRETARY, "没有看懂要导出哪段时间").await;
    assert!(refused.contains("/export 本季度") && refused.contains("/export 10月到12月"), "{refused}");
    secretary_says(&app, "/export");
    app.expect_text(SECRETARY, "请在 /export 后面写上").await;
    secretary_says(&app, "/export 去年");
    app.expect_text(SECRETARY, "2025年1月1日至2025年12月31日没有已结束的会议").await;
    secretary_says(&app, "/export 明年");
    app.expect_text(SECRETARY, "这段时间还没有到").await;
    app.settle().await;
    assert_eq!(calls_to_chat(&app, "senddocument", SECRETARY, 4).await.len(), 4, "no more files");
    let mut conn = app.store.conn().await.unwrap();
    let audited: Vec<(String, String)> =
        sqlx::query_as("SELECT actor, detail FROM audit_log WHERE action = 'record.export'")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    assert_eq!(audited, vec![(format!("tg:{SECRETARY}"), "2026-10-01..2026-12-31 1".to_owned())]);
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn record_offers_recent_closed_meetings_as_buttons_and_a_tap_sends_that_record_again() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    secretary_says(&app, "/record");
    app.expect_text(SECRETARY, "还没有已结束的会议").await;
    let meeting = closed_meeting(&app, &clock).await;

    secretary_says(&app, "/record");
    app.expect_text(SECRETARY, "请选择要重新查看的会议记录").await;
    let data = format!("er:{meeting}");
    let offer = app
        .fake
        .messages_to(SECRETARY)
        .into_iter()
        .rev()
        .find(|c| c.text().unwrap_or_default().contains("请选择要重新查看的会议记录"))
        .unwrap();
    let button = &offer.params["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["callback_data"], data.as_str());
    assert_eq!(button["text"], format!("2026年11月26日 支部党员大会（编号{meeting}）").as_str());

    let records_before = app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("【会议记录】")).count();
    tap_private(&app, SECRETARY, "王建国", &data).await;
    let documents = calls_to_chat(&app, "senddocument", SECRETARY, 4).await;
    assert_eq!(file_of(&documents[2]).0, format!("meeting-{meeting}.xlsx"));
    assert_eq!(file_of(&documents[3]).0, format!("meeting-{meeting}.html"));
    let records = app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("【会议记录】")).count();
    assert_eq!(records, records_before + 1, "the record in words too");
    assert!(callback_notices(&app).iter().any(|t| t == "正在发送会议记录"), "{:?}", callback_notices(&app));

    // By its number, too; a number that is no closed meeting is said so.
    secretary_says(&app, &format!("/record {meeting}"));
    calls_to_chat(&app, "senddocument", SECRETARY, 6).await;
    secretary_says(&app, "/record 999");
    app.expect_text(SECRETARY, "没有找到编号为999的已结束会议").await;
    // A member may not tap it, not even with the secretary's button data.
    let member = user("李秀英");
    app.fake.push_callback(app.fake.callback(member, "李秀英", member, 1, &data));
    app.settle().await;
    assert!(!app.fake.calls_to("senddocument").iter().any(|c| c.chat_id() == Some(member)));
    assert_eq!(
        support::branch::scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'record.fetch'").await,
        2
    );
    app.stop().await;
}

#[tokio::test]
async fn audit_reads_the_latest_admin_actions_in_words_newest_first() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, "/meeting 党课 11月27日上午9点 活动中心 学习党史").await;
    secretary_says(&app, &format!("/cancel_meeting {id}"));
    app.expect_text(SECRETARY, "已取消").await;

    secretary_says(&app, "/audit");
    let audit = app.expect_text(SECRETARY, "管理操作（最新的在前）").await;
    let cancelled = audit.find("王建国：取消会议").unwrap_or_else(|| panic!("{audit}"));
    let created = audit.find("王建国：召开会议（").unwrap_or_else(|| panic!("{audit}"));
    assert!(cancelled < created, "newest first: {audit}");
    assert!(audit.contains("11月20日 10:"), "times in words: {audit}");
    assert!(!audit.contains("tg:") && !audit.contains("meeting.create"), "no codes: {audit}");
    app.stop().await;
}

/// The PNG's width and height, and how many of its pixels are not white.
fn picture_of(png_bytes: &[u8]) -> (u32, u32, usize) {
    assert_eq!(&png_bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG header");
    let decoder = png::Decoder::new(Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    let inked = pixels.chunks(3).filter(|p| p.iter().any(|c| *c < 240)).count();
    (info.width, info.height, inked)
}

#[tokio::test]
async fn report_is_followed_by_a_chart_picture_sent_as_a_photo() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    closed_meeting(&app, &clock).await;

    secretary_says(&app, "/report");
    app.expect_text(SECRETARY, "组织生活").await;
    let photos = calls_to_chat(&app, "sendphoto", SECRETARY, 1).await;
    let (name, png_bytes) = file_of(&photos[0]);
    assert_eq!(name, "report.png");
    assert!(photos[0].text().unwrap_or_default().contains("三会一课完成情况图"), "{:?}", photos[0].text());
    let (width, height, inked) = picture_of(&png_bytes);
    assert_eq!(width, 1080, "as wide as a phone's screen in pixels");
    assert!((800..4000).contains(&height), "{height}");
    assert!(inked > (width * height / 10) as usize, "bars and words drawn: {inked}");

    // What it draws: the periods since the branch came (20 November) and the meeting's counts.
    let mut conn = app.store.conn().await.unwrap();
    let now = zhibu::clock::Clock::now(&*clock).timestamp_millis();
    let chart = zhibu::app::charts::report_chart(&mut conn, branch, now).await.unwrap();
    drop(conn);
    let figures = |kind: MeetingKind| {
        let k = chart.kinds.iter().find(|k| k.kind == kind).unwrap();
        (k.done, k.due, k.overdue, k.upcoming)
    };
    assert_eq!(figures(MeetingKind::General), (1, 0, 0, 0), "this quarter's, held");
    assert_eq!(figures(MeetingKind::Committee), (0, 1, 0, 1), "November due, December to come");
    assert_eq!(figures(MeetingKind::LifeMeeting), (0, 1, 0, 0));
    assert_eq!(chart.meetings.len(), 1);
    assert_eq!((chart.meetings[0].month, chart.meetings[0].day, chart.meetings[0].expected), (11, 26, 24));
    app.stop().await;
}

#[tokio::test]
async fn study_status_is_followed_by_a_picture_of_the_latest_rounds() {
    use support::branch::{self, GROUP as B_GROUP, SECRETARY as B_SECRETARY};
    let (app, clock) = branch::app_at(branch::shanghai(2026, 11, 23, 10, 0, 0)).await;
    branch::bound_branch(&app).await;
    branch::bind_member(&app, 7001, "刘玉兰", "13800138004").await;
    app.fake.push_message(app.fake.private_text(B_SECRETARY, "王建国", "/remind 每周三上午9点 学习党章"));
    app.expect_text(B_SECRETARY, "请确认学习提醒").await;
    let confirm = branch::button_data(&app, B_SECRETARY, "请确认学习提醒", "确认");
    app.fake.push_callback(app.fake.callback(B_SECRETARY, "王建国", B_SECRETARY, 1, &confirm));
    app.expect_text(B_SECRETARY, "已保存").await;
    branch::move_to(&app, &clock, branch::shanghai(2026, 11, 25, 9, 0, 5));
    app.expect_text(B_GROUP, "【学习提醒】").await;
    let studied = branch::button_data(&app, B_GROUP, "【学习提醒】", "已学习");
    app.fake.push_callback(app.fake.callback(7001, "刘玉兰", B_GROUP, 1, &studied));
    branch::quiesce(&app).await;

    app.fake.push_message(app.fake.private_text(B_SECRETARY, "王建国", "/study_status"));
    app.expect_text(B_SECRETARY, "最近一次学习").await;
    let photos = calls_to_chat(&app, "sendphoto", B_SECRETARY, 1).await;
    let (name, png_bytes) = file_of(&photos[0]);
    assert_eq!(name, "study.png");
    assert!(photos[0].text().unwrap_or_default().contains("学习情况图"));
    let (width, height, inked) = picture_of(&png_bytes);
    assert_eq!(width, 1080);
    assert!(height >= 300 && inked > 20_000, "{height} {inked}");
    app.stop().await;
}
