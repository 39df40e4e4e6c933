//! What an office user may reach: no page without a session, nothing of another district by any
//! URL (answered exactly like a branch that does not exist), the matrix's figures equal to
//! `zhibu report`'s for the same branches, and a record book without anyone's reasons.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, TimeZone};
use reqwest::StatusCode;
use zhibu::clock::{Clock, SystemClock};
use zhibu::domain::meeting::MeetingKind;

use super::dashboard::{
    Web, add_office_user, app_with_dashboard, app_with_dashboard_on, audit_actions, branch_in,
};
use super::meeting_records::close;
use super::meeting_support::{SECRETARY, branch_with_members, create_meeting, set_clock, start_clock};
use super::support;

/// Every URL that shows or exports something of branch `id`.
fn branch_urls(id: i64) -> Vec<String> {
    vec![format!("/branch/{id}"), format!("/branch/{id}/records.xlsx"), format!("/branch/{id}/records.html")]
}

#[tokio::test]
async fn no_page_or_export_answers_without_a_session() {
    let (app, _, base) = app_with_dashboard().await;
    let a = branch_in(&app, "第一党支部", "城关区委").await;
    let web = Web::new(&base);
    let mut urls = vec!["/".to_owned(), "/overview".to_owned(), "/?district=城关区委".to_owned()];
    urls.extend(branch_urls(a));
    for url in &urls {
        let page = web.get(url).await;
        assert_eq!((page.status, page.location.as_deref()), (StatusCode::SEE_OTHER, Some("/login")), "{url}");
        assert!(!page.text().contains("第一党支部"), "{url}");
    }
    let out = web.post("/logout", &[("csrf", "x")], None).await;
    assert_eq!(out.location.as_deref(), Some("/login"));
    // A made-up session token is no session.
    let mut forged = Web::new(&base);
    forged.session = Some("0".repeat(64));
    assert_eq!(forged.get("/").await.location.as_deref(), Some("/login"));
    app.stop().await;
}

#[tokio::test]
async fn a_user_of_one_district_reaches_nothing_of_another_district_by_any_url() {
    let (app, _, base) = app_with_dashboard().await;
    let a = branch_in(&app, "城关第一党支部", "城关区委").await;
    let b = branch_in(&app, "七里河第二党支部", "七里河区委").await;
    add_office_user(&app.db, "wang", Some("城关区委")).await;
    add_office_user(&app.db, "sheng", None).await;
    let wang = Web::signed_in(&base, "wang").await;

    let missing = wang.get("/branch/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    for url in branch_urls(b) {
        let page = wang.get(&url).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{url}");
        assert_eq!(page.text(), missing.text(), "{url} answers like a branch that does not exist");
    }
    for url in [
        "/",
        "/?district=七里河区委",
        "/overview",
        "/overview?district=七里河区委",
        "/?sort=name&period=month",
    ] {
        let page = wang.get(url).await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
        assert!(page.text().contains("城关第一党支部") || url.starts_with("/overview"), "{url}");
        assert!(!page.text().contains("七里河第二党支部") && !page.text().contains("七里河区委"), "{url}");
        assert!(page.text().contains("共1个支部"), "{url}");
    }
    for url in branch_urls(a) {
        assert_eq!(wang.get(&url).await.status, StatusCode::OK, "{url}");
    }

    // The provincial office sees both, and filters to one.
    let sheng = Web::signed_in(&base, "sheng").await;
    let all = sheng.get("/").await.text();
    assert!(all.contains("城关第一党支部") && all.contains("七里河第二党支部") && all.contains("共2个支部"));
    let one = sheng.get("/?district=七里河区委").await.text();
    assert!(one.contains("七里河第二党支部") && !one.contains("城关第一党支部"), "{one}");
    assert_eq!(sheng.get(&format!("/branch/{b}")).await.status, StatusCode::OK);
    app.stop().await;
}

/// Inserts a closed meeting of `kind` (for `group`) starting at `day` 09:00 in Shanghai.
async fn held(
    app: &support::app::TestApp,
    branch: i64,
    kind: MeetingKind,
    group: Option<&str>,
    day: NaiveDate,
) {
    let at = chrono_tz::Asia::Shanghai
        .from_local_datetime(&day.and_hms_opt(9, 0, 0).unwrap())
        .unwrap()
        .timestamp_millis();
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query(
        "INSERT INTO meetings (branch_id, kind, party_group, starts_at, place, topic, state, created_by, created_at, closed_at)
         VALUES ($1, $2, $3, $4, '活动室', '学习', 'closed', 0, $4, $4)",
    )
    .bind(branch)
    .bind(kind.code())
    .bind(group)
    .bind(at)
    .execute(&mut *conn)
    .await
    .unwrap();
}

