//! `/handover 姓名`: the secretary role offered to a successor, and the successor's answer.

use crate::app::context::Ctx;
use crate::app::handover::{self, Answer, Offered};
use crate::app::people;
use crate::chat::handlers::admin::{Admin, member_named};
use crate::chat::incoming::Person;
use crate::domain::action::Action;
use crate::domain::outgoing::{Buttons, InlineButton, MenuScope, Outgoing};
use crate::store::StoreResult;
use crate::texts::{commands, handover as words};

pub async fn on_handover(ctx: &mut Ctx<'_>, admin: Admin, query: &str) -> StoreResult<()> {
    if admin.role != crate::domain::Role::Secretary {
        ctx.say_text(admin.chat_id, words::ONLY_SECRETARY_HANDS_OVER).await?;
        return Ok(());
    }
    let Some(member) = member_named(ctx, admin, "handover", query).await? else { return Ok(()) };
    let text = match handover::offer(ctx, admin.user_id, admin.role, &member).await? {
        Offered::Asked { handover_id, to_user_id } => {
            let branch = crate::app::branches::name(ctx.tx, admin.branch_id).await?;
            let secretary = people::name_in_branch(ctx.tx, admin.user_id, admin.branch_id)
                .await?
                .unwrap_or_else(|| words::SECRETARY_UNNAMED.to_owned());
            let button = |label: &str, yes: bool| {
                InlineButton::new(label, Action::Handover { handover_id, yes }.encode())
            };
            let buttons = Buttons::inline_row(vec![
                button(words::BUTTON_ACCEPT, true),
                button(words::BUTTON_DECLINE, false),
            ]);
            let ask = Outgoing::with_buttons(words::ask_successor(&secretary, &branch), buttons);
            ctx.say(to_user_id, ask).await?;
            words::asked(&member.name)
        }
        Offered::NotSecretary => words::ONLY_SECRETARY_HANDS_OVER.to_owned(),
        Offered::NotBound => words::not_bound(&member.name),
        Offered::AlreadySecretary => words::already_secretary(&member.name),
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}

/// 【接任书记】 or 【不接任】.
pub async fn on_answer(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    handover_id: i64,
    yes: bool,
) -> StoreResult<()> {
    match handover::answer(ctx, handover_id, yes).await? {
        Answer::Accepted { from_user_id, successor, branch_name } => {
            ctx.answer_callback(from.id, callback_id, Some(words::TAP_ACCEPTED)).await?;
            ctx.say_text(from.id, words::you_are_secretary(&branch_name)).await?;
            let menu = commands::menu(commands::ADMINS);
            ctx.say(from.id, Outgoing::CommandMenu { commands: menu, scope: MenuScope::Chat(from.id) })
                .await?;
            ctx.say_text(from_user_id, words::handed_over(&successor)).await?;
        }
        Answer::Declined { from_user_id, successor } => {
            ctx.answer_callback(from.id, callback_id, None).await?;
            ctx.say_text(from.id, words::YOU_DECLINED).await?;
            ctx.say_text(from_user_id, words::declined(&successor)).await?;
        }
        Answer::Gone => {
            ctx.answer_callback(from.id, callback_id, None).await?;
            ctx.say_text(from.id, words::GONE).await?;
        }
    }
    Ok(())
}
