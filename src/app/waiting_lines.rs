//! A line an administrator typed that waits (a day at most) for their tap choosing a member or
//! a meeting — a `/leave` reason, a `/makeup` or `/visit` line — kept as the one question of
//! their private chat (`questions`), with the member when known so that erasure finds it.

use chrono::Duration;

use crate::app::context::Ctx;
use crate::store::questions::QuestionRow;
use crate::store::{self, StoreResult};

/// A line waits this long for the tap.
const WAIT_HOURS: i64 = 24;

/// Keeps `text` as the administrator's waiting line of `kind` (replacing any other).
pub async fn keep(
    ctx: &mut Ctx<'_>,
    admin: i64,
    kind: &str,
    (meeting_id, member_id): (i64, i64),
    text: Option<String>,
) -> StoreResult<()> {
    let question =
        QuestionRow { kind: kind.to_owned(), meeting_id, member_id, reason: text, asked_at: ctx.now };
    crate::app::known::put_question(ctx, admin, admin, question).await
}

/// The administrator's waiting line of `kind`, if it still waits.
pub async fn get(ctx: &mut Ctx<'_>, admin: i64, kind: &str) -> StoreResult<Option<QuestionRow>> {
    let since = ctx.now - Duration::hours(WAIT_HOURS).num_milliseconds();
    Ok(store::questions::get(ctx.tx, admin, admin, since).await?.filter(|q| q.kind == kind))
}

/// Takes the administrator's waiting line of `kind`: it waits no more.
pub async fn take(ctx: &mut Ctx<'_>, admin: i64, kind: &str) -> StoreResult<Option<QuestionRow>> {
    let waiting = get(ctx, admin, kind).await?;
    if waiting.is_some() {
        crate::app::known::drop_question(ctx, admin, admin).await?;
    }
    Ok(waiting)
}

/// The administrator's roster name in the branch, or 支部书记 when they are not in it: who
/// gave a phoned-in leave, who visited.
pub async fn admin_name(ctx: &mut Ctx<'_>, admin: i64, branch: i64) -> StoreResult<String> {
    let own = store::members::by_telegram_user(ctx.tx, admin).await?;
    Ok(own
        .into_iter()
        .find(|m| m.branch_id == branch)
        .map(|m| m.name)
        .unwrap_or_else(|| crate::texts::leave_for::SECRETARY.to_owned()))
}
