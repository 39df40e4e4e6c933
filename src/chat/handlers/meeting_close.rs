//! Closing a meeting from `/close_meeting` or 【结束会议】: refused before the start, else a
//! question naming what will happen, and only the secretary's confirming tap closes.

use crate::app::context::Ctx;
use crate::app::meetings::close::{self, CloseCheck};
use crate::chat::handlers::record_files::send_files;
use crate::chat::incoming::Person;
use crate::chat::router::Tapped;
use crate::domain::action::{Action, CloseChoice};
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::StoreResult;
use crate::store::meetings::MeetingRow;
use crate::texts::meeting as words;
use crate::texts::meeting_close as close_words;

/// Asks `chat` to confirm closing `m`, or says why it cannot be closed yet; `true` when asked.
pub async fn ask(ctx: &mut Ctx<'_>, m: &MeetingRow, chat: i64) -> StoreResult<bool> {
    let kind = m.kind().name_cn();
    let preview = match close::check(ctx, m).await? {
        CloseCheck::Ready(preview) => preview,
        CloseCheck::TooEarly { when } => {
            ctx.say_text(chat, close_words::too_early(kind, &when, m.id)).await?;
            return Ok(false);
        }
        CloseCheck::Gone => {
            ctx.say_text(chat, words::TAP_MEETING_GONE).await?;
            return Ok(false);
        }
    };
    let button =
        |label: String, choice| InlineButton::new(label, Action::CloseMeeting(m.id, choice).encode());
    let unchecked = preview.unchecked.len();
    let mut rows = Vec::new();
    if unchecked > 0 {
        rows.push(vec![button(
            close_words::close_with_attendees(unchecked),
            CloseChoice::CloseWithAttendees,
        )]);
        rows.push(vec![button(close_words::close_without(unchecked), CloseChoice::Close)]);
    } else {
        rows.push(vec![button(close_words::BUTTON_CLOSE.to_owned(), CloseChoice::Close)]);
    }
    rows.push(vec![button(close_words::BUTTON_KEEP_OPEN.to_owned(), CloseChoice::KeepOpen)]);
    let question =
        Outgoing::with_buttons(close_words::confirm(kind, m.id, &preview), Buttons::Inline { rows });
    ctx.say(chat, question).await?;
    Ok(true)
}

/// 【结束会议】 under "已创建…": asks first.
pub async fn on_close_button(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    m: &MeetingRow,
) -> StoreResult<()> {
    if !crate::app::admin::is_admin_of(ctx.tx, from.id, m.branch_id).await? {
        return ctx.answer_callback(from.id, callback_id, Some(words::TAP_ONLY_ADMINS)).await;
    }
    let asked = ask(ctx, m, from.id).await?;
    // A refusal is said in the chat; no toast besides.
    ctx.answer_callback(from.id, callback_id, asked.then_some(close_words::TAP_ASKED)).await
}

/// The answer to the question: close (confirming those who said 参加 present first, when
/// asked), or keep the meeting open. The question loses its buttons once answered.
pub async fn on_choice(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    tapped: Tapped,
    meeting_id: i64,
    choice: CloseChoice,
) -> StoreResult<()> {
    let Some(m) = crate::app::meetings::find(ctx.tx, meeting_id).await? else {
        return ctx.answer_callback(from.id, callback_id, Some(words::TAP_MEETING_GONE)).await;
    };
    if !crate::app::admin::is_admin_of(ctx.tx, from.id, m.branch_id).await? {
        return ctx.answer_callback(from.id, callback_id, Some(words::TAP_ONLY_ADMINS)).await;
    }
    // What is said in the chat needs no toast besides.
    let reply = match (choice, close::check(ctx, &m).await?) {
        (_, CloseCheck::Gone) => Some(words::TAP_MEETING_GONE),
        (CloseChoice::KeepOpen, _) => {
            ctx.say_text(from.id, close_words::KEPT_OPEN).await?;
            None
        }
        (_, CloseCheck::TooEarly { when }) => {
            ctx.say_text(from.id, close_words::too_early(m.kind().name_cn(), &when, m.id)).await?;
            None
        }
        (choice, CloseCheck::Ready(_)) => {
            if choice == CloseChoice::CloseWithAttendees {
                let n = close::confirm_attendees(ctx, &m, from.id).await?;
                ctx.say_text(from.id, close_words::attendees_confirmed(n)).await?;
            }
            let closed = close_and_send(ctx, &m, from.id, from.id).await?;
            Some(if closed { words::TAP_RECORDED } else { words::TAP_MEETING_GONE })
        }
    };
    settle_question(ctx, tapped, choice).await?;
    ctx.answer_callback(from.id, callback_id, reply).await
}

/// The question, once answered, keeps its words (with what was chosen) and loses its buttons.
async fn settle_question(ctx: &mut Ctx<'_>, tapped: Tapped, choice: CloseChoice) -> StoreResult<()> {
    let Some(message_id) = tapped.message_id else { return Ok(()) };
    let Some((row, body)) = crate::app::said::message(ctx.tx, tapped.chat, message_id).await? else {
        return Ok(());
    };
    // A pruned body (retention) or another message: nothing to settle.
    let Ok(Outgoing::Text { text, .. }) = serde_json::from_str::<Outgoing>(&body) else { return Ok(()) };
    if !text.starts_with(close_words::QUESTION_START) {
        return Ok(());
    }
    let text = close_words::answered(&text, choice == CloseChoice::KeepOpen);
    ctx.say(tapped.chat, Outgoing::Edit { of_outbox_id: row, text, buttons: Buttons::None }).await.map(drop)
}

/// Closes the meeting (the secretary confirmed) and sends the record — in words, as XLSX and as printable HTML — to the
/// branch's secretaries only: it holds leave reasons, which may be health information.
pub async fn close_and_send(ctx: &mut Ctx<'_>, m: &MeetingRow, user_id: i64, chat: i64) -> StoreResult<bool> {
    let Some(record) = close::close(ctx, m, user_id).await? else { return Ok(false) };
    let secretaries = crate::app::meetings::secretaries(ctx.tx, m.branch_id).await?;
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
