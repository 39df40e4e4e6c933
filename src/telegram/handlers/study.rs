//! Study reminders: 【已学习】 (`s:<round>`) and 【以后私信提醒我】 (`s:o`) taps, "已学" in private,
//! `/study_status` (who has not studied) and `/study_push` (the material privately to them).

use crate::app::context::Ctx;
use crate::app::study::{self, StudyOutcome};
use crate::domain::reply_intent::{ReplyContext, ReplyIntent};
use crate::store::StoreResult;
use crate::telegram::handlers::admin::Admin;
use crate::telegram::handlers::words::private_members_saying;
use crate::telegram::incoming::{Person, TextMessage};
use crate::texts::study as words;

/// A tap on a study reminder's buttons (`Action::Studied`, `Action::StudySubscribe`).
pub enum StudyTap {
    Studied(i64),
    Subscribe,
}

pub async fn on_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    in_private: bool,
    tap: StudyTap,
) -> StoreResult<()> {
    let round_id = match tap {
        StudyTap::Studied(round_id) => round_id,
        StudyTap::Subscribe => {
            let toast = match study::subscribe(ctx.tx, from.id, ctx.now).await? {
                Some(name) => words::subscribed(&name),
                None => words::SUBSCRIBE_NOT_A_MEMBER.to_owned(),
            };
            return ctx.answer_callback(from.id, callback_id, Some(&toast)).await;
        }
    };
    let outcome = study::mark_studied(ctx.tx, round_id, from.id, ctx.now).await?;
    let recorded = matches!(outcome, StudyOutcome::Recorded { .. });
    confirm_tap(ctx, callback_id, from.id, in_private && recorded, outcome_text(&outcome)).await
}

/// Answers a tap with its confirmation; in private it is also a message, to be read again later.
pub async fn confirm_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    user: i64,
    as_message: bool,
    text: String,
) -> StoreResult<()> {
    ctx.answer_callback(user, callback_id, Some(&text)).await?;
    if as_message {
        ctx.say_text(user, text).await?;
    }
    Ok(())
}

fn outcome_text(outcome: &StudyOutcome) -> String {
    match outcome {
        StudyOutcome::Recorded { member, late, date_words } => words::studied(member, date_words, *late),
        StudyOutcome::Already { member } => words::already_studied(member),
        StudyOutcome::NotAMember => words::NOT_A_MEMBER.to_owned(),
        StudyOutcome::Gone => words::ROUND_GONE.to_owned(),
    }
}

/// "已学" / "学完了" in private, from a member who has an open study round.
pub async fn take(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    let context = ReplyContext::Study;
    for member in private_members_saying(ctx, msg, context, ReplyIntent::Studied).await? {
        if let Some(outcome) = study::studied_in_words(ctx.tx, &member, ctx.now).await? {
            ctx.say_text(msg.chat.id, outcome_text(&outcome)).await?;
            return Ok(true);
        }
    }
    Ok(false)
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
    Ok(())
}

pub async fn on_push(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let actor = crate::store::audit::Actor::Telegram(admin.user_id);
    crate::store::audit::record(ctx.tx, Some(admin.branch_id), actor, "study.push", "", ctx.now).await?;
    let text = match study::push_to_missing(ctx, admin.branch_id).await? {
        Some((pushed, unbound)) => words::pushed(pushed, &unbound),
        None => words::NO_ROUND.to_owned(),
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}
