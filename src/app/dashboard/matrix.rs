//! The compliance matrix (组织生活完成情况一览): every branch in scope × the required meeting
//! kinds, judged by the same obligations as `zhibu report`, from three queries and one per time
//! zone; each kind's meetings are read over its own windows only.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::app::branches::{local, parse_tz};
use crate::app::meetings::report::start_ms;
use crate::domain::meeting::{
    KindRules, MeetingKind, Obligation, Period, PeriodStatus, Standing, obligations,
};
use crate::store::dashboard::{self, BranchHead, HeldCounts, KindSpan, Scope};
use crate::store::{Conn, StoreResult};

/// One branch's row.
#[derive(Debug, Clone)]
pub struct BranchRow {
    pub branch: BranchHead,
    /// One cell per required kind, in kind order.
    pub cells: Vec<Cell>,
}

/// One kind in one branch: the worst of its obligations (one per party group for 党小组会).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub kind: MeetingKind,
    pub period: Period,
    pub now: PeriodStatus,
    /// The last period closed without it (for one of its groups at least).
    pub last_overdue: bool,
    /// Each obligation (per party group) with how it stands.
    pub parts: Vec<(Obligation, Standing)>,
}

impl BranchRow {
    /// Larger is worse: overdue cells first, then the fewest days left.
    pub fn urgency(&self) -> (usize, usize, i64) {
        let overdue = self.cells.iter().filter(|c| c.now == PeriodStatus::Overdue).count();
        let late = self.cells.iter().filter(|c| c.last_overdue).count();
        let soonest = self
            .cells
            .iter()
            .filter_map(|c| match c.now {
                PeriodStatus::Due { days_left } => Some(days_left),
                _ => None,
            })
            .min()
            .map_or(0, |d| 1000 - d);
        (overdue, late, soonest)
    }

    pub fn cell(&self, kind: MeetingKind) -> Option<&Cell> {
        self.cells.iter().find(|c| c.kind == kind)
    }
}

fn worse(a: PeriodStatus, b: PeriodStatus) -> PeriodStatus {
    use PeriodStatus::*;
    match (a, b) {
        (Overdue, _) | (_, Overdue) => Overdue,
        (Due { days_left: x }, Due { days_left: y }) => Due { days_left: x.min(y) },
        (Due { .. }, _) => a,
        (_, Due { .. }) => b,
        (Done { held: x }, Done { held: y }) => Done { held: x.min(y) },
    }
}

/// The matrix of every branch in scope, judged at `now`, in branch order.
pub async fn matrix(conn: &mut Conn, scope: Scope<'_>, now: i64) -> StoreResult<Vec<BranchRow>> {
    let branches = dashboard::branches(conn, scope).await?;
    let mut stored: HashMap<i64, Vec<KindRules>> = HashMap::new();
    for (branch, rule) in dashboard::rules(conn, scope).await? {
        stored.entry(branch).or_default().push(rule);
    }
    let mut groups: HashMap<i64, Vec<String>> = HashMap::new();
    for (branch, group) in dashboard::party_groups(conn, scope).await? {
        groups.entry(branch).or_default().push(group);
    }
    let mut by_zone: BTreeMap<String, Vec<BranchHead>> = BTreeMap::new();
    for b in branches {
        by_zone.entry(b.timezone.clone()).or_default().push(b);
    }
    let mut rows = Vec::new();
    for (zone, heads) in by_zone {
        let tz = parse_tz(&zone);
        let today = local(now, tz).date_naive();
        let judged: Vec<(BranchHead, Vec<Obligation>)> = heads
            .into_iter()
            .map(|b| {
                let rules = rules_of(stored.remove(&b.id).unwrap_or_default());
                let mut own = groups.remove(&b.id).unwrap_or_default();
                own.sort();
                let due = obligations(&rules, &own, today);
                (b, due)
            })
            .collect();
        let mut windows: Vec<(NaiveDate, NaiveDate)> =
            judged.iter().flat_map(|(_, due)| due.iter().flat_map(|o| [o.current, o.last])).collect();
        windows.sort();
        windows.dedup();
        let ms: Vec<(i64, i64)> = windows.iter().map(|(a, b)| (start_ms(*a, tz), start_ms(*b, tz))).collect();
        let spans = spans(&judged, tz);
        let held = dashboard::held_in_windows(conn, &spans, &ms).await?;
        let counts = Counts::new(held);
        for (branch, due) in judged {
            let mut cells: Vec<Cell> = Vec::new();
            for o in due {
                let window = |w| windows.binary_search(&w).expect("every window was counted");
                let held_now = counts.held(branch.id, &o, window(o.current));
                let held_last = counts.held(branch.id, &o, window(o.last));
                let standing = o.judge(held_now, held_last, today);
                match cells.iter_mut().find(|c| c.kind == o.kind) {
                    Some(cell) => {
                        cell.now = worse(cell.now, standing.now);
                        cell.last_overdue |= standing.last_overdue;
                        cell.parts.push((o, standing));
                    }
                    None => cells.push(Cell {
                        kind: o.kind,
                        period: o.period,
                        now: standing.now,
                        last_overdue: standing.last_overdue,
                        parts: vec![(o, standing)],
                    }),
                }
            }
            rows.push(BranchRow { branch, cells });
        }
    }
    rows.sort_by_key(|r| r.branch.id);
    Ok(rows)
}

