//! When a branch's message may go out: the one rule every feature asks (quiet hours and holidays,
//! the branch's own or the defaults), and when a notice about a meeting goes.
//!
//! What waits and what goes at once:
//! - Answers to a person, confirmations, roll edits, records and button answers go at once:
//!   someone is waiting for them. They are queued without a time and never wait behind a
//!   message held for later in the same chat.
//! - Everything the bot says on its own — briefings, study reminders, meeting announcements and
//!   reminders, 补学 material, greetings, warnings and care alerts — goes at the first instant
//!   [`send_time`] allows, unless the secretary marked it urgent.
//! - A notice about a meeting (its announcement, a cancellation, a move) waits too, unless the
//!   meeting would start less than [`NOTICE_LEAD_MS`] after the window opens: members must hear
//!   of tonight's cancellation of tomorrow's 08:30 meeting before they set off.

use chrono_tz::Tz;

use crate::app::branches::{branch_tz, local};
use crate::app::context::Ctx;
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::outgoing::Outgoing;
use crate::domain::quiet_hours::{Holidays, QuietHours, SendingWindow};
use crate::store::outbox::Delivery;
use crate::store::{self, Conn, StoreResult};

/// A meeting notice goes at once when the meeting starts sooner than this after the window
/// opens (unix ms): two hours, enough to read it before leaving home.
pub const NOTICE_LEAD_MS: i64 = 2 * 3_600_000;

/// The branch's quiet hours (default 20:00–08:00 and 12:00–14:30) and days off: China's public
/// holidays it does not keep as ordinary days, and its own.
pub async fn window(conn: &mut Conn, branch_id: i64) -> StoreResult<SendingWindow> {
    let settings = store::schedules::settings(conn, branch_id).await?;
    let quiet = settings.quiet_hours.and_then(|q| QuietHours::parse(&q).ok()).unwrap_or_default();
    let own = settings.holidays.and_then(|h| Holidays::parse(&h).ok()).unwrap_or_default();
    let kept = store::schedules::kept_days(conn, branch_id).await?;
    let kept = kept.and_then(|k| Holidays::parse(&k).ok()).unwrap_or_default();
    let holidays = HolidayCalendar::china().days_off(&own, &kept);
    Ok(SendingWindow { quiet, holidays })
}

/// The first instant at or after `at` (unix ms) when the branch's non-urgent message may go
/// out; `at` itself when `urgent`.
pub async fn send_time(conn: &mut Conn, branch_id: i64, at: i64, urgent: bool) -> StoreResult<i64> {
    let tz = branch_tz(conn, branch_id).await?;
    let window = window(conn, branch_id).await?;
    Ok(allowed(&window, at, urgent, tz))
}

/// When a notice about a meeting starting at `starts_at` goes, said at `now`: with the
/// window, or at once when waiting would leave members too little time (see the module).
pub async fn notice_time(conn: &mut Conn, branch_id: i64, now: i64, starts_at: i64) -> StoreResult<i64> {
    let at = send_time(conn, branch_id, now, false).await?;
    Ok(if at + NOTICE_LEAD_MS > starts_at { now } else { at })
}

/// Says `text` to each of `chats` (privately, not urgent) when the branch's window allows.
pub async fn say_in_window(ctx: &mut Ctx<'_>, branch_id: i64, chats: &[i64], text: &str) -> StoreResult<()> {
    say_message_in_window(ctx, branch_id, chats, &Outgoing::text(text)).await
}

/// `say_in_window` for a message with buttons.
pub async fn say_message_in_window(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    chats: &[i64],
    message: &Outgoing,
) -> StoreResult<()> {
    let at = send_time(ctx.tx, branch_id, ctx.now, false).await?;
    let delivery = Delivery { not_before: Some(at), ..Delivery::default() };
    for &chat in chats {
        ctx.say_with(chat, message.clone(), &delivery).await?;
    }
    Ok(())
}

fn allowed(window: &SendingWindow, at: i64, urgent: bool, tz: Tz) -> i64 {
    window.next_allowed(local(at, tz), urgent).timestamp_millis()
}
