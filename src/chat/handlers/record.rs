//! The secretary corrects a closed meeting record in private chat: `/correct [编号] 到会 张德明`,
//! `原因 …`, `取消列席 …`, `主持人 …`, `记录人 …`, `决议 …`, `表决 …`, `重新开启`.

use crate::app::context::Ctx;
use crate::app::meetings::correct::{self, CorrectOutcome, Corrector};
use crate::app::meetings::export;
use crate::chat::handlers::admin::Admin;
use crate::chat::handlers::record_files::send_files;
use crate::domain::Role;
use crate::domain::meeting::{Correction, CorrectionError};
use crate::store::StoreResult;
use crate::store::audit::Actor;
use crate::store::meetings::MeetingRow;
use crate::texts::record as words;

pub async fn on_correct(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    if admin.role != Role::Secretary {
        return ctx.say_text(admin.chat_id, words::ONLY_SECRETARY).await.map(drop);
    }
    let args = args.trim();
    let (first, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let (id, rest) = match first.parse::<i64>() {
        Ok(id) => (Some(id), rest),
        Err(_) => (None, args),
    };
    let correction = match Correction::parse(rest) {
        Ok(c) => c,
        Err(CorrectionError::Usage) => return ctx.say_text(admin.chat_id, words::USAGE).await.map(drop),
        Err(CorrectionError::Vote) => return ctx.say_text(admin.chat_id, words::VOTE_USAGE).await.map(drop),
    };
    let Some(m) = correct::pick(ctx.tx, admin.branch_id, id).await? else {
        let text = id.map(words::no_such_meeting).unwrap_or_else(|| words::NO_CLOSED_MEETING.to_owned());
        return ctx.say_text(admin.chat_id, text).await.map(drop);
    };
    let name = correct::corrector_name(ctx.tx, admin.branch_id, admin.user_id).await?;
    let who = Corrector { name, actor: Actor::Telegram(admin.user_id), past_grace: false };
    let outcome = correct::correct(ctx.tx, &m, &who, correction, ctx.now).await?;
    ctx.say_text(admin.chat_id, outcome.words(m.kind().name_cn())).await?;
    // A corrected closed record goes out again, as it now reads.
    if let CorrectOutcome::Corrected(row) = outcome
        && row.what != "reopen"
        && let Some(m) = crate::app::meetings::find(ctx.tx, m.id).await?.filter(|m| !m.is_open())
    {
        send_record(ctx, &m, admin.chat_id).await?;
    }
    Ok(())
}

/// The record in words and as files, to one chat.
pub async fn send_record(ctx: &mut Ctx<'_>, m: &MeetingRow, chat: i64) -> StoreResult<()> {
    let record = export::record(ctx.tx, m).await?;
    ctx.say_text(chat, record.text()).await?;
    send_files(ctx, chat, std::slice::from_ref(&record)).await
}
