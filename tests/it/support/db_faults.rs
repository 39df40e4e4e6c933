//! Database faults on demand: a trigger makes chosen writes fail their whole transaction — rolled
//! back by the database itself on SQLite (`RAISE(ROLLBACK)`, as on a full disk or an I/O error at
//! a commit), aborted on PostgreSQL — until the fault is healed.

use zhibu::store::Store;

use super::db::backend_is_postgres;

/// One injected fault, named after its trigger.
pub struct DbFault {
    name: &'static str,
    table: &'static str,
}

/// Makes every write `event` on `table` fail (`event`: `INSERT` or `UPDATE`), only for rows
/// matching `when` if given (an SQL condition on `NEW`, the same text on both backends).
pub async fn fail_writes(
    store: &Store,
    name: &'static str,
    event: &str,
    table: &'static str,
    when: Option<&str>,
) -> DbFault {
    let statements = if backend_is_postgres() {
        let when = when.map(|w| format!("WHEN ({w})")).unwrap_or_default();
        vec![
            format!(
                "CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql"
            ),
            format!(
                "CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW {when} EXECUTE FUNCTION {name}()"
            ),
        ]
    } else {
        let when = when.map(|w| format!("WHEN {w}")).unwrap_or_default();
        vec![format!(
            "CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW {when} BEGIN SELECT RAISE(ROLLBACK, 'injected fault'); END"
        )]
    };
    let mut conn = store.conn().await.unwrap();
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await.unwrap();
    }
    DbFault { name, table }
}

impl DbFault {
    /// The fault is gone: the writes succeed again.
    pub async fn heal(self, store: &Store) {
        let sql = if backend_is_postgres() {
            format!("DROP TRIGGER {} ON {}", self.name, self.table)
        } else {
            format!("DROP TRIGGER {}", self.name)
        };
        let mut conn = store.conn().await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await.unwrap();
    }
}
