//! Replacing a word (a forgotten member's name, their phone) in every text column of every
//! table, found from the database's own catalogue: a table added later is covered without
//! anyone remembering to list it here.

use sqlx::AssertSqlSafe;

use super::{Conn, StoreResult};

/// A text column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextColumn {
    pub table: String,
    pub column: String,
}

/// Every text column of the application's tables (not the database's own, nor sqlx's ledger).
pub async fn text_columns(conn: &mut Conn) -> StoreResult<Vec<TextColumn>> {
    let postgres = conn.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME;
    let sql = if postgres {
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')
           AND table_name NOT LIKE '\\_sqlx%'
         ORDER BY table_name, column_name"
    } else {
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND upper(p.type) LIKE '%TEXT%'
           AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\'
         ORDER BY m.name, p.name"
    };
    let rows: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(conn).await?;
    Ok(rows.into_iter().map(|(table, column)| TextColumn { table, column }).collect())
}

/// Replaces every occurrence of each `(word, replacement)` in every text column; returns how
/// many cells changed. Words are matched as stored (JSON payloads keep non-ASCII unescaped).
pub async fn replace_everywhere(conn: &mut Conn, words: &[(&str, &str)]) -> StoreResult<u64> {
    let columns = text_columns(conn).await?;
    replace_in(conn, &columns, words).await
}

/// Replaces each `(word, replacement)` in the messages kept: stored updates and the bodies of
/// messages sent. For free text (a member's views, a visit's notes) that the member's own rows
/// held and that was typed or echoed in chat; elsewhere the same words may be someone else's.
pub async fn replace_in_messages(conn: &mut Conn, words: &[(&str, &str)]) -> StoreResult<u64> {
    let column =
        |table: &str, column: &str| TextColumn { table: table.to_owned(), column: column.to_owned() };
    replace_in(conn, &[column("inbox", "payload"), column("outbox", "body")], words).await
}

async fn replace_in(conn: &mut Conn, columns: &[TextColumn], words: &[(&str, &str)]) -> StoreResult<u64> {
    let mut changed = 0;
    for TextColumn { table, column } in columns {
        let (table, column) = (quote(table), quote(column));
        for (word, replacement) in words.iter().filter(|(w, _)| !w.is_empty()) {
            let sql = format!(
                "UPDATE {table} SET {column} = REPLACE({column}, $1, $2) WHERE {column} LIKE $3 ESCAPE '\\'"
            );
            let done = sqlx::query(AssertSqlSafe(sql))
                .bind(*word)
                .bind(*replacement)
                .bind(format!("%{}%", escape_like(word)))
                .execute(&mut *conn)
                .await?;
            changed += done.rows_affected();
        }
    }
    Ok(changed)
}

/// An identifier from the catalogue, quoted for both backends.
fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// A word as a LIKE pattern matching itself only (`\` escapes `%`, `_` and itself).
pub(super) fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_and_identifiers_are_escaped() {
        assert_eq!(escape_like("a%b_c\\"), "a\\%b\\_c\\\\");
        assert_eq!(quote("odd\"name"), "\"odd\"\"name\"");
    }
}
