//! Erasure: after `zhibu member forget`, no table of the database holds the member's phone or
//! name (every table, found from the catalogue, every column read as text), their account has no
//! power left, and the counts stay; a health note refused or replaced leaves no copy of its text,
//! and only the member may answer for it.

use super::meeting_records::{cli, member_id};
use super::meeting_support::*;
use super::support;

use support::app::TestApp;
use support::branch::{bind_member, bound_branch_as, button_data, count_texts, quiesce, scalar};
use support::db::TestDb;
use support::shell::{stdout, zhibu};

const MEMBER: &str = "马凤英";
const PHONE: &str = "13800138014";

/// Every (table, column, rows) whose value, read as text, contains `word`: every table the
/// catalogue lists (sqlx's ledger too), every column whatever its type.
pub async fn cells_containing(app: &TestApp, word: &str) -> Vec<(String, String, i64)> {
    let mut conn = app.store.conn().await.unwrap();
    cells_in(&mut conn, word).await
}

async fn cells_in(conn: &mut zhibu::store::Conn, word: &str) -> Vec<(String, String, i64)> {
    let catalogue = if support::db::backend_is_postgres() {
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() ORDER BY 1, 2"
    } else {
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
         WHERE m.type = 'table' ORDER BY 1, 2"
    };
    let columns: Vec<(String, String)> = sqlx::query_as(catalogue).fetch_all(&mut *conn).await.unwrap();
    assert!(columns.len() > 100, "the catalogue lists every column: {}", columns.len());
    let mut found = Vec::new();
    for (table, column) in columns {
        let sql = format!("SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE $1");
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(format!("%{word}%"))
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        if rows > 0 {
            found.push((table, column, rows));
        }
    }
    found
}

fn member_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(user(MEMBER), MEMBER, text));
}

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

#[tokio::test]
async fn forgetting_a_member_leaves_neither_their_phone_nor_their_name_in_any_table() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    // A committee member, who answers a meeting with a health reason, has a consented health
    // note, is seen and named in the group, and reads the roster.
    secretary_says(&app, &format!("/grant {MEMBER}"));
    app.expect_text(SECRETARY, "已授权").await;
    let meeting = create_meeting(&app, "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神").await;
    member_says(&app, "请假 住院");
    app.expect_text(user(MEMBER), "已记录：马凤英同志请假").await;
    secretary_says(&app, &format!("/health {MEMBER} 腰椎骨折，需送学上门"));
    app.expect_text(user(MEMBER), "您同意登记吗").await;
    let yes = button_data(&app, user(MEMBER), "您同意登记吗", "同意");
    let request = sent_with(&app, user(MEMBER), "您同意登记吗").await;
    tap(&app, MEMBER, user(MEMBER), request, &yes);
    app.expect_text(SECRETARY, "马凤英同志已同意").await;
    app.fake.push_message(app.fake.group_text(
        GROUP,
        user(MEMBER),
        MEMBER,
        "大家好，我是马凤英，电话13800138014",
    ));
    app.fake.push_message(app.fake.group_text(GROUP, SECRETARY, "王建国", "请马凤英同志明天来取学习材料"));
    member_says(&app, "/members");
    app.expect_text(user(MEMBER), "花名册").await;
    secretary_says(&app, "/members");
    app.expect_text(SECRETARY, "花名册：共").await;
    quiesce(&app).await;
    assert!(
        !cells_containing(&app, PHONE).await.is_empty() && !cells_containing(&app, MEMBER).await.is_empty()
    );
    let answers =
        scalar(&app, &format!("SELECT COUNT(*) FROM attendance WHERE meeting_id = {meeting}")).await;

    let out = cli(&app, &["member", "forget", &member_id(&app, MEMBER).await.to_string()]).await;
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("已收回其全部1项管理权限"), "{}", stdout(&out));

    assert_eq!(cells_containing(&app, PHONE).await, vec![], "the phone is nowhere");
    assert_eq!(cells_containing(&app, MEMBER).await, vec![], "the name is nowhere");
    assert_eq!(cells_containing(&app, "腰椎骨折").await, vec![], "the health note is nowhere");
    let after = scalar(&app, &format!("SELECT COUNT(*) FROM attendance WHERE meeting_id = {meeting}")).await;
    assert_eq!(after, answers, "the counts stay");

    // The account kept no power: no roster reaches it any more.
    let rosters = count_texts(&app, user(MEMBER), "花名册：共");
    app.fake.push_message(app.fake.private_text(user(MEMBER), "某某", "/members"));
    app.fake.push_message(app.fake.private_text(user(MEMBER), "某某", "/export"));
    quiesce(&app).await;
    assert_eq!(
        count_texts(&app, user(MEMBER), "花名册：共"),
        rosters,
        "{:?}",
        app.fake.texts_to(user(MEMBER))
    );
    assert_eq!(
        scalar(&app, &format!("SELECT COUNT(*) FROM roles WHERE telegram_user_id = {}", user(MEMBER))).await,
        0
    );
    app.stop().await;
}

