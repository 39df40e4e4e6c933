//! Creating a meeting from the secretary's one line (`/meeting 党员大会 12月5日上午9点 老干部活动中心
//! 学习全会精神`), announcing it, and cancelling or moving it (the group is told; pending
//! reminders are withdrawn).

use crate::domain::audit_action::AuditAction;
use chrono::DateTime;
use chrono_tz::Tz;

use super::notices::Told;
use super::{audit, branch_tz, group_of, local, notices, party_groups, when_words};
use crate::app::context::Ctx;
use crate::domain::meeting::{Attendees, MeetingKind};
use crate::domain::outgoing::Buttons;
use crate::domain::when_phrase::{WhenError, parse_when, split_when_prefix};
use crate::store::meetings::{MeetingRow, NewMeeting};
use crate::store::{self, StoreResult};

/// Why the line does not make a meeting; each has its sentence saying what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateError {
    Usage,
    UnknownKind(String),
    WhichGroup,
    Time(WhenError),
    NoPlace,
    NoTopic,
    NoGroupBound,
}

/// A meeting as the secretary described it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub kind: MeetingKind,
    pub group: Option<String>,
    pub starts_at: DateTime<Tz>,
    pub place: String,
    pub topic: String,
}

/// Reads `kind [party group] when place topic`; `groups` are the branch's party groups.
pub fn parse_request(args: &str, now: DateTime<Tz>, groups: &[String]) -> Result<Request, CreateError> {
    let args = args.trim();
    let (kind_word, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    if kind_word.is_empty() {
        return Err(CreateError::Usage);
    }
    let kind = MeetingKind::parse(kind_word).ok_or_else(|| CreateError::UnknownKind(kind_word.to_owned()))?;
    let mut rest = rest.trim();
    let mut group = None;
    if let Some(g) = groups.iter().find(|g| rest.starts_with(g.as_str())) {
        group = Some(g.clone());
        rest = rest[g.len()..].trim_start();
    }
    if kind.default_rules().attendees == Attendees::Group && group.is_none() {
        return Err(CreateError::WhichGroup);
    }
    let (at, rest) = split_when_prefix(rest, now).ok_or_else(|| CreateError::Time(why_no_time(rest, now)))?;
    let (place, topic) = rest.split_once(char::is_whitespace).unwrap_or((&rest, ""));
    if place.is_empty() {
        return Err(CreateError::NoPlace);
    }
    if topic.trim().is_empty() {
        return Err(CreateError::NoTopic);
    }
    Ok(Request { kind, group, starts_at: at, place: place.to_owned(), topic: topic.trim().to_owned() })
}

/// Why no prefix of `text` is a usable time: the longest prefix that reads as a time says.
fn why_no_time(text: &str, now: DateTime<Tz>) -> WhenError {
    let ends = text.char_indices().map(|(i, _)| i).skip(1).chain([text.len()]);
    let mut ends: Vec<usize> = ends.collect();
    ends.reverse();
    for end in ends {
        match parse_when(&text[..end], now) {
            Err(WhenError::Unrecognised | WhenError::Empty) => continue,
            Err(e) => return e,
            Ok(_) => return WhenError::Unrecognised,
        }
    }
    WhenError::Unrecognised
}

/// The meeting created, and its time in words.
#[derive(Debug, Clone)]
pub struct Created {
    pub meeting: MeetingRow,
    pub when: String,
    /// When the group hears of it, in the secretary's words.
    pub told: String,
}

pub async fn create(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    user_id: i64,
    args: &str,
) -> StoreResult<Result<Created, CreateError>> {
    let tz = branch_tz(ctx.tx, branch_id).await?;
    let mut groups = party_groups(ctx.tx, branch_id).await?;
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    match parse_request(args, local(ctx.now, tz), &groups) {
        Ok(request) => create_from(ctx, branch_id, user_id, &request).await,
        Err(e) => Ok(Err(e)),
    }
}

/// Creates, announces and schedules the meeting the request describes.
pub async fn create_from(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    user_id: i64,
    request: &Request,
) -> StoreResult<Result<Created, CreateError>> {
    if group_of(ctx.tx, branch_id).await?.is_none() {
        return Ok(Err(CreateError::NoGroupBound));
    }
    let members = store::members::list(ctx.tx, branch_id).await?;
    let host = members.iter().find(|m| m.telegram_user_id == Some(user_id)).map(|m| m.name.clone());
    let new = NewMeeting {
        branch_id,
        kind: request.kind,
        party_group: request.group.as_deref(),
        starts_at: request.starts_at.timestamp_millis(),
        place: &request.place,
        topic: &request.topic,
        host: host.as_deref(),
        created_by: user_id,
    };
    let id = store::meetings::insert(ctx.tx, &new, ctx.now).await?;
    let meeting = store::meetings::get(ctx.tx, id).await?.expect("just inserted");
    let told = notices::announce(ctx, &meeting).await?;
    let told = notices::told_words(ctx, branch_id, told).await?;
    notices::schedule(ctx, &meeting).await?;
    let detail = format!("{} {}", request.kind.name_cn(), request.topic);
    audit(ctx.tx, &meeting, user_id, AuditAction::MeetingCreate, &detail, ctx.now).await?;
    let meeting = store::meetings::get(ctx.tx, id).await?.expect("just inserted");
    let tz = branch_tz(ctx.tx, branch_id).await?;
    Ok(Ok(Created { when: when_words(meeting.starts_at, ctx.now, tz), meeting, told }))
}

/// Cancels an open meeting: the group is told, the announcement loses its buttons, and pending
/// reminders are withdrawn. An announcement still held for the sending window is withdrawn
/// instead, and nobody is told of a meeting they never heard of. Returns when the group is
/// told; `None` when it was not open.
pub async fn cancel(ctx: &mut Ctx<'_>, m: &MeetingRow, user_id: i64) -> StoreResult<Option<Told>> {
    if !store::meetings::finish(ctx.tx, m.id, "cancelled", ctx.now).await? {
        return Ok(None);
    }
    notices::withdraw(ctx, m).await?;
    audit(ctx.tx, m, user_id, AuditAction::MeetingCancel, "", ctx.now).await?;
    if notices::withdraw_unseen(ctx, m).await? {
        return Ok(Some(Told::Withdrawn));
    }
    let text = notices::announcement_text(ctx, m).await?;
    let text = crate::texts::meeting::announcement_cancelled(&text);
    notices::edit_announcement(ctx, m, text, Buttons::None).await?;
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let when = when_words(m.starts_at, ctx.now, tz);
    let notice = crate::texts::meeting::cancelled_notice(m.kind().name_cn(), &when);
    Ok(Some(notices::tell_group(ctx, m, notice, m.starts_at).await?))
}

/// Moves an open meeting to the time `args` names: the new time in words and when the group is
/// told; `Err` says why the time is no good.
pub async fn reschedule(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    user_id: i64,
    args: &str,
) -> StoreResult<Result<(String, Told), WhenError>> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let at = match parse_when(args.trim(), local(ctx.now, tz)) {
        Ok(at) => at.timestamp_millis(),
        Err(e) => return Ok(Err(e)),
    };
    let old = when_words(m.starts_at, ctx.now, tz);
    notices::withdraw(ctx, m).await?;
    store::meetings::reschedule(ctx.tx, m.id, at).await?;
    let moved = store::meetings::get(ctx.tx, m.id).await?.expect("exists");
    notices::schedule(ctx, &moved).await?;
    audit(ctx.tx, m, user_id, AuditAction::MeetingReschedule, "", ctx.now).await?;
    let new = when_words(at, ctx.now, tz);
    if notices::withdraw_unseen(ctx, &moved).await? {
        // Nobody has seen the old time: announce the new one afresh.
        return Ok(Ok((new, notices::announce(ctx, &moved).await?)));
    }
    let text = notices::announcement_text(ctx, &moved).await?;
    notices::edit_announcement(ctx, &moved, text, notices::answer_buttons(m.id)).await?;
    let notice = crate::texts::meeting::rescheduled_notice(m.kind().name_cn(), &old, &new, &m.place);
    let told = notices::tell_group(ctx, &moved, notice, m.starts_at.min(at)).await?;
    Ok(Ok((new, told)))
}
