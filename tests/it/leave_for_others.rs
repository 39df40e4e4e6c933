//! What the secretary records for others, end to end through the fake Bot API: a leave a
//! member phoned in (`/leave 姓名 原因`), with the meeting or the member asked back with buttons
//! when the line could mean several, confirmed to both, audited, and in the record and exports.

use super::meeting_records::{close, exports};
use super::meeting_support::*;
use super::support;

use support::app::TestApp;
use support::branch::{button_data, quiesce, scalar};

const LINE: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

#[tokio::test]
async fn a_phoned_in_leave_is_recorded_with_its_reason_confirmed_audited_and_in_the_record() {
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    secretary_says(&app, "/leave 李秀英 住院");
    app.expect_text(SECRETARY, "已记录：李秀英同志请假（住院），12月5日（星期六）上午9点的支部党员大会")
        .await;
    app.expect_text(user("李秀英"), "书记已为您登记请假（住院）").await;
    quiesce(&app).await;
    let (answer, history) = answer_of(&app, id, "李秀英").await;
    assert_eq!(answer, Some(("leave".to_owned(), Some("住院".to_owned()), Some("王建国".to_owned()))));
    assert_eq!(history, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'leave_for'").await, 1);

    secretary_says(&app, "/leave 李秀英 住院");
    app.expect_text(SECRETARY, "李秀英同志的请假已经登记过了").await;

    set_clock(&app, &clock, (2026, 12, 5, 11, 0));
    let record = close(&app, id).await;
    assert!(record.contains("李秀英") && record.contains("住院"), "{record}");
    let (text, csv, html) = exports(&app, id).await;
    let csv = String::from_utf8(csv).unwrap();
    for export in [&text, &csv, &html] {
        assert!(export.contains("李秀英") && export.contains("住院"), "{export}");
    }
    app.stop().await;
}

#[tokio::test]
async fn with_two_meetings_open_the_meeting_is_chosen_by_button_and_the_reason_is_kept() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let first = create_meeting(&app, LINE).await;
    let second = create_meeting(&app, "/meeting 党课 12月12日上午9点 老干部活动中心 党史").await;
    secretary_says(&app, "/leave 陈志强 外出探亲");
    app.expect_text(SECRETARY, "请点一下陈志强同志要请假的会议").await;
    quiesce(&app).await;
    assert_eq!(answer_of(&app, second, "陈志强").await.0, None, "nothing before the tap");
    let data = button_data(&app, SECRETARY, "要请假的会议", "请假 12月12日党课");
    tap_private(&app, SECRETARY, "王建国", &data).await;
    app.expect_text(SECRETARY, "已记录：陈志强同志请假（外出探亲），12月12日").await;
    quiesce(&app).await;
    let (answer, _) = answer_of(&app, second, "陈志强").await;
    assert_eq!(answer.map(|a| (a.0, a.1)), Some(("leave".to_owned(), Some("外出探亲".to_owned()))));
    assert_eq!(answer_of(&app, first, "陈志强").await.0, None);

    // With the meeting's number the line needs no button.
    secretary_says(&app, &format!("/leave {first} 陈志强 外出探亲"));
    app.expect_text(SECRETARY, "已记录：陈志强同志请假（外出探亲），12月5日").await;
    app.stop().await;
}

#[tokio::test]
async fn a_mistyped_name_offers_the_nearest_names_and_namesakes_are_told_apart_by_button() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    secretary_says(&app, "/leave 李秀瑛 外出");
    app.expect_text(SECRETARY, "花名册中没有“李秀瑛”").await;
    let data = button_data(&app, SECRETARY, "花名册中没有“李秀瑛”", "李秀英");
    tap_private(&app, SECRETARY, "王建国", &data).await;
    app.expect_text(SECRETARY, "已记录：李秀英同志请假（外出）").await;

    secretary_says(&app, "/leave 王建国 住院");
    app.expect_text(SECRETARY, "花名册里有几位“王建国”").await;
    let data = button_data(&app, SECRETARY, "花名册里有几位“王建国”", "王建国（尾号8013）");
    tap_private(&app, SECRETARY, "王建国", &data).await;
    app.expect_text(SECRETARY, "已记录：王建国同志请假（住院）").await;
    app.expect_text(user("王建国2"), "书记已为您登记请假（住院）").await;
    quiesce(&app).await;
    let second_wang = scalar(&app, "SELECT MAX(id) FROM members WHERE name = '王建国'").await;
    let reason = scalar(
        &app,
        &format!("SELECT COUNT(*) FROM attendance WHERE meeting_id = {id} AND member_id = {second_wang} AND reason = '住院'"),
    )
    .await;
    assert_eq!(reason, 1);

    secretary_says(&app, "/leave 张三丰 住院");
    app.expect_text(SECRETARY, "花名册中没有找到“张三丰”").await;
    app.stop().await;
}

#[tokio::test]
async fn a_leave_line_without_a_name_or_without_an_open_meeting_says_what_to_write() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    secretary_says(&app, "/leave 李秀英 住院");
    app.expect_text(SECRETARY, "现在没有未结束的会议").await;
    secretary_says(&app, "/leave");
    app.expect_text(SECRETARY, "请这样写：/leave 姓名 原因").await;
    app.fake.push_message(app.fake.private_text(user("李秀英"), "李秀英", "/leave 李秀英 住院"));
    app.expect_text(user("李秀英"), "只有支部书记和支委可以使用").await;
    app.stop().await;
}
