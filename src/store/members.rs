//! Members (党员) of a branch as the roster gives them, and their Telegram binding.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub branch_id: i64,
    pub name: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub joined_on: Option<String>,
    pub membership: String,
    pub retirement: Option<String>,
    pub party_group: Option<String>,
    pub phone: Option<String>,
    pub contact_name: Option<String>,
    pub note: Option<String>,
    pub telegram_user_id: Option<i64>,
    pub forgotten_at: Option<i64>,
    /// The day they joined the branch (ISO); `None` for the founding roster.
    pub branch_joined_on: Option<String>,
    /// Their post on the branch committee (支委), as the branch names it.
    pub committee_post: Option<String>,
}

pub use crate::domain::roster::MemberFields;

impl MemberRow {
    /// A member just added from the roster: not bound to Telegram, on no committee.
    pub fn new(
        id: i64,
        branch_id: i64,
        f: MemberFields,
        branch_joined_on: Option<chrono::NaiveDate>,
    ) -> MemberRow {
        MemberRow {
            id,
            branch_id,
            name: f.name,
            gender: f.gender,
            birth_date: f.birth_date,
            joined_on: f.joined_on,
            membership: f.membership,
            retirement: f.retirement,
            party_group: f.party_group,
            phone: f.phone,
            contact_name: f.contact_name,
            note: f.note,
            telegram_user_id: None,
            forgotten_at: None,
            branch_joined_on: branch_joined_on.map(|d| d.format("%Y-%m-%d").to_string()),
            committee_post: None,
        }
    }

    pub fn fields(&self) -> MemberFields {
        MemberFields {
            name: self.name.clone(),
            gender: self.gender.clone(),
            birth_date: self.birth_date.clone(),
            joined_on: self.joined_on.clone(),
            membership: self.membership.clone(),
            retirement: self.retirement.clone(),
            party_group: self.party_group.clone(),
            phone: self.phone.clone(),
            contact_name: self.contact_name.clone(),
            note: self.note.clone(),
        }
    }
}

const COLUMNS: &str = "id, branch_id, name, gender, birth_date, joined_on, membership, retirement, \
    party_group, phone, contact_name, note, telegram_user_id, forgotten_at, branch_joined_on, committee_post";

fn select(filter: &str) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM members WHERE {filter} ORDER BY id"))
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<MemberRow>> {
    Ok(sqlx::query_as(select("id = $1")).bind(id).fetch_optional(conn).await?)
}

/// Active (not forgotten) members of a branch, in roster order.
pub async fn list(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<MemberRow>> {
    Ok(sqlx::query_as(select("branch_id = $1 AND forgotten_at IS NULL"))
        .bind(branch_id)
        .fetch_all(conn)
        .await?)
}

/// The names of a branch's active members, in roster order (what `list` reads, name only: a
/// large branch's names are read for every batch of words).
pub async fn names(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT name FROM members WHERE branch_id = $1 AND forgotten_at IS NULL ORDER BY id",
    )
    .bind(branch_id)
    .fetch_all(conn)
    .await?)
}

pub async fn by_phone(conn: &mut Conn, branch_id: i64, phone: &str) -> StoreResult<Option<MemberRow>> {
    Ok(sqlx::query_as(select("branch_id = $1 AND phone = $2"))
        .bind(branch_id)
        .bind(phone)
        .fetch_optional(conn)
        .await?)
}

/// Members in any branch with this phone (a shared contact is matched across branches).
pub async fn all_by_phone(conn: &mut Conn, phone: &str) -> StoreResult<Vec<MemberRow>> {
    Ok(sqlx::query_as(select("phone = $1 AND forgotten_at IS NULL")).bind(phone).fetch_all(conn).await?)
}

