//! `zhibu backup --out FILE`: a consistent copy of a running SQLite database, taken with
//! `VACUUM INTO` (it reads one snapshot, WAL included, while zhibu keeps writing), into a file
//! readable by its owner only. A PostgreSQL database is backed up with `pg_dump` instead.

use std::path::Path;

use crate::store::{Backend, Store};
use crate::texts::operations as words;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{}", words::BACKUP_USE_PG_DUMP)]
    UsePgDump,
    #[error("{}", words::backup_exists(.0))]
    Exists(String),
    #[error("{}", words::backup_cannot_write(.0, .1))]
    CannotWrite(String, String),
}

/// Copies the database into `out` (a new or empty file); returns the copy's size in bytes.
pub async fn backup(store: &Store, out: &Path) -> Result<u64, BackupError> {
    if store.backend() == Backend::Postgres {
        return Err(BackupError::UsePgDump);
    }
    let shown = out.display().to_string();
    let cannot = |e: &dyn std::fmt::Display| BackupError::CannotWrite(shown.clone(), e.to_string());
    if std::fs::metadata(out).is_ok_and(|m| m.len() > 0) {
        return Err(BackupError::Exists(shown));
    }
    // Created empty and private first: `VACUUM INTO` fills an empty file and keeps its mode.
    crate::store::create_private_file(out).map_err(|e| cannot(&e))?;
    let path = out.to_str().ok_or_else(|| cannot(&"the path is not UTF-8"))?;
    let copied = sqlx::query("VACUUM INTO $1").bind(path).execute(store.pool()).await;
    if let Err(e) = copied {
        let _ = std::fs::remove_file(out);
        return Err(cannot(&e));
    }
    std::fs::metadata(out).map(|m| m.len()).map_err(|e| cannot(&e))
}
