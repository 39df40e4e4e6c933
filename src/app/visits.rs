//! 走访慰问 visits to a member, recorded by an administrator (`/visit 姓名 [日期] [走访人]
//! [情况：…]`, or 【已走访】 under a care alert): the day (today unless written), who visited
//! (the recorder's roster name unless written) and notes. Notes may be health-related: read by
//! the secretary only (`/member 姓名`, the record book), never on the dashboard, deleted with the
//! member. A recorded visit quiets the care alert for the same run of months.

use crate::domain::audit_action::AuditAction;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::app::context::Ctx;
use crate::app::leave_for::members_meant;
use crate::app::waiting_lines;
use crate::domain::when_phrase::{PastDayError, parse_past_day};
use crate::store::audit::Actor;
use crate::store::members::MemberRow;
use crate::store::visits::{NewVisit, VisitRow};
use crate::store::{self, StoreResult};

/// The waiting-line kind that keeps a `/visit` line while the member is chosen.
pub const VISIT: &str = "visit";

/// What the secretary typed after `/visit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitLine {
    pub name: String,
    pub hint: Option<String>,
    /// ISO day.
    pub day: String,
    pub visitor: Option<String>,
    pub notes: Option<String>,
}

/// Why a `/visit` line cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    NoName,
    FutureDay(String),
}

/// Reads `姓名 [手机尾号] [日期] [走访人] [情况：…]` on `today`: a second word that reads as a
/// day is the day (a day ahead is refused); what stands before 情况 is who visited.
pub fn parse(args: &str, today: NaiveDate) -> Result<VisitLine, LineError> {
    let (head, notes) = match args.find("情况") {
        Some(at) => {
            let notes = args[at..].trim_start_matches("情况").trim_start_matches([':', '：', ' ']).trim();
            (&args[..at], (!notes.is_empty()).then(|| notes.to_owned()))
        }
        None => (args, None),
    };
    let mut words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() {
        return Err(LineError::NoName);
    }
    let name = words.remove(0).to_owned();
    let hint = match words.first() {
        Some(w) if w.chars().all(|c| c.is_ascii_digit()) => Some(words.remove(0).to_owned()),
        _ => None,
    };
    let day = match words.first().map(|w| parse_past_day(w, today)) {
        Some(Ok(day)) => {
            words.remove(0);
            day
        }
        Some(Err(PastDayError::InFuture)) => return Err(LineError::FutureDay(words[0].to_owned())),
        _ => today,
    };
    let visitor = (!words.is_empty()).then(|| words.join(" "));
    Ok(VisitLine { name, hint, day: day.to_string(), visitor, notes })
}

/// What became of a `/visit` line or 【已走访】.
#[derive(Debug, Clone)]
pub enum VisitOutcome {
    Recorded {
        member: Box<MemberRow>,
        day: String,
        visitor: String,
        notes: Option<String>,
    },
    /// A plain 【已走访】 for a member whose visit is recorded for that day already (by anyone):
    /// nothing new is recorded.
    AlreadyRecorded {
        member: Box<MemberRow>,
        visit: Box<VisitRow>,
    },
    /// One button per member who could be meant (empty when nobody is near).
    ChooseMember {
        typed: String,
        members: Vec<MemberRow>,
        namesakes: bool,
    },
    Gone,
}

/// Records the line's visit, or offers the members it could mean.
pub async fn record_line(
    ctx: &mut Ctx<'_>,
    admin: i64,
    branch: i64,
    line: VisitLine,
) -> StoreResult<VisitOutcome> {
    let members = members_meant(ctx, branch, &line.name, line.hint.as_deref()).await?;
    if members.len() == 1 && members[0].name == line.name {
        let member = members.into_iter().next().expect("one");
        return record(ctx, admin, member, line).await;
    }
    waiting_lines::keep(ctx, admin, VISIT, (0, 0), serde_json::to_string(&line).ok()).await?;
    let namesakes = members.iter().any(|m| m.name == line.name);
    Ok(VisitOutcome::ChooseMember { typed: line.name, members, namesakes })
}

