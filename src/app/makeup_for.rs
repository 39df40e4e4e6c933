//! Make-up study recorded by the secretary for a member (`/makeup 姓名 补学|送学上门 日期
//! [走访人] [意见：…]`): 补学 (studied the material themself) or 送学上门 (someone took it to
//! them), for a closed meeting the member missed. An addition to the record after the meeting,
//! never a change of what was frozen; shown with its day, visitor and the member's views, and
//! counted as taking part by the care alert. The member (namesakes, nearest names) and the
//! meeting (when several were missed) are chosen by buttons; a summary with 【确认】【取消】
//! comes last. The line waits (`app::waiting_lines`, kind `makeup`) for the taps.

use crate::domain::audit_action::AuditAction;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::app::context::Ctx;
use crate::app::leave_for::members_meant;
use crate::app::meetings::record::{DELIVERED, SELF_STUDY};
use crate::app::meetings::{audit, branch_tz, entries_in, local};
use crate::app::waiting_lines;
use crate::domain::meeting::Entry;
use crate::domain::when_phrase::{PastDayError, parse_past_day};
use crate::store::makeups::MakeupRow;
use crate::store::meetings::MeetingRow;
use crate::store::members::MemberRow;
use crate::store::{self, StoreResult};

/// The question kind that keeps a `/makeup` line for the secretary's taps.
pub const MAKEUP: &str = "makeup";
/// How many missed meetings are offered as buttons, newest first.
const OFFERED: usize = 5;

/// What the secretary typed after `/makeup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakeupLine {
    pub meeting: Option<i64>,
    pub name: String,
    pub hint: Option<String>,
    /// 送学上门 (true) or 补学.
    pub delivered: bool,
    /// ISO day it happened.
    pub day: String,
    pub visitor: Option<String>,
    pub views: Option<String>,
}

/// Why a `/makeup` line cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    /// No name, no way (补学 / 送学上门) or no day: the usage.
    Incomplete,
    /// The day as written is not a date.
    BadDay(String),
    /// The day is still ahead.
    FutureDay(String),
    /// 送学上门 without who took it.
    NoVisitor,
}

/// Reads `[编号] 姓名 [手机尾号] 补学|送学上门 日期 [走访人] [意见：…]` on `today`.
pub fn parse(args: &str, today: NaiveDate) -> Result<MakeupLine, LineError> {
    let (head, views) = split_views(args);
    let mut words: Vec<&str> = head.split_whitespace().collect();
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let meeting = match words.first() {
        Some(w) if digits(w) => Some(words.remove(0).parse().map_err(|_| LineError::Incomplete)?),
        _ => None,
    };
    if words.is_empty() {
        return Err(LineError::Incomplete);
    }
    let name = words.remove(0).to_owned();
    let hint = match words.first() {
        Some(w) if digits(w) => Some(words.remove(0).to_owned()),
        _ => None,
    };
    let delivered = match words.first().copied() {
        Some("送学上门" | "送学") => true,
        Some("补学" | "补课") => false,
        _ => return Err(LineError::Incomplete),
    };
    words.remove(0);
    if words.is_empty() {
        return Err(LineError::Incomplete);
    }
    let written = words.remove(0);
    let day = match parse_past_day(written, today) {
        Ok(d) => d,
        Err(PastDayError::InFuture) => return Err(LineError::FutureDay(written.to_owned())),
        Err(_) => return Err(LineError::BadDay(written.to_owned())),
    };
    let rest = (!words.is_empty()).then(|| words.join(" "));
    let (visitor, views) = match (delivered, rest, views) {
        (true, None, _) => return Err(LineError::NoVisitor),
        (true, visitor, views) => (visitor, views),
        // 补学: no one visited; what follows the day is the member's views.
        (false, rest, views) => (None, views.or(rest)),
    };
    Ok(MakeupLine { meeting, name, hint, delivered, day: day.to_string(), visitor, views })
}

/// The line before `意见` / `意见建议` (with or without a colon), and the views after it.
fn split_views(args: &str) -> (&str, Option<String>) {
    let Some(at) = args.find("意见") else { return (args, None) };
    let views = args[at..]
        .trim_start_matches("意见建议")
        .trim_start_matches("意见")
        .trim_start_matches([':', '：', ' '])
        .trim();
    (&args[..at], (!views.is_empty()).then(|| views.to_owned()))
}

/// What became of a `/makeup` line or tap.
#[derive(Debug, Clone)]
pub enum MakeupOutcome {
    /// All is known: the summary waits for 【确认】.
    Summary { member: Box<MemberRow>, meeting: Box<MeetingRow>, line: MakeupLine },
    /// One button per member who could be meant (empty when nobody is near).
    ChooseMember { typed: String, members: Vec<MemberRow>, namesakes: bool },
    /// The member missed several closed meetings without make-up: one button each.
    ChooseMeeting { member: Box<MemberRow>, meetings: Vec<(MeetingRow, bool)> },
    /// The member missed no closed meeting that still lacks a make-up.
    NothingMissed(Box<MemberRow>),
    /// The meeting named is not a closed meeting of the branch.
    NoSuchMeeting(i64),
    /// The member took part in the meeting named, or was not expected.
    NotMissed { member: Box<MemberRow>, meeting: Box<MeetingRow> },
    /// The member's make-up for the meeting is recorded already (on that day).
    Already { member: Box<MemberRow>, day: String },
    /// Recorded.
    Recorded { member: Box<MemberRow>, meeting: Box<MeetingRow>, line: MakeupLine },
    /// Cancelled at the summary.
    Cancelled,
    /// The line no longer waits (more than a day, or answered already).
    Expired,
}

