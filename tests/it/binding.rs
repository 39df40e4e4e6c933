//! End to end through the fake Bot API: secretaries bind by code and bind the group, members bind
//! by sharing their phone, and zhibu's own roles decide who may administer.

use super::support;

use std::time::Duration;

use support::app::TestApp;
use support::branch::{GROUP, SECRETARY, bound_branch};

const MEMBER: i64 = 5002;
const STRANGER: i64 = 5003;

#[tokio::test]
async fn secretary_binds_by_code_then_binds_the_group() {
    let app = TestApp::spawn().await;
    let branch = bound_branch(&app).await;
    let mut conn = app.store.conn().await.unwrap();
    let row = zhibu::store::branches::get(&mut conn, branch).await.unwrap().unwrap();
    assert_eq!(row.group_chat_id, Some(GROUP));
    // The menu goes in the secretary's private chat, paced with it, not with the group's answer.
    let menu = |f: &support::fake_telegram::FakeTelegram| {
        f.calls_to("setmycommands").iter().any(|c| c.params["scope"]["type"] == "chat")
    };
    assert!(
        app.fake.wait_until(menu, std::time::Duration::from_secs(10)).await,
        "the secretary gets the admin menu"
    );
    let audit = zhibu::store::audit::list(&mut conn, branch).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "bind.secretary"));
    assert!(audit.iter().any(|a| a.action == "bind.group"));
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn a_used_secretary_code_does_not_bind_twice() {
    let app = TestApp::spawn().await;
    let (_, code) = app.create_branch("第一党支部").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", &format!("/start {code}")));
    app.expect_text(SECRETARY, "支部书记").await;
    app.fake.push_message(app.fake.private_text(STRANGER, "路人", &format!("/start {code}")));
    app.expect_text(STRANGER, "无效或已经用过").await;
    let mut conn = app.store.conn().await.unwrap();
    assert!(zhibu::store::roles::of_user(&mut conn, STRANGER).await.unwrap().is_empty());
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn member_binds_by_sharing_their_own_phone_in_any_written_form() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_text(MEMBER, "刘玉兰", "/start"));
    let welcome = app
        .fake
        .wait_for_call(|c| c.method == "sendmessage" && c.chat_id() == Some(MEMBER), Duration::from_secs(10))
        .await
        .expect("welcome");
    let keyboard = &welcome.params["reply_markup"]["keyboard"][0][0];
    assert_eq!(keyboard["text"], "绑定手机号");
    assert_eq!(keyboard["request_contact"], true);
    // Telegram sends the number as the phone knows it.
    app.fake.push_message(app.fake.private_contact(MEMBER, "刘玉兰", "+86 138-0013-8004", Some(MEMBER)));
    let text = app.expect_text(MEMBER, "绑定成功").await;
    assert!(text.contains("刘玉兰同志"));
    let mut conn = app.store.conn().await.unwrap();
    let bound = zhibu::store::members::by_telegram_user(&mut conn, MEMBER).await.unwrap();
    assert_eq!(bound.len(), 1);
    assert_eq!(bound[0].name, "刘玉兰");
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn someone_elses_contact_card_binds_nobody() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_contact(MEMBER, "刘玉兰", "13800138004", Some(999)));
    app.expect_text(MEMBER, "您自己的手机号").await;
    let mut conn = app.store.conn().await.unwrap();
    assert!(zhibu::store::members::by_telegram_user(&mut conn, MEMBER).await.unwrap().is_empty());
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn unknown_phone_gets_a_kind_explanation_and_the_secretary_is_told() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_contact(STRANGER, "老李", "13912345678", Some(STRANGER)));
    let text = app.expect_text(STRANGER, "没有找到这个手机号").await;
    assert!(text.contains("尾号5678"));
    let told = app.expect_text(SECRETARY, "有人想绑定").await;
    assert!(told.contains("139****5678"), "the secretary sees a masked number: {told}");
    app.stop().await;
}

