//! Members in private chat: the big keyboard, help, their own record, and strangers' one greeting;
//! what members ask and tell is `member_asks`.

use crate::app::context::Ctx;
use crate::app::people;
use crate::chat::handlers::keyboards::share_phone_keyboard;
use crate::chat::handlers::member_asks;
use crate::chat::incoming::TextMessage;
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;
use crate::texts::{binding, common};

pub async fn on_private_text(ctx: &mut Ctx<'_>, msg: TextMessage) -> StoreResult<()> {
    let user = msg.from.id;
    let person = people::who_is(ctx.tx, user).await?;
    if person.is_stranger() {
        return greet_stranger_once(ctx, msg.chat.id, user).await;
    }
    match msg.text.trim() {
        common::BUTTON_HELP => on_help(ctx, msg.chat.id, user).await?,
        common::BUTTON_MY_INFO => crate::chat::handlers::privacy::show(ctx, msg.chat.id, user).await?,
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

/// A stranger writing privately gets one kind explanation of how to bind, once.
pub async fn greet_stranger_once(ctx: &mut Ctx<'_>, chat_id: i64, user: i64) -> StoreResult<()> {
    if people::first_greeting(ctx.tx, user, ctx.now).await? {
        ctx.say(chat_id, Outgoing::with_buttons(binding::WELCOME_STRANGER, share_phone_keyboard())).await?;
    }
    Ok(())
}

pub async fn on_help(ctx: &mut Ctx<'_>, chat_id: i64, user: i64) -> StoreResult<()> {
    let help = if people::is_admin(ctx.tx, user).await? {
        format!("{}\n\n{}", common::MEMBER_HELP, crate::texts::commands::admin_help())
    } else {
        common::MEMBER_HELP.to_owned()
    };
    ctx.say_text(chat_id, help).await?;
    Ok(())
}
