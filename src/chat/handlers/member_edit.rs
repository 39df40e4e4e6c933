//! `/member …`: one member added, or one field or status changed, confirmed in words.

use crate::app::context::Ctx;
use crate::app::member_edit::Edited;
use crate::chat::handlers::admin::Admin;
use crate::domain::member_edit;
use crate::store::StoreResult;
use crate::texts::{admin as admin_words, member_edit as words};

pub async fn on_member(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let edit = match member_edit::parse(args) {
        Ok(edit) => edit,
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
