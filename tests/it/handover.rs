//! Succession: `/handover 姓名` asks the successor in their own chat; on 【接任书记】 the secretary
//! role moves (the outgoing secretary keeps committee powers), both are told in words, all
//! audited. The operator can issue a fresh secretary code; `/committee` sets who sits on the
//! 支委会 (for quorum) apart from bot powers.

use super::support;

use support::app::{TestApp, now_ms};
use support::branch::{SECRETARY, bind_member, bound_branch, button_data, quiesce, scalar};
use support::db::TestDb;
use support::shell::{stdout, zhibu};

const LI: i64 = 7002;
const CHEN: i64 = 7005;

fn say(app: &TestApp, user: i64, text: &str) {
    app.fake.push_message(app.fake.private_text(user, "同志", text));
}

fn tap(app: &TestApp, user: i64, data: &str) {
    app.fake.push_callback(app.fake.callback(user, "同志", user, 1, data));
}

async fn role_of(app: &TestApp, user: i64) -> String {
    let mut conn = app.store.conn().await.unwrap();
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT role FROM roles WHERE telegram_user_id = $1 ORDER BY role")
            .bind(user)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    roles.join(",")
}

#[tokio::test]
async fn the_successor_accepts_in_their_own_chat_and_the_role_moves() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    bind_member(&app, LI, "李秀英", "13800138002").await;
    say(&app, SECRETARY, "/handover 李秀英");
    app.expect_text(SECRETARY, "已请李秀英同志确认").await;
    app.expect_text(LI, "提议由您接任“第一党支部”的支部书记").await;
    let accept = button_data(&app, LI, "提议由您接任", "接任书记");

    // Nobody but the successor can accept for them.
    tap(&app, SECRETARY, &accept);
    let refused = app.fake.wait_until(
        |f| {
            f.calls_to("answercallbackquery")
                .iter()
                .any(|c| c.param("text").as_deref() == Some(zhibu::texts::taps::NOT_YOURS))
        },
        std::time::Duration::from_secs(10),
    );
    assert!(refused.await, "the secretary's tap on the successor's button is refused");
    assert_eq!(role_of(&app, LI).await, "");

    tap(&app, LI, &accept);
    app.expect_text(LI, "您已接任“第一党支部”的支部书记").await;
    app.expect_text(SECRETARY, "李秀英同志已接任支部书记。您仍保留支委的管理权限").await;
    assert_eq!(role_of(&app, LI).await, "secretary");
    assert_eq!(role_of(&app, SECRETARY).await, "committee");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM members WHERE name = '李秀英' AND committee_post = '书记'").await,
        1
    );
    for action in ["handover.offer", "handover.accept"] {
        let sql = format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'");
        assert_eq!(scalar(&app, &sql).await, 1, "{action}");
    }

    // The new secretary runs the branch; the old one no longer hands anything over.
    say(&app, LI, "/members");
    app.expect_text(LI, "“第一党支部”花名册：共24人").await;
    say(&app, SECRETARY, "/handover 陈志强");
    app.expect_text(SECRETARY, "只有支部书记本人可以交接书记职务").await;
    tap(&app, LI, &accept);
    app.expect_text(LI, "这次交接已经失效了").await;
    assert_eq!(role_of(&app, LI).await, "secretary");
    app.stop().await;
}

#[tokio::test]
async fn a_successor_who_declines_leaves_the_secretary_in_place() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    bind_member(&app, LI, "李秀英", "13800138002").await;
    say(&app, SECRETARY, "/handover 陈志强");
    app.expect_text(SECRETARY, "陈志强同志还没有绑定").await;
    say(&app, SECRETARY, "/handover 李秀英");
    app.expect_text(LI, "提议由您接任").await;
    tap(&app, LI, &button_data(&app, LI, "提议由您接任", "不接任"));
    app.expect_text(LI, "好的，您没有接任").await;
    app.expect_text(SECRETARY, "李秀英同志没有接任支部书记，书记仍是您。").await;
    assert_eq!(role_of(&app, SECRETARY).await, "secretary");
    assert_eq!(role_of(&app, LI).await, "");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'handover.decline'").await, 1);

    // A second offer supersedes an unanswered first one.
    bind_member(&app, CHEN, "陈志强", "13800138005").await;
    say(&app, SECRETARY, "/handover 李秀英");
    app.expect_text(SECRETARY, "已请李秀英同志确认").await;
    quiesce(&app).await;
    let first = button_data(&app, LI, "提议由您接任", "接任书记");
    say(&app, SECRETARY, "/handover 陈志强");
    app.expect_text(CHEN, "提议由您接任").await;
    tap(&app, LI, &first);
    app.expect_text(LI, "这次交接已经失效了").await;
    assert_eq!(role_of(&app, LI).await, "");
    app.stop().await;
}

