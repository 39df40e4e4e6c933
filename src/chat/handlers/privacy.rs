//! Privacy in the member's hands: 【我的信息】 shows what the branch holds (to the member or
//! their contact person) with 【撤回健康情况登记】【申请删除我的信息】; the erasure request is
//! confirmed with buttons, goes to the secretaries with 【同意删除】, and is confirmed to the
//! member once done.

use crate::app::context::Ctx;
use crate::app::privacy;
use crate::chat::incoming::Person;
use crate::domain::action::{Action, PrivacyStep};
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::store::StoreResult;
use crate::store::members::MemberRow;
use crate::store::outbox::Delivery;
use crate::texts::{member as member_words, privacy as words};

fn button(label: &str, action: Action) -> InlineButton {
    InlineButton::new(label, action.encode())
}

/// What the branch holds about the member the user is (or answers for), with the buttons.
pub async fn show(ctx: &mut Ctx<'_>, chat: i64, user: i64) -> StoreResult<()> {
    let Some(m) = privacy::subject_of(ctx.tx, user).await? else {
        return ctx.say_text(chat, member_words::NOT_A_MEMBER_INFO).await.map(drop);
    };
    let mut text = member_words::my_info(&m.fields());
    let mut rows = Vec::new();
    let topic = crate::app::privacy::view_topic(m.id);
    let mut delivery = Delivery::default();
    if let Some(note) = privacy::health_note(ctx.tx, m.id).await? {
        delivery.topic = Some(&topic);
        text = format!("{text}\n{}", words::health_line(&note));
        let withdraw = Action::Privacy { member_id: m.id, step: PrivacyStep::WithdrawHealth };
        rows.push(vec![button(words::BUTTON_WITHDRAW_HEALTH, withdraw)]);
    }
    let erase = Action::Privacy { member_id: m.id, step: PrivacyStep::AskErasure };
    rows.push(vec![button(words::BUTTON_ERASE, erase)]);
    let text = format!("{text}\n\n{}", words::CHOICES);
    ctx.say_with(chat, Outgoing::with_buttons(text, Buttons::Inline { rows }), &delivery).await?;
    Ok(())
}

/// Asked in words (删除我的信息, 撤回同意): as the buttons would.
pub async fn on_words(ctx: &mut Ctx<'_>, from: &Person, step: PrivacyStep) -> StoreResult<()> {
    let Some(m) = privacy::subject_of(ctx.tx, from.id).await? else {
        return ctx.say_text(from.id, member_words::NOT_A_MEMBER_INFO).await.map(drop);
    };
    act(ctx, from, &m, step).await
}

/// A privacy button (authorized: the member or their contact person, privately).
pub async fn on_tap(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    member_id: i64,
    step: PrivacyStep,
) -> StoreResult<()> {
    if let Some(m) = crate::app::people::member(ctx.tx, member_id).await? {
        act(ctx, from, &m, step).await?;
    }
    ctx.answer_callback(from.id, callback_id, None).await
}

async fn act(ctx: &mut Ctx<'_>, from: &Person, m: &MemberRow, step: PrivacyStep) -> StoreResult<()> {
    let chat = from.id;
    match step {
        PrivacyStep::WithdrawHealth => match privacy::withdraw_health(ctx, m, from.id).await? {
            Some(secretaries) => {
                for secretary in secretaries {
                    ctx.say_text(secretary, words::health_withdrawn_for_secretary(&m.name)).await?;
                }
                ctx.say_text(chat, words::HEALTH_WITHDRAWN).await?;
            }
            None => {
                ctx.say_text(chat, words::HEALTH_NONE).await?;
            }
        },
        PrivacyStep::AskErasure => {
            let yes = Action::Privacy { member_id: m.id, step: PrivacyStep::ConfirmErasure };
            let no = Action::Privacy { member_id: m.id, step: PrivacyStep::KeepData };
            let buttons = Buttons::inline_row(vec![
                button(words::BUTTON_ERASE_CONFIRM, yes),
                button(words::BUTTON_ERASE_KEEP, no),
            ]);
            ctx.say(chat, Outgoing::with_buttons(words::erase_question(&m.name), buttons)).await?;
        }
        PrivacyStep::ConfirmErasure => {
            let secretaries = privacy::request_erasure(ctx, m, from.id).await?;
            if secretaries.is_empty() {
                ctx.say_text(chat, words::ERASE_NO_SECRETARY).await?;
                return Ok(());
            }
            for secretary in secretaries {
                let erase =
                    Buttons::inline_row(vec![button(words::BUTTON_ERASE_DO, Action::EraseMember(m.id))]);
                let request = Outgoing::with_buttons(words::erase_request_for_secretary(&m.name), erase);
                ctx.say(secretary, request).await?;
            }
            ctx.say_text(chat, words::ERASE_REQUESTED).await?;
        }
        PrivacyStep::KeepData => {
            ctx.say_text(chat, words::ERASE_KEPT).await?;
        }
    }
    Ok(())
}

/// 【同意删除】 (authorized: an administrator of the member's branch, privately): erased at once,
/// confirmed to the member (and their contact persons) and to the secretary.
pub async fn on_erase(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    member_id: i64,
) -> StoreResult<()> {
    match privacy::erase(ctx, member_id, from.id).await? {
        Some(tell) => {
            for account in tell {
                ctx.say_text(account, words::ERASED_TO_MEMBER).await?;
            }
            ctx.say_text(from.id, words::ERASED_TO_SECRETARY).await?;
            ctx.answer_callback(from.id, callback_id, None).await
        }
        None => ctx.answer_callback(from.id, callback_id, Some(words::ERASE_ALREADY)).await,
    }
}
