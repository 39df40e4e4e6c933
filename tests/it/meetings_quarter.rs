//! The done-when test: a quarter of 三会一课 scripted through the fake Bot API against the real
//! application — meetings created, twenty-odd members answering in their own words and taps,
//! a contact person answering for a frail member, an unclear reply clarified, reminders,
//! check-in, closing, make-up study — and then the record, its exports and the compliance view,
//! asserted exactly.

use super::meeting_support::*;
use super::support;

use std::io::Cursor;
use std::time::Duration;

use calamine::{Reader, Xlsx};
use support::app::TestApp;
use zhibu::app::meetings::export;

fn group_says(app: &TestApp, name: &str, text: &str) {
    app.fake.push_message(app.fake.group_text(GROUP, user(name), name, text));
}

fn private_says(app: &TestApp, name: &str, text: &str) {
    app.fake.push_message(app.fake.private_text(user(name), name, text));
}

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

/// The Telegram id of the latest message sent to `chat` whose text contains `needle`.
async fn answer_everyone(app: &TestApp, meeting: i64) {
    let announcement = message_of(app, meeting, false).await;
    let attend = format!("m:{meeting}:a");
    let leave = format!("m:{meeting}:l");
    group_says(app, "刘玉兰", "大家好");
    tap(app, "王建国", GROUP, announcement, &attend);
    tap(app, "李秀英", GROUP, announcement, &attend);
    group_says(app, "刘玉兰", "参加");
    group_says(app, "陈志强", "到");
    group_says(app, "杨桂芝", "我去");
    group_says(app, "黄国庆", "1");
    // An acknowledgement is never attendance: 好的 alone in the group counts for nothing.
    group_says(app, "周淑珍", "好的");
    group_says(app, "周淑珍", "好的，参加");
    group_says(app, "吴永福", "吴永福 参加👍");
    group_says(app, "徐丽华", "参加！");
    private_says(app, "孙文斌", "准时参加");
    group_says(app, "马凤英", "请假 住院");
    group_says(app, "朱海涛", "去不了");
    group_says(app, "胡桂兰", "身体不舒服来不了");
    tap(app, "郭振华", GROUP, announcement, &leave);
    app.expect_text(user("郭振华"), "可以回复请假原因").await;
    private_says(app, "郭振华", "请假 外出");
    group_says(app, "赵红梅", "张德明请假 腿脚不便");
    tap(app, "赵红梅", GROUP, announcement, &attend);
    group_says(app, "何秀云", "看情况吧");
    app.expect_text(user("何秀云"), "是参加还是请假").await;
    tap(app, "何秀云", user("何秀云"), 1, &attend);
    private_says(app, "林建平", "参加");
    // 收到 as a reply to the notice is asked back, and the answer is one tap.
    app.fake.push_message(app.fake.group_reply(GROUP, user("罗美玲"), "罗美玲", "收到！", announcement));
    app.expect_text(user("罗美玲"), "是参加还是请假").await;
    tap(app, "罗美玲", user("罗美玲"), 1, &attend);
    group_says(app, "高德胜", "我参加");
    group_says(app, "梁淑华", "参加");
    tap(app, "宋国栋", GROUP, announcement, &attend);
    tap(app, "宋国栋", GROUP, announcement, &attend);
    app.settle().await;
}

/// `/meeting` alone: the kind by button, then time, place and topic in words.
async fn lecture_by_dialogue(app: &TestApp) -> i64 {
    secretary_says(app, "/meeting");
    app.expect_text(SECRETARY, "请选择会议类型").await;
    tap(app, "王建国", SECRETARY, 1, "md:k:lecture");
    app.expect_text(SECRETARY, "请写会议时间").await;
    secretary_says(app, "2月30日上午9点");
    app.expect_text(SECRETARY, "没有这个日期").await;
    secretary_says(app, "12月12日上午9点");
    app.expect_text(SECRETARY, "请写会议地点").await;
    secretary_says(app, "老干部活动中心二楼");
    app.expect_text(SECRETARY, "请写会议议题").await;
    secretary_says(app, "党史学习");
    app.expect_text(SECRETARY, "已创建党课").await;
    app.expect_text(GROUP, "【党课通知】").await;
    latest_meeting(app).await
}

