//! The roster in chat: a 花名册 sent as a document is fetched through the Bot API (`getFile`,
//! then the file URL), previewed row by row with 【导入】【取消】, and imported only on the
//! sender's tap; one member added or changed with `/member`.

use super::support;

use support::app::TestApp;
use support::branch::{SECRETARY, bind_member, bound_branch, button_data, count_texts, quiesce, scalar};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture")
}

/// A branch whose secretary is bound, with no roster yet.
async fn empty_branch(app: &TestApp) -> i64 {
    let (branch, code) = app.create_branch("第一党支部").await;
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", &format!("/start {code}")));
    app.expect_text(SECRETARY, "支部书记").await;
    branch
}

fn send_file(app: &TestApp, user: i64, file_name: &str, bytes: Vec<u8>) {
    app.fake.push_message(app.fake.private_document(user, "王建国", file_name, bytes));
}

fn tap(app: &TestApp, user: i64, data: &str) {
    app.fake.push_callback(app.fake.callback(user, "王建国", user, 1, data));
}

async fn members(app: &TestApp) -> i64 {
    scalar(app, "SELECT COUNT(*) FROM members").await
}

#[tokio::test]
async fn a_utf8_roster_sent_as_a_file_is_previewed_and_imported_only_on_the_tap() {
    let app = TestApp::spawn().await;
    empty_branch(&app).await;
    send_file(&app, SECRETARY, "花名册.csv", fixture("sample-roster.csv"));
    app.expect_text(SECRETARY, "已收到花名册“花名册.csv”").await;
    let preview = app.expect_text(SECRETARY, "“花名册.csv”已读好").await;
    assert!(preview.contains("新增24人：第2行 王建国；第3行 李秀英"), "{preview}");
    assert!(preview.contains("有1行需要核对：\n第4行（张德明）：没有手机号"), "{preview}");
    assert!(preview.contains("不变0人。"), "{preview}");
    assert_eq!(members(&app).await, 0, "nothing is imported before the tap");
    let file_id = app.fake.calls_to("getFile")[0].params["file_id"].as_str().unwrap().to_owned();
    assert!(file_id.starts_with("BQAC"), "{file_id}");
    let downloads = app.fake.calls_to("file");
    assert_eq!(downloads.len(), 1);
    assert!(downloads[0].params["path"].as_str().unwrap().contains("file_"), "{:?}", downloads[0].params);

    tap(&app, SECRETARY, &button_data(&app, SECRETARY, "已读好", "导入"));
    app.expect_text(SECRETARY, "花名册已导入：新增24人，更新0人，不变0人。").await;
    assert_eq!(members(&app).await, 24);
    let audited = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'roster.import' AND actor = 'tg:{SECRETARY}'"
        ),
    )
    .await;
    assert_eq!(audited, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM roster_uploads WHERE content IS NOT NULL").await, 0);

    // A second tap on the same preview imports nothing twice.
    tap(&app, SECRETARY, &button_data(&app, SECRETARY, "已读好", "导入"));
    app.expect_text(SECRETARY, "已经处理过了").await;
    assert_eq!(members(&app).await, 24);
    app.stop().await;
}

#[tokio::test]
async fn gbk_and_messy_xlsx_rosters_read_like_the_utf8_one() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    send_file(&app, SECRETARY, "花名册GBK.csv", fixture("sample-roster-gbk.csv"));
    let gbk = app.expect_text(SECRETARY, "“花名册GBK.csv”已读好").await;
    assert!(gbk.contains("没有新增，也没有要更新的党员。\n不变24人。"), "{gbk}");

    let app2 = TestApp::spawn().await;
    empty_branch(&app2).await;
    send_file(&app2, SECRETARY, "花名册.xlsx", fixture("sample-roster.xlsx"));
    let xlsx = app2.expect_text(SECRETARY, "“花名册.xlsx”已读好").await;
    assert!(xlsx.contains("新增24人：第3行 王建国"), "{xlsx}");
    assert!(xlsx.contains("第5行（张德明）：没有手机号"), "{xlsx}");
    app.stop().await;
    app2.stop().await;
}

#[tokio::test]
async fn a_changed_row_is_named_with_its_columns_and_cancel_changes_nothing() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    let csv = String::from_utf8(fixture("sample-roster.csv")).unwrap();
    let changed = csv
        .replace(
            "周淑珍,女,1943-04-21,1966-01-15,正式,退休,第一党小组",
            "周淑珍,女,1943-04-21,1966-01-15,正式,退休,第三党小组",
        )
        .replace("13800138012", "13900139012")
        + "钱学文,男,1956-06-06,1986-06-06,正式,退休,第一党小组,13800138099,,\n";
    send_file(&app, SECRETARY, "新花名册.csv", changed.into_bytes());
    let preview = app.expect_text(SECRETARY, "“新花名册.csv”已读好").await;
    assert!(preview.contains("新增1人：第26行 钱学文。"), "{preview}");
    assert!(preview.contains("更新2人：第10行 周淑珍（党小组）；第13行 孙文斌（手机号）。"), "{preview}");
    assert!(preview.contains("不变22人。"), "{preview}");

    tap(&app, SECRETARY, &button_data(&app, SECRETARY, "新花名册", "取消"));
    app.expect_text(SECRETARY, "这份花名册没有导入").await;
    assert_eq!(members(&app).await, 24);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM members WHERE phone = '13900139012'").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn only_the_newest_roster_can_be_imported() {
    let app = TestApp::spawn().await;
    empty_branch(&app).await;
    send_file(&app, SECRETARY, "旧的.csv", fixture("sample-roster.csv"));
    app.expect_text(SECRETARY, "“旧的.csv”已读好").await;
    let old = button_data(&app, SECRETARY, "旧的.csv", "导入");
    send_file(&app, SECRETARY, "新的.xlsx", fixture("sample-roster.xlsx"));
    app.expect_text(SECRETARY, "“新的.xlsx”已读好").await;
    tap(&app, SECRETARY, &old);
    app.expect_text(SECRETARY, "这份不再导入").await;
    assert_eq!(members(&app).await, 0);
    tap(&app, SECRETARY, &button_data(&app, SECRETARY, "新的.xlsx", "导入"));
    app.expect_text(SECRETARY, "花名册已导入：新增24人").await;
    app.stop().await;
}

