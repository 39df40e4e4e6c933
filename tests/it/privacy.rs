//! Personal information: health notes only with consent and only for the secretary; a member can
//! see what the branch holds about them; strangers get one explanation, not a conversation.

use super::support;
use support::app::TestApp;

const SECRETARY: i64 = 7101;
const COMMITTEE: i64 = 7102;
const MEMBER: i64 = 7103;
const GROUP: i64 = -7100;

async fn branch_with_people(app: &TestApp) {
    support::branch::bound_branch_as(app, SECRETARY, GROUP).await;
    for (user, name, phone) in [(COMMITTEE, "李秀英", "13800138002"), (MEMBER, "马凤英", "13800138014")]
    {
        app.fake.push_message(app.fake.private_contact(user, name, phone, Some(user)));
        app.expect_text(user, "绑定成功").await;
    }
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/grant 李秀英"));
    app.expect_text(SECRETARY, "已授权").await;
}

#[tokio::test]
async fn a_health_note_is_kept_only_after_the_member_consents_and_only_the_secretary_sees_it() {
    let app = TestApp::spawn().await;
    branch_with_people(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/health 马凤英 住院中，需送学上门"));
    app.expect_text(SECRETARY, "已请马凤英同志").await;
    let ask = app.expect_text(MEMBER, "您同意登记吗").await;
    assert!(ask.contains("住院中"));
    // Before consent the secretary sees nothing.
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/health 马凤英"));
    app.expect_text(SECRETARY, "没有已同意登记的健康情况").await;
    let message_id = super::meeting_support::sent_with(&app, MEMBER, "同意登记").await;
    app.fake.push_callback(app.fake.callback(MEMBER, "马凤英", MEMBER, message_id, "hc:14:y"));
    app.expect_text(MEMBER, "已登记").await;
    app.expect_text(SECRETARY, "马凤英同志已同意").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/health 马凤英"));
    app.expect_text(SECRETARY, "住院中，需送学上门").await;
    // A committee member has the secretary's powers, but not over health notes.
    app.fake.push_message(app.fake.private_text(COMMITTEE, "李秀英", "/health 马凤英"));
    app.expect_text(COMMITTEE, "只有支部书记和支委").await;
    // In a group, the command is refused before anything is shown.
    app.fake.push_message(app.fake.group_text(GROUP, SECRETARY, "王建国", "/health 马凤英"));
    app.expect_text(GROUP, "请在和我的私聊中使用").await;
    app.settle().await;
    assert!(app.fake.texts_to(GROUP).iter().all(|t| !t.contains("住院")), "never in a group");
    app.stop().await;
}

#[tokio::test]
async fn a_refused_health_note_is_deleted() {
    let app = TestApp::spawn().await;
    branch_with_people(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/health 马凤英 住院中"));
    app.expect_text(MEMBER, "您同意登记吗").await;
    let request = super::meeting_support::sent_with(&app, MEMBER, "同意登记").await;
    app.fake.push_callback(app.fake.callback(MEMBER, "马凤英", MEMBER, request, "hc:14:n"));
    app.expect_text(MEMBER, "不登记").await;
    app.expect_text(SECRETARY, "不同意登记").await;
    // A second tap finds nothing to answer.
    app.fake.push_callback(app.fake.callback(MEMBER, "马凤英", MEMBER, request, "hc:14:y"));
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    let notes: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM health_notes").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(notes, 0);
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn a_member_sees_what_the_branch_holds_about_them_with_one_tap() {
    let app = TestApp::spawn().await;
    branch_with_people(&app).await;
    app.fake.push_message(app.fake.private_text(MEMBER, "马凤英", "我的信息"));
    let info = app.expect_text(MEMBER, "支部登记的您的信息").await;
    assert!(
        info.contains("第二党小组") && info.contains("13800138014") && info.contains("1964年9月30日"),
        "{info}"
    );
    app.fake.push_message(app.fake.private_text(MEMBER, "马凤英", "使用帮助"));
    app.expect_text(MEMBER, "使用方法很简单").await;
    app.stop().await;
}

#[tokio::test]
async fn a_stranger_gets_one_explanation_not_a_conversation() {
    let app = TestApp::spawn().await;
    let stranger = 7199;
    for text in ["你好", "在吗", "/members", "？"] {
        app.fake.push_message(app.fake.private_text(stranger, "路人", text));
    }
    app.expect_text(stranger, "绑定手机号").await;
    app.settle().await;
    assert_eq!(app.fake.texts_to(stranger).len(), 1);
    app.stop().await;
}
