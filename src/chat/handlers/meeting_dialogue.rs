//! The guided creation of a meeting (`/meeting` with nothing after it): buttons for the kind
//! and the party group, then the time, place and topic in words. 【发通知】 under the 主题党日
//! reminder starts it with the kind and the day filled in.

use chrono::NaiveDate;

use crate::app::context::Ctx;
use crate::app::meetings::dialogue::{self, Step};
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::meeting_words::{create_error, created};
use crate::chat::incoming::{Person, TextMessage};
use crate::domain::action::Action;
use crate::domain::meeting::MeetingKind;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::StoreResult;
use crate::texts::meeting as words;
use crate::texts::theme_day as theme_words;

/// A tap on one of the dialogue's buttons (`Action::DialogueKind`, `Action::DialogueGroup`).
pub enum DialogueTap {
    Kind(MeetingKind),
    Group(usize),
}

pub async fn on_start(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let step = dialogue::start(ctx, admin.branch_id, admin.user_id).await?;
    say_step(ctx, admin.chat_id, step).await
}

pub async fn on_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    tap: DialogueTap,
) -> StoreResult<()> {
    let step = match tap {
        DialogueTap::Kind(kind) => dialogue::choose_kind(ctx, from.id, kind).await?,
        DialogueTap::Group(index) => dialogue::choose_group(ctx, from.id, index).await?,
    };
    match step {
        Some(step) => {
            ctx.answer_callback(from.id, callback_id, None).await?;
            say_step(ctx, from.id, step).await
        }
        None => ctx.answer_callback(from.id, callback_id, Some(words::DIALOGUE_GONE)).await,
    }
}

/// 【发通知】 under the 主题党日 reminder (authorized: an administrator of the branch): the
/// dialogue starts with the kind and the day filled in and asks only the time.
pub async fn on_theme_day(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    branch_id: i64,
    day: NaiveDate,
) -> StoreResult<()> {
    let step = dialogue::start_on(ctx, branch_id, from.id, MeetingKind::ThemeDay, day).await?;
    ctx.answer_callback(from.id, callback_id, None).await?;
    say_step(ctx, from.id, step).await
}

/// Words from a secretary in the middle of a dialogue.
pub async fn take(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    if !msg.chat.private {
        return Ok(false);
    }
    match dialogue::answer(ctx, msg.from.id, &msg.text).await? {
        Some(step) => say_step(ctx, msg.chat.id, step).await.map(|_| true),
        None => Ok(false),
    }
}

async fn say_step(ctx: &mut Ctx<'_>, chat: i64, step: Step) -> StoreResult<()> {
    let message = match step {
        Step::AskKind => {
            let buttons: Vec<InlineButton> = MeetingKind::ALL
                .iter()
                .map(|k| InlineButton::new(k.name_cn(), Action::DialogueKind(*k).encode()))
                .collect();
            let rows = buttons.chunks(2).map(<[InlineButton]>::to_vec).collect();
            Outgoing::with_buttons(words::ASK_KIND, Buttons::Inline { rows })
        }
        Step::AskGroup(groups) => {
            let rows = groups
                .iter()
                .enumerate()
                .map(|(i, g)| vec![InlineButton::new(g.as_str(), Action::DialogueGroup(i).encode())])
                .collect();
            Outgoing::with_buttons(words::ASK_GROUP, Buttons::Inline { rows })
        }
        Step::AskTime => Outgoing::text(words::ASK_TIME),
        // The day is at most a few days ahead: no year needed.
        Step::AskTimeOn(day) => {
            Outgoing::text(theme_words::ask_time_on(&theme_words::day_in_words(day, day)))
        }
        Step::AskPlace => Outgoing::text(words::ASK_PLACE),
        Step::AskTopic => Outgoing::text(words::ASK_TOPIC),
        Step::Invalid(e) | Step::Failed(e) => Outgoing::text(create_error(&e)),
        Step::Created(c) => created(&c),
        Step::Cancelled => Outgoing::text(words::DIALOGUE_CANCELLED),
    };
    ctx.say(chat, message).await.map(drop)
}
