//! The meeting record as evidence: frozen at close, it reads the same after members join or are
//! erased; the secretary corrects it within the grace period, every change listed in the record;
//! past the grace period, or by anyone but the secretary, a correction is refused in words.

use super::meeting_support::*;
use super::support;

use support::app::TestApp;
use support::shell::{stdout, zhibu_beside};
use zhibu::app::meetings::export;

const ATTENDEES: [&str; 13] = [
    "王建国",
    "李秀英",
    "刘玉兰",
    "陈志强",
    "杨桂芝",
    "赵红梅",
    "黄国庆",
    "周淑珍",
    "吴永福",
    "徐丽华",
    "孙文斌",
    "何秀云",
    "林建平",
];

/// The CLI while the bot runs (off the test runtime's thread, so the bot is never frozen holding
/// a write while the CLI waits for it): SQLite may still refuse a second process for a moment
/// ("database is locked" before its busy timeout applies), which an operator would simply retry.
pub async fn cli(app: &TestApp, args: &[&str]) -> std::process::Output {
    app.settle().await;
    let mut out = zhibu_beside(&app.db, args).await;
    for _ in 0..5 {
        if out.status.success() || !String::from_utf8_lossy(&out.stderr).contains("database is locked") {
            break;
        }
        app.settle().await;
        out = zhibu_beside(&app.db, args).await;
    }
    out
}

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

/// The record's text and its CSV and HTML exports, as they read now.
pub async fn exports(app: &TestApp, meeting: i64) -> (String, Vec<u8>, String) {
    let mut conn = app.store.conn().await.unwrap();
    let m = zhibu::store::meetings::get(&mut conn, meeting).await.unwrap().unwrap();
    let record = export::record(&mut conn, &m).await.unwrap();
    let records = [record];
    let csv = export::render("第一党支部", &records, export::Format::Csv).unwrap();
    let html =
        String::from_utf8(export::render("第一党支部", &records, export::Format::Html).unwrap()).unwrap();
    (records[0].text(), csv, html)
}

/// The secretary closes meeting `id` (and confirms); returns the record text they were sent.
pub async fn close(app: &TestApp, id: i64) -> String {
    let before = app.fake.texts_to(SECRETARY).iter().filter(|t| t.contains("【会议记录】")).count();
    close_confirmed(app, id).await;
    let ok = app
        .fake
        .wait_until(
            |f| f.texts_to(SECRETARY).iter().filter(|t| t.contains("【会议记录】")).count() > before,
            std::time::Duration::from_secs(10),
        )
        .await;
    assert!(ok, "no record: {:?}", app.fake.texts_to(SECRETARY));
    app.settle().await;
    app.fake.texts_to(SECRETARY).into_iter().rev().find(|t| t.contains("【会议记录】")).unwrap()
}

