//! Study reminders: 【已学习】 (`s:<round>`) and 【以后私信提醒我】 (`s:o`) taps (plain "已学" goes
//! through `handlers::words`),
//! `/study_status` (who has not studied) and `/study_push` (the material privately to them).

use crate::app::context::Ctx;
use crate::app::study::{self, StudyOutcome};
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::words::tell_person;
use crate::chat::incoming::Person;
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;
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
    tapped_in: i64,
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
    confirm_tap(ctx, callback_id, from.id, recorded.then_some(tapped_in), outcome_text(&outcome)).await
}

/// Answers a tap with its confirmation; once recorded (`tapped_in` the tap's chat) it is also a
/// message to the member — privately, in the group only when their private chat is unreachable —
/// to be read again later: a toast vanishes in a second.
pub async fn confirm_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    user: i64,
    tapped_in: Option<i64>,
    text: String,
) -> StoreResult<()> {
    ctx.answer_callback(user, callback_id, Some(&text)).await?;
    if let Some(chat) = tapped_in {
        tell_person(ctx, user, chat, Outgoing::text(text)).await?;
    }
    Ok(())
}

pub fn outcome_text(outcome: &StudyOutcome) -> String {
    match outcome {
        StudyOutcome::Recorded { member, late, date_words } => words::studied(member, date_words, *late),
        StudyOutcome::Already { member } => words::already_studied(member),
        StudyOutcome::NotAMember => words::NOT_A_MEMBER.to_owned(),
        StudyOutcome::Gone => words::ROUND_GONE.to_owned(),
    }
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
    let actor = crate::store::audit::Actor::Telegram(admin.user_id);
    crate::store::audit::record(ctx.tx, Some(admin.branch_id), actor, "study.push", "", ctx.now).await?;
    let text = match study::push_to_missing(ctx, admin.branch_id).await? {
        Some((pushed, unbound)) => words::pushed(pushed, &unbound),
        None => words::NO_ROUND.to_owned(),
    };
    ctx.say_text(admin.chat_id, text).await?;
    Ok(())
}
