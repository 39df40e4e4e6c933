//! `/start` in private chat: redeem a binding code, or show the 【绑定手机号】 button.

use crate::app::binding::{self, RedeemOutcome};
use crate::app::context::Ctx;
use crate::app::people;
use crate::chat::handlers::keyboards::{member_keyboard, share_phone_keyboard};
use crate::chat::incoming::TextMessage;
use crate::domain::looks_like_binding_code;
use crate::domain::outgoing::{MenuScope, Outgoing};
use crate::store::StoreResult;
use crate::texts::{binding as words, commands};

pub async fn on_start(ctx: &mut Ctx<'_>, msg: &TextMessage, payload: &str) -> StoreResult<()> {
    let chat = msg.chat.id;
    people::reachable(ctx.tx, chat).await?;
    let payload = payload.trim();
    if !payload.is_empty() && looks_like_binding_code(payload) {
        return redeem(ctx, msg, payload).await;
    }
    let bound = people::is_member(ctx.tx, msg.from.id).await?;
    let reply = if bound {
        Outgoing::with_buttons(words::WELCOME_BACK, member_keyboard())
    } else {
        people::first_greeting(ctx.tx, msg.from.id, ctx.now).await?;
        Outgoing::with_buttons(words::WELCOME_STRANGER, share_phone_keyboard())
    };
    ctx.say(chat, reply).await?;
    Ok(())
}

async fn redeem(ctx: &mut Ctx<'_>, msg: &TextMessage, code: &str) -> StoreResult<()> {
    let chat = msg.chat.id;
    match binding::redeem_code(ctx.tx, code, msg.from.id, &msg.from.name, ctx.now).await? {
        RedeemOutcome::Secretary { branch_name, replaced, find_yourself, several } => {
            let bound = words::secretary_bound(&branch_name);
            let bound = match several {
                true => format!("{bound}\n{}", crate::texts::branch_choice::YOU_HAVE_SEVERAL),
                false => bound,
            };
            ctx.say_text(chat, bound).await?;
            let menu = commands::menu(commands::ADMINS);
            ctx.say(chat, Outgoing::CommandMenu { commands: menu, scope: MenuScope::Chat(chat) }).await?;
            if find_yourself {
                ctx.say(chat, Outgoing::with_buttons(words::FIND_YOURSELF, share_phone_keyboard())).await?;
            }
            for former in replaced {
                ctx.say_text(former, words::secretary_replaced(&msg.from.name, &branch_name)).await?;
            }
        }
        RedeemOutcome::Member { member, branch_name } => {
            let text = words::member_bound(&member.name, &branch_name);
            ctx.say(chat, Outgoing::with_buttons(text, member_keyboard())).await?;
        }
        RedeemOutcome::Contact { member, notify } => {
            ctx.say(chat, Outgoing::with_buttons(words::contact_bound(&member.name), member_keyboard()))
                .await?;
            for admin in notify {
                ctx.say_text(admin, words::secretary_told_contact_bound(&msg.from.name, &member.name))
                    .await?;
            }
        }
        RedeemOutcome::Invalid => {
            ctx.say_text(chat, words::CODE_INVALID).await?;
        }
    }
    Ok(())
}
