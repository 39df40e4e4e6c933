//! Closing a meeting: never before it starts, and only once the secretary has read what will
//! happen and confirmed (those who said 参加 but never checked in can be confirmed present in the
//! same tap). Then the record is fixed, the announcement loses its buttons, and whoever missed it
//! or was on leave gets the material privately with 【已学习】 (补学) — through their contact
//! person when they have one.

use super::export::{self, MeetingRecord};
use super::{branch_tz, entries, notices, when_words};
use crate::app::context::Ctx;
use crate::app::sending_window::send_time;
use crate::domain::Role;
use crate::domain::action::Action;
use crate::domain::audit_action::AuditAction;
use crate::domain::meeting::{Answer, ButtonAction, ClosePreview, Mode};
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::meetings::MeetingRow;
use crate::store::outbox::Delivery;
use crate::store::{self, StoreResult};
use crate::texts::meeting as words;

/// Whether the meeting can be closed now, and what closing it would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseCheck {
    /// It has not started: it can be closed from `when` on.
    TooEarly {
        when: String,
    },
    /// Closed or cancelled already.
    Gone,
    Ready(ClosePreview),
}

/// Checks meeting `m` for closing at `ctx.now`.
pub async fn check(ctx: &mut Ctx<'_>, m: &MeetingRow) -> StoreResult<CloseCheck> {
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let when = when_words(m.starts_at, ctx.now, tz);
    if !m.is_open() {
        return Ok(CloseCheck::Gone);
    }
    if ctx.now < m.starts_at {
        return Ok(CloseCheck::TooEarly { when });
    }
    let (_, entries) = entries(ctx.tx, m).await?;
    let unchecked = entries
        .iter()
        .filter(|e| e.present.is_none() && e.answer == Some(Answer::Attend))
        .map(|e| e.name.clone())
        .collect();
    let makeup = entries.iter().filter(|e| e.present.is_none()).count();
    let mut secretaries = Vec::new();
    for (user, role) in store::roles::admins(ctx.tx, m.branch_id).await? {
        let member = store::members::by_telegram_user(ctx.tx, user).await?;
        if let (Role::Secretary, Some(me)) = (role, member.into_iter().find(|r| r.branch_id == m.branch_id)) {
            secretaries.push(me.name);
        }
    }
    let grace_days = store::standing::grace_days(ctx.tx, m.branch_id).await?;
    Ok(CloseCheck::Ready(ClosePreview { when, secretaries, makeup, unchecked, grace_days }))
}

/// Those who said 参加 but never checked in are marked present (现场), as the secretary
/// confirmed; returns how many.
pub async fn confirm_attendees(ctx: &mut Ctx<'_>, m: &MeetingRow, user_id: i64) -> StoreResult<usize> {
    let (_, entries) = entries(ctx.tx, m).await?;
    let mut names = Vec::new();
    for e in entries.iter().filter(|e| e.present.is_none() && e.answer == Some(Answer::Attend)) {
        store::attendance::mark_present(ctx.tx, m.id, e.member_id, Mode::Onsite.code(), ctx.now).await?;
        names.push(e.name.as_str());
    }
    if !names.is_empty() {
        super::audit(ctx.tx, m, user_id, AuditAction::MeetingConfirmPresent, &names.join(","), ctx.now)
            .await?;
    }
    Ok(names.len())
}

/// Closes an open meeting; `None` when it was no longer open.
pub async fn close(ctx: &mut Ctx<'_>, m: &MeetingRow, user_id: i64) -> StoreResult<Option<MeetingRecord>> {
    if !store::meetings::finish(ctx.tx, m.id, "closed", ctx.now).await? {
        return Ok(None);
    }
    super::record::freeze(ctx.tx, m).await?;
    notices::withdraw(ctx, m).await?;
    let text = notices::announcement_text(ctx, m).await?;
    notices::edit_announcement(ctx, m, words::announcement_closed(&text), Buttons::None).await?;
    let closed = store::meetings::get(ctx.tx, m.id).await?.expect("exists");
    let record = export::record(ctx.tx, &closed).await?;
    send_makeup(ctx, &record).await?;
    super::audit(ctx.tx, m, user_id, AuditAction::MeetingClose, "", ctx.now).await?;
    Ok(Some(record))
}

/// The dedupe key of the make-up material about `member` sent to `chat`: once per member and
/// chat, and what a 【已学习】 tap is checked against.
pub fn makeup_key(meeting_id: i64, member_id: i64, chat: i64) -> String {
    format!("meeting:{meeting_id}:makeup:{member_id}:{chat}")
}

/// The material goes to each member who was not there: to their contact persons if they have
/// any, else to the member when bound to Telegram.
async fn send_makeup(ctx: &mut Ctx<'_>, record: &MeetingRecord) -> StoreResult<()> {
    let m = &record.meeting;
    let tz = branch_tz(ctx.tx, m.branch_id).await?;
    let when = when_words(m.starts_at, ctx.now, tz);
    // Not urgent: it waits for the branch's sending window; the record goes at once regardless.
    let not_before = send_time(ctx.tx, m.branch_id, ctx.now, false).await?;
    for entry in record.entries.iter().filter(|e| e.present.is_none()) {
        let mut to = store::contacts::of_member(ctx.tx, entry.member_id).await?;
        if to.is_empty() {
            let member = store::members::get(ctx.tx, entry.member_id).await?;
            to.extend(member.and_then(|m| m.telegram_user_id));
        }
        let text = words::makeup_material(&entry.name, m.kind().name_cn(), &when, &m.topic);
        let button = InlineButton::new(
            words::BUTTON_STUDIED,
            Action::Meeting(m.id, ButtonAction::Studied(entry.member_id)).encode(),
        );
        for chat in to {
            let message = Outgoing::with_buttons(text.clone(), Buttons::inline_row(vec![button.clone()]));
            // Once per member and chat, even when a reopened meeting closes again.
            let key = makeup_key(m.id, entry.member_id, chat);
            let delivery =
                Delivery { not_before: Some(not_before), dedupe_key: Some(&key), ..Delivery::default() };
            ctx.say_with(chat, message, &delivery).await?;
        }
    }
    Ok(())
}
