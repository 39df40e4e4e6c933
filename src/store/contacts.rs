//! Contact persons (联系人): people bound to answer and study on behalf of a frail member.

use super::{Conn, StoreResult};

pub async fn bind(
    conn: &mut Conn,
    member_id: i64,
    user_id: i64,
    display_name: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO contact_persons (member_id, telegram_user_id, display_name, bound_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (member_id, telegram_user_id) DO UPDATE SET display_name = excluded.display_name",
    )
    .bind(member_id)
    .bind(user_id)
    .bind(display_name)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Members this Telegram user may answer for: through a contact link, or because the roster
/// names them (a bound member) as the member's 联系人.
pub async fn members_answered_by(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT member_id FROM contact_persons WHERE telegram_user_id = $1
         UNION
         SELECT m.id FROM members m JOIN members c
           ON c.branch_id = m.branch_id AND c.name = m.contact_name AND c.forgotten_at IS NULL
         WHERE c.telegram_user_id = $1 AND m.forgotten_at IS NULL
         ORDER BY 1",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?)
}

/// `members_answered_by` for several users at once: (user, member) pairs.
pub async fn answered_by_users(conn: &mut Conn, users: &[i64]) -> StoreResult<Vec<(i64, i64)>> {
    let list = super::sql_list::ids_of(conn, "$1");
    let sql = format!(
        "SELECT telegram_user_id, member_id FROM contact_persons WHERE telegram_user_id IN ({list})
         UNION
         SELECT c.telegram_user_id, m.id FROM members m JOIN members c
           ON c.branch_id = m.branch_id AND c.name = m.contact_name AND c.forgotten_at IS NULL
         WHERE c.telegram_user_id IN ({list}) AND m.forgotten_at IS NULL
         ORDER BY 1, 2"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(super::sql_list::json_ids(users)?)
        .fetch_all(conn)
        .await?)
}

/// Telegram ids of everyone who may answer for the member.
pub async fn of_member(conn: &mut Conn, member_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT telegram_user_id FROM contact_persons WHERE member_id = $1
         UNION
         SELECT c.telegram_user_id FROM members m JOIN members c
           ON c.branch_id = m.branch_id AND c.name = m.contact_name AND c.forgotten_at IS NULL
         WHERE m.id = $1 AND c.telegram_user_id IS NOT NULL
         ORDER BY 1",
    )
    .bind(member_id)
    .fetch_all(conn)
    .await?)
}

pub async fn forget_member(conn: &mut Conn, member_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM contact_persons WHERE member_id = $1").bind(member_id).execute(conn).await?;
    Ok(())
}
