//! 三会一课 use cases: creating, announcing, answering, checking in, closing and exporting
//! meetings, reminders and the compliance view. Each returns a typed outcome; the adapters say it.

pub mod answer;
pub mod book;
pub mod care;
pub mod close;
pub mod correct;
pub mod create;
pub mod dialogue;
pub mod export;
pub mod jobs;
pub mod notices;
pub mod presence;
pub mod present;
pub mod record;
pub mod report;
pub mod roll_memo;

use crate::domain::audit_action::AuditAction;
use chrono_tz::Tz;

use crate::domain::meeting::{Answer, Attendees, Entry, KindRules, Mode};
use crate::domain::member_standing::Status;
use crate::domain::when_phrase::date_in_words;
use crate::store::meetings::MeetingRow;
use crate::store::members::MemberRow;
use crate::store::{self, Conn, StoreResult};

pub use crate::app::branches::{branch_tz, local};

/// 12月5日（星期五）上午9点, as seen at `now`.
pub fn when_words(at: i64, now: i64, tz: Tz) -> String {
    date_in_words(local(at, tz), local(now, tz))
}

/// Telegram ids of the branch's administrators.
pub async fn committee_users(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<i64>> {
    Ok(store::roles::admins(conn, branch_id).await?.into_iter().map(|(u, _)| u).collect())
}

/// The members expected at the meeting, in roster order, with their status on its day: those
/// who belonged to the branch that day, by the kind's attendees (all, one party group, or the
/// committee as the branch names it).
pub async fn expected(
    conn: &mut Conn,
    meeting: &MeetingRow,
    rules: &KindRules,
    tz: Tz,
) -> StoreResult<Vec<(MemberRow, Status)>> {
    let day = local(meeting.starts_at, tz).date_naive();
    let changes = store::standing::status_changes(conn, meeting.branch_id).await?;
    let members = store::members::list(conn, meeting.branch_id).await?;
    Ok(members
        .into_iter()
        .filter(|m| match rules.attendees {
            Attendees::All => true,
            Attendees::Group => m.party_group.is_some() && m.party_group == meeting.party_group,
            Attendees::Committee => m.committee_post.is_some(),
        })
        .filter_map(|m| {
            let status = store::standing::standing_of(&m, &changes).on(day)?;
            Some((m, status))
        })
        .collect())
}

/// Every expected member with their answer, presence and make-up study.
pub async fn entries(conn: &mut Conn, meeting: &MeetingRow) -> StoreResult<(KindRules, Vec<Entry>)> {
    let tz = branch_tz(conn, meeting.branch_id).await?;
    entries_in(conn, meeting, tz).await
}

/// `entries`, the branch's time zone being known. A closed meeting's come from its record as
/// frozen at close; an open one's from the roster as it stood on the meeting's day.
pub async fn entries_in(
    conn: &mut Conn,
    meeting: &MeetingRow,
    tz: Tz,
) -> StoreResult<(KindRules, Vec<Entry>)> {
    if let Some(quorum) = record::frozen_quorum(conn, meeting).await? {
        let mut rules = store::meetings::rules_of(conn, meeting.branch_id, meeting.kind()).await?;
        rules.quorum = quorum;
        return Ok((rules, record::frozen_entries(conn, meeting, tz).await?));
    }
    live_entries(conn, meeting, tz).await
}

/// The entries of the meeting from the roster as it stood on the meeting's day.
async fn live_entries(conn: &mut Conn, meeting: &MeetingRow, tz: Tz) -> StoreResult<(KindRules, Vec<Entry>)> {
    let rules = store::meetings::rules_of(conn, meeting.branch_id, meeting.kind()).await?;
    let members = expected(conn, meeting, &rules, tz).await?;
    let rows = store::attendance::of_meeting(conn, meeting.id).await?;
    let entries = members
        .into_iter()
        .map(|(m, status)| {
            let row = rows.iter().find(|r| r.member_id == m.id);
            let answer = row.and_then(|r| match r.answer.as_deref() {
                Some("attend") => Some(Answer::Attend),
                Some("leave") => Some(Answer::Leave { reason: r.reason.clone() }),
                _ => None,
            });
            let absent_reason = match answer {
                Some(Answer::Leave { .. }) => None,
                _ => row.and_then(|r| r.reason.clone()),
            };
            Entry {
                member_id: m.id,
                probationary: status == Status::Probationary,
                committee: m.committee_post.is_some(),
                answer,
                proxy: row.and_then(|r| r.proxy_name.clone()),
                present: row.and_then(|r| r.present_mode.as_deref().and_then(Mode::from_code)),
                makeup_on: row.and_then(|r| r.makeup_at).map(|at| record::iso_day(at, tz)),
                makeup_visitor: None,
                makeup_views: None,
                absent_reason,
                name: m.name,
            }
        })
        .collect::<Vec<_>>();
    let mut entries = entries;
    record::add_makeups(&mut entries, &store::makeups::of_meeting(conn, meeting.id).await?);
    Ok((rules, entries))
}

/// The open meeting a command names by id, or the only open one; `Err` lists the choices.
pub async fn pick_open(
    conn: &mut Conn,
    branch_id: i64,
    id: Option<i64>,
) -> StoreResult<Result<MeetingRow, Vec<MeetingRow>>> {
    let open = store::meetings::open_of_branch(conn, branch_id).await?;
    Ok(match id {
        Some(id) => open.into_iter().find(|m| m.id == id).ok_or_else(Vec::new),
        None if open.len() == 1 => Ok(open.into_iter().next().expect("one")),
        None => Err(open),
    })
}

/// The branch's party groups, sorted.
pub async fn party_groups(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<String>> {
    let mut groups: Vec<String> =
        store::members::list(conn, branch_id).await?.into_iter().filter_map(|m| m.party_group).collect();
    groups.sort();
    groups.dedup();
    Ok(groups)
}

/// The branch's bound group chat, if any.
pub async fn group_of(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<i64>> {
    Ok(store::branches::get(conn, branch_id).await?.and_then(|b| b.group_chat_id))
}

/// Writes a secretary's action on a meeting to the audit log.
pub async fn audit(
    conn: &mut Conn,
    m: &MeetingRow,
    user_id: i64,
    action: AuditAction,
    detail: &str,
    now: i64,
) -> StoreResult<()> {
    let actor = store::audit::Actor::Telegram(user_id);
    let detail = format!("#{} {detail}", m.id);
    store::audit::record(conn, Some(m.branch_id), actor, action, detail.trim_end(), now).await
}

/// The meeting with this id, open or closed.
pub async fn find(conn: &mut Conn, meeting_id: i64) -> StoreResult<Option<MeetingRow>> {
    store::meetings::get(conn, meeting_id).await
}

/// The branch's secretaries (Telegram ids): the only ones a meeting's record goes to.
pub async fn secretaries(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<i64>> {
    Ok(store::roles::admins(conn, branch_id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == crate::domain::Role::Secretary)
        .map(|(user, _)| user)
        .collect())
}
