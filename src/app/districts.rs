//! The branch tree: which 党委 / district each branch belongs to, set one by one or imported
//! from a CSV file (`支部编号,党委` per line), all or nothing.

use crate::domain::audit_action::AuditAction;
use crate::store::audit::{self, Actor};
use crate::store::{self, Store, StoreResult};

/// Why an import was refused (nothing was imported).
#[derive(Debug, PartialEq, Eq)]
pub enum ImportError {
    /// A line (1-based) the CSV reader could not read.
    Unreadable { line: usize, why: String },
    /// A line whose first cell is not a branch number.
    NotANumber { line: usize, cell: String },
    /// A line without a district.
    NoDistrict { line: usize },
    /// A line naming a branch that does not exist.
    UnknownBranch { line: usize, branch: i64 },
}

/// Sets (or clears) one branch's district. Returns whether the branch exists.
pub async fn set(store: &Store, branch: i64, district: Option<&str>, now: i64) -> StoreResult<bool> {
    let district = district.map(str::trim).filter(|d| !d.is_empty());
    let mut tx = store.begin_write().await?;
    if !store::office::set_district(&mut tx, branch, district).await? {
        return Ok(false);
    }
    let detail = format!("district {}", district.unwrap_or("-"));
    audit::record(&mut tx, Some(branch), Actor::Cli, AuditAction::BranchDistrict, &detail, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Reads `支部编号,党委` rows; a first line whose first cell is not a number is a header.
pub fn parse(bytes: &[u8]) -> Result<Vec<(usize, i64, String)>, ImportError> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 1;
        let record = record.map_err(|e| ImportError::Unreadable { line, why: e.to_string() })?;
        let cell = |n: usize| record.get(n).map(str::trim).unwrap_or_default().to_owned();
        let (first, district) = (cell(0), cell(1));
        if first.is_empty() && district.is_empty() {
            continue;
        }
        let Ok(branch) = first.parse::<i64>() else {
            if line == 1 {
                continue;
            }
            return Err(ImportError::NotANumber { line, cell: first });
        };
        if district.is_empty() {
            return Err(ImportError::NoDistrict { line });
        }
        rows.push((line, branch, district));
    }
    Ok(rows)
}

/// Imports the rows in one transaction: every branch must exist, or nothing is imported.
pub async fn import(store: &Store, bytes: &[u8], now: i64) -> StoreResult<Result<usize, ImportError>> {
    let rows = match parse(bytes) {
        Ok(rows) => rows,
        Err(e) => return Ok(Err(e)),
    };
    let mut tx = store.begin_write().await?;
    for (line, branch, district) in &rows {
        if !store::office::set_district(&mut tx, *branch, Some(district)).await? {
            store::abandon(tx).await;
            return Ok(Err(ImportError::UnknownBranch { line: *line, branch: *branch }));
        }
    }
    let detail = format!("districts imported for {} branches", rows.len());
    audit::record(&mut tx, None, Actor::Cli, AuditAction::BranchDistrictsImport, &detail, now).await?;
    tx.commit().await?;
    Ok(Ok(rows.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_line_is_skipped_and_rows_keep_their_line_numbers() {
        let rows = parse("支部编号,党委\n1,城关区委\n2, 七里河区委 \n".as_bytes()).unwrap();
        assert_eq!(rows, vec![(2, 1, "城关区委".to_owned()), (3, 2, "七里河区委".to_owned())]);
    }

    #[test]
    fn a_row_without_a_number_or_a_district_is_refused_with_its_line() {
        assert!(matches!(parse(b"1,A\nx,B\n"), Err(ImportError::NotANumber { line: 2, .. })));
        assert!(matches!(parse(b"1,\n"), Err(ImportError::NoDistrict { line: 1 })));
    }
}
