//! What a meeting posts in the branch group: the announcement with 【参加】【请假】, the live roll
//! (接龙) edited in place — coalesced, so a burst of answers makes a handful of edits — and the
//! scheduled reminders and check-in notice.

use chrono_tz::Tz;

use super::{branch_tz, entries, local, when_words};
use crate::app::context::Ctx;
use crate::app::sending_window::{notice_time, send_time};
use crate::domain::action::Action;
use crate::domain::job_kind::JobKind;
use crate::domain::meeting::{ButtonAction, Entry, roll};
use crate::domain::outgoing::{Buttons, InlineButton, MAX_TEXT_CHARS, Outgoing};
use crate::store::jobs::NewJob;
use crate::store::meetings::MeetingRow;
use crate::store::outbox::{Delivery, PRIORITY_LIVE};
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

/// When the group hears of a meeting, or of a change to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    /// At this instant (unix ms): at once, or when the sending window opens.
    At(i64),
    /// Never: what the group was to be told was still held, and is withdrawn.
    Withdrawn,
    /// No group is bound.
    NoGroup,
}

/// The secretary's words for `told`: "通知已发到支部群", or when it will go.
pub async fn told_words(ctx: &mut Ctx<'_>, branch_id: i64, told: Told) -> StoreResult<String> {
    Ok(match told {
        Told::At(at) if at > ctx.now => {
            let tz = branch_tz(ctx.tx, branch_id).await?;
            words::told_group_later(&crate::texts::common::later_at(local(at, tz), local(ctx.now, tz)))
        }
        Told::At(_) => words::TOLD_GROUP.to_owned(),
        Told::Withdrawn => words::TOLD_WITHDRAWN.to_owned(),
        Told::NoGroup => words::TOLD_NO_GROUP.to_owned(),
    })
}

/// Posts the announcement and the roll in the group, when the sending window allows unless the
/// meeting is too close to wait.
pub async fn announce(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<Told> {
    let Some(group) = super::group_of(ctx.tx, m.branch_id).await? else {
        return Ok(Told::NoGroup);
    };
    let text = announcement_text(ctx, m).await?;
    let topic = topic(m.id);
    let at = notice_time(ctx.tx, m.branch_id, ctx.now, m.starts_at).await?;
    let delivery = Delivery { not_before: Some(at), topic: Some(&topic), ..Delivery::default() };
    let announcement = Outgoing::with_buttons(text, answer_buttons(m.id));
    let announcement = ctx.say_with(group, announcement, &delivery).await?;
    let (roll, buttons) = roll_text(ctx, m).await?;
    let roll = Outgoing::with_buttons(roll, buttons);
    let roll = ctx.say_with(group, roll, &delivery).await?;
    let (Some(announcement), Some(roll)) = (announcement, roll) else {
        return Err(StoreError::Corrupt("outbox refused a meeting notice".into()));
    };
    store::meetings::set_messages(ctx.tx, m.id, announcement, roll).await?;
    Ok(Told::At(at))
}

/// Brings the roll up to date with `entries` (the meeting's, as they now stand): rewrites the
/// edit still waiting, or queues one ahead of the replies (the group's pace spaces them out).
pub async fn refresh_roll(ctx: &mut Ctx<'_>, m: &MeetingRow, entries: &[Entry], tz: Tz) -> StoreResult<()> {
    let Some(roll_id) = m.roll_id else { return Ok(()) };
    let Some((chat, _)) = store::outbox::message_id_of(ctx.tx, roll_id).await? else { return Ok(()) };
    let (text, buttons) = roll_of(ctx, m, entries, tz);
    let edit = Outgoing::Edit { of_outbox_id: roll_id, text, buttons };
    let body = serde_json::to_string(&edit).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let topic = roll_topic(m.id);
    if !store::outbox::replace_pending(ctx.tx, &topic, &body).await? {
        let live = Delivery { topic: Some(&topic), priority: Some(PRIORITY_LIVE), ..Delivery::default() };
        ctx.say_with(chat, edit, &live).await?;
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

/// Withdraws the announcement and roll while they are still held for the sending window (no one
/// has seen them); false when they went already, or never were.
pub async fn withdraw_unseen(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<bool> {
    let Some(id) = m.announcement_id else { return Ok(false) };
    if store::outbox::pending_not_before(ctx.tx, id).await?.is_none() {
        return Ok(false);
    }
    for topic in [topic(m.id), roll_topic(m.id)] {
        store::outbox::withdraw(ctx.tx, &topic, "meeting changed before its announcement went").await?;
    }
    Ok(true)
}

/// Tells the group of a change to a meeting (cancelled, moved) that starts at `starts_at` —
/// the earlier of its old and new times: with the sending window, or at once when the meeting is
/// too close to wait (see `app::sending_window`).
pub async fn tell_group(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    text: String,
    starts_at: i64,
) -> StoreResult<Told> {
    let Some(group) = super::group_of(ctx.tx, m.branch_id).await? else { return Ok(Told::NoGroup) };
    let at = notice_time(ctx.tx, m.branch_id, ctx.now, starts_at).await?;
    let topic = topic(m.id);
    let delivery = Delivery { not_before: Some(at), topic: Some(&topic), ..Delivery::default() };
    ctx.say_with(group, Outgoing::text(text), &delivery).await?;
    Ok(Told::At(at))
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

/// Schedules the reminders (the day before, two hours before; never outside the branch's
/// sending window, and worded from when they actually go) and the check-in notice (half an hour
/// before, at its time: the meeting is about to begin). A reminder whose time has passed, or
/// that the window would push past the start, is not scheduled.
pub async fn schedule(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<()> {
    for (label, before) in [("day", 24 * HOUR), ("soon", 2 * HOUR)] {
        let at = send_time(ctx.tx, m.branch_id, m.starts_at - before, false).await?;
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
