//! A province's data set: about 183,600 retired members in 3,060 branches, each branch with its
//! group bound and most members bound to Telegram. Written with multi-row inserts in one
//! transaction per table, directly through the store's pool.

use zhibu::store::Store;

pub const BRANCHES: i64 = 3_060;
pub const MEMBERS_PER_BRANCH: i64 = 60;

/// Telegram ids the data set uses.
pub fn group_chat(branch: i64) -> i64 {
    -1_000_000_000_000 - branch
}

pub fn member_user(branch: i64, index: i64) -> i64 {
    10_000_000 + branch * 100 + index
}

/// Loads `branches` branches of `per_branch` members; returns how many members were written.
pub async fn load(store: &Store, branches: i64, per_branch: i64) -> anyhow::Result<i64> {
    load_with(store, branches, per_branch, 5).await
}

/// The same; one member in `unbound_every` has not bound Telegram (0: everyone has).
pub async fn load_with(
    store: &Store,
    branches: i64,
    per_branch: i64,
    unbound_every: i64,
) -> anyhow::Result<i64> {
    let mut tx = store.begin_write().await?;
    for chunk in (1..=branches).collect::<Vec<_>>().chunks(500) {
        let values: Vec<String> = chunk
            .iter()
            .map(|b| format!("({b}, '第{b}党支部', 'Asia/Shanghai', {}, 0)", group_chat(*b)))
            .collect();
        let sql = format!(
            "INSERT INTO branches (id, name, timezone, group_chat_id, created_at) VALUES {}",
            values.join(",")
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
        // No quiet hours: the figures must not depend on the hour the benchmark runs at (at night
        // in Shanghai, announcements and briefings would wait for the morning).
        let quiet: Vec<String> = chunk.iter().map(|b| format!("({b}, '无')")).collect();
        let sql = format!("INSERT INTO branch_settings (branch_id, quiet_hours) VALUES {}", quiet.join(","));
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
    }
    let mut rows = Vec::with_capacity(500);
    let mut written = 0;
    for branch in 1..=branches {
        for i in 0..per_branch {
            rows.push(member_values(branch, i, unbound_every));
            if rows.len() == 500 {
                written += insert_members(&mut tx, &mut rows).await?;
            }
        }
    }
    written += insert_members(&mut tx, &mut rows).await?;
    tx.commit().await?;
    if store.backend() == zhibu::store::Backend::Postgres {
        // Explicit ids above bypassed the sequence; move it past them.
        let fix = "SELECT setval('branches_id_seq', (SELECT MAX(id) FROM branches))";
        sqlx::query(fix).execute(store.pool()).await?;
    }
    Ok(written)
}

fn member_values(branch: i64, i: i64, unbound_every: i64) -> String {
    let phone = 13_000_000_000_i64 + branch * 100 + i;
    let year = 1930 + (branch + i) % 30;
    let month = 1 + (i % 12);
    let day = 1 + (branch % 28);
    let joined = 1950 + (branch + 3 * i) % 40;
    let membership = if i % 20 == 0 { "probationary" } else { "full" };
    let unbound = unbound_every > 0 && i % unbound_every == unbound_every - 1;
    let user = if unbound { "NULL".to_owned() } else { member_user(branch, i).to_string() };
    format!(
        "({branch}, '党员{branch}_{i}', '{year}-{month:02}-{day:02}', '{joined}-{month:02}-{day:02}', '{membership}', \
         '第{}党小组', '{phone}', {user}, 0, 0)",
        1 + i % 3
    )
}

async fn insert_members(tx: &mut zhibu::store::Tx, rows: &mut Vec<String>) -> anyhow::Result<i64> {
    if rows.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "INSERT INTO members (branch_id, name, birth_date, joined_on, membership, party_group, phone, \
         telegram_user_id, created_at, updated_at) VALUES {}",
        rows.join(",")
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut **tx).await?;
    let n = rows.len() as i64;
    rows.clear();
    Ok(n)
}
