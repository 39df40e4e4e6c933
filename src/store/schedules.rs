//! Schedules, a secretary's unconfirmed drafts, and per-branch settings (quiet hours, holidays,
//! the committee's term).

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScheduleRow {
    pub id: i64,
    pub branch_id: i64,
    pub kind: String,
    pub cron: String,
    pub summary: String,
    pub timezone: String,
    pub target: String,
    pub payload: String,
    pub urgent: i64,
    pub active: i64,
    pub last_occurrence: Option<i64>,
    pub created_at: i64,
}

/// A schedule to save; its time zone is the branch's.
#[derive(Debug, Clone)]
pub struct NewSchedule<'a> {
    pub branch_id: i64,
    pub kind: &'a str,
    pub cron: &'a str,
    pub summary: &'a str,
    pub timezone: &'a str,
    pub payload: &'a str,
    pub urgent: bool,
    pub created_by: Option<i64>,
}

const COLUMNS: &str = "id, branch_id, kind, cron, summary, timezone, target, payload, urgent, active, last_occurrence, created_at";

pub async fn insert(conn: &mut Conn, s: &NewSchedule<'_>, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO schedules (branch_id, kind, cron, summary, timezone, target, payload, urgent, active,
                                created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, 'branch', $6, $7, 1, $8, $9) RETURNING id",
    )
    .bind(s.branch_id)
    .bind(s.kind)
    .bind(s.cron)
    .bind(s.summary)
    .bind(s.timezone)
    .bind(s.payload)
    .bind(i64::from(s.urgent))
    .bind(s.created_by)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<ScheduleRow>> {
    let sql = format!("SELECT {COLUMNS} FROM schedules WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?)
}

/// The branch's active schedules, oldest first.
pub async fn active(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<ScheduleRow>> {
    let sql = format!("SELECT {COLUMNS} FROM schedules WHERE branch_id = $1 AND active = 1 ORDER BY id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).fetch_all(conn).await?)
}

/// Stops a schedule of the branch; false when it was not active there.
pub async fn stop(conn: &mut Conn, id: i64, branch_id: i64) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE schedules SET active = 0 WHERE id = $1 AND branch_id = $2 AND active = 1")
        .bind(id)
        .bind(branch_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Active schedules whose materialised occurrence is due (or that have none yet).
pub async fn to_materialise(conn: &mut Conn, now: i64) -> StoreResult<Vec<ScheduleRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM schedules WHERE active = 1 AND (last_occurrence IS NULL OR last_occurrence <= $1)
         ORDER BY id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now).fetch_all(conn).await?)
}

/// Moves `last_occurrence` from what was read to `to`; false if another instance moved it first.
pub async fn advance(conn: &mut Conn, id: i64, from: Option<i64>, to: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE schedules SET last_occurrence = $3
         WHERE id = $1 AND (last_occurrence = $2 OR (last_occurrence IS NULL AND $2 IS NULL))",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether a scheduled job with this key exists (read before taking the write lock).
pub async fn job_exists(conn: &mut Conn, dedupe_key: &str) -> StoreResult<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM scheduled_jobs WHERE dedupe_key = $1")
        .bind(dedupe_key)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DraftRow {
    pub id: i64,
    pub branch_id: i64,
    pub user_id: i64,
    pub kind: String,
    pub cron: Option<String>,
    pub summary: Option<String>,
    pub body: String,
    pub state: String,
    pub preview_outbox_id: Option<i64>,
    /// Marked 紧急: goes even in quiet hours and on days off.
    pub urgent: i64,
}

const DRAFT_COLUMNS: &str =
    "id, branch_id, user_id, kind, cron, summary, body, state, preview_outbox_id, urgent";

pub async fn insert_draft(conn: &mut Conn, draft: &DraftRow, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO drafts (branch_id, user_id, kind, cron, summary, body, state, urgent, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(draft.branch_id)
    .bind(draft.user_id)
    .bind(&draft.kind)
    .bind(&draft.cron)
    .bind(&draft.summary)
    .bind(&draft.body)
    .bind(&draft.state)
    .bind(draft.urgent)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn draft(conn: &mut Conn, id: i64) -> StoreResult<Option<DraftRow>> {
    let sql = format!("SELECT {DRAFT_COLUMNS} FROM drafts WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?)
}

/// The user's latest draft in `state`.
pub async fn draft_in_state(conn: &mut Conn, user_id: i64, state: &str) -> StoreResult<Option<DraftRow>> {
    let sql = format!(
        "SELECT {DRAFT_COLUMNS} FROM drafts WHERE user_id = $1 AND state = $2 ORDER BY id DESC LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user_id).bind(state).fetch_optional(conn).await?)
}

/// Remembers the preview's outbox row, to edit it when the draft is settled.
pub async fn set_preview(conn: &mut Conn, id: i64, outbox_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE drafts SET preview_outbox_id = $2 WHERE id = $1")
        .bind(id)
        .bind(outbox_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Moves a draft from `from` to `to`; false if it was no longer in `from` (a second tap).
pub async fn move_draft(conn: &mut Conn, id: i64, from: &str, to: &str) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE drafts SET state = $3 WHERE id = $1 AND state = $2")
        .bind(id)
        .bind(from)
        .bind(to)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct BranchSettings {
    pub quiet_hours: Option<String>,
    pub holidays: Option<String>,
    pub term_start: Option<String>,
    pub term_years: Option<i64>,
}

pub async fn settings(conn: &mut Conn, branch_id: i64) -> StoreResult<BranchSettings> {
    let row = sqlx::query_as(
        "SELECT quiet_hours, holidays, term_start, term_years FROM branch_settings WHERE branch_id = $1",
    )
    .bind(branch_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.unwrap_or_default())
}

pub async fn save_settings(conn: &mut Conn, branch_id: i64, s: &BranchSettings) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO branch_settings (branch_id, quiet_hours, holidays, term_start, term_years)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (branch_id) DO UPDATE SET quiet_hours = $2, holidays = $3, term_start = $4, term_years = $5",
    )
    .bind(branch_id)
    .bind(&s.quiet_hours)
    .bind(&s.holidays)
    .bind(&s.term_start)
    .bind(s.term_years)
    .execute(conn)
    .await?;
    Ok(())
}

/// The public holidays the branch keeps as ordinary days (`kept_days`), as stored.
pub async fn kept_days(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<String>> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT kept_days FROM branch_settings WHERE branch_id = $1")
            .bind(branch_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.flatten())
}

pub async fn save_kept_days(conn: &mut Conn, branch_id: i64, spec: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO branch_settings (branch_id, kept_days) VALUES ($1, $2)
         ON CONFLICT (branch_id) DO UPDATE SET kept_days = $2",
    )
    .bind(branch_id)
    .bind(spec)
    .execute(conn)
    .await?;
    Ok(())
}

/// How the branch confirms answers given in its group, as stored (`domain::answer_confirmation`).
pub async fn answer_confirmation(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<String>> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT answer_confirmation FROM branch_settings WHERE branch_id = $1")
            .bind(branch_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.flatten())
}

pub async fn save_answer_confirmation(conn: &mut Conn, branch_id: i64, code: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO branch_settings (branch_id, answer_confirmation) VALUES ($1, $2)
         ON CONFLICT (branch_id) DO UPDATE SET answer_confirmation = $2",
    )
    .bind(branch_id)
    .bind(code)
    .execute(conn)
    .await?;
    Ok(())
}

/// The branch's 主题党日 rule (`theme_day`), as stored.
pub async fn theme_day(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<String>> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT theme_day FROM branch_settings WHERE branch_id = $1")
            .bind(branch_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.flatten())
}

pub async fn save_theme_day(conn: &mut Conn, branch_id: i64, spec: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO branch_settings (branch_id, theme_day) VALUES ($1, $2)
         ON CONFLICT (branch_id) DO UPDATE SET theme_day = $2",
    )
    .bind(branch_id)
    .bind(spec)
    .execute(conn)
    .await?;
    Ok(())
}