async fn check_in(app: &TestApp, meeting: i64) {
    let notice = sent_with(app, GROUP, "【签到】").await;
    let onsite = format!("m:{meeting}:c");
    for name in [
        "王建国",
        "李秀英",
        "刘玉兰",
        "陈志强",
        "赵红梅",
        "黄国庆",
        "周淑珍",
        "吴永福",
        "徐丽华",
        "孙文斌",
        "何秀云",
        "林建平",
        "罗美玲",
        "高德胜",
        "宋国栋",
        "宋国栋",
    ] {
        tap(app, name, GROUP, notice, &onsite);
    }
    tap(app, "杨桂芝", GROUP, notice, &format!("m:{meeting}:o"));
    secretary_says(app, "/present 郑玉珍");
    app.expect_text(SECRETARY, "已登记郑玉珍同志到会（现场）").await;
    present_as_observer(app, "李书记").await;
    app.settle().await;
}

const PRESENT: &str = "王建国（现场）、李秀英（现场）、刘玉兰（现场）、陈志强（现场）、杨桂芝（线上）、赵红梅（现场）、\
    黄国庆（现场）、周淑珍（现场）、吴永福（现场）、徐丽华（现场）、孙文斌（现场）、何秀云（现场）、林建平（现场）、\
    罗美玲（现场）、高德胜（现场）、宋国栋（现场）、郑玉珍（现场）";
const LEAVE: &str = "张德明（腿脚不便）、马凤英（住院）、朱海涛、胡桂兰（身体不舒服）、郭振华（外出）";

