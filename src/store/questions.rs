//! Questions the bot asked one person in one chat (a leave's reason; which meeting a leave was
//! for), one per (chat, person), the newest replacing the older.

use super::{Conn, StoreResult};

/// A question waiting for its answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QuestionRow {
    pub kind: String,
    pub meeting_id: i64,
    pub member_id: i64,
    pub reason: Option<String>,
    pub asked_at: i64,
}

pub async fn put(conn: &mut Conn, chat_id: i64, user_id: i64, question: &QuestionRow) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO questions (chat_id, telegram_user_id, kind, meeting_id, member_id, reason, asked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (chat_id, telegram_user_id) DO UPDATE SET kind = excluded.kind,
             meeting_id = excluded.meeting_id, member_id = excluded.member_id, reason = excluded.reason,
             asked_at = excluded.asked_at",
    )
    .bind(chat_id)
    .bind(user_id)
    .bind(&question.kind)
    .bind(question.meeting_id)
    .bind(question.member_id)
    .bind(question.reason.as_deref())
    .bind(question.asked_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The question waiting for the person in the chat, asked at or after `since`.
pub async fn get(
    conn: &mut Conn,
    chat_id: i64,
    user_id: i64,
    since: i64,
) -> StoreResult<Option<QuestionRow>> {
    Ok(sqlx::query_as(
        "SELECT kind, meeting_id, member_id, reason, asked_at FROM questions
         WHERE chat_id = $1 AND telegram_user_id = $2 AND asked_at >= $3",
    )
    .bind(chat_id)
    .bind(user_id)
    .bind(since)
    .fetch_optional(conn)
    .await?)
}

/// The questions waiting for any of these people, asked at or after `since`, with the chat and
/// person each waits in.
pub async fn waiting_for(conn: &mut Conn, users: &[i64], since: i64) -> StoreResult<Vec<WaitingQuestion>> {
    let list = super::sql_list::ids_of(conn, "$1");
    let sql = format!(
        "SELECT chat_id, telegram_user_id, kind, meeting_id, member_id, reason, asked_at FROM questions
         WHERE telegram_user_id IN ({list}) AND asked_at >= $2"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(super::sql_list::json_ids(users)?)
        .bind(since)
        .fetch_all(conn)
        .await?)
}

/// A question with the chat and person it waits for.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct WaitingQuestion {
    pub chat_id: i64,
    pub telegram_user_id: i64,
    #[sqlx(flatten)]
    pub question: QuestionRow,
}

pub async fn delete(conn: &mut Conn, chat_id: i64, user_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM questions WHERE chat_id = $1 AND telegram_user_id = $2")
        .bind(chat_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}