/// Starts a `/makeup` line: the member, the meeting, then the summary.
pub async fn start(
    ctx: &mut Ctx<'_>,
    admin: i64,
    branch: i64,
    line: MakeupLine,
) -> StoreResult<MakeupOutcome> {
    let members = members_meant(ctx, branch, &line.name, line.hint.as_deref()).await?;
    if members.len() == 1 && members[0].name == line.name {
        let member = members.into_iter().next().expect("one");
        return for_member(ctx, admin, member, line.meeting, line).await;
    }
    keep(ctx, admin, 0, 0, &line).await?;
    let namesakes = members.iter().any(|m| m.name == line.name);
    Ok(MakeupOutcome::ChooseMember { typed: line.name, members, namesakes })
}

/// A button under a `/makeup` line (authorized: an administrator of the member's branch).
pub async fn tapped(
    ctx: &mut Ctx<'_>,
    admin: i64,
    meeting_id: i64,
    member_id: i64,
    step: crate::domain::action::MakeupStep,
) -> StoreResult<MakeupOutcome> {
    use crate::domain::action::MakeupStep;
    let waiting = waiting_lines::get(ctx, admin, MAKEUP).await?;
    let Some(line) = waiting.as_ref().and_then(|q| q.reason.as_deref()).and_then(decode) else {
        return Ok(MakeupOutcome::Expired);
    };
    let Some(member) = store::members::get(ctx.tx, member_id).await? else {
        return Ok(MakeupOutcome::Expired);
    };
    match step {
        MakeupStep::Cancel => {
            waiting_lines::take(ctx, admin, MAKEUP).await?;
            Ok(MakeupOutcome::Cancelled)
        }
        MakeupStep::Pick => {
            let meeting = (meeting_id != 0).then_some(meeting_id).or(line.meeting);
            for_member(ctx, admin, member, meeting, line).await
        }
        MakeupStep::Confirm => {
            // Only the summary of the line waiting now: an older summary's 【确认】 would join
            // its member and meeting to the newer line's day, visitor and views.
            let same =
                waiting.as_ref().is_some_and(|q| q.meeting_id == meeting_id && q.member_id == member_id);
            if !same {
                return Ok(MakeupOutcome::Expired);
            }
            waiting_lines::take(ctx, admin, MAKEUP).await?;
            let Some(m) = store::meetings::get(ctx.tx, meeting_id).await? else {
                return Ok(MakeupOutcome::Expired);
            };
            record(ctx, admin, member, m, line).await
        }
    }
}

/// The member is known: the meeting named, the only one missed, or a choice.
async fn for_member(
    ctx: &mut Ctx<'_>,
    admin: i64,
    member: MemberRow,
    meeting: Option<i64>,
    line: MakeupLine,
) -> StoreResult<MakeupOutcome> {
    let m = match meeting {
        Some(id) => {
            let m = store::meetings::get(ctx.tx, id).await?.filter(|m| m.branch_id == member.branch_id);
            let Some(m) = m.filter(|m| !m.is_open()) else { return Ok(MakeupOutcome::NoSuchMeeting(id)) };
            match missed_entry(ctx, &m, member.id).await? {
                Missed::Yes(_) => m,
                Missed::MadeUp(day) => return Ok(MakeupOutcome::Already { member: Box::new(member), day }),
                Missed::No => {
                    return Ok(MakeupOutcome::NotMissed { member: Box::new(member), meeting: Box::new(m) });
                }
            }
        }
        None => {
            let mut missed = missed_meetings(ctx, &member).await?;
            match missed.len() {
                0 => return Ok(MakeupOutcome::NothingMissed(Box::new(member))),
                1 => missed.remove(0).0,
                _ => {
                    keep(ctx, admin, 0, member.id, &line).await?;
                    return Ok(MakeupOutcome::ChooseMeeting { member: Box::new(member), meetings: missed });
                }
            }
        }
    };
    keep(ctx, admin, m.id, member.id, &line).await?;
    Ok(MakeupOutcome::Summary { member: Box::new(member), meeting: Box::new(m), line })
}

/// Whether the member missed the closed meeting and still lacks a make-up.
enum Missed {
    /// Yes: on leave (true) or absent (false).
    Yes(bool),
    /// Missed, and made up on this ISO day.
    MadeUp(String),
    No,
}

