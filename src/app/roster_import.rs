//! Importing a 党员花名册: new members added, known ones updated (matched by phone, else by name
//! and birth date), nothing duplicated, problem rows reported — all in one transaction.

use crate::domain::audit_action::AuditAction;
use std::collections::HashMap;

use crate::domain::member_standing::Status;
use crate::domain::roster::{self, Field, RosterRow, RosterSheet};
use crate::store::members::{MemberFields, MemberRow};
use crate::store::{self, Store, StoreError, audit::Actor};

#[derive(Debug, Default)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// What the secretary should look at, row by row, in plain words.
    pub notices: Vec<String>,
    /// What happens to each imported row, in file order.
    pub rows: Vec<RowChange>,
}

/// What an import does with one roster row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowChange {
    pub row_number: usize,
    pub name: String,
    pub outcome: RowOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    Added,
    /// A known member; the columns that change.
    Updated(Vec<Field>),
    Unchanged,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file as a whole cannot be read; the message is for the secretary.
    #[error("{0}")]
    Unreadable(String),
    #[error("no branch {0}")]
    NoBranch(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Imports a roster file from the command line, in a transaction of its own.
pub async fn import(
    store: &Store,
    branch_id: i64,
    file_name: &str,
    bytes: &[u8],
    now: i64,
) -> Result<ImportReport, ImportError> {
    in_own_transaction(store, branch_id, (file_name, bytes), Some(Actor::Cli), now).await
}

/// What importing the file would do, without changing anything: the very import, rolled back.
pub async fn preview(
    store: &Store,
    branch_id: i64,
    file_name: &str,
    bytes: &[u8],
    now: i64,
) -> Result<ImportReport, ImportError> {
    in_own_transaction(store, branch_id, (file_name, bytes), None, now).await
}

/// The import in a transaction of its own: committed as `actor`'s, or rolled back without one.
async fn in_own_transaction(
    store: &Store,
    branch_id: i64,
    (file_name, bytes): (&str, &[u8]),
    actor: Option<Actor>,
    now: i64,
) -> Result<ImportReport, ImportError> {
    let mut tx = store.begin_write().await?;
    let report = import_in(&mut tx, branch_id, file_name, bytes, actor.unwrap_or(Actor::System), now).await;
    match (report, actor) {
        (Ok(report), Some(_)) => {
            tx.commit().await.map_err(StoreError::from)?;
            Ok(report)
        }
        (report, _) => {
            tx.rollback().await.map_err(StoreError::from)?;
            report
        }
    }
}

/// The one import door: reads the file and applies it inside the caller's transaction, audited
/// as `actor`'s.
pub async fn import_in(
    conn: &mut store::Conn,
    branch_id: i64,
    file_name: &str,
    bytes: &[u8],
    actor: Actor,
    now: i64,
) -> Result<ImportReport, ImportError> {
    let sheet = roster::read_roster(file_name, bytes)
        .map_err(|e| ImportError::Unreadable(crate::texts::roster::roster_error(&e)))?;
    if store::branches::get(conn, branch_id).await?.is_none() {
        return Err(ImportError::NoBranch(branch_id));
    }
    // Closed records stay as they were, whatever the new roster says.
    crate::app::meetings::record::freeze_unfrozen(conn, branch_id).await?;
    let report = apply(conn, branch_id, sheet, now).await?;
    let detail = format!("{file_name}: +{} ~{} ={}", report.added, report.updated, report.unchanged);
    store::audit::record(conn, Some(branch_id), actor, AuditAction::RosterImport, &detail, now).await?;
    Ok(report)
}

async fn apply(
    conn: &mut store::Conn,
    branch_id: i64,
    sheet: RosterSheet,
    now: i64,
) -> Result<ImportReport, StoreError> {
    let mut report = ImportReport {
        notices: sheet.problems.iter().map(crate::texts::roster::row_problem).collect(),
        ..ImportReport::default()
    };
    let mut phones_seen: HashMap<String, usize> = HashMap::new();
    let mut known = Known::new(store::members::list(conn, branch_id).await?);
    // Members added to a branch that already has some join it today; the first roster founds it.
    let joining = if known.members.is_empty() {
        None
    } else {
        let tz = crate::app::branches::branch_tz(conn, branch_id).await?;
        Some(crate::app::branches::local(now, tz).date_naive())
    };
    for row in sheet.rows {
        let mut fields = fields_of(&row);
        if let Some(phone) = &fields.phone {
            if let Some(first_row) = phones_seen.get(phone) {
                report.notices.push(crate::texts::roster::duplicate_phone(
                    row.row_number,
                    &row.name,
                    *first_row,
                ));
                fields.phone = None;
            } else {
                phones_seen.insert(phone.clone(), row.row_number);
            }
        }
        let joined = row.branch_joined_on.or(joining);
        let given = row.branch_joined_on.is_some();
        let outcome = upsert(conn, &mut known, branch_id, &fields, (joined, given), now).await?;
        match &outcome {
            RowOutcome::Added => report.added += 1,
            RowOutcome::Updated(_) => report.updated += 1,
            RowOutcome::Unchanged => report.unchanged += 1,
        }
        report.rows.push(RowChange { row_number: row.row_number, name: row.name.clone(), outcome });
    }
    report.notices.sort_by_key(|n| row_number_of(n));
    Ok(report)
}

/// Notices start with "第N行"; keep them in file order.
fn row_number_of(notice: &str) -> usize {
    notice
        .trim_start_matches('第')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(usize::MAX)
}

/// The branch's members as the import goes, found by phone, else by name and birth date, in
/// memory: a query per row would read the members table once a row (quadratic in the roster).
struct Known {
    members: Vec<MemberRow>,
    by_id: HashMap<i64, usize>,
    by_phone: HashMap<String, usize>,
    /// The first member (in roster order) with this name and birth date.
    by_name_birth: HashMap<(String, Option<String>), usize>,
}

impl Known {
    fn new(members: Vec<MemberRow>) -> Known {
        let mut known = Known {
            members: Vec::with_capacity(members.len()),
            by_id: HashMap::new(),
            by_phone: HashMap::new(),
            by_name_birth: HashMap::new(),
        };
        for member in members {
            known.put(member);
        }
        known
    }

    fn find(&self, f: &MemberFields) -> Option<&MemberRow> {
        let by_phone = f.phone.as_ref().and_then(|p| self.by_phone.get(p));
        // Same name and birth date: the same person, perhaps with a new phone number.
        let found = by_phone.or_else(|| self.by_name_birth.get(&(f.name.clone(), f.birth_date.clone())));
        found.map(|i| &self.members[*i])
    }

    /// Adds a member, or replaces one (by id) with how it stands now.
    fn put(&mut self, member: MemberRow) {
        let index = match self.by_id.get(&member.id) {
            Some(&i) => {
                let old = &self.members[i];
                if let Some(phone) = old.phone.as_ref().filter(|p| self.by_phone.get(*p) == Some(&i)) {
                    self.by_phone.remove(phone);
                }
                let key = (old.name.clone(), old.birth_date.clone());
                if self.by_name_birth.get(&key) == Some(&i) {
                    self.by_name_birth.remove(&key);
                }
                i
            }
            None => {
                self.members.push(member.clone());
                self.by_id.insert(member.id, self.members.len() - 1);
                self.members.len() - 1
            }
        };
        if let Some(phone) = &member.phone {
            self.by_phone.insert(phone.clone(), index);
        }
        self.by_name_birth.entry((member.name.clone(), member.birth_date.clone())).or_insert(index);
        self.members[index] = member;
    }
}

/// Adds or updates one member. `joined`: the day they joined the branch, and whether the roster
/// gave it (rather than today's date for a newcomer).
async fn upsert(
    conn: &mut store::Conn,
    known: &mut Known,
    branch_id: i64,
    f: &MemberFields,
    (joined, joined_given): (Option<chrono::NaiveDate>, bool),
    now: i64,
) -> Result<RowOutcome, StoreError> {
    let outcome = match known.find(f).cloned() {
        None => {
            let id = store::members::insert(conn, branch_id, f, now).await?;
            store::standing::set_joined(conn, id, joined).await?;
            known.put(MemberRow::new(id, branch_id, f.clone(), joined));
            return Ok(RowOutcome::Added);
        }
        Some(m) => {
            let day = joined.map(|d| d.format("%Y-%m-%d").to_string());
            let joined_changed = joined_given && m.branch_joined_on != day;
            if joined_changed {
                store::standing::set_joined(conn, m.id, joined).await?;
            }
            let mut merged = f.clone();
            if merged.phone.is_none() {
                // A row without a phone never erases one the branch already has.
                merged.phone = m.phone.clone();
            }
            let mut changed = m.fields().changed_in(&merged);
            if joined_changed {
                changed.push(Field::BranchJoined);
            }
            if m.fields() == merged {
                (m.id, if joined_changed { RowOutcome::Updated(changed) } else { RowOutcome::Unchanged })
            } else {
                if let (true, Some(status)) =
                    (m.membership != merged.membership, Status::from_code(&merged.membership))
                {
                    // 预备 → 正式 from today on; the days before keep the old status.
                    let tz = crate::app::branches::branch_tz(conn, branch_id).await?;
                    let today = crate::app::branches::local(now, tz).date_naive();
                    store::standing::add_status(conn, &m, status, today, now).await?;
                }
                store::members::update(conn, m.id, &merged, now).await?;
                (m.id, RowOutcome::Updated(changed))
            }
        }
    };
    if matches!(outcome.1, RowOutcome::Updated(_))
        && let Some(member) = store::members::get(conn, outcome.0).await?
    {
        known.put(member);
    }
    Ok(outcome.1)
}

fn fields_of(row: &RosterRow) -> MemberFields {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    MemberFields {
        name: row.name.clone(),
        gender: row.gender.as_ref().map(|g| g.as_code().to_owned()),
        birth_date: date(row.birth_date),
        joined_on: date(row.joined_on),
        membership: row.membership.as_code().to_owned(),
        retirement: row.retirement.as_ref().map(|r| r.as_code().to_owned()),
        party_group: row.party_group.clone(),
        phone: row.phone.as_ref().map(|p| p.as_str().to_owned()),
        contact_name: row.contact_person.clone(),
        note: row.note.clone(),
    }
}