pub async fn member_id(app: &TestApp, name: &str) -> i64 {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar("SELECT id FROM members WHERE name = $1 ORDER BY id LIMIT 1")
        .bind(name)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

pub const NEW_MEMBERS: &str = "姓名,性别,出生日期,入党日期,党员类别,人员类别,党小组,手机号,联系人,备注\n\
    钱学文,男,1948-01-01,1970-01-01,正式,退休,第一党小组,13900139001,,\n\
    孙丽萍,女,1950-02-02,1972-02-02,正式,退休,第二党小组,13900139002,,\n";

/// A general meeting on 11月21日 with thirteen members present, closed at 10:00.
async fn closed_general_meeting(app: &TestApp, clock: &zhibu::clock::ManualClock) -> i64 {
    let id = create_meeting(app, "/meeting 党员大会 11月21日上午9点 老干部活动中心 学习全会精神").await;
    set_clock(app, clock, (2026, 11, 21, 9, 30));
    for name in ATTENDEES {
        let query = if name == "王建国" { "王建国 8001" } else { name };
        secretary_says(app, &format!("/present {query}"));
        app.expect_text(SECRETARY, &format!("已登记{name}同志到会")).await;
    }
    present_as_observer(app, "李书记").await;
    set_clock(app, clock, (2026, 11, 21, 10, 0));
    close(app, id).await;
    id
}

#[tokio::test]
async fn a_closed_record_reads_the_same_after_two_members_join_and_two_attendees_are_erased() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    let id = closed_general_meeting(&app, &clock).await;
    let (text, csv, html) = exports(&app, id).await;
    assert!(text.contains("应到正式党员：23") && text.contains("实到人数：13"), "{text}");
    assert!(text.contains("法定人数：符合（超过半数）"), "{text}");

    // Two members join: the closed record does not expect them.
    let now = zhibu::clock::to_millis(chrono::Utc::now());
    zhibu::app::roster_import::import(&app.store, branch, "new.csv", NEW_MEMBERS.as_bytes(), now)
        .await
        .unwrap();
    assert_eq!(exports(&app, id).await, (text.clone(), csv.clone(), html.clone()));

    // Two attendees are erased: their names go, every count stays.
    for name in ["刘玉兰", "陈志强"] {
        let out = cli(&app, &["member", "forget", &member_id(&app, name).await.to_string()]).await;
        assert!(out.status.success(), "{out:?}");
    }
    let (after, after_csv, after_html) = exports(&app, id).await;
    let anonymous = |s: &str| s.replace("刘玉兰", "已删除的党员").replace("陈志强", "已删除的党员");
    assert_eq!(after, anonymous(&text));
    assert_eq!(String::from_utf8(after_csv).unwrap(), anonymous(&String::from_utf8(csv).unwrap()));
    assert_eq!(after_html, anonymous(&html));
    assert!(after.contains("实到人数：13") && !after.contains("刘玉兰"), "{after}");

    // The CLI export reads the same frozen record.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("one.html");
    let run = cli(
        &app,
        &["export", "--branch", &branch.to_string(), "--meeting", &id.to_string(), "--format", "html"],
    )
    .await;
    assert!(!run.status.success(), "--out is required");
    let run = cli(
        &app,
        &[
            "export",
            "--branch",
            &branch.to_string(),
            "--meeting",
            &id.to_string(),
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .await;
    assert!(run.status.success(), "{run:?}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), after_html);
    app.stop().await;
}

#[tokio::test]
async fn the_secretary_corrects_a_closed_record_within_the_grace_period_and_the_record_lists_each_change() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = closed_general_meeting(&app, &clock).await;
    set_clock(&app, &clock, (2026, 11, 27, 10, 0));
    let steps = [
        ("到会 郑玉珍 线上", "已更正到会：郑玉珍 缺席 → 到会（线上）"),
        ("到会 张德明 送学", "已更正到会：张德明 缺席 → 到会（送学）"),
        ("原因 朱海涛 住院", "已更正缺席原因：朱海涛 未填写 → 住院"),
        ("取消列席 李书记", "已更正列席：李书记 列席 → 不是列席人员"),
        ("记录人 李秀英", "已更正记录人：未填写 → 李秀英"),
        ("决议 同意李秀英同志任组织委员", "已更正内容/决议：未填写 → 同意李秀英同志任组织委员"),
        ("表决 赞成13 反对0 弃权1", "已更正表决：未填写 → 赞成13票，反对0票，弃权1票"),
    ];
    for (words, answer) in steps {
        secretary_says(&app, &format!("/correct {id} {words}"));
        app.expect_text(SECRETARY, answer).await;
    }
    // Refusals, each in words.
    for (words, answer) in [
        ("到会 王建国 8001", "已经到会了"),
        ("原因 李秀英 外出", "已经到会，不需要"),
        ("到会 王建国", "花名册里有2位“王建国”"),
        ("取消列席 王书记", "列席名单里没有“王书记”"),
        ("到会 张三丰", "花名册中没有“张三丰”"),
        ("表决 很多", "表决请写三个数"),
        ("改一下", "更正会议记录的写法"),
    ] {
        secretary_says(&app, &format!("/correct {id} {words}"));
        app.expect_text(SECRETARY, answer).await;
    }
    let (text, _, html) = exports(&app, id).await;
    assert!(text.contains("实到人数：14") && text.contains("郑玉珍（线上）"), "{text}");
    assert!(text.contains("送学：张德明") && text.contains("列席：无"), "{text}");
    assert!(text.contains("缺席：") && text.contains("朱海涛（住院）"), "{text}");
    assert!(text.contains("主持人：王建国") && text.contains("记录人：李秀英"), "{text}");
    assert!(text.contains("表决：赞成13票，反对0票，弃权1票"), "{text}");
    assert!(
        text.contains("更正记录：\n2026年11月27日 10:00 王建国 更正到会：郑玉珍 缺席 → 到会（线上）"),
        "{text}"
    );
    assert_eq!(text.matches("2026年11月27日 10:00 王建国 更正").count(), 7, "{text}");
    assert!(html.contains("<h3>更正记录</h3>") && html.contains("李书记 列席 → 不是列席人员"), "{html}");
    let mut conn = app.store.conn().await.unwrap();
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'meeting.correct'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(audited, 7);

    // Reopened, marked present, closed again: the record is made anew, the material not sent twice.
    let makeup_before = app.fake.texts_to(user("梁淑华")).iter().filter(|t| t.contains("【补学】")).count();
    secretary_says(&app, &format!("/correct {id} 重新开启"));
    app.expect_text(SECRETARY, "已重新开启支部党员大会").await;
    secretary_says(&app, &format!("/present {id} 宋国栋"));
    app.expect_text(SECRETARY, "已登记宋国栋同志到会").await;
    let record = close(&app, id).await;
    assert!(record.contains("实到人数：15") && record.contains("朱海涛（住院）"), "{record}");
    assert!(record.contains("王建国 重新开启会议"), "{record}");
    let makeup_after = app.fake.texts_to(user("梁淑华")).iter().filter(|t| t.contains("【补学】")).count();
    assert_eq!((makeup_before, makeup_after), (1, 1));
    app.stop().await;
}

#[tokio::test]
async fn a_correction_past_the_grace_period_or_by_a_committee_member_is_refused_in_words() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = closed_general_meeting(&app, &clock).await;
    secretary_says(&app, "/grant 李秀英");
    app.expect_text(SECRETARY, "已授权").await;
    app.fake.push_message(app.fake.private_text(
        user("李秀英"),
        "李秀英",
        &format!("/correct {id} 到会 郑玉珍"),
    ));
    app.expect_text(user("李秀英"), "只有支部书记可以更正会议记录").await;

    set_clock(&app, &clock, (2026, 11, 28, 10, 1));
    secretary_says(&app, &format!("/correct {id} 到会 郑玉珍"));
    let refused = app.expect_text(SECRETARY, "结束已超过7天").await;
    assert!(refused.contains("系统管理员用命令行更正"), "{refused}");
    let (text, _, _) = exports(&app, id).await;
    assert!(text.contains("实到人数：13") && !text.contains("更正记录"), "{text}");

    // The branch allows 14 days: the same correction now goes through.
    let out = cli(&app, &["record", "grace", "--branch", "1", "14"]).await;
    assert!(stdout(&out).contains("14天内"), "{out:?}");
    secretary_says(&app, &format!("/correct {id} 到会 郑玉珍"));
    app.expect_text(SECRETARY, "已更正到会：郑玉珍 缺席 → 到会（现场）").await;
    app.stop().await;
}

#[tokio::test]
async fn the_committee_meeting_expects_the_committee_the_branch_names_not_the_bot_powers() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    secretary_says(&app, "/grant 刘玉兰");
    app.expect_text(SECRETARY, "已授权").await;
    app.settle().await;
    for (name, post) in [("王建国", "书记"), ("李秀英", "组织委员"), ("陈志强", "宣传委员")]
    {
        let id = member_id(&app, name).await.to_string();
        let out = cli(&app, &["member", "committee", &id, post]).await;
        assert!(stdout(&out).contains(&format!("{name}同志为支委（{post}）")), "{out:?}");
    }
    let id = create_meeting(&app, "/meeting 支委会 11月21日上午9点 书记家 研究工作").await;
    set_clock(&app, &clock, (2026, 11, 21, 9, 30));
    secretary_says(&app, "/present 李秀英");
    app.expect_text(SECRETARY, "已登记李秀英同志到会").await;
    secretary_says(&app, "/present 王建国 8001");
    app.expect_text(SECRETARY, "已登记王建国同志到会").await;
    let record = close(&app, id).await;
    assert!(record.contains("应到正式党员：3") && record.contains("缺席：陈志强"), "{record}");
    assert!(record.contains("法定人数：符合（超过半数）") && !record.contains("刘玉兰"), "{record}");
    app.stop().await;
}

#[tokio::test]
async fn a_member_the_roster_says_joined_after_the_meeting_day_is_not_expected_at_it() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    let roster = "姓名,党员类别,手机号,转入日期\n钱学文,正式,13900139001,2026-12-01\n孙丽萍,预备,13900139002,2026-11-01\n";
    let now = zhibu::clock::to_millis(chrono::Utc::now());
    zhibu::app::roster_import::import(&app.store, branch, "new.csv", roster.as_bytes(), now).await.unwrap();
    let id = create_meeting(&app, "/meeting 党员大会 11月21日上午9点 老干部活动中心 学习全会精神").await;
    let roll = app.expect_text(GROUP, "【接龙】").await;
    assert!(roll.contains("未回复 25人"), "孙丽萍 yes, 钱学文 not yet: {roll}");
    let (text, _, _) = exports(&app, id).await;
    assert!(text.contains("应到正式党员：23") && text.contains("应到预备党员：2"), "{text}");
    app.stop().await;
}
