//! The office dashboard's reads across many branches at once: a handful of grouped queries per
//! page, never one query per branch. Counts only: no health notes, reasons or phone numbers.

use sqlx::Row;

use super::meetings::{RuleRow, parse_rule};
use super::{Conn, StoreResult};
use crate::domain::meeting::KindRules;

/// Which branches a page covers: one district's, or (`None`) every branch.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub district: Option<&'a str>,
}

impl Scope<'_> {
    /// `AND …` restricting the branch alias `b`; the district is always bound as `$1`.
    fn filter(&self) -> &'static str {
        if self.district.is_some() { " AND b.district = $1" } else { " AND $1 = $1" }
    }

    fn bound(&self) -> &str {
        self.district.unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BranchHead {
    pub id: i64,
    pub name: String,
    pub timezone: String,
    pub district: Option<String>,
}

pub async fn branches(conn: &mut Conn, scope: Scope<'_>) -> StoreResult<Vec<BranchHead>> {
    let sql = format!(
        "SELECT b.id, b.name, b.timezone, b.district FROM branches b WHERE 1 = 1{} ORDER BY b.id",
        scope.filter()
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(scope.bound()).fetch_all(conn).await?)
}

/// The stored meeting-kind rules of every branch in scope, as (branch, rules).
pub async fn rules(conn: &mut Conn, scope: Scope<'_>) -> StoreResult<Vec<(i64, KindRules)>> {
    let sql = format!(
        "SELECT mk.branch_id, mk.kind, mk.period, mk.per_period, mk.quorum, mk.attendees, mk.required
         FROM meeting_kinds mk JOIN branches b ON b.id = mk.branch_id WHERE 1 = 1{}",
        scope.filter()
    );
    let rows: Vec<(i64, String, String, i64, String, String, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(scope.bound()).fetch_all(conn).await?;
    rows.into_iter()
        .map(|(branch, kind, period, per, quorum, attendees, required)| {
            let row: RuleRow = (kind, period, per, quorum, attendees, required);
            Ok((branch, parse_rule(row)?))
        })
        .collect()
}

/// The party groups of active members, as (branch, group).
pub async fn party_groups(conn: &mut Conn, scope: Scope<'_>) -> StoreResult<Vec<(i64, String)>> {
    let sql = format!(
        "SELECT DISTINCT m.branch_id, m.party_group FROM members m JOIN branches b ON b.id = m.branch_id
         WHERE m.party_group IS NOT NULL AND m.forgotten_at IS NULL{}",
        scope.filter()
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(scope.bound()).fetch_all(conn).await?)
}

/// Closed meetings counted per window: one row per (branch, kind, party group) with one count
/// per `[from, to)` window, for the branches in scope that keep time zone `timezone`.
#[derive(Debug, Clone)]
pub struct HeldCounts {
    pub branch_id: i64,
    pub kind: String,
    pub party_group: Option<String>,
    pub counts: Vec<i64>,
}

/// The meetings worth reading for one kind: those starting in `[from, to)` (the span of every
/// window its obligations judge), so a monthly kind reads two months, not two years.
#[derive(Debug, Clone)]
pub struct KindSpan {
    pub kind: String,
    pub from: i64,
    pub to: i64,
}

/// Counts, in one grouped query, the closed meetings of each kind within its span, per window,
/// for every branch: each span is one range of the `meetings_closed_kind` index, read from the
/// index alone. No join narrows it to a district or time zone (the caller looks up only its own
/// branches): joined, PostgreSQL may run the spans once per branch of a district (24 s).
pub async fn held_in_windows(
    conn: &mut Conn,
    spans: &[KindSpan],
    windows: &[(i64, i64)],
) -> StoreResult<Vec<HeldCounts>> {
    if windows.is_empty() || spans.is_empty() {
        return Ok(Vec::new());
    }
    let sums: Vec<String> = (0..windows.len())
        .map(|i| {
            let (a, b) = (1 + 2 * i, 2 + 2 * i);
            format!(
                "CAST(SUM(CASE WHEN m.starts_at >= ${a} AND m.starts_at < ${b} THEN 1 ELSE 0 END) AS BIGINT)"
            )
        })
        .collect();
    let first = 1 + 2 * windows.len();
    let reads: Vec<String> = (0..spans.len())
        .map(|i| {
            let (k, a, b) = (first + 3 * i, first + 3 * i + 1, first + 3 * i + 2);
            format!(
                "SELECT branch_id, kind, party_group, starts_at FROM meetings
                 WHERE state = 'closed' AND kind = ${k} AND starts_at >= ${a} AND starts_at < ${b}"
            )
        })
        .collect();
    let sql = format!(
        "SELECT m.branch_id, m.kind, m.party_group, {} FROM ({}) m GROUP BY m.branch_id, m.kind, m.party_group",
        sums.join(", "),
        reads.join(" UNION ALL "),
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (a, b) in windows {
        query = query.bind(*a).bind(*b);
    }
    for span in spans {
        query = query.bind(span.kind.as_str()).bind(span.from).bind(span.to);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|row| {
            let counts = (0..windows.len())
                .map(|i| row.try_get::<Option<i64>, _>(3 + i).map(Option::unwrap_or_default))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(HeldCounts {
                branch_id: row.try_get(0)?,
                kind: row.try_get(1)?,
                party_group: row.try_get(2)?,
                counts,
            })
        })
        .collect()
}
