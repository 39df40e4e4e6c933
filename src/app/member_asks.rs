//! What members ask and tell in private: the meetings ahead of them with their own answer, a
//! message left for the secretary (【给书记留言】) and the secretary's reply sent back. The bot
//! waits for the message (or the reply) as the person's next plain words, for a day.

use crate::domain::audit_action::AuditAction;
use chrono::Duration;

use crate::app::context::Ctx;
use crate::app::meetings::answer::{self, Answerer};
use crate::app::meetings::when_words;
use crate::app::{admin, branches, replies, sending_window};
use crate::domain::meeting::Answer;
use crate::store::meetings::MeetingRow;
use crate::store::notes::NoteRow;
use crate::store::questions::QuestionRow;
use crate::store::{self, StoreResult};

/// The question kind of "请写下您想对书记说的话" (`member_id` is the member it is about).
const NOTE: &str = "note";
/// The question kind of "请写下给…的回复" (`member_id` holds the note being answered).
const NOTE_REPLY: &str = "note_reply";
/// A message or reply is waited for this long.
const WAIT_HOURS: i64 = 24;

/// A meeting ahead of the member, with their answer so far.
#[derive(Debug, Clone)]
pub struct Upcoming {
    pub meeting: MeetingRow,
    pub answer: Option<Answer>,
    /// "12月5日（星期六）上午9点".
    pub when: String,
}

/// Every open meeting the user (or the member they answer for) is expected at, soonest first.
pub async fn upcoming(ctx: &mut Ctx<'_>, user: i64, user_name: &str) -> StoreResult<Vec<Upcoming>> {
    let mut found = Vec::new();
    for branch in answer::branches_of_user(ctx.tx, user).await? {
        let Some(who) = answer::answerer(ctx.tx, branch, user, user_name, None).await? else { continue };
        let tz = branches::branch_tz(ctx.tx, branch).await?;
        for m in store::meetings::open_of_branch(ctx.tx, branch).await? {
            if !replies::is_expected(ctx.tx, &m, who.member.id).await? {
                continue;
            }
            let answer = store::attendance::get(ctx.tx, m.id, who.member.id).await?.and_then(|row| match row
                .answer
                .as_deref()
            {
                Some("attend") => Some(Answer::Attend),
                Some("leave") => Some(Answer::Leave { reason: row.reason }),
                _ => None,
            });
            let when = when_words(m.starts_at, ctx.now, tz);
            found.push(Upcoming { meeting: m, answer, when });
        }
    }
    found.sort_by_key(|u| u.meeting.starts_at);
    Ok(found)
}

/// Who a message for the secretary is from: the member, and who wrote for them.
async fn writer(ctx: &mut Ctx<'_>, user: i64, user_name: &str) -> StoreResult<Option<Answerer>> {
    for branch in answer::branches_of_user(ctx.tx, user).await? {
        if let Some(who) = answer::answerer(ctx.tx, branch, user, user_name, None).await? {
            return Ok(Some(who));
        }
    }
    Ok(None)
}

/// 【给书记留言】 tapped: the next plain words are the message. False when the user writes for
/// no member.
pub async fn start_note(ctx: &mut Ctx<'_>, user: i64, user_name: &str) -> StoreResult<bool> {
    let Some(who) = writer(ctx, user, user_name).await? else { return Ok(false) };
    ask(ctx, user, NOTE, who.member.id).await?;
    Ok(true)
}

/// 【回复】 under a member's message tapped (already authorized): the next plain words are the
/// reply. Returns the member's name, or `None` when the message is gone.
pub async fn start_reply(ctx: &mut Ctx<'_>, admin: i64, note_id: i64) -> StoreResult<Option<String>> {
    let Some(note) = store::notes::get(ctx.tx, note_id).await? else { return Ok(None) };
    let Some(member) = store::members::get(ctx.tx, note.member_id).await? else { return Ok(None) };
    ask(ctx, admin, NOTE_REPLY, note.id).await?;
    Ok(Some(member.name))
}

