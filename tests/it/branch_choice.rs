//! One person administering two branches chooses, with `/branch` and a button, which branch
//! their commands apply to; without a choice it is the first branch they were given.

use super::support;

use support::app::TestApp;
use support::branch::{button_data, quiesce, scalar};

const SECRETARY: i64 = 8301;

fn say(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

#[tokio::test]
async fn a_secretary_of_two_branches_chooses_where_commands_go_by_button() {
    let app = TestApp::spawn().await;
    let (first, code) = app.create_branch("第一党支部").await;
    app.import_sample_roster(first).await;
    say(&app, &format!("/start {code}"));
    app.expect_text(SECRETARY, "您已成为“第一党支部”的支部书记").await;
    say(&app, "/branch");
    app.expect_text(SECRETARY, "您只管理“第一党支部”一个支部").await;

    let (second, code) = app.create_branch("第二党支部").await;
    say(&app, &format!("/start {code}"));
    app.expect_text(SECRETARY, "您已成为“第二党支部”的支部书记").await;
    app.expect_text(SECRETARY, "发送 /branch 可以选择命令用于哪个支部").await;

    // Until a choice, commands go to the first branch.
    say(&app, "/members");
    app.expect_text(SECRETARY, "“第一党支部”花名册：共24人").await;

    say(&app, "/branch");
    app.expect_text(SECRETARY, "现在的命令都用于“第一党支部”").await;
    let choose = button_data(&app, SECRETARY, "现在的命令都用于", "换成第二党支部");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &choose));
    app.expect_text(SECRETARY, "以后您发的命令都用于“第二党支部”").await;
    say(&app, "/members");
    app.expect_text(SECRETARY, "“第二党支部”").await;
    let chosen = format!("SELECT branch_id FROM admin_branch_choice WHERE telegram_user_id = {SECRETARY}");
    assert_eq!(scalar(&app, &chosen).await, second);

    // Someone who administers neither cannot move the secretary's choice, nor their own.
    let stranger = 8399;
    app.fake.push_callback(app.fake.callback(stranger, "某人", stranger, 1, &choose));
    quiesce(&app).await;
    let theirs = format!("SELECT COUNT(*) FROM admin_branch_choice WHERE telegram_user_id = {stranger}");
    assert_eq!(scalar(&app, &theirs).await, 0);

    // Back to the first, by the same kind of button.
    say(&app, "/branch");
    app.expect_text(SECRETARY, "现在的命令都用于“第二党支部”").await;
    let back = button_data(&app, SECRETARY, "现在的命令都用于“第二党支部”", "换成第一党支部");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", SECRETARY, 1, &back));
    app.expect_text(SECRETARY, "以后您发的命令都用于“第一党支部”").await;
    assert_eq!(scalar(&app, &chosen).await, first);
    app.stop().await;
}
