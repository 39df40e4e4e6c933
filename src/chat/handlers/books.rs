//! Record books in private chat: `/export <period in words>` sends the period's 三会一课 record
//! book as XLSX and printable HTML; `/record [编号]` fetches a past meeting's record again (a
//! button per recent closed meeting, `er:<meeting>`); `/audit` reads the latest admin actions.
//! Records hold leave reasons (possibly health information), so they go to a secretary only.

use chrono::NaiveDate;

use crate::app::audit_log;
use crate::app::context::Ctx;
use crate::app::meetings::{book, branch_tz, local};
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::record::send_record;
use crate::chat::handlers::record_files::send_book;
use crate::chat::incoming::Person;
use crate::domain::Role;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::{action::Action, record_period::RecordPeriod};
use crate::store::StoreResult;
use crate::store::audit::Actor;
use crate::store::meetings::MeetingRow;
use crate::texts::{audit as audit_words, books as words};

/// How many recent closed meetings `/record` offers.
const RECENT: usize = 8;

pub async fn on_export(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    if admin.role != Role::Secretary {
        return ctx.say_text(admin.chat_id, words::ONLY_SECRETARY).await.map(drop);
    }
    let tz = branch_tz(ctx.tx, admin.branch_id).await?;
    let today = local(ctx.now, tz).date_naive();
    let period = match RecordPeriod::parse(args, today) {
        Ok(p) => p,
        Err(e) => return ctx.say_text(admin.chat_id, words::period_error(e)).await.map(drop),
    };
    let records =
        book::records_between(ctx.tx, admin.branch_id, Some(period.first), Some(period.last)).await?;
    let period_words = words::period_words(period.first, period.last);
    if records.is_empty() {
        return ctx.say_text(admin.chat_id, words::nothing_to_export(&period_words)).await.map(drop);
    }
    let detail = format!("{}..{} {}", period.first, period.last, records.len());
    book::exported(ctx.tx, admin.branch_id, Actor::Telegram(admin.user_id), &detail, ctx.now).await?;
    ctx.say_text(admin.chat_id, words::exported(&period_words, records.len())).await?;
    let visits = book::visits_between(ctx.tx, admin.branch_id, Some(period.first), Some(period.last)).await?;
    send_book(ctx, admin.chat_id, &records, &visits, &stem(period.first, period.last)).await
}

/// records-2026-10-01-2026-12-31
fn stem(first: NaiveDate, last: NaiveDate) -> String {
    format!("records-{first}-{last}")
}

pub async fn on_record(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    if admin.role != Role::Secretary {
        return ctx.say_text(admin.chat_id, words::ONLY_SECRETARY).await.map(drop);
    }
    if let Ok(id) = args.trim().parse::<i64>() {
        return match book::closed_meeting(ctx.tx, admin.branch_id, id).await? {
            Some(m) => resend(ctx, admin.user_id, &m).await,
            None => ctx.say_text(admin.chat_id, words::no_such_closed_meeting(id)).await.map(drop),
        };
    }
    let recent = book::recent_closed(ctx.tx, admin.branch_id, RECENT).await?;
    if recent.is_empty() {
        return ctx.say_text(admin.chat_id, words::NO_CLOSED_MEETING).await.map(drop);
    }
    let tz = branch_tz(ctx.tx, admin.branch_id).await?;
    let rows = recent
        .iter()
        .map(|m| {
            let date = crate::texts::dates::full_date(&local(m.starts_at, tz));
            let label = words::meeting_button(&date, m.kind(), m.id);
            vec![InlineButton::new(label, Action::ResendRecord(m.id).encode())]
        })
        .collect();
    ctx.say(admin.chat_id, Outgoing::with_buttons(words::PICK_MEETING, Buttons::Inline { rows }))
        .await
        .map(drop)
}

/// A tap on a meeting under `/record` (already authorized: an administrator of its branch).
pub async fn on_tap(ctx: &mut Ctx<'_>, callback_id: &str, from: &Person, meeting_id: i64) -> StoreResult<()> {
    let Some(m) = crate::app::meetings::find(ctx.tx, meeting_id).await? else {
        return ctx.answer_callback(from.id, callback_id, None).await;
    };
    if !crate::app::people::is_secretary_of(ctx.tx, from.id, m.branch_id).await? {
        return ctx.answer_callback(from.id, callback_id, Some(words::ONLY_SECRETARY)).await;
    }
    ctx.answer_callback(from.id, callback_id, Some(words::SENDING_RECORD)).await?;
    resend(ctx, from.id, &m).await
}

async fn resend(ctx: &mut Ctx<'_>, user: i64, m: &MeetingRow) -> StoreResult<()> {
    book::fetched(ctx.tx, m, Actor::Telegram(user), ctx.now).await?;
    send_record(ctx, m, user).await
}

pub async fn on_audit(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    if admin.role != Role::Secretary {
        return ctx.say_text(admin.chat_id, audit_words::ONLY_SECRETARY).await.map(drop);
    }
    send_audit_page(ctx, admin.chat_id, admin.branch_id, None).await
}

/// 【更早的记录】 under a page of `/audit`: the page before it, to the secretary only.
pub async fn on_older(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    branch_id: i64,
    before: i64,
) -> StoreResult<()> {
    if !crate::app::people::is_secretary_of(ctx.tx, from.id, branch_id).await? {
        return ctx.answer_callback(from.id, callback_id, Some(audit_words::ONLY_SECRETARY)).await;
    }
    ctx.answer_callback(from.id, callback_id, None).await?;
    send_audit_page(ctx, from.id, branch_id, Some(before)).await
}

async fn send_audit_page(
    ctx: &mut Ctx<'_>,
    chat: i64,
    branch_id: i64,
    before: Option<i64>,
) -> StoreResult<()> {
    let page = audit_log::page(ctx.tx, branch_id, before).await?;
    if page.lines.is_empty() {
        let empty = if before.is_some() { audit_words::NO_OLDER } else { audit_words::EMPTY };
        return ctx.say_text(chat, empty).await.map(drop);
    }
    let heading = if before.is_some() {
        audit_words::older_heading(page.lines.len())
    } else {
        audit_words::heading(page.lines.len())
    };
    let text = format!("{heading}\n{}", page.lines.join("\n"));
    let buttons = match page.older_than {
        Some(before) => {
            let data = Action::AuditOlder { branch_id, before }.encode();
            Buttons::Inline { rows: vec![vec![InlineButton::new(audit_words::BUTTON_OLDER, data)]] }
        }
        None => Buttons::None,
    };
    ctx.say(chat, Outgoing::with_buttons(text, buttons)).await.map(drop)
}
