//! Erasing one person: the rows that exist only because of them, the powers their Telegram
//! account held, and what they said (their stored updates, their answers' reasons, the messages
//! to them). Counts stay: attendance, study and acknowledgement rows keep their member id.

use serde_json::Value;

use super::retention::PRUNED;
use super::{Conn, StoreResult};

/// Deletes every role the Telegram account holds, in any branch; returns how many.
pub async fn revoke_every_role(conn: &mut Conn, user_id: i64) -> StoreResult<u64> {
    let done =
        sqlx::query("DELETE FROM roles WHERE telegram_user_id = $1").bind(user_id).execute(conn).await?;
    Ok(done.rows_affected())
}

/// Deletes the rows about the member that serve nothing once they are gone: their contact
/// persons, health note, pending binding codes, questions asked of them, their study
/// subscription, the messages they left for the secretary (and every copy sent), the 走访慰问
/// visits to them; and the reasons and proxies written on their answers and the views heard at
/// their make-up study (the answers and the make-ups stay).
pub async fn delete_member_rows(conn: &mut Conn, member_id: i64) -> StoreResult<()> {
    for sql in [
        "DELETE FROM contact_persons WHERE member_id = $1",
        "DELETE FROM health_notes WHERE member_id = $1",
        "DELETE FROM binding_codes WHERE member_id = $1 AND used_at IS NULL",
        "DELETE FROM questions WHERE member_id = $1",
        "DELETE FROM study_subscribers WHERE member_id = $1",
        "DELETE FROM member_notes WHERE member_id = $1",
        "DELETE FROM care_visits WHERE member_id = $1",
        "UPDATE makeups SET views = NULL WHERE member_id = $1",
        "UPDATE attendance SET reason = NULL, proxy_name = NULL WHERE member_id = $1",
        "UPDATE attendance_answers SET reason = NULL, proxy_name = NULL WHERE member_id = $1",
    ] {
        sqlx::query(sql).bind(member_id).execute(&mut *conn).await?;
    }
    super::notes::empty_messages_about(conn, member_id).await?;
    Ok(())
}

/// Deletes the lines the branch's administrators typed that still wait for a tap choosing the
/// member (`kinds`, e.g. a `/leave` reason kept while namesakes are offered): they may be about
/// the member being erased, and nothing tells whom. Returns how many.
pub async fn delete_waiting_lines(conn: &mut Conn, branch_id: i64, kinds: &[&str]) -> StoreResult<u64> {
    let mut deleted = 0;
    for kind in kinds {
        let done = sqlx::query(
            "DELETE FROM questions WHERE member_id = 0 AND kind = $2
               AND telegram_user_id IN (SELECT telegram_user_id FROM roles WHERE branch_id = $1)",
        )
        .bind(branch_id)
        .bind(*kind)
        .execute(&mut *conn)
        .await?;
        deleted += done.rows_affected();
    }
    Ok(deleted)
}

/// Deletes the rows kept about the Telegram account: being someone's contact person, a
/// half-finished dialogue or draft, open questions, having been seen in a group or greeted.
pub async fn delete_account_rows(conn: &mut Conn, user_id: i64) -> StoreResult<()> {
    for sql in [
        "DELETE FROM contact_persons WHERE telegram_user_id = $1",
        "DELETE FROM dialogues WHERE telegram_user_id = $1",
        "DELETE FROM drafts WHERE user_id = $1",
        "DELETE FROM questions WHERE telegram_user_id = $1",
        "DELETE FROM group_seen WHERE telegram_user_id = $1",
        "DELETE FROM greeted_users WHERE telegram_user_id = $1",
        "DELETE FROM admin_branch_choice WHERE telegram_user_id = $1",
    ] {
        sqlx::query(sql).bind(user_id).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Empties the body of every message to the account's private chat; those not yet sent are
/// withdrawn. Returns how many rows were emptied.
pub async fn empty_messages_to(conn: &mut Conn, user_id: i64, why: &str) -> StoreResult<u64> {
    sqlx::query(
        "UPDATE outbox SET state = 'skipped_stale', error = $2 WHERE chat_id = $1 AND state = 'pending'",
    )
    .bind(user_id)
    .bind(why)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query("UPDATE outbox SET body = $2 WHERE chat_id = $1 AND body <> $2")
        .bind(user_id)
        .bind(PRUNED)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Whether a member other than `member_id`, not forgotten, has `word` in their name or phone:
/// then the word does not point at the forgotten member alone and must stay where it is.
pub async fn others_hold(conn: &mut Conn, member_id: i64, word: &str) -> StoreResult<bool> {
    let pattern = format!("%{}%", super::scrub::escape_like(word));
    let others: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM members WHERE id <> $1 AND forgotten_at IS NULL
           AND (name LIKE $2 ESCAPE '\\' OR phone LIKE $2 ESCAPE '\\')",
    )
    .bind(member_id)
    .bind(pattern)
    .fetch_one(conn)
    .await?;
    Ok(others > 0)
}

/// Empties the payload of every stored update the account took part in (sent it, pressed the
/// button, shared its contact card, or is quoted in it). Returns how many were emptied.
pub async fn empty_updates_of(conn: &mut Conn, user_id: i64) -> StoreResult<u64> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, payload FROM inbox WHERE payload LIKE $1 AND payload <> $2")
            .bind(format!("%{user_id}%"))
            .bind(PRUNED)
            .fetch_all(&mut *conn)
            .await?;
    let mut emptied = 0;
    for (id, payload) in rows {
        let involved =
            serde_json::from_str::<Value>(&payload).map(|v| names_account(&v, user_id)).unwrap_or(true);
        if involved {
            sqlx::query("UPDATE inbox SET payload = $2 WHERE id = $1")
                .bind(id)
                .bind(PRUNED)
                .execute(&mut *conn)
                .await?;
            emptied += 1;
        }
    }
    Ok(emptied)
}

/// Whether a Telegram update names the account: as a user (`from`, `user`, a private `chat`…)
/// or as a shared contact card's `user_id`.
fn names_account(value: &Value, user_id: i64) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, v)| {
            let id_here = match key.as_str() {
                "user_id" => v.as_i64() == Some(user_id),
                "from" | "user" | "chat" | "sender_chat" | "new_chat_member" | "old_chat_member" => {
                    v.get("id").and_then(Value::as_i64) == Some(user_id)
                }
                _ => false,
            };
            id_here || names_account(v, user_id)
        }),
        Value::Array(items) => items.iter().any(|v| names_account(v, user_id)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::names_account;

    #[test]
    fn an_update_names_the_account_as_sender_presser_contact_or_quoted_author() {
        let sent = json!({"update_id": 1, "message": {"from": {"id": 7}, "chat": {"id": 7}, "text": "请假"}});
        let tap = json!({"update_id": 2, "callback_query": {"from": {"id": 7}, "data": "x"}});
        let card = json!({"message": {"from": {"id": 9}, "contact": {"phone_number": "1", "user_id": 7}}});
        let quoted = json!({"message": {"from": {"id": 9}, "reply_to_message": {"from": {"id": 7}}}});
        let other = json!({"message": {"from": {"id": 9}, "chat": {"id": -7}, "text": "7"}});
        for update in [&sent, &tap, &card, &quoted] {
            assert!(names_account(update, 7), "{update}");
        }
        assert!(!names_account(&other, 7));
    }
}
