//! Reads an update's handling makes often — who a person is, a group's branch, a meeting, a
//! question waiting — answered from what its batch knows (`app::batch::Known`, read once for
//! the batch) or, for an update handled alone, from the database.

use crate::app::context::Ctx;
use crate::domain::answer_confirmation::AnswerConfirmation;
use crate::store::branches::BranchRow;
use crate::store::meetings::MeetingRow;
use crate::store::members::MemberRow;
use crate::store::questions::QuestionRow;
use crate::store::{self, StoreResult};

pub async fn is_unreachable(ctx: &mut Ctx<'_>, chat: i64) -> StoreResult<bool> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.is_unreachable(ctx.tx, chat).await,
        None => store::chats::is_unreachable(ctx.tx, chat).await,
    }
}

/// The branch bound to the group chat.
pub async fn group_branch(ctx: &mut Ctx<'_>, chat: i64) -> StoreResult<Option<BranchRow>> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.group_branch(ctx.tx, chat).await,
        None => store::branches::by_group_chat(ctx.tx, chat).await,
    }
}

pub async fn meeting(ctx: &mut Ctx<'_>, id: i64) -> StoreResult<Option<MeetingRow>> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.meeting(ctx.tx, id).await,
        None => store::meetings::get(ctx.tx, id).await,
    }
}

/// The branch's open meetings, soonest first.
pub async fn open_meetings(ctx: &mut Ctx<'_>, branch: i64) -> StoreResult<Vec<MeetingRow>> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.open_meetings(ctx.tx, branch).await,
        None => store::meetings::open_of_branch(ctx.tx, branch).await,
    }
}

/// The user's own members, in every branch.
pub async fn own_members(ctx: &mut Ctx<'_>, user: i64) -> StoreResult<Vec<MemberRow>> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.own_members(ctx.tx, user).await,
        None => store::members::by_telegram_user(ctx.tx, user).await,
    }
}

/// The members the user answers for as their contact person, in every branch.
pub async fn answered_members(ctx: &mut Ctx<'_>, user: i64) -> StoreResult<Vec<MemberRow>> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.answered_members(ctx.tx, user).await,
        None => crate::app::membership::answered_members(ctx.tx, user).await,
    }
}

/// The question waiting for `user` in `chat`, asked at or after `since`.
pub async fn question(
    ctx: &mut Ctx<'_>,
    chat: i64,
    user: i64,
    since: i64,
) -> StoreResult<Option<QuestionRow>> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.question(ctx.tx, chat, user, since).await,
        None => store::questions::get(ctx.tx, chat, user, since).await,
    }
}

/// Puts a question to `user` in `chat` (replacing any waiting there).
pub async fn put_question(ctx: &mut Ctx<'_>, chat: i64, user: i64, question: QuestionRow) -> StoreResult<()> {
    store::questions::put(ctx.tx, chat, user, &question).await?;
    if let Some(batch) = ctx.batch.as_deref_mut() {
        batch.known.question_changed(chat, user, Some(question));
    }
    Ok(())
}

/// Takes away the question waiting for `user` in `chat`.
pub async fn drop_question(ctx: &mut Ctx<'_>, chat: i64, user: i64) -> StoreResult<()> {
    store::questions::delete(ctx.tx, chat, user).await?;
    if let Some(batch) = ctx.batch.as_deref_mut() {
        batch.known.question_changed(chat, user, None);
    }
    Ok(())
}

/// How the branch confirms answers given in its group.
pub async fn confirmation(ctx: &mut Ctx<'_>, branch: i64) -> StoreResult<AnswerConfirmation> {
    match ctx.batch.as_deref_mut() {
        Some(batch) => batch.known.confirmation(ctx.tx, branch).await,
        None => crate::app::branch_settings::answer_confirmation(ctx.tx, branch).await,
    }
}

/// Whether any member of the branch may have a briefing or study round to acknowledge.
pub async fn may_have_receipts(
    ctx: &mut Ctx<'_>,
    branch: i64,
    briefings_since: i64,
    rounds_since: i64,
) -> StoreResult<bool> {
    let now = ctx.now;
    match ctx.batch.as_deref_mut() {
        Some(batch) => {
            batch.known.may_have_receipts(ctx.tx, branch, briefings_since, rounds_since, now).await
        }
        None => Ok(true),
    }
}
