//! A leave a member phoned in, recorded by the secretary (`/leave [编号] 姓名 [手机尾号] 原因`)
//! for the open meeting: the same answer as the member's own 【请假】, marked as given through
//! the secretary (代), audited, and confirmed to the member privately when they use the bot.
//! When the name matches nobody exactly (the nearest roster names), several members (namesakes),
//! or several meetings are open, nothing is recorded: the choices go back as buttons, and the
//! reason waits for the tap.

use crate::domain::audit_action::AuditAction;

use crate::app::context::Ctx;
use crate::app::meetings::answer::{self, AnswerOutcome, Answerer};
use crate::app::meetings::{audit, pick_open};
use crate::app::waiting_lines;
use crate::domain::meeting::Answer;
use crate::domain::name_match;
use crate::store::meetings::MeetingRow;
use crate::store::members::MemberRow;
use crate::store::{self, StoreResult};

/// The waiting-line kind that keeps a phoned-in leave's reason for the secretary's tap.
pub const LEAVE_FOR: &str = "leave_for";

/// What the secretary typed after `/leave`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveLine {
    pub meeting: Option<i64>,
    pub name: String,
    /// Digits after the name: a phone tail or birth year telling namesakes apart.
    pub hint: Option<String>,
    pub reason: Option<String>,
}

/// Reads `[编号] 姓名 [手机尾号] 原因…`; `None` without a name.
pub fn parse(args: &str) -> Option<LeaveLine> {
    let mut words: Vec<&str> = args.split_whitespace().collect();
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let meeting = match words.first() {
        Some(w) if digits(w) => Some(words.remove(0).parse().ok()?),
        _ => None,
    };
    if words.is_empty() {
        return None;
    }
    let name = words.remove(0).to_owned();
    let hint = match words.first() {
        Some(w) if digits(w) => Some(words.remove(0).to_owned()),
        _ => None,
    };
    let reason = (!words.is_empty()).then(|| words.join(" "));
    Some(LeaveLine { meeting, name, hint, reason })
}

/// What became of a `/leave` line.
#[derive(Debug, Clone)]
pub enum LeaveOutcome {
    Recorded {
        outcome: Box<AnswerOutcome>,
        meeting: Box<MeetingRow>,
    },
    /// No open meeting (or none with that number).
    NoMeeting,
    /// Several meetings are open and several members could be meant: the secretary writes the
    /// meeting's number.
    WhichMeeting(Vec<MeetingRow>),
    /// The member is known; one button per open meeting.
    ChooseMeeting {
        member: Box<MemberRow>,
        meetings: Vec<MeetingRow>,
    },
    /// The meeting is known; one button per member who could be meant (namesakes, or the
    /// nearest names when none matched exactly; empty when nobody is near).
    ChooseMember {
        meeting: Box<MeetingRow>,
        typed: String,
        members: Vec<MemberRow>,
        namesakes: bool,
    },
}

/// Records the leave, or says what must be chosen first (keeping the reason for the tap).
pub async fn record_line(
    ctx: &mut Ctx<'_>,
    admin: i64,
    branch: i64,
    line: &LeaveLine,
) -> StoreResult<LeaveOutcome> {
    let members = members_meant(ctx, branch, &line.name, line.hint.as_deref()).await?;
    let exact = members.len() == 1 && members[0].name == line.name;
    let meeting = match pick_open(ctx.tx, branch, line.meeting).await? {
        Ok(m) => m,
        Err(open) if open.is_empty() => return Ok(LeaveOutcome::NoMeeting),
        Err(open) if exact => {
            let member = Box::new(members.into_iter().next().expect("one"));
            keep_reason(ctx, admin, member.id, line.reason.clone()).await?;
            return Ok(LeaveOutcome::ChooseMeeting { member, meetings: open });
        }
        Err(open) => return Ok(LeaveOutcome::WhichMeeting(open)),
    };
    if exact {
        let member = members.into_iter().next().expect("one");
        let outcome = record(ctx, admin, &meeting, member, line.reason.clone()).await?;
        return Ok(LeaveOutcome::Recorded { outcome: Box::new(outcome), meeting: Box::new(meeting) });
    }
    keep_reason(ctx, admin, 0, line.reason.clone()).await?;
    let namesakes = members.iter().any(|m| m.name == line.name);
    Ok(LeaveOutcome::ChooseMember {
        meeting: Box::new(meeting),
        typed: line.name.clone(),
        members,
        namesakes,
    })
}

