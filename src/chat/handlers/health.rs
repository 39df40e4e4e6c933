//! Health notes: `/health 姓名 内容` asks the member's consent; only the member's 【同意】/【不同意】
//! answers it.

use crate::app::context::Ctx;
use crate::app::health::{self, ConsentOutcome};
use crate::chat::handlers::admin::{Admin, member_named};
use crate::chat::incoming::Person;
use crate::domain::Role;
use crate::store::StoreResult;
use crate::texts::{admin as words, common};

pub async fn on_health(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    // Only the secretary sees or asks for health notes; committee powers do not reach them.
    if admin.role != Role::Secretary {
        ctx.say_text(admin.chat_id, common::ONLY_ADMINS).await?;
        return Ok(());
    }
    let mut parts = args.trim().splitn(2, char::is_whitespace);
    let name = parts.next().unwrap_or_default();
    let note = parts.next().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        ctx.say_text(admin.chat_id, words::HEALTH_USAGE).await?;
        return Ok(());
    }
    let Some(member) = member_named(ctx, admin, "health", name).await? else { return Ok(()) };
    if note.is_empty() {
        let text = match health::view(ctx.tx, &member).await? {
            Some(note) => words::health_shown(&member.name, &note),
            None => words::health_none(&member.name),
        };
        ctx.say_text(admin.chat_id, text).await?;
        return Ok(());
    }
    let Some(askee) = health::request(ctx.tx, admin.user_id, &member, note, ctx.inbox_id, ctx.now).await?
    else {
        ctx.say_text(admin.chat_id, words::health_consent_unreachable(&member.name)).await?;
        return Ok(());
    };
    health::ask_consent(ctx, askee, &member, note).await?;
    ctx.say_text(admin.chat_id, words::health_consent_asked(&member.name)).await?;
    Ok(())
}

pub async fn on_consent(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    member_id: i64,
    yes: bool,
) -> StoreResult<()> {
    match health::answer(ctx.tx, member_id, from.id, yes, ctx.now).await? {
        ConsentOutcome::Recorded { member, consented, notify } => {
            let thanks = if consented { words::HEALTH_THANKS_YES } else { words::HEALTH_THANKS_NO };
            ctx.answer_callback(from.id, callback_id, None).await?;
            ctx.say_text(from.id, thanks).await?;
            let told = if consented {
                words::health_consented(&member.name)
            } else {
                words::health_refused(&member.name)
            };
            for secretary in notify {
                ctx.say_text(secretary, told.clone()).await?;
            }
        }
        ConsentOutcome::NotTheMember => {
            ctx.answer_callback(from.id, callback_id, Some(words::HEALTH_ONLY_THE_MEMBER)).await?
        }
        ConsentOutcome::Gone => {
            ctx.answer_callback(from.id, callback_id, Some(words::HEALTH_REQUEST_GONE)).await?
        }
    }
    Ok(())
}
