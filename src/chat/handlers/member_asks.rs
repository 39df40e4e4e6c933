//! What members ask and tell in private: 【下次开会】, 【我要请假】, 【给书记留言】 (and the
//! secretary's 【回复】), the same asked in plain words, and a kind answer with those buttons to
//! private words nothing else could place — never silence.

use crate::app::branches::{branch_tz, local};
use crate::app::context::Ctx;
use crate::app::meetings::notices::answer_buttons;
use crate::app::member_asks::{self, Taken, Upcoming};
use crate::chat::handlers::keyboards::member_keyboard;
use crate::chat::handlers::privacy;
use crate::chat::incoming::{Person, TextMessage};
use crate::domain::action::{Action, PrivacyStep};
use crate::domain::meeting::{Answer, ButtonAction};
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::reply_intent::{MemberAsk, member_ask};
use crate::store::StoreResult;
use crate::store::outbox::Delivery;
use crate::texts::{common, meeting, member_ask as words};

/// A tap on one of the member keyboard's ask-and-tell buttons; false when the text is none.
pub async fn on_keyboard(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    let button = msg.text.trim();
    if ![words::BUTTON_NEXT_MEETING, words::BUTTON_ASK_LEAVE, words::BUTTON_NOTE].contains(&button) {
        return Ok(false);
    }
    member_asks::stop_waiting(ctx, msg.from.id).await?;
    match button {
        words::BUTTON_NEXT_MEETING => next_meeting(ctx, msg).await?,
        words::BUTTON_ASK_LEAVE => ask_leave(ctx, msg).await?,
        _ => {
            let text = if member_asks::start_note(ctx, msg.from.id, &msg.from.name).await? {
                words::NOTE_ASK
            } else {
                words::NOT_A_MEMBER
            };
            ctx.say_text(msg.chat.id, text).await?;
        }
    }
    Ok(true)
}

/// Plain words that ask rather than answer (下次开会是什么时候, 我的信息, 删除我的信息); false
/// when they ask none.
pub async fn on_words(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    match member_ask(&msg.text) {
        Some(MemberAsk::NextMeeting) => next_meeting(ctx, msg).await?,
        Some(MemberAsk::MyInfo) => {
            crate::chat::handlers::privacy::show(ctx, msg.chat.id, msg.from.id).await?
        }
        Some(MemberAsk::Erasure) => privacy::on_words(ctx, &msg.from, PrivacyStep::AskErasure).await?,
        Some(MemberAsk::WithdrawHealth) => {
            privacy::on_words(ctx, &msg.from, PrivacyStep::WithdrawHealth).await?
        }
        None => return Ok(false),
    }
    Ok(true)
}

