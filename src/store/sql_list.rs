//! Lists in SQL, the same on both backends: a list of ids bound once as a JSON array, and the
//! placeholders of a multi-row `VALUES` (a batch's rows written in one statement).

use super::{Conn, StoreError, StoreResult};

/// A subquery giving the numbers of the JSON array bound at `param` (one bind for any count).
pub fn ids_of(conn: &Conn, param: &str) -> String {
    if conn.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME {
        format!("SELECT CAST(jsonb_array_elements_text(CAST({param} AS jsonb)) AS BIGINT)")
    } else {
        format!("SELECT value FROM json_each({param})")
    }
}

/// The JSON array to bind for `ids_of`.
pub fn json_ids(ids: &[i64]) -> StoreResult<String> {
    serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// `($1, $2), ($3, $4)` for `rows` rows of `columns` values each.
pub fn values(rows: usize, columns: usize) -> String {
    let row = |r: usize| {
        let params: Vec<String> = (1..=columns).map(|c| format!("${}", r * columns + c)).collect();
        format!("({})", params.join(", "))
    };
    (0..rows).map(row).collect::<Vec<_>>().join(", ")
}

/// At most this many rows go in one statement (well under either backend's limit on parameters).
pub const ROWS_PER_STATEMENT: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_number_the_placeholders_row_after_row() {
        assert_eq!(values(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(values(1, 1), "($1)");
    }
}