async fn ask(ctx: &mut Ctx<'_>, user: i64, kind: &str, id: i64) -> StoreResult<()> {
    let question =
        QuestionRow { kind: kind.to_owned(), meeting_id: 0, member_id: id, reason: None, asked_at: ctx.now };
    crate::app::known::put_question(ctx, user, user, question).await
}

/// Forgets a message or reply the bot was waiting for (another button was tapped instead).
pub async fn stop_waiting(ctx: &mut Ctx<'_>, user: i64) -> StoreResult<()> {
    if waiting(ctx, user).await?.is_some() {
        crate::app::known::drop_question(ctx, user, user).await?;
    }
    Ok(())
}

async fn waiting(ctx: &mut Ctx<'_>, user: i64) -> StoreResult<Option<QuestionRow>> {
    let since = ctx.now - Duration::hours(WAIT_HOURS).num_milliseconds();
    let q = store::questions::get(ctx.tx, user, user, since).await?;
    Ok(q.filter(|q| q.kind == NOTE || q.kind == NOTE_REPLY))
}

/// What became of plain words the bot was waiting for as a message or a reply.
#[derive(Debug, Clone)]
pub enum Taken {
    /// A member's message, kept: it goes to `admins` (at `at`, unix ms: after quiet hours).
    Note { note: NoteRow, member: String, proxy: Option<String>, admins: Vec<i64>, at: i64 },
    /// Nobody administers the member's branch through the bot.
    NoSecretary,
    /// The secretary's reply, kept: it goes to `to` (who wrote the message) at `at`.
    Reply { note: NoteRow, member: String, to: i64, at: i64 },
    /// The message answered is gone (erased), or the replier no longer administers its branch.
    ReplyGone,
}

/// The words as the message or reply the bot waits for from this user; `None` when it waits
/// for neither.
pub async fn take(ctx: &mut Ctx<'_>, user: i64, user_name: &str, text: &str) -> StoreResult<Option<Taken>> {
    let Some(q) = waiting(ctx, user).await? else { return Ok(None) };
    crate::app::known::drop_question(ctx, user, user).await?;
    let text = text.trim();
    if q.kind == NOTE {
        let Some(member) = store::members::get(ctx.tx, q.member_id).await? else { return Ok(None) };
        let Some(who) = answer::answerer(ctx.tx, member.branch_id, user, user_name, None).await? else {
            return Ok(None);
        };
        let admins = crate::app::privacy::secretaries(ctx.tx, member.branch_id).await?;
        if admins.is_empty() {
            return Ok(Some(Taken::NoSecretary));
        }
        let id = store::notes::insert(ctx.tx, member.branch_id, member.id, user, text, ctx.now).await?;
        let note = store::notes::get(ctx.tx, id).await?.expect("the note just written");
        let at = sending_window::send_time(ctx.tx, member.branch_id, ctx.now, false).await?;
        return Ok(Some(Taken::Note { note, member: who.member.name, proxy: who.proxy, admins, at }));
    }
    let Some(note) = store::notes::get(ctx.tx, q.member_id).await? else { return Ok(Some(Taken::ReplyGone)) };
    let member = store::members::get(ctx.tx, note.member_id).await?;
    let (Some(member), true) = (member, admin::is_admin_of(ctx.tx, user, note.branch_id).await?) else {
        return Ok(Some(Taken::ReplyGone));
    };
    store::notes::set_reply(ctx.tx, note.id, text, user, ctx.now).await?;
    let actor = store::audit::Actor::Telegram(user);
    let detail = format!("留言#{} {}", note.id, member.name);
    store::audit::record(ctx.tx, Some(note.branch_id), actor, AuditAction::NoteReply, &detail, ctx.now)
        .await?;
    let at = sending_window::send_time(ctx.tx, note.branch_id, ctx.now, false).await?;
    Ok(Some(Taken::Reply { to: note.from_user, note, member: member.name, at }))
}

/// The outbox topic a member's notes and their answers are filed under (emptied on erasure).
pub fn note_topic(member_id: i64) -> String {
    store::notes::topic(member_id)
}
