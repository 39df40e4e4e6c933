//! Study reminders (学习提醒): each occurrence opens a round, pushed to the group and to members
//! who opted in; 【已学习】 or "已学" records it once; 补学 later is recorded with its date.

use crate::app::context::Ctx;
use crate::app::job_outcome::JobOutcome;
use crate::domain::audit_action::AuditAction;

use crate::app::sending_window::send_time;
use crate::domain::action::Action;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::outbox::Delivery;
use crate::store::schedules::ScheduleRow;
use crate::store::study::RoundRow;
use crate::store::{self, Conn, StoreResult, members::MemberRow};
use crate::texts::study as words;

/// After this many days since the occurrence, studying counts as 补学.
pub const STUDY_DAYS: i64 = 3;
/// Plain words count for rounds this recent.
pub const OPEN_DAYS: i64 = 30;

fn studied_button(round_id: i64) -> InlineButton {
    InlineButton::new(words::BUTTON_STUDIED, Action::Studied(round_id).encode())
}

pub async fn run_occurrence(ctx: &mut Ctx<'_>, s: &ScheduleRow, occurrence: i64) -> StoreResult<JobOutcome> {
    let Some(round_id) =
        store::study::insert_round(ctx.tx, s.branch_id, s.id, &s.payload, occurrence, ctx.now).await?
    else {
        return Ok(JobOutcome::NothingToDo);
    };
    let at = send_time(ctx.tx, s.branch_id, ctx.now, s.urgent != 0).await?;
    let topic = format!("study:{round_id}");
    let text = words::reminder(&s.payload);
    if let Some(group) = store::branches::get(ctx.tx, s.branch_id).await?.and_then(|b| b.group_chat_id) {
        let buttons = Buttons::inline_row(vec![
            studied_button(round_id),
            InlineButton::new(words::BUTTON_SUBSCRIBE, Action::StudySubscribe.encode()),
        ]);
        let key = format!("{topic}:{group}");
        let delivery = Delivery {
            not_before: Some(at),
            topic: Some(&topic),
            dedupe_key: Some(&key),
            ..Default::default()
        };
        ctx.say_with(group, Outgoing::with_buttons(text.clone(), buttons), &delivery).await?;
    }
    for (_, user) in store::study::subscribers(ctx.tx, s.branch_id).await? {
        push_privately(ctx, round_id, user, &text, at, "push").await?;
    }
    Ok(JobOutcome::Done)
}

/// One private copy; `why` (`push`, `makeup`) names it so each goes at most once per member.
async fn push_privately(
    ctx: &mut Ctx<'_>,
    round_id: i64,
    user: i64,
    text: &str,
    at: i64,
    why: &str,
) -> StoreResult<bool> {
    let topic = format!("study:{round_id}");
    let key = format!("{topic}:{why}:{user}");
    let delivery =
        Delivery { not_before: Some(at), topic: Some(&topic), dedupe_key: Some(&key), ..Default::default() };
    let buttons = Buttons::inline_row(vec![studied_button(round_id)]);
    Ok(ctx.say_with(user, Outgoing::with_buttons(text, buttons), &delivery).await?.is_some())
}

/// Opts the Telegram user's membership in for private study reminders.
pub async fn subscribe(conn: &mut Conn, user_id: i64, now: i64) -> StoreResult<Option<String>> {
    let Some(member) = store::members::by_telegram_user(conn, user_id).await?.into_iter().next() else {
        return Ok(None);
    };
    store::study::subscribe(conn, member.id, now).await?;
    Ok(Some(member.name))
}

/// Who studied the branch's latest round (and when), and who has not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyStatus {
    pub round: RoundRow,
    /// (name, studied on, 补学)
    pub studied: Vec<(String, String, bool)>,
    pub missing: Vec<MemberRow>,
}

pub async fn status(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<StudyStatus>> {
    let Some(round) = store::study::latest_round(conn, branch_id).await? else { return Ok(None) };
    let records = store::study::records(conn, round.id).await?;
    let members = store::members::list(conn, branch_id).await?;
    let mut studied = Vec::new();
    let mut missing = Vec::new();
    for m in members {
        match records.iter().find(|(id, _, _)| *id == m.id) {
            Some((_, on, late)) => studied.push((m.name.clone(), on.clone(), *late != 0)),
            None => missing.push(m),
        }
    }
    Ok(Some(StudyStatus { round, studied, missing }))
}

/// Pushes the latest round's material privately to bound members who have not studied it;
/// returns (pushed, unreachable names).
pub async fn push_to_missing(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    by: store::audit::Actor,
) -> StoreResult<Option<(usize, Vec<String>)>> {
    store::audit::record(ctx.tx, Some(branch_id), by, AuditAction::StudyPush, "", ctx.now).await?;
    let Some(st) = status(ctx.tx, branch_id).await? else { return Ok(None) };
    let at = send_time(ctx.tx, branch_id, ctx.now, false).await?;
    let text = words::make_up(&st.round.material);
    let (mut pushed, mut unbound) = (0, Vec::new());
    for m in &st.missing {
        match m.telegram_user_id {
            Some(user) => {
                pushed += usize::from(push_privately(ctx, st.round.id, user, &text, at, "makeup").await?)
            }
            None => unbound.push(m.name.clone()),
        }
    }
    Ok(Some((pushed, unbound)))
}