/// Same name and birth date, for rows without a phone.
pub async fn by_name_and_birth(
    conn: &mut Conn,
    branch_id: i64,
    name: &str,
    birth_date: Option<&str>,
) -> StoreResult<Vec<MemberRow>> {
    Ok(sqlx::query_as(select(
        "branch_id = $1 AND name = $2 AND forgotten_at IS NULL \
         AND (birth_date = $3 OR (birth_date IS NULL AND $3 IS NULL))",
    ))
    .bind(branch_id)
    .bind(name)
    .bind(birth_date)
    .fetch_all(conn)
    .await?)
}

pub async fn by_name(conn: &mut Conn, branch_id: i64, name: &str) -> StoreResult<Vec<MemberRow>> {
    Ok(sqlx::query_as(select("branch_id = $1 AND name = $2 AND forgotten_at IS NULL"))
        .bind(branch_id)
        .bind(name)
        .fetch_all(conn)
        .await?)
}

pub async fn by_telegram_user(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<MemberRow>> {
    Ok(sqlx::query_as(select("telegram_user_id = $1 AND forgotten_at IS NULL"))
        .bind(user_id)
        .fetch_all(conn)
        .await?)
}

/// Active members tied to any of these Telegram users (a batch's people, read at once).
pub async fn by_telegram_users(conn: &mut Conn, users: &[i64]) -> StoreResult<Vec<MemberRow>> {
    let list = super::sql_list::ids_of(conn, "$1");
    let filter = format!("telegram_user_id IN ({list}) AND forgotten_at IS NULL");
    Ok(sqlx::query_as(select(&filter)).bind(super::sql_list::json_ids(users)?).fetch_all(conn).await?)
}

/// The members with these ids, forgotten or not (as `get` reads each).
pub async fn by_ids(conn: &mut Conn, ids: &[i64]) -> StoreResult<Vec<MemberRow>> {
    let list = super::sql_list::ids_of(conn, "$1");
    let filter = format!("id IN ({list})");
    Ok(sqlx::query_as(select(&filter)).bind(super::sql_list::json_ids(ids)?).fetch_all(conn).await?)
}

pub async fn insert(conn: &mut Conn, branch_id: i64, f: &MemberFields, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO members (branch_id, name, gender, birth_date, joined_on, membership, retirement,
                              party_group, phone, contact_name, note, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(branch_id)
    .bind(&f.name)
    .bind(&f.gender)
    .bind(&f.birth_date)
    .bind(&f.joined_on)
    .bind(&f.membership)
    .bind(&f.retirement)
    .bind(&f.party_group)
    .bind(&f.phone)
    .bind(&f.contact_name)
    .bind(&f.note)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn update(conn: &mut Conn, id: i64, f: &MemberFields, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE members SET name = $2, gender = $3, birth_date = $4, joined_on = $5, membership = $6,
                retirement = $7, party_group = $8, phone = $9, contact_name = $10, note = $11,
                updated_at = $12
         WHERE id = $1",
    )
    .bind(id)
    .bind(&f.name)
    .bind(&f.gender)
    .bind(&f.birth_date)
    .bind(&f.joined_on)
    .bind(&f.membership)
    .bind(&f.retirement)
    .bind(&f.party_group)
    .bind(&f.phone)
    .bind(&f.contact_name)
    .bind(&f.note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn bind_telegram(conn: &mut Conn, member_id: i64, user_id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE members SET telegram_user_id = $2, updated_at = $3 WHERE id = $1")
        .bind(member_id)
        .bind(user_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Erases the member's personal data; the row (and its id in past records) stays, anonymous.
pub async fn forget(conn: &mut Conn, member_id: i64, placeholder_name: &str, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE members SET name = $2, gender = NULL, birth_date = NULL, joined_on = NULL,
                retirement = NULL, party_group = NULL, phone = NULL, contact_name = NULL, note = NULL,
                telegram_user_id = NULL, committee_post = NULL, forgotten_at = $3, updated_at = $3
         WHERE id = $1 AND forgotten_at IS NULL",
    )
    .bind(member_id)
    .bind(placeholder_name)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM health_notes WHERE member_id = $1").bind(member_id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}
