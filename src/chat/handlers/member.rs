//! Members in private chat: the big keyboard, help, their own record, and strangers' one greeting.

use crate::app::context::Ctx;
use crate::app::people;
use crate::chat::incoming::TextMessage;
use crate::domain::outgoing::{Buttons, KeyButton, Outgoing};
use crate::store::StoreResult;
use crate::texts::{binding, common, member as words};

/// The persistent keyboard a bound member keeps: a few big buttons, no typing needed.
pub fn member_keyboard() -> Buttons {
    Buttons::Keyboard {
        rows: vec![vec![KeyButton::plain(common::BUTTON_MY_INFO), KeyButton::plain(common::BUTTON_HELP)]],
    }
}

/// The keyboard a newcomer gets: one big button that shares their phone number.
pub fn share_phone_keyboard() -> Buttons {
    Buttons::Keyboard { rows: vec![vec![KeyButton::contact(binding::BUTTON_SHARE_PHONE)]] }
}

pub async fn on_private_text(ctx: &mut Ctx<'_>, msg: TextMessage) -> StoreResult<()> {
    let user = msg.from.id;
    let person = people::who_is(ctx.tx, user).await?;
    if person.is_stranger() {
        return greet_stranger_once(ctx, msg.chat.id, user).await;
    }
    match msg.text.trim() {
        common::BUTTON_HELP => on_help(ctx, msg.chat.id, user).await?,
        common::BUTTON_MY_INFO => {
            let text = match person.members.first() {
                Some(m) => words::my_info(&m.fields()),
                None => words::NOT_A_MEMBER_INFO.to_owned(),
            };
            ctx.say_text(msg.chat.id, text).await?;
        }
        _ => {
            crate::chat::handlers::words::offer(ctx, &msg).await?;
        }
    }
    Ok(())
}

/// A stranger writing privately gets one kind explanation of how to bind, once.
pub async fn greet_stranger_once(ctx: &mut Ctx<'_>, chat_id: i64, user: i64) -> StoreResult<()> {
    if people::first_greeting(ctx.tx, user, ctx.now).await? {
        ctx.say(chat_id, Outgoing::with_buttons(binding::WELCOME_STRANGER, share_phone_keyboard())).await?;
    }
    Ok(())
}

pub async fn on_help(ctx: &mut Ctx<'_>, chat_id: i64, user: i64) -> StoreResult<()> {
    let help = if people::who_is(ctx.tx, user).await?.is_admin {
        format!("{}\n\n{}", common::MEMBER_HELP, crate::texts::commands::admin_help())
    } else {
        common::MEMBER_HELP.to_owned()
    };
    ctx.say_text(chat_id, help).await?;
    Ok(())
}
