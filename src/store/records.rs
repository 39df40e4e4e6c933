//! Closed meetings' records as they stood at close (who was expected and what became of each),
//! and the corrections the secretary made to them afterwards.

use super::{Conn, StoreResult};

/// One expected member in a frozen record.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RecordEntryRow {
    pub meeting_id: i64,
    pub member_id: i64,
    pub position: i64,
    pub name: String,
    pub probationary: i64,
    pub committee: i64,
    pub answer: Option<String>,
    pub reason: Option<String>,
    pub proxy_name: Option<String>,
    pub present_mode: Option<String>,
    pub absent_reason: Option<String>,
}

const COLUMNS: &str = "meeting_id, member_id, position, name, probationary, committee, answer, reason, \
    proxy_name, present_mode, absent_reason";

/// Writes a meeting's record entries (in the close transaction), replacing any earlier ones.
pub async fn freeze(conn: &mut Conn, meeting_id: i64, entries: &[RecordEntryRow]) -> StoreResult<()> {
    thaw(conn, meeting_id).await?;
    for e in entries {
        sqlx::query(
            "INSERT INTO record_entries (meeting_id, member_id, position, name, probationary, committee,
                                         answer, reason, proxy_name, present_mode, absent_reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(meeting_id)
        .bind(e.member_id)
        .bind(e.position)
        .bind(&e.name)
        .bind(e.probationary)
        .bind(e.committee)
        .bind(&e.answer)
        .bind(&e.reason)
        .bind(&e.proxy_name)
        .bind(&e.present_mode)
        .bind(&e.absent_reason)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Removes a meeting's frozen entries (when it is opened again).
pub async fn thaw(conn: &mut Conn, meeting_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM record_entries WHERE meeting_id = $1")
        .bind(meeting_id)
        .execute(&mut *conn)
        .await?;
    super::meetings::set_record_quorum(conn, meeting_id, None).await
}

/// The frozen entries of a meeting in roster order; empty when it was never frozen.
pub async fn entries(conn: &mut Conn, meeting_id: i64) -> StoreResult<Vec<RecordEntryRow>> {
    let sql = format!("SELECT {COLUMNS} FROM record_entries WHERE meeting_id = $1 ORDER BY position");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(meeting_id).fetch_all(conn).await?)
}

pub async fn set_present(conn: &mut Conn, meeting_id: i64, member_id: i64, mode: &str) -> StoreResult<()> {
    sqlx::query("UPDATE record_entries SET present_mode = $3 WHERE meeting_id = $1 AND member_id = $2")
        .bind(meeting_id)
        .bind(member_id)
        .bind(mode)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets the leave reason (`leave = true`) or the absence reason of a member.
pub async fn set_reason(
    conn: &mut Conn,
    meeting_id: i64,
    member_id: i64,
    leave: bool,
    reason: &str,
) -> StoreResult<()> {
    let column = if leave { "reason" } else { "absent_reason" };
    let sql = format!("UPDATE record_entries SET {column} = $3 WHERE meeting_id = $1 AND member_id = $2");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(meeting_id).bind(member_id).bind(reason).execute(conn).await?;
    Ok(())
}

/// Puts `placeholder` in place of an erased member's name in every record and correction.
pub async fn anonymise(conn: &mut Conn, member_id: i64, placeholder: &str) -> StoreResult<()> {
    sqlx::query("UPDATE record_entries SET name = $2, proxy_name = NULL WHERE member_id = $1")
        .bind(member_id)
        .bind(placeholder)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE record_corrections SET subject = $2 WHERE member_id = $1")
        .bind(member_id)
        .bind(placeholder)
        .execute(conn)
        .await?;
    Ok(())
}

pub use crate::domain::meeting::RecordCorrection;

type CorrectionColumns = (i64, String, Option<i64>, String, String, String, String, i64);

pub async fn add_correction(conn: &mut Conn, c: &RecordCorrection) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO record_corrections (meeting_id, actor_name, member_id, what, subject, before_text,
                                         after_text, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(c.meeting_id)
    .bind(&c.actor_name)
    .bind(c.member_id)
    .bind(&c.what)
    .bind(&c.subject)
    .bind(&c.before_text)
    .bind(&c.after_text)
    .bind(c.at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A meeting's corrections, oldest first.
pub async fn corrections(conn: &mut Conn, meeting_id: i64) -> StoreResult<Vec<RecordCorrection>> {
    let rows: Vec<CorrectionColumns> = sqlx::query_as(
        "SELECT meeting_id, actor_name, member_id, what, subject, before_text, after_text, at
         FROM record_corrections WHERE meeting_id = $1 ORDER BY id",
    )
    .bind(meeting_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(meeting_id, actor_name, member_id, what, subject, before_text, after_text, at)| {
            RecordCorrection { meeting_id, actor_name, member_id, what, subject, before_text, after_text, at }
        })
        .collect())
}
