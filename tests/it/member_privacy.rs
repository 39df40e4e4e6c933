//! Privacy in the member's hands, end to end through the fake Bot API: 【我的信息】 shows what the
//! branch holds (to the member and to their contact person), consent to the health note can be
//! withdrawn, and erasure is asked for in chat, confirmed with buttons, carried out by the
//! secretary's tap and confirmed to the member — leaving their name and phone in no table.

use super::erasure::cells_containing;
use super::meeting_support::*;
use super::support;

use support::app::TestApp;
use support::branch::{button_data, quiesce, scalar};

const MEMBER: &str = "马凤英";
const PHONE: &str = "13800138014";

fn member_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(user(MEMBER), MEMBER, text));
}

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

/// The secretary registers a health note and the member consents.
async fn consented_note(app: &TestApp, note: &str) {
    secretary_says(app, &format!("/health {MEMBER} {note}"));
    app.expect_text(user(MEMBER), "您同意登记吗").await;
    let yes = button_data(app, user(MEMBER), "您同意登记吗", "同意");
    tap_private(app, user(MEMBER), MEMBER, &yes).await;
    app.expect_text(SECRETARY, "马凤英同志已同意").await;
}

#[tokio::test]
async fn my_information_shows_the_health_note_to_the_member_and_their_contact_and_consent_can_be_withdrawn() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    consented_note(&app, "腰椎骨折，需送学上门").await;

    member_says(&app, "我的信息");
    let info = app.expect_text(user(MEMBER), "支部登记的您的信息").await;
    assert!(info.contains(PHONE) && info.contains("腰椎骨折，需送学上门"), "{info}");

    secretary_says(&app, &format!("/contact {MEMBER}"));
    let text = app.expect_text(SECRETARY, "start=").await;
    let code = text.rsplit("start=").next().unwrap().trim().to_owned();
    let family = 7777;
    app.fake.push_message(app.fake.private_text(family, "小马", &format!("/start {code}")));
    app.expect_text(family, "马凤英同志的联系人").await;
    app.fake.push_message(app.fake.private_text(family, "小马", "我的信息"));
    let seen = app.expect_text(family, "马凤英同志，支部登记的您的信息").await;
    assert!(seen.contains("腰椎骨折"), "{seen}");

    let withdraw = button_data(&app, user(MEMBER), "支部登记的您的信息", "撤回健康情况登记");
    tap_private(&app, user(MEMBER), MEMBER, &withdraw).await;
    app.expect_text(user(MEMBER), "已删除您的健康情况登记").await;
    app.expect_text(SECRETARY, "马凤英同志撤回了健康情况登记的同意").await;
    quiesce(&app).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM health_notes").await, 0);
    assert_eq!(cells_containing(&app, "腰椎骨折").await, vec![], "no copy of the note anywhere");

    member_says(&app, "撤回同意");
    app.expect_text(user(MEMBER), "目前没有您的健康情况登记").await;
    app.stop().await;
}

#[tokio::test]
async fn erasure_asked_in_chat_is_confirmed_carried_out_by_the_secretary_and_leaves_no_name_or_phone() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let meeting = create_meeting(&app, "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神").await;
    member_says(&app, "请假 住院复查");
    app.expect_text(user(MEMBER), "已记录：马凤英同志请假").await;
    member_says(&app, "给书记留言");
    app.expect_text(user(MEMBER), "请直接写下").await;
    member_says(&app, "我是马凤英，新电话还是13800138014，住院复查中");
    app.expect_text(SECRETARY, "【党员留言】马凤英同志").await;
    quiesce(&app).await;
    let answers =
        scalar(&app, &format!("SELECT COUNT(*) FROM attendance WHERE meeting_id = {meeting}")).await;

    member_says(&app, "我的信息");
    app.expect_text(user(MEMBER), "支部登记的您的信息").await;
    let ask = button_data(&app, user(MEMBER), "支部登记的您的信息", "申请删除我的信息");
    tap_private(&app, user(MEMBER), MEMBER, &ask).await;
    app.expect_text(user(MEMBER), "确认要申请删除马凤英同志").await;
    let keep = button_data(&app, user(MEMBER), "确认要申请删除", "不删除");
    tap_private(&app, user(MEMBER), MEMBER, &keep).await;
    app.expect_text(user(MEMBER), "好的，不删除").await;
    member_says(&app, "请删除我的信息");
    quiesce(&app).await;
    let confirm = button_data(&app, user(MEMBER), "确认要申请删除", "确认申请删除");
    tap_private(&app, user(MEMBER), MEMBER, &confirm).await;
    app.expect_text(user(MEMBER), "已把删除申请交给支部书记").await;
    app.expect_text(SECRETARY, "【删除个人信息申请】马凤英同志").await;
    quiesce(&app).await;
    assert!(!cells_containing(&app, PHONE).await.is_empty(), "nothing erased before the secretary's tap");

    let erase = button_data(&app, SECRETARY, "【删除个人信息申请】", "同意删除");
    tap_private(&app, SECRETARY, "王建国", &erase).await;
    app.expect_text(SECRETARY, "已按申请删除").await;
    app.expect_text(user(MEMBER), "您在支部登记的个人信息已按您的要求删除").await;
    quiesce(&app).await;
    assert_eq!(cells_containing(&app, PHONE).await, vec![], "the phone is nowhere");
    assert_eq!(cells_containing(&app, MEMBER).await, vec![], "the name is nowhere");
    assert_eq!(cells_containing(&app, "住院复查").await, vec![], "no leave reason or message is left");
    let after = scalar(&app, &format!("SELECT COUNT(*) FROM attendance WHERE meeting_id = {meeting}")).await;
    assert_eq!(after, answers, "the counts stay");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'erasure.request'").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'member.forget'").await, 1);

    // A second tap finds nothing left to erase.
    tap_private(&app, SECRETARY, "王建国", &erase).await;
    quiesce(&app).await;
    app.stop().await;
}
