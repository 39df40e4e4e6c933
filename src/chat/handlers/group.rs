//! The branch group: `/bind` and `/unbind`, plain words, upgrades to a supergroup, the bot added or removed.

use crate::app::binding::{self, GroupBindOutcome, GroupUnbindOutcome};
use crate::app::context::Ctx;
use crate::app::{known, people};
use crate::chat::incoming::{Chat, Person, TextMessage};
use crate::store::StoreResult;
use crate::texts::binding as words;

pub async fn on_bind(ctx: &mut Ctx<'_>, msg: &TextMessage, arg: &str) -> StoreResult<()> {
    let chat = msg.chat.id;
    if msg.chat.private {
        ctx.say_text(chat, words::BIND_IN_GROUP).await?;
        return Ok(());
    }
    let already_bound = people::group_branch(ctx.tx, chat).await?.is_some();
    let hint = arg.trim().trim_start_matches('#').parse::<i64>().ok();
    match binding::bind_group(ctx.tx, msg.from.id, chat, hint, ctx.now).await? {
        GroupBindOutcome::Bound { branch_name } => {
            ctx.say_text(chat, words::group_bound(&branch_name)).await?
        }
        // A group the bot was never bound in hears nothing from it.
        GroupBindOutcome::NotSecretary if !already_bound => return Ok(()),
        GroupBindOutcome::NotSecretary => ctx.say_text(chat, words::BIND_ONLY_SECRETARY).await?,
        GroupBindOutcome::WhichBranch => ctx.say_text(chat, words::BIND_WHICH_BRANCH).await?,
        GroupBindOutcome::TakenByAnother { owner_name } => {
            ctx.say_text(chat, words::bind_taken(&owner_name)).await?
        }
    };
    Ok(())
}

/// `/unbind`: the group's own secretary releases it (the bot stays, silent, until a `/bind`).
pub async fn on_unbind(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<()> {
    let chat = msg.chat.id;
    if msg.chat.private {
        ctx.say_text(chat, words::UNBIND_IN_GROUP).await?;
        return Ok(());
    }
    let text = match binding::unbind_group(ctx.tx, msg.from.id, chat, ctx.now).await? {
        GroupUnbindOutcome::Released { branch_name } => words::group_released(&branch_name),
        GroupUnbindOutcome::NotSecretary => words::UNBIND_ONLY_SECRETARY.to_owned(),
        // A group the bot was never bound in hears nothing from it.
        GroupUnbindOutcome::NotBound => return Ok(()),
    };
    ctx.say_text(chat, text).await?;
    Ok(())
}

/// Plain text in a group: remember who writes in a bound group (to route binding questions).
pub async fn on_group_text(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<()> {
    if msg.anonymous_admin {
        return Ok(());
    }
    if let Some(branch) = known::group_branch(ctx, msg.chat.id).await? {
        people::seen_in_group(ctx, branch.id, msg.from.id, &msg.from.name).await?;
        let taken = crate::chat::handlers::words::offer(ctx, msg).await?;
        if let (false, Some(batch)) = (taken, ctx.batch.as_deref_mut()) {
            // Chatter changed nothing but who was seen: what the batch knows still holds.
            batch.rolls.keep();
        }
    }
    Ok(())
}

pub async fn on_upgrade(ctx: &mut Ctx<'_>, from: i64, to: i64) -> StoreResult<()> {
    // Telegram sends both halves (migrate_to in the old group, migrate_from in the new one);
    // the second finds nothing left to move and stays silent.
    if let Some(branch_name) = binding::follow_group_upgrade(ctx.tx, from, to, ctx.now).await? {
        ctx.say_text(to, words::group_moved(&branch_name)).await?;
    }
    Ok(())
}

/// The bot was added, removed, blocked or unblocked.
pub async fn on_membership(ctx: &mut Ctx<'_>, chat: Chat, _by: &Person, present: bool) -> StoreResult<()> {
    if let Some((branch_name, admins)) =
        people::bot_membership(ctx.tx, chat.id, chat.private, present, ctx.now).await?
    {
        for admin in admins {
            ctx.say_text(admin, words::bot_removed_from_group(&branch_name)).await?;
        }
    }
    Ok(())
}
