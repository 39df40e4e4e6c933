//! A shared contact card: the member's own phone number, matched against the roster.

use crate::app::binding::{self, PhoneOutcome};
use crate::app::context::Ctx;
use crate::app::people;
use crate::chat::handlers::keyboards::{member_keyboard, share_phone_keyboard};
use crate::chat::incoming::{Chat, Person};
use crate::domain::outgoing::Outgoing;
use crate::store::StoreResult;
use crate::texts::binding as words;

pub async fn on_contact(
    ctx: &mut Ctx<'_>,
    chat: Chat,
    from: &Person,
    phone: &str,
    contact_user_id: Option<i64>,
) -> StoreResult<()> {
    if !chat.private {
        return Ok(());
    }
    if contact_user_id != Some(from.id) {
        ctx.say(chat.id, Outgoing::with_buttons(words::SHARE_YOUR_OWN_PHONE, share_phone_keyboard())).await?;
        return Ok(());
    }
    people::reachable(ctx.tx, chat.id).await?;
    match binding::bind_by_phone(ctx.tx, from.id, phone, ctx.now).await? {
        PhoneOutcome::Bound { member, branch_name } => {
            let text = words::member_bound(&member.name, &branch_name);
            ctx.say(chat.id, Outgoing::with_buttons(text, member_keyboard())).await?;
        }
        PhoneOutcome::Unknown { masked, tail, notify } => {
            ctx.say_text(chat.id, words::phone_not_in_roster(&tail)).await?;
            for secretary in notify {
                ctx.say_text(secretary, words::secretary_unknown_phone(&from.name, &masked)).await?;
            }
        }
        PhoneOutcome::TakenByAnother => {
            ctx.say_text(chat.id, words::PHONE_BELONGS_TO_ANOTHER_ACCOUNT).await?;
        }
        PhoneOutcome::Invalid => {
            ctx.say(chat.id, Outgoing::with_buttons(words::SHARE_YOUR_OWN_PHONE, share_phone_keyboard()))
                .await?;
        }
    }
    Ok(())
}
