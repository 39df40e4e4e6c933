//! The office dashboard's overview and branch-page figures: grouped counts over the branches in
//! scope (attendance and study by month, briefings, reach, activity, committee terms).

use super::dashboard::Scope;
use super::{Conn, StoreResult};

/// `(SELECT 0 AS k, $a AS lo, $b AS hi UNION ALL …)` for windows bound from `$first`.
fn windows_table(n: usize, first: usize) -> String {
    (0..n)
        .map(|i| {
            let (a, b) = (first + 2 * i, first + 1 + 2 * i);
            format!("SELECT {i} AS k, CAST(${a} AS BIGINT) AS lo, CAST(${b} AS BIGINT) AS hi")
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

async fn per_window(
    conn: &mut Conn,
    scope: Scope<'_>,
    windows: &[(i64, i64)],
    select: &str,
    from_where: &str,
) -> StoreResult<Vec<(i64, i64, i64)>> {
    let filter = if scope.district.is_some() { " AND b.district = $1" } else { " AND $1 = $1" };
    let sql = format!(
        "SELECT w.k, {select} FROM ({}) w JOIN {from_where}{filter} GROUP BY w.k ORDER BY w.k",
        windows_table(windows.len(), 2)
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(scope.district.unwrap_or(""));
    for (a, b) in windows {
        query = query.bind(*a).bind(*b);
    }
    Ok(query.fetch_all(conn).await?)
}

/// Per window: (window, members expected, members present) at closed meetings, from the records
/// frozen at close.
pub async fn attendance(
    conn: &mut Conn,
    scope: Scope<'_>,
    windows: &[(i64, i64)],
) -> StoreResult<Vec<(i64, i64, i64)>> {
    per_window(
        conn,
        scope,
        windows,
        "COUNT(*), CAST(SUM(CASE WHEN e.present_mode IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT)",
        "meetings m ON m.state = 'closed' AND m.starts_at >= w.lo AND m.starts_at < w.hi
         JOIN branches b ON b.id = m.branch_id JOIN record_entries e ON e.meeting_id = m.id WHERE 1 = 1",
    )
    .await
}

/// Per window: (window, study rounds, members who studied them).
pub async fn study(
    conn: &mut Conn,
    scope: Scope<'_>,
    windows: &[(i64, i64)],
) -> StoreResult<Vec<(i64, i64, i64)>> {
    per_window(
        conn,
        scope,
        windows,
        "COUNT(DISTINCT r.id), COUNT(s.member_id)",
        "study_rounds r ON r.occurrence_at >= w.lo AND r.occurrence_at < w.hi
         JOIN branches b ON b.id = r.branch_id LEFT JOIN study_records s ON s.round_id = r.id WHERE 1 = 1",
    )
    .await
}

fn filter(scope: Scope<'_>) -> &'static str {
    if scope.district.is_some() { " AND b.district = $1" } else { " AND $1 = $1" }
}

/// Members in scope: (active, bound to Telegram, bound but refused by Telegram).
pub async fn reach(conn: &mut Conn, scope: Scope<'_>) -> StoreResult<(i64, i64, i64)> {
    let sql = format!(
        "SELECT COUNT(*),
                CAST(SUM(CASE WHEN m.telegram_user_id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT),
                CAST(SUM(CASE WHEN c.unreachable_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT)
         FROM members m JOIN branches b ON b.id = m.branch_id
         LEFT JOIN chats c ON c.chat_id = m.telegram_user_id
         WHERE m.forgotten_at IS NULL{}",
        filter(scope)
    );
    let (all, bound, refused): (i64, Option<i64>, Option<i64>) =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(scope.district.unwrap_or("")).fetch_one(conn).await?;
    Ok((all, bound.unwrap_or_default(), refused.unwrap_or_default()))
}

/// Branches with members Telegram cannot reach (unbound or refused): (branch, name, count),
/// most first.
pub async fn unreachable_by_branch(
    conn: &mut Conn,
    scope: Scope<'_>,
    limit: i64,
) -> StoreResult<Vec<(i64, String, i64)>> {
    let sql = format!(
        "SELECT b.id, b.name, COUNT(*) AS n FROM members m JOIN branches b ON b.id = m.branch_id
         LEFT JOIN chats c ON c.chat_id = m.telegram_user_id
         WHERE m.forgotten_at IS NULL AND (m.telegram_user_id IS NULL OR c.unreachable_at IS NOT NULL){}
         GROUP BY b.id, b.name ORDER BY n DESC, b.id LIMIT {limit}",
        filter(scope)
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(scope.district.unwrap_or("")).fetch_all(conn).await?)
}

/// Branches with no closed meeting, study round or sent briefing since `since`: (id, name).
pub async fn inactive_since(
    conn: &mut Conn,
    scope: Scope<'_>,
    since: i64,
) -> StoreResult<Vec<(i64, String)>> {
    let sql = format!(
        "SELECT b.id, b.name FROM branches b WHERE 1 = 1{}
           AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.branch_id = b.id AND m.state = 'closed' AND m.starts_at >= $2)
           AND NOT EXISTS (SELECT 1 FROM study_rounds r WHERE r.branch_id = b.id AND r.occurrence_at >= $2)
           AND NOT EXISTS (SELECT 1 FROM briefings s WHERE s.branch_id = b.id AND s.sent_at >= $2)
         ORDER BY b.id",
        filter(scope)
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(scope.district.unwrap_or(""))
        .bind(since)
        .fetch_all(conn)
        .await?)
}

/// Committee terms: (branch, name, term start as written, term years).
pub async fn terms(
    conn: &mut Conn,
    scope: Scope<'_>,
) -> StoreResult<Vec<(i64, String, String, Option<i64>)>> {
    let sql = format!(
        "SELECT b.id, b.name, s.term_start, s.term_years FROM branch_settings s JOIN branches b ON b.id = s.branch_id
         WHERE s.term_start IS NOT NULL{} ORDER BY b.id",
        filter(scope)
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(scope.district.unwrap_or("")).fetch_all(conn).await?)
}

/// Briefings sent since `since`: (briefings, deliveries sent, deliveries in all, acknowledgements,
/// active members of their branches summed per briefing).
pub async fn briefings_since(
    conn: &mut Conn,
    scope: Scope<'_>,
    since: i64,
) -> StoreResult<(i64, i64, i64, i64, i64)> {
    let sql = format!(
        "SELECT COUNT(*),
            CAST(SUM((SELECT COUNT(*) FROM outbox o WHERE o.topic = 'briefing:' || CAST(s.id AS TEXT) AND o.state = 'sent')) AS BIGINT),
            CAST(SUM((SELECT COUNT(*) FROM outbox o WHERE o.topic = 'briefing:' || CAST(s.id AS TEXT))) AS BIGINT),
            CAST(SUM((SELECT COUNT(*) FROM briefing_acks a WHERE a.briefing_id = s.id)) AS BIGINT),
            CAST(SUM((SELECT COUNT(*) FROM members m WHERE m.branch_id = s.branch_id AND m.forgotten_at IS NULL)) AS BIGINT)
         FROM briefings s JOIN branches b ON b.id = s.branch_id WHERE s.sent_at >= $2{}",
        filter(scope)
    );
    let row: (i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>) =
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(scope.district.unwrap_or(""))
            .bind(since)
            .fetch_one(conn)
            .await?;
    Ok((row.0, row.1.unwrap_or(0), row.2.unwrap_or(0), row.3.unwrap_or(0), row.4.unwrap_or(0)))
}

/// A branch's meetings, latest first: (id, kind, starts_at, state, expected, present) with the
/// counts of the record frozen at close (0, 0 while open).
pub async fn branch_meetings(
    conn: &mut Conn,
    branch_id: i64,
    limit: i64,
) -> StoreResult<Vec<(i64, String, i64, String, i64, i64)>> {
    let sql = format!(
        "SELECT m.id, m.kind, m.starts_at, m.state,
            (SELECT COUNT(*) FROM record_entries e WHERE e.meeting_id = m.id),
            (SELECT COUNT(*) FROM record_entries e WHERE e.meeting_id = m.id AND e.present_mode IS NOT NULL)
         FROM meetings m WHERE m.branch_id = $1 ORDER BY m.starts_at DESC, m.id DESC LIMIT {limit}"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).fetch_all(conn).await?)
}

/// A branch's study rounds, latest first: (occurrence, members who studied).
pub async fn branch_study(conn: &mut Conn, branch_id: i64, limit: i64) -> StoreResult<Vec<(i64, i64)>> {
    let sql = format!(
        "SELECT r.occurrence_at, (SELECT COUNT(*) FROM study_records s WHERE s.round_id = r.id)
         FROM study_rounds r WHERE r.branch_id = $1 ORDER BY r.occurrence_at DESC, r.id DESC LIMIT {limit}"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).fetch_all(conn).await?)
}

/// A branch's sent briefings, latest first: (sent at, deliveries sent, deliveries, acknowledgements).
pub async fn branch_briefings(
    conn: &mut Conn,
    branch_id: i64,
    limit: i64,
) -> StoreResult<Vec<(i64, i64, i64, i64)>> {
    let sql = format!(
        "SELECT s.sent_at,
            (SELECT COUNT(*) FROM outbox o WHERE o.topic = 'briefing:' || CAST(s.id AS TEXT) AND o.state = 'sent'),
            (SELECT COUNT(*) FROM outbox o WHERE o.topic = 'briefing:' || CAST(s.id AS TEXT)),
            (SELECT COUNT(*) FROM briefing_acks a WHERE a.briefing_id = s.id)
         FROM briefings s WHERE s.branch_id = $1 AND s.sent_at IS NOT NULL ORDER BY s.sent_at DESC LIMIT {limit}"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).fetch_all(conn).await?)
}