#[tokio::test]
async fn a_fresh_secretary_code_from_the_operator_makes_the_one_new_secretary() {
    let app = TestApp::spawn().await;
    let branch = bound_branch(&app).await;
    let code =
        zhibu::app::branches::fresh_secretary_code(&app.store, branch, now_ms()).await.unwrap().unwrap();
    say(&app, CHEN, &format!("/start {code}"));
    app.expect_text(CHEN, "支部书记").await;
    assert_eq!(role_of(&app, CHEN).await, "secretary");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'code.secretary'").await, 1);
    // One secretary, not two: the former one keeps a committee member's powers and is told.
    assert_eq!(role_of(&app, SECRETARY).await, "committee");
    app.expect_text(SECRETARY, "已用上级新发的书记绑定码，成为“第一党支部”的支部书记").await;
    app.stop().await;

    let db = TestDb::new().await;
    zhibu(&db, &["branch", "add", "第一党支部"]);
    let out = zhibu(&db, &["branch", "code", "--branch", "1"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("支部 #1 的新书记绑定码") && stdout(&out).contains("/start S"),
        "{}",
        stdout(&out)
    );
    let missing = zhibu(&db, &["branch", "code", "--branch", "9"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("没有编号为 9 的支部"), "{missing:?}");
    db.cleanup().await;
}

#[tokio::test]
async fn the_committee_list_is_set_apart_from_bot_powers() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    say(&app, SECRETARY, "/committee 王建国 8001 李秀英、陈志强");
    app.expect_text(SECRETARY, "支委会成员已设为：王建国（委员）、李秀英（委员）、陈志强（委员），共3人")
        .await;
    let on_committee = "SELECT COUNT(*) FROM members WHERE committee_post IS NOT NULL";
    assert_eq!(scalar(&app, on_committee).await, 3);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM roles WHERE role = 'committee'").await,
        0,
        "no powers given"
    );

    say(&app, SECRETARY, "/committee 王建国 8001 李秀英");
    app.expect_text(SECRETARY, "共2人").await;
    assert_eq!(scalar(&app, on_committee).await, 2);
    say(&app, SECRETARY, "/committee 王建国 张三");
    app.expect_text(SECRETARY, "支委会成员没有改动").await;
    assert_eq!(scalar(&app, on_committee).await, 2);
    say(&app, SECRETARY, "/committee");
    app.expect_text(SECRETARY, "现在的支委会成员：王建国（委员）、李秀英（委员）").await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'member.standing'").await, 4);
    app.stop().await;
}

#[tokio::test]
async fn the_successor_names_the_committee_and_closes_its_meeting_with_that_quorum() {
    use super::meeting_support::{
        self as ms, branch_with_members, close_confirmed_by, set_clock, start_clock,
    };
    let clock = start_clock();
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    branch_with_members(&app).await;
    let li = ms::user("李秀英");
    say(&app, ms::SECRETARY, "/handover 李秀英");
    app.expect_text(li, "提议由您接任").await;
    tap(&app, li, &button_data(&app, li, "提议由您接任", "接任书记"));
    app.expect_text(li, "您已接任").await;

    say(&app, li, "/committee 李秀英 王建国 8001 陈志强");
    app.expect_text(li, "支委会成员已设为：李秀英（书记）、王建国（委员）、陈志强（委员），共3人").await;
    say(&app, li, "/meeting 支委会 11月21日上午9点 书记家 研究工作");
    app.expect_text(li, "已创建").await;
    let id = scalar(&app, "SELECT MAX(id) FROM meetings").await;
    set_clock(&app, &clock, (2026, 11, 21, 9, 30));
    say(&app, li, "/present 李秀英");
    app.expect_text(li, "已登记李秀英同志到会").await;
    say(&app, li, "/present 王建国 8001");
    app.expect_text(li, "已登记王建国同志到会").await;
    close_confirmed_by(&app, li, "李秀英", id).await;
    let record = app.expect_text(li, "【会议记录】").await;
    assert!(record.contains("应到正式党员：3") && record.contains("缺席：陈志强"), "{record}");
    assert!(record.contains("法定人数：符合"), "{record}");
    app.stop().await;
}
