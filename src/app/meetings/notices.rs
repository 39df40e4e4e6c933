//! What a meeting posts in the branch group: the announcement with 【参加】【请假】, the live roll
//! (接龙) edited in place — coalesced, so a burst of answers makes a handful of edits — and the
//! scheduled reminders and check-in notice.

use chrono_tz::Tz;

use super::{branch_tz, entries, local, when_words};
use crate::app::context::Ctx;
use crate::domain::action::Action;
use crate::domain::job_kind::JobKind;
use crate::domain::meeting::{ButtonAction, Entry, roll};
use crate::domain::outgoing::{Buttons, InlineButton, MAX_TEXT_CHARS, Outgoing};
use crate::domain::quiet_hours::SendingWindow;
use crate::store::jobs::NewJob;
use crate::store::meetings::MeetingRow;
use crate::store::outbox::Delivery;
use crate::store::{self, StoreError, StoreResult};
use crate::texts::meeting as words;
use crate::texts::roll as roll_words;

const HOUR: i64 = 3_600_000;

/// What messages and jobs about a meeting are filed under, to withdraw them.
pub fn topic(meeting_id: i64) -> String {
    format!("meeting:{meeting_id}")
}

fn roll_topic(meeting_id: i64) -> String {
    format!("roll:{meeting_id}")
}

pub fn answer_buttons(meeting_id: i64) -> Buttons {
    Buttons::inline_row(vec![
        InlineButton::new(words::BUTTON_ATTEND, Action::Meeting(meeting_id, ButtonAction::Attend).encode()),
        InlineButton::new(words::BUTTON_LEAVE, Action::Meeting(meeting_id, ButtonAction::Leave).encode()),
    ])
}

pub async fn announcement_text(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<String> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let when = when_words(m.starts_at, ctx.now, tz);
    Ok(words::announcement(m.kind().name_cn(), m.party_group.as_deref(), &when, &m.place, &m.topic))
}

async fn roll_text(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<(String, Buttons)> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let (_, entries) = entries(ctx.tx, m).await?;
    Ok(roll_of(ctx, m, &entries, tz))
}

/// The roll's text within Telegram's limit, with 【完整名单】 when names had to be left out.
fn roll_of(ctx: &Ctx<'_>, m: &MeetingRow, entries: &[Entry], tz: Tz) -> (String, Buttons) {
    let when = when_words(m.starts_at, ctx.now, tz);
    let (text, elided) = roll_words::roll(m.kind().name_cn(), &when, &roll(entries), MAX_TEXT_CHARS);
    let buttons = if elided {
        let full = InlineButton::new(roll_words::BUTTON_FULL_LIST, Action::FullRoll(m.id).encode());
        Buttons::inline_row(vec![full])
    } else {
        Buttons::None
    };
    (text, buttons)
}

/// Every name of the meeting's roll, for whoever tapped 【完整名单】.
pub async fn full_roll(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<String> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let (_, entries) = entries(ctx.tx, m).await?;
    let when = when_words(m.starts_at, ctx.now, tz);
    Ok(roll_words::full_list(m.kind().name_cn(), &when, &roll(&entries)))
}

