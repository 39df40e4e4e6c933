//! Study reminders: 【已学习】 (`s:<round>`, a receipt: `handlers::receipt`) and 【以后私信提醒我】
//! (`s:o`) taps (plain "已学" goes through `handlers::words`),
//! `/study_status` (who has not studied) and `/study_push` (the material privately to them).

use crate::app::context::Ctx;
use crate::app::study;
use crate::chat::handlers::admin::Admin;
use crate::chat::incoming::Person;
use crate::store::StoreResult;
use crate::texts::study as words;

/// 【以后私信提醒我】 (`s:o`): study material privately from now on.
pub async fn on_subscribe(ctx: &mut Ctx<'_>, callback_id: &str, from: &Person) -> StoreResult<()> {
    let toast = match study::subscribe(ctx.tx, from.id, ctx.now).await? {
        Some(name) => words::subscribed(&name),
        None => words::SUBSCRIBE_NOT_A_MEMBER.to_owned(),
    };
    ctx.answer_callback(from.id, callback_id, Some(&toast)).await
}

pub async fn on_status(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let Some(status) = study::status(ctx.tx, admin.branch_id).await? else {
        return ctx.say_text(admin.chat_id, words::NO_ROUND).await.map(drop);
    };
    let studied: Vec<String> = status
        .studied
        .iter()
        .map(|(name, on, late)| words::studied_entry(name, &crate::texts::dates::month_day_of_iso(on), *late))
        .collect();
    let missing: Vec<String> = status.missing.iter().map(|m| m.name.clone()).collect();
    ctx.say_text(admin.chat_id, words::status(&status.round.material, &studied, &missing)).await?;
    crate::chat::handlers::charts::send_study_chart(ctx, admin).await
}

pub async fn on_push(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let by = crate::store::audit::Actor::Telegram(admin.user_id);
    let text = match study::push_to_missing(ctx, admin.branch_id, by).await? {
        Some((pushed, unbound)) => words::pushed(pushed, &unbound),
        None => words::NO_ROUND.to_owned(),
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}