fn general_row(id: i64) -> Vec<String> {
    [
        &id.to_string(),
        "2026年12月5日 09:00",
        "老干部活动中心",
        "支部党员大会",
        "学习全会精神",
        "王建国",
        "未填写",
        "23",
        "1",
        "17",
        PRESENT,
        LEAVE,
        "王建国、梁淑华",
        "李书记",
        "符合（超过半数）",
        "无",
        "未填写",
        "无",
        "无",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

fn expected_report() -> String {
    let mut lines = vec!["【第一党支部组织生活完成情况】2026年12月20日".to_owned()];
    let mut due = |name: &str, period: &str, last: &str, days: Option<i64>| {
        lines.push(match days {
            Some(d) => format!("⏳ {period}{name}：尚未召开，还剩{d}天"),
            None => format!("✅ {period}{name}：已召开1次"),
        });
        lines.push(format!("❗ {last}{name}：未召开"));
    };
    due("支部党员大会", "本季度", "上季度", None);
    due("支部委员会会议", "本月", "上月", Some(12));
    for group in ["第一党小组", "第三党小组", "第二党小组"] {
        due(&format!("{group}党小组会"), "本月", "上月", Some(12));
    }
    due("党课", "本季度", "上季度", None);
    due("主题党日", "本月", "上月", Some(12));
    due("组织生活会", "本年度", "上年度", Some(12));
    lines.join("\n")
}

#[tokio::test]
async fn a_quarter_of_meetings_is_announced_answered_checked_in_closed_exported_and_reported_exactly() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;

    // The branch general meeting, announced with its roll.
    let general = create_meeting(&app, "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神").await;
    answer_everyone(&app, general).await;
    let roll = current_text(&app, message_of(&app, general, true).await);
    assert_eq!(
        roll,
        "【接龙】12月5日（星期六）上午9点 支部党员大会\n\
         参加 17人：王建国、李秀英、刘玉兰、陈志强、杨桂芝、赵红梅、黄国庆、周淑珍、吴永福、徐丽华、孙文斌、何秀云、林建平、罗美玲、高德胜、梁淑华、宋国栋\n\
         请假 5人：张德明、马凤英、朱海涛、胡桂兰、郭振华\n未回复 2人"
    );
    assert!(!roll.contains("住院"), "health reasons never go to the group");
    app.expect_text(user("马凤英"), "已记录：马凤英同志请假（住院），谢谢告知。").await;
    app.expect_text(user("胡桂兰"), "已记录：胡桂兰同志请假（身体不舒服），谢谢告知。").await;
    app.expect_text(user("赵红梅"), "已记录：赵红梅代张德明同志请假（腿脚不便），谢谢告知。").await;
    app.expect_text(
        user("吴永福"),
        "已记录：吴永福同志参加。时间：12月5日（星期六）上午9点，地点：老干部活动中心。",
    )
    .await;
    assert_eq!(answer_of(&app, general, "刘玉兰").await.1, 1, "大家好 was never recorded");
    assert_eq!(answer_of(&app, general, "宋国栋").await.1, 1, "a double tap records once");
    assert_eq!(
        answer_of(&app, general, "郭振华").await,
        (Some(("leave".to_owned(), Some("外出".to_owned()), None)), 2),
        "the last answer counts, the history is kept"
    );
    assert_eq!(
        answer_of(&app, general, "张德明").await.0,
        Some(("leave".to_owned(), Some("腿脚不便".to_owned()), Some("赵红梅".to_owned())))
    );

    // The day before: a reminder in the group, a nudge to those who have not answered, and the
    // secretary's private warning about the year's 组织生活会.
    set_clock(&app, &clock, (2026, 12, 4, 9, 0));
    app.expect_text(GROUP, "【提醒】明天召开支部党员大会").await;
    app.expect_text(user("郑玉珍"), "您还没有回复").await;
    app.expect_text(user("王建国2"), "您还没有回复").await;
    app.expect_text(SECRETARY, "本年度尚未召开组织生活会，还剩28天。").await;
    assert!(!app.fake.texts_to(GROUP).iter().any(|t| t.contains("尚未召开")), "never in the group");
    assert!(!app.fake.texts_to(user("刘玉兰")).iter().any(|t| t.contains("还没有回复")));

    // The morning of the meeting: two hours before is in quiet hours, so at 08:00, saying how
    // far off the meeting then is; then check-in.
    set_clock(&app, &clock, (2026, 12, 5, 8, 0));
    app.expect_text(GROUP, "【提醒】一小时后召开支部党员大会").await;
    set_clock(&app, &clock, (2026, 12, 5, 8, 30));
    app.expect_text(GROUP, "【签到】").await;
    check_in(&app, general).await;

    // Closing: the record in chat and as files, make-up material to whoever missed it.
    set_clock(&app, &clock, (2026, 12, 5, 11, 0));
    close_confirmed(&app, general).await;
    let record = app.expect_text(SECRETARY, "【会议记录】").await;
    for (field, value) in [("实到", PRESENT), ("请假", LEAVE), ("缺席", "王建国、梁淑华"), ("列席", "李书记")]
    {
        assert!(record.contains(&format!("{field}：{value}")), "{field} in {record}");
    }
    assert!(record.contains("应到正式党员：23") && record.contains("应到预备党员：1"), "{record}");
    assert!(record.contains("法定人数：符合（超过半数）"), "{record}");
    let documents =
        app.fake.wait_until(|f| f.calls_to("senddocument").len() >= 2, Duration::from_secs(10)).await;
    assert!(documents, "the record files are sent");
    let makeup = app.expect_text(user("赵红梅"), "【补学】张德明同志").await;
    assert!(makeup.contains("议题：学习全会精神"), "{makeup}");
    app.expect_text(user("马凤英"), "【补学】马凤英同志").await;
    app.expect_text(user("梁淑华"), "【补学】梁淑华同志").await;
    let material = sent_with(&app, user("赵红梅"), "【补学】张德明").await;
    let zhang: i64 = {
        let mut conn = app.store.conn().await.unwrap();
        sqlx::query_scalar("SELECT id FROM members WHERE name = '张德明'")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    };
    tap(&app, "赵红梅", user("赵红梅"), material, &format!("m:{general}:s{zhang}"));
    app.expect_text(user("赵红梅"), "已记录：张德明同志已补学（2026年12月5日）").await;
    let announcement = current_text(&app, message_of(&app, general, false).await);
    assert!(announcement.ends_with("（会议已结束）"), "{announcement}");

    // The quarter's party lecture, created step by step, and closed.
    let lecture = lecture_by_dialogue(&app).await;
    set_clock(&app, &clock, (2026, 12, 12, 9, 30));
    secretary_says(&app, "/present 李秀英");
    app.expect_text(SECRETARY, "已登记李秀英同志到会").await;
    close_confirmed(&app, lecture).await;
    app.expect_text(SECRETARY, "党课已结束").await;

    // The compliance view at the end of the quarter.
    set_clock(&app, &clock, (2026, 12, 20, 10, 0));
    secretary_says(&app, "/report");
    let report = app.expect_text(SECRETARY, "组织生活完成情况").await;
    assert_eq!(report, expected_report());

    // The record book for the quarter, read back.
    let mut conn = app.store.conn().await.unwrap();
    let from = chrono::DateTime::parse_from_rfc3339("2026-10-01T00:00:00+08:00").unwrap().timestamp_millis();
    let to = chrono::DateTime::parse_from_rfc3339("2027-01-01T00:00:00+08:00").unwrap().timestamp_millis();
    let meetings = zhibu::store::meetings::closed_between(&mut conn, branch, from, to).await.unwrap();
    let mut records = Vec::new();
    for m in &meetings {
        records.push(export::record(&mut conn, m).await.unwrap());
    }
    drop(conn);
    assert_eq!(records.len(), 2);
    let detail = records[0].detail_rows();
    let zhang_row = detail.iter().find(|r| r[3] == "张德明").unwrap();
    assert_eq!(zhang_row[5..], ["请假", "", "腿脚不便；赵红梅代答", "已补学（2026-12-05）", ""]);

    let csv_bytes = export::render("第一党支部", &records, export::Format::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], general_row(general));
    assert_eq!(rows[1][3..5], ["党课", "党史学习"]);
    assert_eq!(rows[1][9], "1");

    let xlsx = export::render("第一党支部", &records, export::Format::Xlsx).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range("会议记录").unwrap();
    let cells: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(cells[0][0], "编号");
    assert_eq!(cells[1], general_row(general));
    let attendance = book.worksheet_range("出席明细").unwrap();
    assert_eq!(attendance.rows().count(), 1 + 24 + 24);

    let html =
        String::from_utf8(export::render("第一党支部", &records, export::Format::Html).unwrap()).unwrap();
    for field in [
        "第一党支部 三会一课记录",
        "学习全会精神",
        "老干部活动中心",
        "主持人",
        "王建国",
        "李书记",
        "符合（超过半数）",
    ] {
        assert!(html.contains(field), "{field} in the HTML");
    }
    assert!(html.contains("胡桂兰（身体不舒服）"));

    // The CLI exports the same book and shows the same view.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("book.csv");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["export", "--branch", &branch.to_string(), "--from", "2026-10-01", "--to", "2026-12-31"])
        .args(["--format", "csv", "--out", out.to_str().unwrap()])
        .current_dir(dir.path())
        .env("ZHIBU_DATABASE_URL", &app.db.url)
        .env_remove("TELOXIDE_TOKEN")
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert_eq!(std::fs::read(&out).unwrap(), csv_bytes);
    let shown = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["report", "--branch", &branch.to_string()])
        .current_dir(dir.path())
        .env("ZHIBU_DATABASE_URL", &app.db.url)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout).into_owned();
    assert!(shown.contains("【第一党支部组织生活完成情况】") && shown.contains("党课"), "{shown}");
    app.stop().await;
}
