//! The secretary corrects a meeting record within the branch's grace period (7 days after the
//! first close by default): reopen it, mark a member present, undo a 列席, record a reason, set
//! 主持人 / 记录人 / 内容决议 / 表决. Every change is kept (who, what, before, after, when),
//! written to the audit log and printed in the record's 更正记录.

use super::{branch_tz, entries_in};
use crate::app::{MemberLookup, admin};
use crate::domain::audit_action::AuditAction;
use crate::domain::meeting::RecordCorrection;
use crate::domain::meeting::{Answer, Correction, Entry};
use crate::store::audit::Actor;
use crate::store::meetings::{MeetingRow, RecordField, RecordFields};
use crate::store::{self, Conn, StoreResult};
use crate::texts::record as words;

const DAY: i64 = 86_400_000;

/// Who corrects: the name the record shows, and the actor the audit log keeps.
#[derive(Debug, Clone)]
pub struct Corrector {
    pub name: String,
    pub actor: Actor,
    /// The operator on the server may correct past the grace period (it is still recorded).
    pub past_grace: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectOutcome {
    Corrected(RecordCorrection),
    /// The meeting was never closed: there is no record to correct yet.
    NotClosed,
    AlreadyOpen,
    PastGrace {
        days: i64,
    },
    NoMember(String),
    Ambiguous(String, Vec<String>),
    NotExpected(String),
    AlreadyPresent(String),
    /// A reason was given for a member who was there.
    WasPresent(String),
    NoSuchObserver(String),
    Unchanged,
}

impl CorrectOutcome {
    /// What the secretary reads about the outcome (`kind`: the meeting's kind, 支部党员大会 …).
    pub fn words(&self, kind: &str) -> String {
        match self {
            CorrectOutcome::Corrected(row) if row.what == "reopen" => words::reopened(kind),
            CorrectOutcome::Corrected(row) => words::corrected(row),
            CorrectOutcome::NotClosed => words::NOT_CLOSED.to_owned(),
            CorrectOutcome::AlreadyOpen => words::ALREADY_OPEN.to_owned(),
            CorrectOutcome::PastGrace { days } => words::past_grace(*days),
            CorrectOutcome::NoMember(name) => words::no_member(name),
            CorrectOutcome::Ambiguous(name, hints) => crate::texts::admin::which_member(name, hints),
            CorrectOutcome::NotExpected(name) => words::not_expected(name),
            CorrectOutcome::AlreadyPresent(name) => words::already_present(name),
            CorrectOutcome::WasPresent(name) => words::was_present(name),
            CorrectOutcome::NoSuchObserver(name) => words::no_such_observer(name),
            CorrectOutcome::Unchanged => words::UNCHANGED.to_owned(),
        }
    }
}

/// A change about to be kept: what, about whom, before and after.
struct Change {
    what: &'static str,
    member_id: Option<i64>,
    subject: String,
    before: String,
    after: String,
}

/// Applies one correction to meeting `m`.
pub async fn correct(
    conn: &mut Conn,
    m: &MeetingRow,
    who: &Corrector,
    correction: Correction,
    now: i64,
) -> StoreResult<CorrectOutcome> {
    let fields = store::meetings::record_fields(conn, m.id).await?;
    // Meetings closed before first closes were kept count from their close.
    let Some(first_closed) = fields.first_closed_at.or(m.closed_at) else {
        return Ok(CorrectOutcome::NotClosed);
    };
    let days = store::standing::grace_days(conn, m.branch_id).await?;
    if now > first_closed + days * DAY && !who.past_grace {
        return Ok(CorrectOutcome::PastGrace { days });
    }
    let change = match apply(conn, m, &fields, correction, now).await? {
        Ok(change) => change,
        Err(outcome) => return Ok(outcome),
    };
    let row = RecordCorrection {
        meeting_id: m.id,
        actor_name: who.name.clone(),
        member_id: change.member_id,
        what: change.what.to_owned(),
        subject: change.subject,
        before_text: change.before,
        after_text: change.after,
        at: now,
    };
    store::records::add_correction(conn, &row).await?;
    let detail = format!("#{} {} {}: {} -> {}", m.id, row.what, row.subject, row.before_text, row.after_text);
    store::audit::record(
        conn,
        Some(m.branch_id),
        who.actor,
        AuditAction::MeetingCorrect,
        detail.trim_end(),
        now,
    )
    .await?;
    Ok(CorrectOutcome::Corrected(row))
}

async fn apply(
    conn: &mut Conn,
    m: &MeetingRow,
    fields: &RecordFields,
    correction: Correction,
    now: i64,
) -> StoreResult<Result<Change, CorrectOutcome>> {
    let about = |what, member_id, subject: &str, before: String, after: String| Change {
        what,
        member_id,
        subject: subject.to_owned(),
        before,
        after,
    };
    Ok(Ok(match correction {
        Correction::Reopen => {
            if !store::meetings::reopen(conn, m.id).await? {
                return Ok(Err(CorrectOutcome::AlreadyOpen));
            }
            store::records::thaw(conn, m.id).await?;
            about("reopen", None, "", words::CLOSED.to_owned(), words::OPEN.to_owned())
        }
        Correction::Present { who, mode } => {
            let entry = match expected_member(conn, m, &who).await? {
                Ok(entry) => entry,
                Err(outcome) => return Ok(Err(outcome)),
            };
            if entry.present.is_some() {
                return Ok(Err(CorrectOutcome::AlreadyPresent(entry.name)));
            }
            store::attendance::mark_present(conn, m.id, entry.member_id, mode.code(), now).await?;
            if !m.is_open() {
                store::records::set_present(conn, m.id, entry.member_id, mode.code()).await?;
            }
            let before = words::state(&entry).to_owned();
            about("present", Some(entry.member_id), &entry.name, before, words::present(mode))
        }
        Correction::Reason { who, reason } => {
            let entry = match expected_member(conn, m, &who).await? {
                Ok(entry) => entry,
                Err(outcome) => return Ok(Err(outcome)),
            };
            let (leave, before) = match (&entry.present, &entry.answer) {
                (Some(_), _) => return Ok(Err(CorrectOutcome::WasPresent(entry.name))),
                (None, Some(Answer::Leave { reason })) => (true, reason.clone()),
                (None, _) => (false, entry.absent_reason.clone()),
            };
            store::attendance::set_reason(conn, m.id, entry.member_id, &reason).await?;
            if !m.is_open() {
                store::records::set_reason(conn, m.id, entry.member_id, leave, &reason).await?;
            }
            let what = if leave { "leave_reason" } else { "absent_reason" };
            let before = before.unwrap_or_else(|| words::NOT_FILLED.to_owned());
            about(what, Some(entry.member_id), &entry.name, before, reason)
        }
        Correction::UndoObserver { name } => {
            if !store::meetings::remove_observer(conn, m.id, &name).await? {
                return Ok(Err(CorrectOutcome::NoSuchObserver(name)));
            }
            about("observer", None, &name, words::OBSERVER.to_owned(), words::NOT_OBSERVER.to_owned())
        }
        Correction::Host(name) => return field(conn, m, RecordField::Host, &m.host, name).await,
        Correction::Recorder(name) => return field(conn, m, RecordField::Recorder, &m.recorder, name).await,
        Correction::Resolution(text) => {
            return field(conn, m, RecordField::Resolution, &fields.resolution, text).await;
        }
        Correction::Vote(vote) => {
            let before = fields.votes.clone();
            store::meetings::set_field(conn, m.id, RecordField::Votes, &vote.encode()).await?;
            if before.as_deref() == Some(vote.encode().as_str()) {
                return Ok(Err(CorrectOutcome::Unchanged));
            }
            let before = before
                .as_deref()
                .and_then(crate::domain::meeting::Vote::decode)
                .map(words::vote)
                .unwrap_or_else(|| words::NOT_FILLED.to_owned());
            about("votes", None, "", before, words::vote(vote))
        }
    }))
}

/// Sets one of the record's own fields.
async fn field(
    conn: &mut Conn,
    m: &MeetingRow,
    field: RecordField,
    before: &Option<String>,
    value: String,
) -> StoreResult<Result<Change, CorrectOutcome>> {
    if before.as_deref() == Some(value.as_str()) {
        return Ok(Err(CorrectOutcome::Unchanged));
    }
    store::meetings::set_field(conn, m.id, field, &value).await?;
    let what = match field {
        RecordField::Host => "host",
        RecordField::Recorder => "recorder",
        RecordField::Resolution => "resolution",
        RecordField::Votes => "votes",
    };
    let before = before.clone().unwrap_or_else(|| words::NOT_FILLED.to_owned());
    Ok(Ok(Change { what, member_id: None, subject: String::new(), before, after: value }))
}

/// The expected member the secretary named, as the record has them.
async fn expected_member(
    conn: &mut Conn,
    m: &MeetingRow,
    query: &str,
) -> StoreResult<Result<Entry, CorrectOutcome>> {
    let name = query.split_whitespace().next().unwrap_or_default().to_owned();
    let member = match admin::find_member(conn, m.branch_id, query).await? {
        MemberLookup::Found(member) => member,
        MemberLookup::NotFound => return Ok(Err(CorrectOutcome::NoMember(name))),
        MemberLookup::Ambiguous(hints) => return Ok(Err(CorrectOutcome::Ambiguous(name, hints))),
    };
    let tz = branch_tz(conn, m.branch_id).await?;
    let (_, entries) = entries_in(conn, m, tz).await?;
    Ok(entries.into_iter().find(|e| e.member_id == member.id).ok_or(CorrectOutcome::NotExpected(member.name)))
}

/// The meeting a correction is about: the one numbered, else the one closed last.
pub async fn pick(conn: &mut Conn, branch_id: i64, id: Option<i64>) -> StoreResult<Option<MeetingRow>> {
    Ok(match id {
        Some(id) => store::meetings::get(conn, id).await?.filter(|m| m.branch_id == branch_id),
        None => store::meetings::last_closed(conn, branch_id).await?,
    })
}

/// How the secretary is named in a correction: their roster name in the branch, else "书记".
pub async fn corrector_name(conn: &mut Conn, branch_id: i64, user_id: i64) -> StoreResult<String> {
    let name = crate::app::people::name_in_branch(conn, user_id, branch_id).await?;
    Ok(name.unwrap_or_else(|| words::SECRETARY_ACTOR.to_owned()))
}
