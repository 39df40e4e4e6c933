//! Secretaries' meeting commands in private chat: `/meeting`, `/cancel_meeting`, `/reschedule`,
//! `/close_meeting` (asks first: `meeting_close`), `/report`; `/present` is in `meeting_present`.

use crate::app::context::Ctx;
use crate::app::meetings::book;
use crate::app::meetings::create::{self, CreateError, Created};
use crate::app::meetings::export::MeetingRecord;
use crate::app::meetings::{self, close, report};
use crate::chat::handlers::admin::Admin;
use crate::domain::Role;
use crate::domain::action::Action;
use crate::domain::meeting::ButtonAction;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::when_phrase::WhenError;
use crate::store::meetings::MeetingRow;
use crate::store::{self, StoreResult};
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

/// "已创建…" with the 【结束会议】 button for later (it asks before it closes).
pub fn created(c: &Created) -> Outgoing {
    let m = &c.meeting;
    let text = words::meeting_created(m.kind().name_cn(), &c.when, m.id, &c.told);
    let close = InlineButton::new(words::BUTTON_CLOSE, Action::Meeting(m.id, ButtonAction::Close).encode());
    Outgoing::with_buttons(text, Buttons::inline_row(vec![close]))
}

pub fn create_error(e: &CreateError) -> String {
    match e {
        CreateError::Usage => words::MEETING_USAGE.to_owned(),
        CreateError::UnknownKind(word) => words::unknown_kind(word),
        CreateError::WhichGroup => words::WHICH_GROUP.to_owned(),
        CreateError::Time(e) => time_error(*e).to_owned(),
        CreateError::NoPlace => words::NO_PLACE.to_owned(),
        CreateError::NoTopic => words::NO_TOPIC.to_owned(),
        CreateError::NoGroupBound => words::NO_GROUP_BOUND.to_owned(),
    }
}

fn time_error(e: WhenError) -> &'static str {
    match e {
        WhenError::InPast => words::TIME_IN_PAST,
        WhenError::InvalidDate => words::TIME_INVALID,
        WhenError::NoTime => words::TIME_WITHOUT_HOUR,
        WhenError::Empty | WhenError::Unrecognised => words::NO_TIME,
    }
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

/// Closes the meeting (the secretary confirmed) and sends the record — in words, as XLSX and as printable HTML — to the
/// branch's secretaries only: it holds leave reasons, which may be health information.
pub async fn close_and_send(ctx: &mut Ctx<'_>, m: &MeetingRow, user_id: i64, chat: i64) -> StoreResult<bool> {
    let Some(record) = close::close(ctx, m, user_id).await? else { return Ok(false) };
    let secretaries: Vec<i64> = store::roles::admins(ctx.tx, m.branch_id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == Role::Secretary)
        .map(|(user, _)| user)
        .collect();
    for secretary in &secretaries {
        ctx.say_text(*secretary, words::closed_done(m.kind().name_cn())).await?;
        ctx.say_text(*secretary, record.text()).await?;
        send_files(ctx, *secretary, std::slice::from_ref(&record)).await?;
    }
    if !secretaries.contains(&user_id) {
        ctx.say_text(chat, words::record_sent_to_secretary(m.kind().name_cn())).await?;
    }
    Ok(true)
}

pub async fn send_files(ctx: &mut Ctx<'_>, chat: i64, records: &[MeetingRecord]) -> StoreResult<()> {
    let Some(first) = records.first() else { return Ok(()) };
    send_book(ctx, chat, records, &format!("meeting-{}", first.meeting.id)).await
}

/// The records as XLSX and printable HTML documents named `<stem>.xlsx` / `<stem>.html`.
pub async fn send_book(
    ctx: &mut Ctx<'_>,
    chat: i64,
    records: &[MeetingRecord],
    stem: &str,
) -> StoreResult<()> {
    let Some(first) = records.first() else { return Ok(()) };
    let branch =
        store::branches::get(ctx.tx, first.meeting.branch_id).await?.map(|b| b.name).unwrap_or_default();
    for (file_name, content) in book::files(&branch, records, stem) {
        ctx.say(chat, Outgoing::Document { file_name, content, caption: None }).await?;
    }
    Ok(())
}

pub async fn on_report(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let text = report::text(ctx.tx, admin.branch_id, ctx.now).await?;
    ctx.say_text(admin.chat_id, text).await?;
    crate::chat::handlers::charts::send_report_chart(ctx, admin).await?;
    report::schedule_warnings(ctx, admin.branch_id).await
}
