//! The superior office's dashboard (驾驶舱): who may see which branch, and the figures of its
//! pages — counts only, never health notes, leave reasons or phone numbers.

pub mod matrix;
pub mod overview;

use crate::domain::audit_action::AuditAction;
use chrono::NaiveDate;

use crate::app::branches::{branch_tz, local};
use crate::app::meetings::{export, report};
use crate::store::audit::{self, Actor};
use crate::store::dashboard::Scope;
use crate::store::dashboard_overview as figures;
use crate::store::{self, Conn, Store, StoreResult};

/// The office user looking at the dashboard.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user_id: i64,
    pub login: String,
    /// `None`: every district.
    pub district: Option<String>,
}

impl Viewer {
    pub fn scope(&self) -> Scope<'_> {
        Scope { district: self.district.as_deref() }
    }

    /// The district a page is filtered to: the viewer's own, or one they chose when they may see
    /// them all.
    pub fn narrowed<'a>(&'a self, chosen: Option<&'a str>) -> Scope<'a> {
        match (&self.district, chosen.filter(|d| !d.is_empty())) {
            (Some(own), _) => Scope { district: Some(own) },
            (None, chosen) => Scope { district: chosen },
        }
    }
}

/// The districts a viewer may filter by: every one for a viewer of all, none otherwise.
pub async fn districts_to_choose(conn: &mut Conn, viewer: &Viewer) -> StoreResult<Vec<String>> {
    match viewer.district {
        Some(_) => Ok(Vec::new()),
        None => store::office::districts(conn).await,
    }
}

/// The branch, if it exists and lies in the viewer's district.
pub async fn visible_branch(
    conn: &mut Conn,
    viewer: &Viewer,
    branch_id: i64,
) -> StoreResult<Option<store::branches::BranchRow>> {
    let Some(district) = store::office::district_of(conn, branch_id).await? else { return Ok(None) };
    if viewer.district.is_some() && viewer.district != district {
        return Ok(None);
    }
    store::branches::get(conn, branch_id).await
}

/// A branch's page: its compliance lines (the very lines of `zhibu report`), meetings with
/// attendance counts, study rounds and briefings.
#[derive(Debug, Clone)]
pub struct BranchPage {
    pub name: String,
    pub district: Option<String>,
    pub compliance: Vec<String>,
    /// (id, kind's name, day, open, expected, present)
    pub meetings: Vec<(i64, &'static str, NaiveDate, bool, i64, i64)>,
    /// (day, members who studied)
    pub study: Vec<(NaiveDate, i64)>,
    /// (day, deliveries sent, deliveries, acknowledgements)
    pub briefings: Vec<(NaiveDate, i64, i64, i64)>,
    pub members: i64,
}

pub async fn branch_page(
    conn: &mut Conn,
    branch: &store::branches::BranchRow,
    now: i64,
) -> StoreResult<BranchPage> {
    let tz = branch_tz(conn, branch.id).await?;
    let day = |at: i64| local(at, tz).date_naive();
    let meetings = figures::branch_meetings(conn, branch.id, 60)
        .await?
        .into_iter()
        .map(|(id, kind, at, state, expected, present)| {
            let kind = crate::domain::meeting::MeetingKind::from_code(&kind)
                .unwrap_or(crate::domain::meeting::MeetingKind::General);
            (id, kind.name_cn(), day(at), state == "open", expected, present)
        })
        .collect();
    let study =
        figures::branch_study(conn, branch.id, 24).await?.into_iter().map(|(at, n)| (day(at), n)).collect();
    let briefings = figures::branch_briefings(conn, branch.id, 24)
        .await?
        .into_iter()
        .map(|(at, sent, all, acks)| (day(at), sent, all, acks))
        .collect();
    Ok(BranchPage {
        name: branch.name.clone(),
        district: store::office::district_of(conn, branch.id).await?.flatten(),
        compliance: report::lines(conn, branch.id, now).await?,
        meetings,
        study,
        briefings,
        members: i64::try_from(store::members::list(conn, branch.id).await?.len()).unwrap_or_default(),
    })
}

/// The branch's record book (会议记录) of closed meetings, as the office may read it: the
/// export's own rendering, with leave and absence reasons, members' views (意见建议) and
/// correction lines left out; never the 走访慰问 visits.
pub async fn record_book(
    store: &Store,
    viewer: &Viewer,
    branch: &store::branches::BranchRow,
    format: export::Format,
    now: i64,
) -> StoreResult<Result<Vec<u8>, String>> {
    let mut conn = store.conn().await?;
    let rows = store::meetings::closed_between(&mut conn, branch.id, i64::MIN, i64::MAX).await?;
    let mut records = Vec::with_capacity(rows.len());
    for m in &rows {
        records.push(without_reasons(export::record(&mut conn, m).await?));
    }
    drop(conn);
    let bytes = export::render(&branch.name, &records, format);
    let mut tx = store.begin_write().await?;
    let detail = format!("record book {} ({} meetings)", format.extension(), records.len());
    audit::record(
        &mut tx,
        Some(branch.id),
        Actor::Office(viewer.user_id),
        AuditAction::OfficeExport,
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(bytes)
}

fn without_reasons(mut record: export::MeetingRecord) -> export::MeetingRecord {
    use crate::domain::meeting::Answer;
    for e in &mut record.entries {
        if let Some(Answer::Leave { reason }) = &mut e.answer {
            *reason = None;
        }
        e.absent_reason = None;
        // A member's views heard at 送学上门 are theirs, for the branch only.
        e.makeup_views = None;
    }
    for (_, reason) in record.tally.leave.iter_mut().chain(record.tally.absent.iter_mut()) {
        *reason = None;
    }
    record.corrections.clear();
    record
}
