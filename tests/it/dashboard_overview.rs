//! The overview's figures from rows a branch's life leaves: attendance of a closed record, a
//! study round, a briefing's deliveries and 收到, members Telegram cannot reach, a committee term
//! ending within six months, and a branch with nothing for 30 days.

use reqwest::StatusCode;

use super::dashboard::{Web, add_office_user, app_with_dashboard, branch_in};
use super::support::app::TestApp;

/// 2026-11-10 09:00 in Shanghai: this month, for the dashboard's clock (2026-11-21).
const THIS_MONTH: i64 = 1_794_272_400_000;

async fn exec(app: &TestApp, sql: &str, binds: &[i64]) {
    let mut conn = app.store.conn().await.unwrap();
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
    for b in binds {
        query = query.bind(*b);
    }
    query.execute(&mut *conn).await.unwrap();
}

async fn scalar(app: &TestApp, sql: &str, binds: &[i64]) -> i64 {
    let mut conn = app.store.conn().await.unwrap();
    let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()));
    for b in binds {
        query = query.bind(*b);
    }
    query.fetch_one(&mut *conn).await.unwrap()
}

/// The HTML of the table (or list) with `id`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in {html}"));
    let end = start + html[start..].find("</table>").or_else(|| html[start..].find("</ul>")).unwrap();
    &html[start..end]
}

#[tokio::test]
async fn the_overview_counts_attendance_study_briefings_reach_terms_and_quiet_branches() {
    let (app, _, base) = app_with_dashboard().await;
    let busy = branch_in(&app, "甲支部", "城关区委").await;
    let quiet = branch_in(&app, "乙支部", "城关区委").await;
    app.import_sample_roster(busy).await;
    let members = scalar(&app, "SELECT COUNT(*) FROM members WHERE branch_id = $1", &[busy]).await;
    let first = scalar(&app, "SELECT MIN(id) FROM members WHERE branch_id = $1", &[busy]).await;

    // A closed meeting this month: three expected, two present.
    exec(
        &app,
        "INSERT INTO meetings (branch_id, kind, starts_at, place, topic, state, created_by, created_at, closed_at)
         VALUES ($1, 'general', $2, '活动室', '学习', 'closed', 0, $2, $2)",
        &[busy, THIS_MONTH],
    )
    .await;
    let meeting = scalar(&app, "SELECT MAX(id) FROM meetings", &[]).await;
    for (n, present) in [(0, true), (1, true), (2, false)] {
        let sql = format!(
            "INSERT INTO record_entries (meeting_id, member_id, position, name, probationary, committee, present_mode, absent_reason)
             VALUES ($1, $2, $3, '某', 0, 0, {}, {})",
            if present { "'onsite'" } else { "NULL" },
            if present { "NULL" } else { "'住院'" }
        );
        exec(&app, &sql, &[meeting, first + n, n]).await;
    }
    // A study round this month, studied by one member.
    exec(
        &app,
        "INSERT INTO study_rounds (branch_id, schedule_id, material, occurrence_at, created_at) VALUES ($1, 0, '材料', $2, $2)",
        &[busy, THIS_MONTH],
    )
    .await;
    let round = scalar(&app, "SELECT MAX(id) FROM study_rounds", &[]).await;
    exec(
        &app,
        "INSERT INTO study_records (round_id, member_id, studied_at, studied_on, late) VALUES ($1, $2, $3, '2026-11-10', 0)",
        &[round, first, THIS_MONTH],
    )
    .await;
    // Two members bound, one of them refused by Telegram.
    exec(&app, "UPDATE members SET telegram_user_id = id + 900000 WHERE id IN ($1, $2)", &[first, first + 1])
        .await;
    exec(
        &app,
        "INSERT INTO chats (chat_id, unreachable_at, unreachable_why) VALUES ($1, $2, 'blocked')",
        &[first + 900000, THIS_MONTH],
    )
    .await;
    // A briefing: delivered twice, failed once, acknowledged once.
    exec(
        &app,
        "INSERT INTO briefings (branch_id, body, urgent, remind_after_hours, created_at, sent_at) VALUES ($1, '通报', 0, 24, $2, $2)",
        &[busy, THIS_MONTH],
    )
    .await;
    let briefing = scalar(&app, "SELECT MAX(id) FROM briefings", &[]).await;
    for (chat, state) in [(1, "sent"), (2, "sent"), (3, "failed")] {
        let sql = format!(
            "INSERT INTO outbox (chat_id, body, state, not_before, created_at, topic) VALUES ($1, '{{}}', '{state}', $2, $2, 'briefing:{briefing}')"
        );
        exec(&app, &sql, &[chat, THIS_MONTH]).await;
    }
    exec(
        &app,
        "INSERT INTO briefing_acks (briefing_id, member_id, at) VALUES ($1, $2, $3)",
        &[briefing, first, THIS_MONTH],
    )
    .await;
    // The committee's term began 2024-03-01: it ends 2027-03-01, within six months.
    exec(&app, "DELETE FROM branch_settings WHERE branch_id = $1", &[busy]).await;
    exec(
        &app,
        "INSERT INTO branch_settings (branch_id, term_start, term_years) VALUES ($1, '2024-03-01', 3)",
        &[busy],
    )
    .await;

    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let web = Web::signed_in(&base, "wang").await;
    let page = web.get("/overview").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    let november = section(&html, "attendance");
    assert!(november.contains("2026年11月") && november.contains("2/3（66%）"), "{november}");
    let study = section(&html, "study");
    assert!(study.contains("<td>2026年11月</td><td>1</td><td>1</td>"), "{study}");
    let reach = section(&html, "reach");
    assert!(reach.contains(&format!("2/{members}")) && reach.contains("<td>1</td>"), "{reach}");
    let unreachable = section(&html, "unreachable");
    assert!(
        unreachable.contains("甲支部") && unreachable.contains(&format!("<td>{}</td>", members - 1)),
        "{unreachable}"
    );
    let briefings = section(&html, "briefings");
    assert!(briefings.contains("2/3（66%）") && briefings.contains(&format!("1/{members}")), "{briefings}");
    let terms = section(&html, "terms");
    assert!(terms.contains("甲支部") && terms.contains("2027年3月1日"), "{terms}");
    let inactive = section(&html, "inactive");
    assert!(inactive.contains("乙支部") && !inactive.contains("甲支部"), "{inactive}");
    assert!(!html.contains("住院") && !html.contains("13800138"), "counts only");
    let _ = quiet;
    app.stop().await;
}