/// The report lines in each cell's title of branch `id`'s row of the matrix.
fn matrix_lines(html: &str, id: i64) -> Vec<String> {
    let start = html.find(&format!("data-branch=\"{id}\"")).expect("the branch's row");
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    let mut lines: Vec<String> = row
        .split("title=\"")
        .skip(1)
        .flat_map(|t| t[..t.find('"').unwrap()].lines().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    lines.sort();
    lines
}

async fn report_lines(app: &support::app::TestApp, id: i64) -> Vec<String> {
    let out = super::dashboard::zhibu_with_input(&app.db, &["report", "--branch", &id.to_string()], "").await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut lines: Vec<String> = support::shell::stdout(&out).lines().skip(1).map(str::to_owned).collect();
    lines.sort();
    lines
}

#[tokio::test]
async fn every_figure_of_the_matrix_is_the_figure_zhibu_report_gives_for_the_same_branch() {
    let (app, base) = app_with_dashboard_on(Arc::new(SystemClock)).await;
    let today = chrono_tz::Asia::Shanghai.from_utc_datetime(&SystemClock.now().naive_utc()).date_naive();
    let this_month = today.with_day(1).unwrap();
    let last_month = this_month.pred_opt().unwrap().with_day(1).unwrap();
    let last_year = NaiveDate::from_ymd_opt(today.year() - 1, 6, 1).unwrap();

    let empty = branch_in(&app, "甲支部", "城关区委").await;
    let busy = branch_in(&app, "乙支部", "城关区委").await;
    app.import_sample_roster(busy).await;
    held(&app, busy, MeetingKind::Committee, None, this_month).await;
    held(&app, busy, MeetingKind::Committee, None, last_month).await;
    held(&app, busy, MeetingKind::ThemeDay, None, last_month).await;
    held(&app, busy, MeetingKind::Group, Some("第一党小组"), this_month).await;
    held(&app, busy, MeetingKind::Group, Some("第二党小组"), last_month).await;
    held(&app, busy, MeetingKind::LifeMeeting, None, last_year).await;
    held(&app, busy, MeetingKind::General, None, last_month).await;
    let ruled = branch_in(&app, "丙支部", "城关区委").await;
    let mut conn = app.store.conn().await.unwrap();
    let mut lecture = MeetingKind::Lecture.default_rules();
    lecture.required = false;
    zhibu::store::meetings::set_rules(&mut conn, ruled, &lecture).await.unwrap();
    let mut theme = MeetingKind::ThemeDay.default_rules();
    theme.per_period = 2;
    zhibu::store::meetings::set_rules(&mut conn, ruled, &theme).await.unwrap();
    drop(conn);
    held(&app, ruled, MeetingKind::ThemeDay, None, this_month).await;

    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let web = Web::signed_in(&base, "wang").await;
    let html = web.get("/").await.text();
    for branch in [empty, busy, ruled] {
        let report = report_lines(&app, branch).await;
        assert!(report.len() >= 5, "{report:?}");
        assert_eq!(matrix_lines(&html, branch), report, "branch {branch}");
    }
    // The worst first: the branch that held nothing leads.
    let at = |id: i64| html.find(&format!("data-branch=\"{id}\"")).unwrap();
    assert!(at(empty) < at(busy), "the branch that held nothing comes before the busy one");
    app.stop().await;
}

#[tokio::test]
async fn the_record_book_downloads_as_xlsx_and_printable_html_without_reasons_and_each_export_is_audited() {
    let clock = start_clock();
    let (app, base) = app_with_dashboard_on(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    let out = super::dashboard::zhibu_with_input(
        &app.db,
        &["branch", "district", &branch.to_string(), "城关区委"],
        "",
    )
    .await;
    assert!(out.status.success());
    let id = create_meeting(&app, "/meeting 党员大会 11月21日上午9点 老干部活动中心 学习全会精神").await;
    set_clock(&app, &clock, (2026, 11, 21, 9, 30));
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", "/present 李秀英"));
    app.expect_text(SECRETARY, "已登记李秀英同志到会").await;
    set_clock(&app, &clock, (2026, 11, 21, 10, 0));
    close(&app, id).await;
    app.fake.push_message(app.fake.private_text(
        SECRETARY,
        "王建国",
        &format!("/correct {id} 原因 朱海涛 住院"),
    ));
    app.expect_text(SECRETARY, "已更正缺席原因").await;
    app.settle().await;

    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let web = Web::signed_in(&base, "wang").await;
    let page = web.get(&format!("/branch/{branch}")).await.text();
    assert!(page.contains("支部党员大会") && page.contains("records.xlsx"), "{page}");
    assert!(!page.contains("住院") && !page.contains("13800138"), "no reasons, no phone numbers: {page}");

    let html = web.get(&format!("/branch/{branch}/records.html")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.content_type.starts_with("text/html"));
    let text = html.text();
    assert!(text.contains("学习全会精神") && text.contains("李秀英") && text.contains("朱海涛"), "{text}");
    assert!(!text.contains("住院"), "the office's copy leaves reasons out: {text}");

    let xlsx = web.get(&format!("/branch/{branch}/records.xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.content_type.contains("spreadsheetml"));
    assert!(xlsx.bytes.starts_with(b"PK"), "an XLSX (zip) file");
    let exports = audit_actions(&app).await.into_iter().filter(|a| a == "office.export").count();
    assert_eq!(exports, 2);
    app.stop().await;
}