#[tokio::test]
async fn a_refused_or_replaced_health_note_leaves_no_copy_and_only_the_member_may_answer() {
    let app = TestApp::spawn().await;
    bound_branch_as(&app, SECRETARY, GROUP).await;
    let member = user(MEMBER);
    bind_member(&app, member, MEMBER, PHONE).await;
    secretary_says(&app, &format!("/health {MEMBER} 腰椎骨折卧床休养"));
    app.expect_text(member, "您同意登记吗").await;
    quiesce(&app).await;
    let tables: Vec<String> =
        cells_containing(&app, "腰椎骨折卧床休养").await.into_iter().map(|c| c.0).collect();
    assert_eq!(
        tables,
        ["health_notes", "outbox"],
        "before consent: the note and the question to the member only"
    );

    // Anyone else's tap on the member's consent button is refused and changes nothing.
    let yes = button_data(&app, member, "您同意登记吗", "同意");
    app.fake.push_callback(app.fake.callback(SECRETARY, "王建国", member, 1, &yes));
    quiesce(&app).await;
    assert!(
        callback_notices(&app).iter().any(|t| t.contains("只能由党员本人")),
        "{:?}",
        callback_notices(&app)
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM health_notes WHERE consented_at IS NOT NULL").await, 0);

    // A new request replaces the first, whose text goes from everywhere.
    let first = sent_with(&app, member, "腰椎骨折卧床休养").await;
    secretary_says(&app, &format!("/health {MEMBER} 心脏支架术后静养"));
    app.expect_text(member, "心脏支架术后静养").await;
    quiesce(&app).await;
    assert_eq!(cells_containing(&app, "腰椎骨折卧床休养").await, vec![], "a replaced note leaves no copy");

    // 【同意】 under the replaced request consents to nothing (the member has not read the new
    // note there), and the press, which quotes the old request, leaves no copy of it either.
    app.fake.push_callback(app.fake.callback(member, MEMBER, member, first, &yes));
    quiesce(&app).await;
    let gone = zhibu::texts::taps::GONE;
    assert!(callback_notices(&app).iter().any(|t| t == gone), "{:?}", callback_notices(&app));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM health_notes WHERE consented_at IS NOT NULL").await, 0);
    assert_eq!(
        cells_containing(&app, "腰椎骨折卧床休养").await,
        vec![],
        "the old request's press keeps no copy"
    );

    // The member refuses: no copy of the text anywhere.
    let no = button_data(&app, member, "心脏支架术后静养", "不同意");
    let request = sent_with(&app, member, "心脏支架术后静养").await;
    app.fake.push_callback(app.fake.callback(member, MEMBER, member, request, &no));
    app.expect_text(member, "不登记").await;
    quiesce(&app).await;
    assert_eq!(cells_containing(&app, "心脏支架术后静养").await, vec![], "a refused note leaves no copy");
    app.stop().await;
}

#[tokio::test]
async fn forgetting_one_of_two_namesakes_leaves_the_other_their_name() {
    let db = TestDb::new().await;
    zhibu(&db, &["branch", "add", "第一党支部"]);
    let roster = format!("{}/tests/fixtures/roster/sample-roster.csv", env!("CARGO_MANIFEST_DIR"));
    zhibu(&db, &["roster", "import", "--branch", "1", &roster]);
    // #13 is the second 王建国 (13800138013); #1, the secretary, keeps the name.
    let out = zhibu(&db, &["member", "forget", "13"]);
    assert!(out.status.success() && stdout(&out).contains("另有党员的姓名"), "{out:?}");
    let list = stdout(&zhibu(&db, &["roster", "list", "--branch", "1"]));
    assert!(list.contains("王建国") && list.contains("13800138001"), "{list}");
    let store = zhibu::store::Store::open(&db.url).await.unwrap();
    let mut conn = store.conn().await.unwrap();
    assert_eq!(cells_in(&mut conn, "13800138013").await, vec![], "the forgotten phone is nowhere");
    drop(conn);
    store.close().await;
    db.cleanup().await;
}
