//! Who answered what to a meeting (the current answer, and the history of every answer), who
//! was present and how, and who made up for a missed meeting (补学).

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttendanceRow {
    pub meeting_id: i64,
    pub member_id: i64,
    pub answer: Option<String>,
    pub reason: Option<String>,
    pub proxy_name: Option<String>,
    pub answered_at: Option<i64>,
    pub present_mode: Option<String>,
    pub present_at: Option<i64>,
    pub makeup_at: Option<i64>,
}

const COLUMNS: &str =
    "meeting_id, member_id, answer, reason, proxy_name, answered_at, present_mode, present_at, makeup_at";

pub async fn of_meeting(conn: &mut Conn, meeting_id: i64) -> StoreResult<Vec<AttendanceRow>> {
    let sql = format!("SELECT {COLUMNS} FROM attendance WHERE meeting_id = $1 ORDER BY member_id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting_id).fetch_all(conn).await?)
}

pub async fn get(conn: &mut Conn, meeting_id: i64, member_id: i64) -> StoreResult<Option<AttendanceRow>> {
    let sql = format!("SELECT {COLUMNS} FROM attendance WHERE meeting_id = $1 AND member_id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting_id).bind(member_id).fetch_optional(conn).await?)
}

/// One answer as given.
#[derive(Debug, Clone)]
pub struct NewAnswer<'a> {
    pub meeting_id: i64,
    pub member_id: i64,
    /// `attend` or `leave`.
    pub answer: &'a str,
    pub reason: Option<&'a str>,
    pub answered_by: i64,
    /// Who answered for the member (代答), when not the member.
    pub proxy_name: Option<&'a str>,
    /// `button` or `words`.
    pub source: &'a str,
}

/// Keeps the answer in the history and makes it the member's current one.
pub async fn record_answer(conn: &mut Conn, a: &NewAnswer<'_>, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO attendance_answers (meeting_id, member_id, answer, reason, answered_by, proxy_name, source, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(a.meeting_id)
    .bind(a.member_id)
    .bind(a.answer)
    .bind(a.reason)
    .bind(a.answered_by)
    .bind(a.proxy_name)
    .bind(a.source)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO attendance (meeting_id, member_id, answer, reason, proxy_name, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (meeting_id, member_id) DO UPDATE SET answer = excluded.answer,
             reason = excluded.reason, proxy_name = excluded.proxy_name, answered_at = excluded.answered_at",
    )
    .bind(a.meeting_id)
    .bind(a.member_id)
    .bind(a.answer)
    .bind(a.reason)
    .bind(a.proxy_name)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// An answer kept to be written with the rest of its batch (`record_answers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenAnswer {
    pub meeting_id: i64,
    pub member_id: i64,
    pub answer: String,
    pub reason: Option<String>,
    pub answered_by: i64,
    pub proxy_name: Option<String>,
    pub source: String,
}

impl From<&NewAnswer<'_>> for GivenAnswer {
    fn from(a: &NewAnswer<'_>) -> GivenAnswer {
        GivenAnswer {
            meeting_id: a.meeting_id,
            member_id: a.member_id,
            answer: a.answer.to_owned(),
            reason: a.reason.map(str::to_owned),
            answered_by: a.answered_by,
            proxy_name: a.proxy_name.map(str::to_owned),
            source: a.source.to_owned(),
        }
    }
}

/// `record_answer` for a batch's answers, in the order given: every one goes into the history,
/// and each member's last one becomes their current answer — a few statements for the batch.
pub async fn record_answers(conn: &mut Conn, answers: &[GivenAnswer], now: i64) -> StoreResult<()> {
    use super::sql_list::{ROWS_PER_STATEMENT, values};
    for chunk in answers.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO attendance_answers (meeting_id, member_id, answer, reason, answered_by, proxy_name, source, at)
             VALUES {}",
            values(chunk.len(), 8)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for a in chunk {
            query = query
                .bind(a.meeting_id)
                .bind(a.member_id)
                .bind(a.answer.clone())
                .bind(a.reason.clone())
                .bind(a.answered_by)
                .bind(a.proxy_name.clone())
                .bind(a.source.clone())
                .bind(now);
        }
        query.execute(&mut *conn).await?;
    }
    // One row per member in a statement: an upsert may not touch a row twice (PostgreSQL).
    let mut last: Vec<&GivenAnswer> = Vec::with_capacity(answers.len());
    for a in answers.iter().rev() {
        if !last.iter().any(|l| l.meeting_id == a.meeting_id && l.member_id == a.member_id) {
            last.push(a);
        }
    }
    for chunk in last.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO attendance (meeting_id, member_id, answer, reason, proxy_name, answered_at) VALUES {}
             ON CONFLICT (meeting_id, member_id) DO UPDATE SET answer = excluded.answer,
                 reason = excluded.reason, proxy_name = excluded.proxy_name, answered_at = excluded.answered_at",
            values(chunk.len(), 6)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for a in chunk {
            query = query
                .bind(a.meeting_id)
                .bind(a.member_id)
                .bind(a.answer.clone())
                .bind(a.reason.clone())
                .bind(a.proxy_name.clone())
                .bind(now);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// How many answers were ever given for the member (to tell double taps in tests and audits).
pub async fn history_count(conn: &mut Conn, meeting_id: i64, member_id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM attendance_answers WHERE meeting_id = $1 AND member_id = $2")
        .bind(meeting_id)
        .bind(member_id)
        .fetch_one(conn)
        .await?)
}

/// Marks the member present; false when they were already.
pub async fn mark_present(
    conn: &mut Conn,
    meeting_id: i64,
    member_id: i64,
    mode: &str,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO attendance (meeting_id, member_id, present_mode, present_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (meeting_id, member_id) DO UPDATE SET present_mode = excluded.present_mode,
             present_at = excluded.present_at
         WHERE attendance.present_mode IS NULL",
    )
    .bind(meeting_id)
    .bind(member_id)
    .bind(mode)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the make-up study (补学); false when it was recorded already.
pub async fn mark_makeup(conn: &mut Conn, meeting_id: i64, member_id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO attendance (meeting_id, member_id, makeup_at) VALUES ($1, $2, $3)
         ON CONFLICT (meeting_id, member_id) DO UPDATE SET makeup_at = excluded.makeup_at
         WHERE attendance.makeup_at IS NULL",
    )
    .bind(meeting_id)
    .bind(member_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records why a member was on leave or absent (the secretary's correction).
pub async fn set_reason(conn: &mut Conn, meeting_id: i64, member_id: i64, reason: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO attendance (meeting_id, member_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (meeting_id, member_id) DO UPDATE SET reason = excluded.reason",
    )
    .bind(meeting_id)
    .bind(member_id)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}