/// 【已走访】 or a member offered for a `/visit` line (authorized): the waiting line's day,
/// visitor and notes, else today and the one who tapped.
pub async fn record_tapped(
    ctx: &mut Ctx<'_>,
    admin: i64,
    member_id: i64,
    today: NaiveDate,
) -> StoreResult<VisitOutcome> {
    let member = store::members::get(ctx.tx, member_id).await?.filter(|m| m.forgotten_at.is_none());
    let Some(member) = member else { return Ok(VisitOutcome::Gone) };
    // The waiting line's day, visitor and notes belong to the tap only when the tapped member is
    // one the line offered; a 【已走访】 under a care alert about someone else leaves it waiting.
    let waiting = waiting_lines::get(ctx, admin, VISIT).await?;
    let waiting = waiting.and_then(|q| q.reason).and_then(|r| serde_json::from_str::<VisitLine>(&r).ok());
    let offered = match &waiting {
        Some(line) => {
            let meant = members_meant(ctx, member.branch_id, &line.name, line.hint.as_deref()).await?;
            meant.iter().any(|m| m.id == member.id)
        }
        None => false,
    };
    let line = match waiting {
        Some(line) if offered => {
            waiting_lines::take(ctx, admin, VISIT).await?;
            line
        }
        _ => return record_plain_tap(ctx, admin, member, today).await,
    };
    record(ctx, admin, member, line).await
}

/// A 【已走访】 without a `/visit` line: today's visit by the one who tapped, unless the member's
/// visit is recorded for today already — a second tap (a double tap, or another administrator's)
/// records nothing new. A `/visit` line written out still records another.
async fn record_plain_tap(
    ctx: &mut Ctx<'_>,
    admin: i64,
    member: MemberRow,
    today: NaiveDate,
) -> StoreResult<VisitOutcome> {
    let day = today.to_string();
    if let Some(visit) = store::visits::on_day(ctx.tx, member.id, &day).await? {
        return Ok(VisitOutcome::AlreadyRecorded { member: Box::new(member), visit: Box::new(visit) });
    }
    let line = VisitLine { name: String::new(), hint: None, day, visitor: None, notes: None };
    record(ctx, admin, member, line).await
}

async fn record(
    ctx: &mut Ctx<'_>,
    admin: i64,
    member: MemberRow,
    line: VisitLine,
) -> StoreResult<VisitOutcome> {
    let visitor = match line.visitor {
        Some(v) => v,
        None => waiting_lines::admin_name(ctx, admin, member.branch_id).await?,
    };
    let visit = NewVisit {
        branch_id: member.branch_id,
        member_id: member.id,
        visited_on: &line.day,
        visitor: &visitor,
        notes: line.notes.as_deref(),
        recorded_by: admin,
    };
    store::visits::add(ctx.tx, &visit, ctx.now).await?;
    // The notes may be health-related: the audit log names the visit, not what was seen.
    let detail = format!("{} {}", member.name, crate::texts::dates::month_day_of_iso(&line.day));
    store::audit::record(
        ctx.tx,
        Some(member.branch_id),
        Actor::Telegram(admin),
        AuditAction::VisitRecord,
        &detail,
        ctx.now,
    )
    .await?;
    Ok(VisitOutcome::Recorded { member: Box::new(member), day: line.day, visitor, notes: line.notes })
}

/// The member's visits, newest first (for the secretary's `/member 姓名`).
pub async fn of_member(ctx: &mut Ctx<'_>, member_id: i64) -> StoreResult<Vec<VisitRow>> {
    store::visits::of_member(ctx.tx, member_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_line_reads_day_visitor_and_notes_with_today_by_default() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let line = parse("王建国 昨天 李桂兰 情况：腿脚不便，精神尚好", today).unwrap();
        assert_eq!(line.day, "2026-11-24");
        assert_eq!(line.visitor.as_deref(), Some("李桂兰"));
        assert_eq!(line.notes.as_deref(), Some("腿脚不便，精神尚好"));
        let line = parse("王建国", today).unwrap();
        assert_eq!((line.day.as_str(), line.visitor, line.notes), ("2026-11-25", None, None));
        assert_eq!(parse("王建国 12月3日", today), Err(LineError::FutureDay("12月3日".to_owned())));
        assert_eq!(parse("", today), Err(LineError::NoName));
    }
}
