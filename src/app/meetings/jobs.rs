//! The meeting's scheduled jobs: reminders to the group (the day before and two hours before)
//! with a private nudge to members who have not answered, the check-in notice, and the warning
//! before a period closes without a required meeting.

use super::notices;
use super::{branch_tz, entries, local, when_words};
use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::app::sending_window::send_time;
use crate::domain::job_kind::JobKind;
use crate::domain::outgoing::Outgoing;
use crate::store::jobs::JobRow;
use crate::store::outbox::Delivery;
use crate::store::{self, StoreResult};
use crate::texts::meeting as words;

/// Runs a meeting's reminder or check-in notice (`kind` is one of those two).
pub async fn run(ctx: &mut Ctx<'_>, job: &JobRow, kind: JobKind) -> StoreResult<Result<JobOutcome, String>> {
    let Some(m) = store::meetings::get(ctx.tx, job.ref_id).await?.filter(|m| m.is_open()) else {
        return Ok(Ok(JobOutcome::NothingToDo));
    };
    let Some(group) = super::group_of(ctx.tx, m.branch_id).await? else {
        return Ok(Ok(JobOutcome::NothingToDo));
    };
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let when = when_words(m.starts_at, ctx.now, tz);
    let meeting_kind = m.kind().name_cn();
    let topic = format!("remind:{}", m.id);
    let delivery = Delivery { topic: Some(&topic), stale_after: Some(m.starts_at), ..Delivery::default() };
    match kind {
        JobKind::MeetingRemind => {
            // The window may have changed since it was scheduled: it goes when allowed, and says
            // how far off the meeting is from then ("一小时后", not a stale "两小时后").
            let at = send_time(ctx.tx, m.branch_id, ctx.now, false).await?;
            if at >= m.starts_at {
                return Ok(Ok(JobOutcome::NothingToDo));
            }
            let delivery = Delivery { not_before: Some(at), ..delivery };
            let label = words::starts_in(local(m.starts_at, tz), local(at, tz));
            let text = words::reminder(&label, meeting_kind, &when, &m.place, &m.topic);
            ctx.say_with(group, Outgoing::text(text), &delivery).await?;
            if job.payload == "day" {
                let (_, expected) = entries(ctx.tx, &m).await?;
                for e in expected.iter().filter(|e| e.answer.is_none() && e.present.is_none()) {
                    let member = store::members::get(ctx.tx, e.member_id).await?;
                    let Some(user) = member.and_then(|m| m.telegram_user_id) else { continue };
                    let nudge = words::nudge(&e.name, meeting_kind, &when, &m.place);
                    let message = Outgoing::with_buttons(nudge, notices::answer_buttons(m.id));
                    ctx.say_with(user, message, &delivery).await?;
                }
            }
            Ok(Ok(JobOutcome::Done))
        }
        JobKind::MeetingCheckIn => {
            let text = words::check_in_notice(meeting_kind, &when, &m.place);
            let message = Outgoing::with_buttons(text, notices::check_in_buttons(m.id));
            ctx.say(group, message).await?;
            Ok(Ok(JobOutcome::Done))
        }
        other => Ok(Err(format!("`{}` is not a meeting notice", other.code()))),
    }
}