async fn missed_entry(ctx: &mut Ctx<'_>, m: &MeetingRow, member_id: i64) -> StoreResult<Missed> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let (_, entries) = entries_in(ctx.tx, m, tz).await?;
    Ok(match entries.iter().find(|e| e.member_id == member_id) {
        Some(Entry { present: None, makeup_on: Some(day), .. }) => Missed::MadeUp(day.clone()),
        Some(e @ Entry { present: None, .. }) => {
            Missed::Yes(matches!(e.answer, Some(crate::domain::meeting::Answer::Leave { .. })))
        }
        _ => Missed::No,
    })
}

/// The closed meetings the member missed without make-up, newest first (at most `OFFERED`),
/// each with whether they were on leave.
async fn missed_meetings(ctx: &mut Ctx<'_>, member: &MemberRow) -> StoreResult<Vec<(MeetingRow, bool)>> {
    let closed = store::meetings::closed_between(ctx.tx, member.branch_id, i64::MIN, ctx.now).await?;
    let mut missed = Vec::new();
    for m in closed.into_iter().rev() {
        if let Missed::Yes(leave) = missed_entry(ctx, &m, member.id).await? {
            missed.push((m, leave));
            if missed.len() == OFFERED {
                break;
            }
        }
    }
    Ok(missed)
}

/// Keeps the line for the taps to come (the member and meeting when known, so that erasing the
/// member clears it).
async fn keep(
    ctx: &mut Ctx<'_>,
    admin: i64,
    meeting_id: i64,
    member_id: i64,
    line: &MakeupLine,
) -> StoreResult<()> {
    waiting_lines::keep(ctx, admin, MAKEUP, (meeting_id, member_id), serde_json::to_string(line).ok()).await
}

fn decode(reason: &str) -> Option<MakeupLine> {
    serde_json::from_str(reason).ok()
}

/// Writes the make-up (once per member and meeting) and audits it.
async fn record(
    ctx: &mut Ctx<'_>,
    admin: i64,
    member: MemberRow,
    m: MeetingRow,
    line: MakeupLine,
) -> StoreResult<MakeupOutcome> {
    match missed_entry(ctx, &m, member.id).await? {
        Missed::MadeUp(day) => return Ok(MakeupOutcome::Already { member: Box::new(member), day }),
        Missed::Yes(_) => {}
        _ => return Ok(MakeupOutcome::Expired),
    }
    let row = MakeupRow {
        meeting_id: m.id,
        member_id: member.id,
        way: (if line.delivered { DELIVERED } else { SELF_STUDY }).to_owned(),
        happened_on: line.day.clone(),
        visitor: line.visitor.clone(),
        views: line.views.clone(),
        recorded_by: admin,
        recorded_at: ctx.now,
    };
    if !store::makeups::add(ctx.tx, &row).await? {
        let day =
            store::makeups::get(ctx.tx, m.id, member.id).await?.map(|r| r.happened_on).unwrap_or_default();
        return Ok(MakeupOutcome::Already { member: Box::new(member), day });
    }
    let way = if line.delivered { "送学上门" } else { "补学" };
    let detail = format!("{} {way} {}", member.name, crate::texts::dates::month_day_of_iso(&line.day));
    audit(ctx.tx, &m, admin, AuditAction::MakeupRecord, &detail, ctx.now).await?;
    Ok(MakeupOutcome::Recorded { member: Box::new(member), meeting: Box::new(m), line })
}

/// The branch's local day of `now`.
pub async fn today(ctx: &mut Ctx<'_>, branch: i64) -> StoreResult<NaiveDate> {
    let tz = branch_tz(ctx.tx, branch).await?;
    Ok(local(ctx.now, tz).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn a_makeup_line_reads_way_day_visitor_and_views() {
        let line = parse("李秀英 送学上门 11月20日 联系人 李桂兰 意见：希望多讲养老政策", today()).unwrap();
        assert!(line.delivered);
        assert_eq!(line.day, "2026-11-20");
        assert_eq!(line.visitor.as_deref(), Some("联系人 李桂兰"));
        assert_eq!(line.views.as_deref(), Some("希望多讲养老政策"));
        let line = parse("12 王建国 8013 补学 昨天 学习很有收获", today()).unwrap();
        assert_eq!((line.meeting, line.hint.as_deref(), line.delivered), (Some(12), Some("8013"), false));
        assert_eq!(
            (line.day.as_str(), line.visitor, line.views.as_deref()),
            ("2026-11-24", None, Some("学习很有收获"))
        );
    }

    #[test]
    fn a_makeup_line_without_way_day_or_visitor_is_refused_in_kind() {
        assert_eq!(parse("李秀英", today()), Err(LineError::Incomplete));
        assert_eq!(parse("李秀英 昨天", today()), Err(LineError::Incomplete));
        assert_eq!(parse("李秀英 补学", today()), Err(LineError::Incomplete));
        assert_eq!(parse("李秀英 补学 12月1日", today()), Err(LineError::FutureDay("12月1日".to_owned())));
        assert_eq!(parse("李秀英 补学 上回", today()), Err(LineError::BadDay("上回".to_owned())));
        assert_eq!(parse("李秀英 送学上门 今天", today()), Err(LineError::NoVisitor));
    }
}
