//! Members in private chat: the big keyboard, help, their own record, and strangers' one greeting;
//! what members ask and tell is `member_asks`.

use crate::app::context::Ctx;
use crate::chat::handlers::member_asks;
use crate::chat::incoming::TextMessage;
use crate::domain::outgoing::{Buttons, KeyButton, Outgoing};
use crate::store::{self, StoreResult};
use crate::texts::{binding, common, member_ask as asks};

/// The persistent keyboard a bound member keeps: a few big buttons, no typing needed.
pub fn member_keyboard() -> Buttons {
    Buttons::Keyboard {
        rows: vec![
            vec![KeyButton::plain(asks::BUTTON_NEXT_MEETING), KeyButton::plain(asks::BUTTON_ASK_LEAVE)],
            vec![KeyButton::plain(asks::BUTTON_NOTE)],
            vec![KeyButton::plain(common::BUTTON_MY_INFO), KeyButton::plain(common::BUTTON_HELP)],
        ],
    }
}

/// The keyboard a newcomer gets: one big button that shares their phone number.
pub fn share_phone_keyboard() -> Buttons {
    Buttons::Keyboard { rows: vec![vec![KeyButton::contact(binding::BUTTON_SHARE_PHONE)]] }
}

pub async fn on_private_text(ctx: &mut Ctx<'_>, msg: TextMessage) -> StoreResult<()> {
    let user = msg.from.id;
    let members = store::members::by_telegram_user(ctx.tx, user).await?;
    let answers_for = store::contacts::members_answered_by(ctx.tx, user).await?;
    let is_admin = !store::roles::of_user(ctx.tx, user).await?.is_empty();
    if members.is_empty() && answers_for.is_empty() && !is_admin {
        return greet_stranger_once(ctx, msg.chat.id, user).await;
    }
    match msg.text.trim() {
        common::BUTTON_HELP => on_help(ctx, msg.chat.id, user).await?,
        common::BUTTON_MY_INFO => my_info(ctx, msg.chat.id, user).await?,
        _ if member_asks::on_keyboard(ctx, &msg).await? => {}
        _ if member_asks::take_waited(ctx, &msg).await? => {}
        _ if member_asks::on_words(ctx, &msg).await? => {}
        _ => {
            // Never silence in private; but an edit of words already answered is not asked again.
            if !crate::chat::handlers::words::offer(ctx, &msg).await? && !msg.edited {
                member_asks::not_understood(ctx, &msg).await?;
            }
        }
    }
    Ok(())
}

/// What the branch holds about the member (their right to see their own data).
pub async fn my_info(ctx: &mut Ctx<'_>, chat_id: i64, user: i64) -> StoreResult<()> {
    crate::chat::handlers::privacy::show(ctx, chat_id, user).await
}

/// A stranger writing privately gets one kind explanation of how to bind, once.
pub async fn greet_stranger_once(ctx: &mut Ctx<'_>, chat_id: i64, user: i64) -> StoreResult<()> {
    if store::chats::greet_once(ctx.tx, user, ctx.now).await? {
        ctx.say(chat_id, Outgoing::with_buttons(binding::WELCOME_STRANGER, share_phone_keyboard())).await?;
    }
    Ok(())
}

pub async fn on_help(ctx: &mut Ctx<'_>, chat_id: i64, user: i64) -> StoreResult<()> {
    let is_admin = !store::roles::of_user(ctx.tx, user).await?.is_empty();
    let help = if is_admin {
        format!("{}\n\n{}", common::MEMBER_HELP, crate::texts::commands::admin_help())
    } else {
        common::MEMBER_HELP.to_owned()
    };
    ctx.say_text(chat_id, help).await?;
    Ok(())
}