/// Posts the announcement and the roll in the group; `false` when no group is bound.
pub async fn announce(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<bool> {
    let Some(group) = super::group_of(ctx.tx, m.branch_id).await? else {
        return Ok(false);
    };
    let text = announcement_text(ctx, m).await?;
    let topic = topic(m.id);
    let delivery = Delivery { topic: Some(&topic), ..Delivery::default() };
    let announcement = Outgoing::with_buttons(text, answer_buttons(m.id));
    let announcement = ctx.say_with(group, announcement, &delivery).await?;
    let (roll, buttons) = roll_text(ctx, m).await?;
    let roll = Outgoing::with_buttons(roll, buttons);
    let roll = ctx.say_with(group, roll, &delivery).await?;
    let (Some(announcement), Some(roll)) = (announcement, roll) else {
        return Err(StoreError::Corrupt("outbox refused a meeting notice".into()));
    };
    store::meetings::set_messages(ctx.tx, m.id, announcement, roll).await?;
    Ok(true)
}

/// Brings the roll up to date with `entries` (the meeting's, as they now stand): rewrites the
/// edit still waiting, or queues one.
pub async fn refresh_roll(ctx: &mut Ctx<'_>, m: &MeetingRow, entries: &[Entry], tz: Tz) -> StoreResult<()> {
    let Some(roll_id) = m.roll_id else { return Ok(()) };
    let Some((chat, _)) = store::outbox::message_id_of(ctx.tx, roll_id).await? else { return Ok(()) };
    let (text, buttons) = roll_of(ctx, m, entries, tz);
    let edit = Outgoing::Edit { of_outbox_id: roll_id, text, buttons };
    let body = serde_json::to_string(&edit).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let topic = roll_topic(m.id);
    if !store::outbox::replace_pending(ctx.tx, &topic, &body).await? {
        ctx.say_with(chat, edit, &Delivery { topic: Some(&topic), ..Delivery::default() }).await?;
    }
    Ok(())
}

/// Replaces the announcement's text and buttons (moved, closed or cancelled).
pub async fn edit_announcement(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    text: String,
    buttons: Buttons,
) -> StoreResult<()> {
    let Some(id) = m.announcement_id else { return Ok(()) };
    let Some((chat, _)) = store::outbox::message_id_of(ctx.tx, id).await? else { return Ok(()) };
    ctx.say(chat, Outgoing::Edit { of_outbox_id: id, text, buttons }).await?;
    Ok(())
}

/// Withdraws the meeting's pending reminders, notices and jobs (cancelled or moved).
pub async fn withdraw(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<()> {
    store::outbox::withdraw(ctx.tx, &format!("remind:{}", m.id), "meeting changed").await?;
    // Only this meeting's own kinds: branch-wide jobs (warnings, care) share the ref_id space.
    for kind in [JobKind::MeetingRemind, JobKind::MeetingCheckIn] {
        store::jobs::cancel(ctx.tx, kind.code(), m.id, ctx.now).await?;
    }
    Ok(())
}

/// Schedules the reminders (the day before, two hours before; never in quiet hours) and the
/// check-in notice (half an hour before). A reminder whose time has passed is not scheduled.
pub async fn schedule(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<()> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let window = SendingWindow::default();
    for (label, before) in [("day", 24 * HOUR), ("soon", 2 * HOUR)] {
        let at = window.next_allowed(local(m.starts_at - before, tz), false).timestamp_millis();
        if at <= ctx.now || at >= m.starts_at {
            continue;
        }
        let key = format!("meeting:{}:remind:{label}:{}", m.id, m.starts_at);
        let job = NewJob {
            kind: JobKind::MeetingRemind,
            ref_id: m.id,
            run_at: at,
            stale_after: Some(m.starts_at),
            dedupe_key: &key,
            payload: label,
        };
        ctx.schedule(&job).await?;
    }
    let key = format!("meeting:{}:check_in:{}", m.id, m.starts_at);
    let job = NewJob {
        kind: JobKind::MeetingCheckIn,
        ref_id: m.id,
        run_at: (m.starts_at - HOUR / 2).max(ctx.now),
        stale_after: Some(m.starts_at + 3 * HOUR),
        dedupe_key: &key,
        payload: "",
    };
    ctx.schedule(&job).await?;
    Ok(())
}

pub fn check_in_buttons(meeting_id: i64) -> Buttons {
    Buttons::inline_row(vec![
        InlineButton::new(
            words::BUTTON_CHECK_IN,
            Action::Meeting(meeting_id, ButtonAction::CheckIn).encode(),
        ),
        InlineButton::new(
            words::BUTTON_CHECK_IN_ONLINE,
            Action::Meeting(meeting_id, ButtonAction::CheckInOnline).encode(),
        ),
    ])
}
