//! One-time binding codes: a secretary's code from the CLI, a member's or contact person's link.

use super::{Conn, StoreResult};
use crate::domain::BindingPurpose;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingCode {
    pub code: String,
    pub branch_id: i64,
    pub purpose: BindingPurpose,
    pub member_id: Option<i64>,
    pub used_by: Option<i64>,
}

pub async fn insert(
    conn: &mut Conn,
    code: &str,
    branch_id: i64,
    purpose: BindingPurpose,
    member_id: Option<i64>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO binding_codes (code, branch_id, purpose, member_id, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(code)
    .bind(branch_id)
    .bind(purpose.code())
    .bind(member_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// code, branch, purpose, member, used by
type CodeRow = (String, i64, String, Option<i64>, Option<i64>);

pub async fn find(conn: &mut Conn, code: &str) -> StoreResult<Option<BindingCode>> {
    let row: Option<CodeRow> = sqlx::query_as(
        "SELECT code, branch_id, purpose, member_id, used_by FROM binding_codes WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(code, branch_id, purpose, member_id, used_by)| {
        let purpose = BindingPurpose::from_code(&purpose)?;
        Some(BindingCode { code, branch_id, purpose, member_id, used_by })
    }))
}

/// Marks the code used by `user_id`; false when someone used it first.
pub async fn consume(conn: &mut Conn, code: &str, user_id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE binding_codes SET used_at = $1, used_by = $2 WHERE code = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(code)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