/// Private words nothing took: a short, kind answer with the buttons (an administrator who is
/// no member is pointed to the commands instead).
pub async fn not_understood(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<()> {
    let reply = if is_member_or_contact(ctx, msg.from.id).await? {
        Outgoing::with_buttons(words::NOT_UNDERSTOOD, member_keyboard())
    } else {
        Outgoing::text(words::NOT_UNDERSTOOD_ADMIN)
    };
    ctx.say(msg.chat.id, reply).await?;
    Ok(())
}

async fn next_meeting(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<()> {
    let ahead = member_asks::upcoming(ctx, msg.from.id, &msg.from.name).await?;
    let Some((first, rest)) = ahead.split_first() else {
        return ctx.say_text(msg.chat.id, words::NO_MEETING).await.map(|_| ());
    };
    let m = &first.meeting;
    let answer = match &first.answer {
        None => words::ANSWER_NONE.to_owned(),
        Some(Answer::Attend) => words::ANSWER_ATTEND.to_owned(),
        Some(Answer::Leave { reason }) => words::answer_leave(reason.as_deref()),
    };
    let kind = m.kind().name_cn();
    let mut text =
        words::next_meeting(kind, m.party_group.as_deref(), &first.when, &m.place, &m.topic, &answer);
    if !rest.is_empty() {
        let lines: Vec<String> =
            rest.iter().map(|u| words::later_meeting_line(u.meeting.kind().name_cn(), &u.when)).collect();
        text = format!("{text}\n\n{}", words::later_meetings(&lines));
    }
    let buttons = if first.answer.is_none() { answer_buttons(m.id) } else { Buttons::None };
    ctx.say(msg.chat.id, Outgoing::with_buttons(text, buttons)).await?;
    Ok(())
}

/// 【我要请假】: one 【请假 …】 button per meeting ahead; the tap asks for the reason as any
/// leave does.
async fn ask_leave(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<()> {
    let ahead = member_asks::upcoming(ctx, msg.from.id, &msg.from.name).await?;
    if ahead.is_empty() {
        return ctx.say_text(msg.chat.id, words::NO_MEETING_TO_LEAVE).await.map(|_| ());
    }
    let mut rows = Vec::new();
    for Upcoming { meeting: m, .. } in &ahead {
        let tz = branch_tz(ctx.tx, m.branch_id).await?;
        let label =
            words::leave_choice(m.kind().name_cn(), &crate::texts::dates::month_day(&local(m.starts_at, tz)));
        rows.push(vec![InlineButton::new(label, Action::Meeting(m.id, ButtonAction::Leave).encode())]);
    }
    ctx.say(msg.chat.id, Outgoing::with_buttons(words::CHOOSE_LEAVE, Buttons::Inline { rows })).await?;
    Ok(())
}

/// The words as the message or reply the bot waits for from this person; false when it waits
/// for neither.
pub async fn take_waited(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<bool> {
    let Some(taken) = member_asks::take(ctx, msg.from.id, &msg.from.name, &msg.text).await? else {
        return Ok(false);
    };
    let chat = msg.chat.id;
    match taken {
        Taken::Note { note, member, proxy, admins, at } => {
            let text = words::note_for_secretary(&meeting::who(&member, proxy.as_deref()), &note.body);
            let reply = InlineButton::new(words::BUTTON_REPLY, Action::NoteReply(note.id).encode());
            let topic = crate::app::member_asks::note_topic(note.member_id);
            let delivery = Delivery { not_before: Some(at), topic: Some(&topic), ..Delivery::default() };
            for admin in admins {
                let message = Outgoing::with_buttons(text.clone(), Buttons::inline_row(vec![reply.clone()]));
                ctx.say_with(admin, message, &delivery).await?;
            }
            let later = later_words(ctx, note.branch_id, at).await?;
            ctx.say_text(chat, words::note_sent(later.as_deref())).await?;
        }
        Taken::NoSecretary => {
            ctx.say_text(chat, words::NOTE_NO_SECRETARY).await?;
        }
        Taken::Reply { note, member, to, at } => {
            let topic = crate::app::member_asks::note_topic(note.member_id);
            let delivery = Delivery { not_before: Some(at), topic: Some(&topic), ..Delivery::default() };
            let text = words::reply_to_member(&note.body, note.reply.as_deref().unwrap_or(msg.text.trim()));
            ctx.say_with(to, Outgoing::text(text), &delivery).await?;
            ctx.say_text(chat, words::reply_sent(&member)).await?;
        }
        Taken::ReplyGone => {
            ctx.say_text(chat, words::REPLY_GONE).await?;
        }
    }
    Ok(true)
}

/// "明天上午8点" when a message is held for the quiet hours; `None` when it goes now.
async fn later_words(ctx: &mut Ctx<'_>, branch: i64, at: i64) -> StoreResult<Option<String>> {
    if at <= ctx.now {
        return Ok(None);
    }
    let tz = branch_tz(ctx.tx, branch).await?;
    Ok(Some(common::later_at(local(at, tz), local(ctx.now, tz))))
}

/// 【回复】 under a member's message (authorized: an administrator of the member's branch).
pub async fn on_reply_tap(ctx: &mut Ctx<'_>, callback_id: &str, from: &Person, note: i64) -> StoreResult<()> {
    match member_asks::start_reply(ctx, from.id, note).await? {
        Some(member) => {
            ctx.say_text(from.id, words::reply_ask(&member)).await?;
            ctx.answer_callback(from.id, callback_id, None).await
        }
        None => ctx.answer_callback(from.id, callback_id, Some(words::REPLY_GONE)).await,
    }
}

/// Whether the user is a member or a contact person (not only an administrator).
async fn is_member_or_contact(ctx: &mut Ctx<'_>, user: i64) -> StoreResult<bool> {
    let person = crate::app::people::who_is(ctx.tx, user).await?;
    Ok(person.is_member() || !person.answers_for.is_empty())
}