#[tokio::test]
async fn a_file_too_large_or_not_a_roster_or_from_a_member_is_refused_in_words() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    let big = app.fake.private_document_claiming(SECRETARY, "王建国", "大.xlsx", vec![0; 10], Some(3 << 20));
    app.fake.push_message(big);
    app.expect_text(SECRETARY, "这个文件太大了（超过2MB）").await;
    send_file(&app, SECRETARY, "通知.docx", b"not a roster".to_vec());
    app.expect_text(SECRETARY, "我只能读取 Excel（.xlsx）或 CSV（.csv）格式的花名册").await;
    send_file(&app, SECRETARY, "坏的.xlsx", b"not a workbook".to_vec());
    app.expect_text(SECRETARY, "文件无法读取").await;
    let member = 7001;
    bind_member(&app, member, "李秀英", "13800138002").await;
    send_file(&app, member, "花名册.csv", fixture("sample-roster.csv"));
    app.expect_text(member, "花名册由支部书记或支委发送").await;
    quiesce(&app).await;
    assert_eq!(app.fake.calls_to("getFile").len(), 1, "only the broken workbook was fetched");
    assert_eq!(members(&app).await, 24);
    app.stop().await;
}

#[tokio::test]
async fn one_member_is_added_changed_and_given_a_status_in_words() {
    let app = TestApp::spawn().await;
    bound_branch(&app).await;
    let say = |text: &str| {
        app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
    };
    say("/member add 李四 13900001111 第二党小组");
    app.expect_text(SECRETARY, "已添加党员：李四同志").await;
    let added = "SELECT COUNT(*) FROM members WHERE name = '李四' AND phone = '13900001111' \
                 AND party_group = '第二党小组' AND branch_joined_on IS NOT NULL";
    assert_eq!(scalar(&app, added).await, 1);

    say("/member 孙文斌 电话 13900139012");
    app.expect_text(SECRETARY, "已把孙文斌同志的手机号改为 13900139012。").await;
    say("/member 周淑珍 联系人 赵红梅");
    app.expect_text(SECRETARY, "已把周淑珍同志的联系人改为赵红梅。").await;
    say("/member 吴永福 去世 2026年11月3日");
    app.expect_text(SECRETARY, "已记录：吴永福同志自2026年11月3日起为“去世”。").await;
    let status = "SELECT COUNT(*) FROM member_statuses s JOIN members m ON m.id = s.member_id \
                  WHERE m.name = '吴永福' AND s.status = 'deceased' AND s.since = '2026-11-03'";
    assert_eq!(scalar(&app, status).await, 1);

    // Namesakes are asked back; the phone tail tells them apart.
    say("/member 王建国 党小组 第二党小组");
    app.expect_text(SECRETARY, "花名册里有2位“王建国”").await;
    say("/member 王建国 8013 党小组 第二党小组");
    app.expect_text(SECRETARY, "已把王建国同志调到第二党小组。").await;
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM members WHERE phone = '13800138013' AND party_group = '第二党小组'"
        )
        .await,
        1
    );

    // Mistakes change nothing and say what to write instead.
    say("/member 孙文斌 电话 12345");
    app.expect_text(SECRETARY, "“12345”不是有效的手机号").await;
    say("/member add 周淑珍");
    app.expect_text(SECRETARY, "花名册里已经有一位周淑珍同志").await;
    say("/member add 钱六 13800138001");
    app.expect_text(SECRETARY, "这个手机号已经登记在王建国同志名下").await;
    say("/member 不存在 电话 13900000000");
    app.expect_text(SECRETARY, "花名册里没有找到“不存在”").await;
    say("/member");
    app.expect_text(SECRETARY, "写法举例").await;
    assert_eq!(members(&app).await, 25);
    let edits =
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('member.add', 'member.edit', 'member.standing')";
    assert_eq!(scalar(&app, edits).await, 5);
    assert_eq!(count_texts(&app, SECRETARY, "命令行"), 0);
    app.stop().await;
}

#[tokio::test]
async fn a_roster_left_unanswered_is_let_go_with_the_old_messages() {
    use support::branch::{app_at, shanghai, wait_for_scalar};
    let (app, clock) = app_at(shanghai(2026, 3, 2, 10, 0, 0)).await;
    empty_branch(&app).await;
    send_file(&app, SECRETARY, "花名册.csv", fixture("sample-roster.csv"));
    app.expect_text(SECRETARY, "“花名册.csv”已读好").await;
    let import = button_data(&app, SECRETARY, "已读好", "导入");
    let kept = "SELECT COUNT(*) FROM roster_uploads WHERE content IS NOT NULL";
    assert_eq!(scalar(&app, kept).await, 1);

    clock.set(shanghai(2026, 6, 1, 10, 0, 0));
    let app = app.restart().await;
    wait_for_scalar(&app, kept, 0).await;
    tap(&app, SECRETARY, &import);
    app.expect_text(SECRETARY, "这份花名册放了太久").await;
    assert_eq!(members(&app).await, 0);
    app.stop().await;
}
