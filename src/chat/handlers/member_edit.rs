//! `/member …`: one member added, or one field or status changed, confirmed in words;
//! `/member 姓名` alone shows the member's page (with their 走访慰问 visits).

use crate::app::MemberLookup;
use crate::app::context::Ctx;
use crate::app::member_edit::Edited;
use crate::chat::handlers::admin::Admin;
use crate::domain::member_edit;
use crate::store::StoreResult;
use crate::texts::{admin as admin_words, makeup_for as visit_words, member_edit as words};

pub async fn on_member(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let edit = match member_edit::parse(args) {
        Ok(edit) => edit,
        Err(member_edit::MemberEditError::WhatToChange) if args.split_whitespace().count() <= 2 => {
            return page(ctx, admin, args).await;
        }
        Err(e) => {
            ctx.say_text(admin.chat_id, words::member_error(&e)).await?;
            return Ok(());
        }
    };
    let text =
        match crate::app::member_edit::apply(ctx.tx, admin.user_id, admin.branch_id, edit, ctx.now).await? {
            Edited::Added { name } => words::added(&name),
            Edited::Changed { name, change, since } => words::changed(&name, &change, since),
            Edited::NotFound { name } => admin_words::no_such_member(&name),
            Edited::Ambiguous { name, hints } => admin_words::which_member(&name, &hints),
            Edited::PhoneTaken { by } => words::phone_taken(&by),
            Edited::NameTaken { name } => words::name_taken(&name),
        };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}

/// The member's page for an administrator: who they are, and their 走访慰问 visits (the notes,
/// possibly health-related, for the secretary only).
async fn page(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let member = match crate::app::admin::find_member(ctx.tx, admin.branch_id, args).await? {
        MemberLookup::Found(member) => *member,
        MemberLookup::NotFound => {
            let text = format!("{}\n{}", admin_words::no_such_member(args.trim()), words::MEMBER_USAGE);
            return ctx.say_text(admin.chat_id, text).await.map(drop);
        }
        MemberLookup::Ambiguous(hints) => {
            let name = args.split_whitespace().next().unwrap_or_default();
            return ctx.say_text(admin.chat_id, admin_words::which_member(name, &hints)).await.map(drop);
        }
    };
    let secretary = admin.role == crate::domain::Role::Secretary;
    let mut lines = vec![words::page_head(
        &member.name,
        crate::texts::dates::membership_label(&member.membership),
        member.party_group.as_deref(),
        member.phone.as_deref(),
        member.contact_name.as_deref(),
    )];
    let visits = crate::app::visits::of_member(ctx, member.id).await?;
    if !visits.is_empty() {
        lines.push(visit_words::VISITS_HEADING.to_owned());
        lines.extend(visits.iter().map(|v| {
            visit_words::visit_line(&v.visited_on, &v.visitor, v.notes.as_deref().filter(|_| secretary))
        }));
    }
    lines.push(words::PAGE_TAIL.to_owned());
    ctx.say_text(admin.chat_id, lines.join("\n")).await.map(drop)
}