/// The members a typed name can mean: those of the name (narrowed by the hint: a phone tail or
/// birth year), else the nearest roster names. Shared by `/leave`, `/makeup` and `/visit`.
pub async fn members_meant(
    ctx: &mut Ctx<'_>,
    branch: i64,
    name: &str,
    hint: Option<&str>,
) -> StoreResult<Vec<MemberRow>> {
    let named = store::members::by_name(ctx.tx, branch, name).await?;
    let hinted: Vec<MemberRow> = match hint {
        Some(hint) => named.iter().filter(|m| matches_hint(m, hint)).cloned().collect(),
        None => named.clone(),
    };
    if !hinted.is_empty() {
        return Ok(hinted);
    }
    if !named.is_empty() {
        return Ok(named);
    }
    let roster = store::members::list(ctx.tx, branch).await?;
    let near = name_match::nearest(name, roster.iter().map(|r| r.name.as_str()));
    Ok(roster.iter().filter(|r| near.contains(&r.name.as_str())).cloned().collect())
}

fn matches_hint(member: &MemberRow, hint: &str) -> bool {
    member.phone.as_deref().is_some_and(|p| p.ends_with(hint))
        || member.birth_date.as_deref().is_some_and(|d| d.starts_with(hint))
}

/// Keeps the reason for the tap; `member_id` when the member is known (0 while namesakes are
/// offered), so that erasing the member clears it.
async fn keep_reason(
    ctx: &mut Ctx<'_>,
    admin: i64,
    member_id: i64,
    reason: Option<String>,
) -> StoreResult<()> {
    waiting_lines::keep(ctx, admin, LEAVE_FOR, (0, member_id), reason).await
}

/// The secretary tapped a meeting or a member offered for a `/leave` line (authorized): the
/// leave is recorded with the reason the line gave, if it still waits.
pub async fn record_tapped(
    ctx: &mut Ctx<'_>,
    admin: i64,
    meeting_id: i64,
    member_id: i64,
) -> StoreResult<AnswerOutcome> {
    let waiting = waiting_lines::take(ctx, admin, LEAVE_FOR).await?;
    let m = store::meetings::get(ctx.tx, meeting_id).await?;
    let member = store::members::get(ctx.tx, member_id).await?;
    let (Some(m), Some(member)) = (m, member) else { return Ok(AnswerOutcome::Gone) };
    record(ctx, admin, &m, member, waiting.and_then(|q| q.reason)).await
}

/// The leave, as given through the secretary: the secretary's roster name (or 书记) stands as
/// who gave it, as for a contact person's 代答.
async fn record(
    ctx: &mut Ctx<'_>,
    admin: i64,
    m: &MeetingRow,
    member: MemberRow,
    reason: Option<String>,
) -> StoreResult<AnswerOutcome> {
    let proxy = waiting_lines::admin_name(ctx, admin, m.branch_id).await?;
    let detail = format!("{} 请假", member.name);
    let who = Answerer { member, proxy: Some(proxy) };
    let outcome = answer::record(ctx, m, &who, Answer::Leave { reason }, admin, "secretary").await?;
    if let AnswerOutcome::Recorded { fresh: true, .. } = outcome {
        audit(ctx.tx, m, admin, AuditAction::LeaveFor, &detail, ctx.now).await?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leave_line_reads_meeting_name_hint_and_reason() {
        let line = |m: Option<i64>, n: &str, h: Option<&str>, r: Option<&str>| LeaveLine {
            meeting: m,
            name: n.to_owned(),
            hint: h.map(str::to_owned),
            reason: r.map(str::to_owned),
        };
        assert_eq!(parse("李秀英 住院"), Some(line(None, "李秀英", None, Some("住院"))));
        assert_eq!(
            parse("12 王建国 8013 去外地 看女儿"),
            Some(line(Some(12), "王建国", Some("8013"), Some("去外地 看女儿")))
        );
        assert_eq!(parse("李秀英"), Some(line(None, "李秀英", None, None)));
        assert_eq!(parse(""), None);
        assert_eq!(parse("12"), None);
    }
}
