//! Secretaries' meeting commands in private chat: `/meeting`, `/cancel_meeting`, `/reschedule`,
//! `/close_meeting` (asks first: `meeting_close`), `/report`; `/present` is in `meeting_present`.

use crate::app::context::Ctx;
use crate::app::meetings::create;
use crate::app::meetings::{self, report};
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::meeting_words::{create_error, created, time_error};
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;
use crate::store::meetings::MeetingRow;
use crate::texts::meeting as words;

pub async fn on_meeting(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    if args.trim().is_empty() {
        return crate::chat::handlers::meeting_dialogue::on_start(ctx, admin).await;
    }
    let message = match create::create(ctx, admin.branch_id, admin.user_id, args).await? {
        Ok(c) => created(&c),
        Err(e) => Outgoing::text(create_error(&e)),
    };
    ctx.say(admin.chat_id, message).await?;
    report::schedule_warnings(ctx, admin.branch_id).await
}

/// The open meeting a command is about (a leading number picks it), and the rest of its words;
/// says why not and returns `None` when it cannot tell.
pub async fn open_meeting(
    ctx: &mut Ctx<'_>,
    admin: Admin,
    command: &str,
    args: &str,
) -> StoreResult<Option<(MeetingRow, String)>> {
    let args = args.trim();
    let (first, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let (id, rest) = match first.parse::<i64>() {
        Ok(id) => (Some(id), rest.trim()),
        Err(_) => (None, args),
    };
    match meetings::pick_open(ctx.tx, admin.branch_id, id).await? {
        Ok(m) => return Ok(Some((m, rest.to_owned()))),
        Err(open) if open.is_empty() => {
            let text = match id {
                Some(id) => words::no_such_meeting(id),
                None => words::NO_OPEN_MEETING.to_owned(),
            };
            ctx.say_text(admin.chat_id, text).await?;
        }
        Err(open) => {
            let tz = meetings::branch_tz(ctx.tx, admin.branch_id).await?;
            let lines: Vec<String> = open
                .iter()
                .map(|m| {
                    words::meeting_line(
                        m.id,
                        m.kind().name_cn(),
                        &meetings::when_words(m.starts_at, ctx.now, tz),
                    )
                })
                .collect();
            ctx.say_text(admin.chat_id, words::which_meeting(command, &lines)).await?;
        }
    }
    Ok(None)
}

pub async fn on_cancel(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some((m, _)) = open_meeting(ctx, admin, "cancel_meeting", args).await? else { return Ok(()) };
    let Some(told) = create::cancel(ctx, &m, admin.user_id).await? else {
        return ctx.say_text(admin.chat_id, words::no_such_meeting(m.id)).await.map(drop);
    };
    let told = meetings::notices::told_words(ctx, m.branch_id, told).await?;
    ctx.say_text(admin.chat_id, words::cancelled_done(m.kind().name_cn(), &told)).await.map(drop)
}

pub async fn on_reschedule(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some((m, when)) = open_meeting(ctx, admin, "reschedule", args).await? else { return Ok(()) };
    if when.is_empty() {
        return ctx.say_text(admin.chat_id, words::RESCHEDULE_USAGE).await.map(drop);
    }
    let (new, told) = match create::reschedule(ctx, &m, admin.user_id, &when).await? {
        Ok(moved) => moved,
        Err(e) => return ctx.say_text(admin.chat_id, time_error(e)).await.map(drop),
    };
    let told = meetings::notices::told_words(ctx, m.branch_id, told).await?;
    ctx.say_text(admin.chat_id, words::rescheduled_done(m.kind().name_cn(), &new, &told)).await.map(drop)
}

pub async fn on_close(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some((m, _)) = open_meeting(ctx, admin, "close_meeting", args).await? else { return Ok(()) };
    crate::chat::handlers::meeting_close::ask(ctx, &m, admin.chat_id).await.map(drop)
}

pub async fn on_report(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let text = report::text(ctx.tx, admin.branch_id, ctx.now).await?;
    ctx.say_text(admin.chat_id, text).await?;
    crate::chat::handlers::charts::send_report_chart(ctx, admin).await?;
    report::schedule_warnings(ctx, admin.branch_id).await
}
