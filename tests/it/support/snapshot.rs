//! Every table's contents as text, to compare the database before and after something that must
//! change nothing (a forged tap): whatever a row holds, it shows up in the comparison.

use std::collections::BTreeMap;

use sqlx::{Column, Row};

use super::app::TestApp;
use super::db::backend_is_postgres;

/// Tables that change with every update whatever it does: the inbox and outbox (the update and
/// the answer to it), the leader's lease, bookkeeping and the migrations.
const ALWAYS_CHANGING: &[&str] = &["inbox", "outbox", "leases", "meta", "_sqlx_migrations"];

/// Table name → its rows, each row its columns rendered as text, sorted.
pub async fn tables(app: &TestApp) -> BTreeMap<String, Vec<String>> {
    let mut conn = app.store.conn().await.unwrap();
    let list = if backend_is_postgres() {
        "SELECT table_name::TEXT FROM information_schema.tables WHERE table_schema = 'public'"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    };
    let names: Vec<String> = sqlx::query_scalar(list).fetch_all(&mut *conn).await.unwrap();
    let mut all = BTreeMap::new();
    for name in names.into_iter().filter(|n| !ALWAYS_CHANGING.contains(&n.as_str())) {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM {name}")))
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        let mut rendered: Vec<String> = rows.iter().map(render).collect();
        rendered.sort();
        all.insert(name, rendered);
    }
    all
}

fn render(row: &sqlx::any::AnyRow) -> String {
    let cells: Vec<String> = (0..row.columns().len())
        .map(|i| {
            let name = row.columns()[i].name().to_owned();
            let value = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
                format!("{v:?}")
            } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
                format!("{v:?}")
            } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
                format!("{v:?}")
            } else if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
                format!("{v:?}")
            } else {
                row.try_get::<Option<Vec<u8>>, _>(i)
                    .map(|v| format!("{v:?}"))
                    .unwrap_or_else(|e| format!("<{e}>"))
            };
            format!("{name}={value}")
        })
        .collect();
    cells.join(", ")
}

/// Panics with the tables that differ, naming the rows only in one of the two.
pub fn assert_same(before: &BTreeMap<String, Vec<String>>, after: &BTreeMap<String, Vec<String>>) {
    let mut diffs = Vec::new();
    for (table, rows) in after {
        let old = before.get(table).cloned().unwrap_or_default();
        if &old != rows {
            let gone: Vec<&String> = old.iter().filter(|r| !rows.contains(r)).collect();
            let new: Vec<&String> = rows.iter().filter(|r| !old.contains(r)).collect();
            diffs.push(format!("{table}: gone {gone:?}, new {new:?}"));
        }
    }
    assert!(diffs.is_empty(), "the database changed:\n{}", diffs.join("\n"));
}
