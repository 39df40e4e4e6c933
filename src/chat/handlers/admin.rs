//! Secretaries' commands in private chat: the roster, personal binding links, granting powers.

use crate::app::context::Ctx;
use crate::app::{MemberLookup, admin, branches};
use crate::domain::outgoing::{MenuScope, Outgoing};
use crate::domain::{BindingPurpose, Role};
use crate::store::{StoreResult, members::MemberRow};
use crate::texts::{admin as words, commands};

/// The administrator's branch and role, already checked by the schema's filter.
#[derive(Debug, Clone, Copy)]
pub struct Admin {
    pub user_id: i64,
    pub chat_id: i64,
    pub branch_id: i64,
    pub role: Role,
}

/// Resolves the name typed after a command, or says why not and returns `None`.
pub async fn member_named(
    ctx: &mut Ctx<'_>,
    admin: Admin,
    command: &str,
    query: &str,
) -> StoreResult<Option<MemberRow>> {
    if query.trim().is_empty() {
        ctx.say_text(admin.chat_id, words::name_needed(command)).await?;
        return Ok(None);
    }
    let name = query.split_whitespace().next().unwrap_or_default();
    match admin::find_member(ctx.tx, admin.branch_id, query).await? {
        MemberLookup::Found(member) => return Ok(Some(*member)),
        MemberLookup::NotFound => ctx.say_text(admin.chat_id, words::no_such_member(name)).await?,
        MemberLookup::Ambiguous(hints) => {
            ctx.say_text(admin.chat_id, words::which_member(name, &hints)).await?
        }
    };
    Ok(None)
}

pub async fn on_members(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let branch = crate::app::branches::name(ctx.tx, admin.branch_id).await?;
    let members = crate::app::branches::roster(ctx.tx, admin.branch_id).await?;
    let bound = members.iter().filter(|m| m.telegram_user_id.is_some()).count();
    let mut lines = vec![words::roster_header(&branch, members.len(), bound)];
    for (i, m) in members.iter().enumerate() {
        let membership = crate::texts::dates::membership_label(&m.membership);
        lines.push(words::roster_line(i + 1, &m.name, membership, m.telegram_user_id.is_some()));
    }
    ctx.say_text(admin.chat_id, lines.join("\n")).await?;
    Ok(())
}

pub async fn on_link(
    ctx: &mut Ctx<'_>,
    admin: Admin,
    query: &str,
    purpose: BindingPurpose,
) -> StoreResult<()> {
    let command = if purpose == BindingPurpose::Contact { "contact" } else { "link" };
    let Some(member) = member_named(ctx, admin, command, query).await? else { return Ok(()) };
    let code = admin::personal_code(ctx.tx, admin.user_id, &member, purpose, ctx.now).await?;
    let bot = (!ctx.bot_username.is_empty()).then_some(ctx.bot_username);
    let text = match (branches::start_link(bot, &code), purpose) {
        (Some(link), BindingPurpose::Contact) => words::contact_link(&member.name, &link),
        (Some(link), _) => words::member_link(&member.name, &link),
        (None, _) => words::code_without_link(&code),
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}

pub async fn on_grant(ctx: &mut Ctx<'_>, admin: Admin, query: &str) -> StoreResult<()> {
    if admin.role != Role::Secretary {
        ctx.say_text(admin.chat_id, words::ONLY_SECRETARY_GRANTS).await?;
        return Ok(());
    }
    let Some(member) = member_named(ctx, admin, "grant", query).await? else { return Ok(()) };
    match admin::grant_committee(ctx.tx, admin.user_id, &member, ctx.now).await? {
        admin::GrantOutcome::Granted { user_id } => {
            ctx.say_text(admin.chat_id, words::granted(&member.name)).await?;
            let branch = crate::app::branches::name(ctx.tx, admin.branch_id).await?;
            ctx.say_text(user_id, words::you_were_granted(&branch)).await?;
            let menu = commands::menu(commands::ADMINS);
            ctx.say(user_id, Outgoing::CommandMenu { commands: menu, scope: MenuScope::Chat(user_id) })
                .await?;
        }
        admin::GrantOutcome::NotBound => {
            ctx.say_text(admin.chat_id, words::not_bound_yet(&member.name)).await.map(drop)?
        }
    }
    Ok(())
}

pub async fn on_revoke(ctx: &mut Ctx<'_>, admin: Admin, query: &str) -> StoreResult<()> {
    if admin.role != Role::Secretary {
        ctx.say_text(admin.chat_id, words::ONLY_SECRETARY_GRANTS).await?;
        return Ok(());
    }
    let Some(member) = member_named(ctx, admin, "revoke", query).await? else { return Ok(()) };
    let text = if admin::revoke_committee(ctx.tx, admin.user_id, &member, ctx.now).await? {
        words::revoked(&member.name)
    } else {
        words::not_granted(&member.name)
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}