#[tokio::test]
async fn a_members_admin_command_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let branch = bound_branch(&app).await;
    app.fake.push_message(app.fake.private_contact(MEMBER, "刘玉兰", "13800138004", Some(MEMBER)));
    app.expect_text(MEMBER, "绑定成功").await;
    app.fake.push_message(app.fake.private_text(MEMBER, "刘玉兰", "/grant 刘玉兰"));
    app.expect_text(MEMBER, "只有支部书记和支委").await;
    app.fake.push_message(app.fake.private_text(MEMBER, "刘玉兰", "/link 张德明"));
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    assert!(zhibu::store::roles::of_user(&mut conn, MEMBER).await.unwrap().is_empty());
    let codes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM binding_codes WHERE purpose <> 'secretary'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(codes, 0, "no link was made");
    let audit = zhibu::store::audit::list(&mut conn, branch).await.unwrap();
    assert!(!audit.iter().any(|a| a.action.starts_with("role.") || a.action.starts_with("code.")));
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn a_forwarded_command_is_never_executed() {
    let app = TestApp::spawn().await;
    let (_, _code) = app.create_branch("第一党支部").await;
    app.fake.push_message(app.fake.forwarded_group_text(GROUP, SECRETARY, "/bind"));
    app.settle().await;
    assert!(app.fake.messages_to(GROUP).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn an_anonymous_admin_is_asked_to_speak_as_themselves() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.anonymous_admin_text(GROUP, "/members"));
    app.expect_text(GROUP, "匿名管理员").await;
    app.stop().await;
}

#[tokio::test]
async fn only_the_branch_secretary_can_bind_a_group() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    // Someone else tries to bind another group: that group never bound zhibu and hears nothing.
    app.fake.push_message(app.fake.group_text(-4999, MEMBER, "刘玉兰", "/bind"));
    // In the bound group a non-secretary is told politely.
    app.fake.push_message(app.fake.group_text(GROUP, MEMBER, "刘玉兰", "/bind"));
    app.expect_text(GROUP, "只有本支部的书记").await;
    app.settle().await;
    assert!(app.fake.messages_to(-4999).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn the_binding_follows_the_group_when_it_becomes_a_supergroup() {
    let app = TestApp::spawn().await;
    let branch = bound_branch(&app).await;
    let supergroup = -1_000_000_004_001;
    app.fake.push_message(app.fake.group_migrated(GROUP, supergroup, SECRETARY));
    app.expect_text(supergroup, "升级为超级群").await;
    let mut conn = app.store.conn().await.unwrap();
    let row = zhibu::store::branches::get(&mut conn, branch).await.unwrap().unwrap();
    assert_eq!(row.group_chat_id, Some(supergroup));
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn a_contact_person_binds_by_the_link_the_secretary_made() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/contact 张德明"));
    let text = app.expect_text(SECRETARY, "联系人").await;
    let code = text.rsplit("start=").next().unwrap().trim().to_owned();
    assert!(code.starts_with('C'), "a contact link: {text}");
    let family = 5077;
    app.fake.push_message(app.fake.private_text(family, "张小明", &format!("/start {code}")));
    app.expect_text(family, "张德明同志的联系人").await;
    app.expect_text(SECRETARY, "已绑定为张德明同志的联系人").await;
    app.stop().await;
}

#[tokio::test]
async fn the_secretary_can_grant_a_committee_member_the_same_powers() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    let committee = 5010;
    app.fake.push_message(app.fake.private_contact(committee, "李秀英", "13800138002", Some(committee)));
    app.expect_text(committee, "绑定成功").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/grant 李秀英"));
    app.expect_text(SECRETARY, "已授权李秀英").await;
    app.expect_text(committee, "授权您使用").await;
    app.fake.push_message(app.fake.private_text(committee, "李秀英", "/members"));
    let roster = app.expect_text(committee, "花名册").await;
    assert!(roster.contains("共24人"), "{roster}");
    // Committee powers do not include granting.
    app.fake.push_message(app.fake.private_text(committee, "李秀英", "/grant 刘玉兰"));
    app.expect_text(committee, "只有支部书记可以授权").await;
    app.stop().await;
}

#[tokio::test]
async fn two_members_with_one_name_are_told_apart() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/link 王建国"));
    let text = app.expect_text(SECRETARY, "有2位").await;
    assert!(text.contains("王建国 8001") && text.contains("王建国 8013"), "{text}");
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/link 王建国 8013"));
    app.expect_text(SECRETARY, "请把这个链接发给王建国同志").await;
    app.stop().await;
}
