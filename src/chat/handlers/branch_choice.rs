//! `/branch` in private chat: a person who administers several branches picks the one their
//! commands apply to, by button (`cb:<branch>`).

use crate::app::admin::{branch_choice, choose_branch};
use crate::app::context::Ctx;
use crate::chat::handlers::admin::Admin;
use crate::chat::incoming::Person;
use crate::domain::action::Action;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::StoreResult;
use crate::texts::branch_choice as words;

pub async fn on_branch(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let choice = branch_choice(ctx.tx, admin.user_id).await?;
    let current = choice.current.map(|(_, name)| name).unwrap_or_default();
    if choice.others.is_empty() {
        return ctx.say_text(admin.chat_id, words::only_one(&current)).await.map(drop);
    }
    let rows = choice
        .others
        .iter()
        .map(|(id, name)| vec![InlineButton::new(words::button(name), Action::ChooseBranch(*id).encode())])
        .collect();
    let buttons = Buttons::Inline { rows };
    ctx.say(admin.chat_id, Outgoing::with_buttons(words::several(&current), buttons)).await.map(drop)
}

/// 【换成…】 under `/branch` (authorised: the tapper administers that branch).
pub async fn on_tap(ctx: &mut Ctx<'_>, callback_id: &str, from: &Person, branch_id: i64) -> StoreResult<()> {
    let name = choose_branch(ctx.tx, from.id, branch_id, ctx.now).await?;
    ctx.answer_callback(from.id, callback_id, Some(words::TAP_CHOSEN)).await?;
    ctx.say_text(from.id, words::chosen(&name)).await.map(drop)
}