/// Per kind, the span of every window its obligations judge (current and last period): only
/// the meetings in it are read.
fn spans(judged: &[(BranchHead, Vec<Obligation>)], tz: chrono_tz::Tz) -> Vec<KindSpan> {
    let mut by_kind: BTreeMap<MeetingKind, (NaiveDate, NaiveDate)> = BTreeMap::new();
    for o in judged.iter().flat_map(|(_, due)| due) {
        let (from, to) = (o.current.0.min(o.last.0), o.current.1.max(o.last.1));
        let span = by_kind.entry(o.kind).or_insert((from, to));
        *span = (span.0.min(from), span.1.max(to));
    }
    by_kind
        .into_iter()
        .map(|(kind, (from, to))| KindSpan {
            kind: kind.code().to_owned(),
            from: start_ms(from, tz),
            to: start_ms(to, tz),
        })
        .collect()
}

/// The branch's rules as `store::meetings::rules` would give them: stored rows, and the
/// defaults of the kinds it has no row for yet.
fn rules_of(mut stored: Vec<KindRules>) -> Vec<KindRules> {
    for kind in MeetingKind::ALL {
        if !stored.iter().any(|r| r.kind == kind) {
            stored.push(kind.default_rules());
        }
    }
    stored.sort_by_key(|r| r.kind);
    stored
}

/// Per party group (or none), the closed meetings in each window.
type GroupCounts = Vec<(Option<String>, Vec<i64>)>;

/// Closed meetings per (branch, kind) and window, by party group.
struct Counts {
    by_branch: HashMap<(i64, MeetingKind), GroupCounts>,
}

impl Counts {
    fn new(rows: Vec<HeldCounts>) -> Counts {
        let mut by_branch: HashMap<(i64, MeetingKind), GroupCounts> = HashMap::new();
        for r in rows {
            let Some(kind) = MeetingKind::from_code(&r.kind) else { continue };
            by_branch.entry((r.branch_id, kind)).or_default().push((r.party_group, r.counts));
        }
        Counts { by_branch }
    }

    /// Meetings of the obligation's kind (and group, when it has one) held in window `w`.
    fn held(&self, branch: i64, o: &Obligation, w: usize) -> u32 {
        let Some(rows) = self.by_branch.get(&(branch, o.kind)) else { return 0 };
        let n: i64 = rows
            .iter()
            .filter(|(group, _)| o.group.is_none() || group.as_deref() == o.group.as_deref())
            .map(|(_, counts)| counts[w])
            .sum();
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}
