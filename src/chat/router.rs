//! The handler tree, in one place: which incoming update goes to which handler, and the filters
//! (bound chats, roles, private-only) checked before any command runs, and every button press
//! checked against who tapped where (`app::taps`) before it is dispatched.

use crate::app;
use crate::app::context::Ctx;
use crate::app::taps::{self, Tap};
use crate::chat::commands::Command;
use crate::chat::handlers::meeting_dialogue::DialogueTap;
use crate::chat::handlers::schedule::Stoppable;
use crate::chat::handlers::{
    admin, books, branch_choice, briefing, committee, contact, group, handover, health, leave_for,
    makeup_for, meeting, meeting_answer, meeting_close, meeting_dialogue, meeting_present, member,
    member_asks, member_edit, privacy, receipt, record, roster, schedule, settings, start, study, visits,
};
use crate::chat::incoming::{Incoming, TextMessage};
use crate::domain::BindingPurpose;
use crate::domain::action::Action;
use crate::domain::meeting::ButtonAction;
use crate::domain::receipt::Receivable;
use crate::store::StoreResult;
use crate::texts::common;

pub async fn handle(ctx: &mut Ctx<'_>, incoming: Incoming) -> StoreResult<()> {
    match incoming {
        Incoming::Text(msg) => on_text(ctx, msg).await,
        Incoming::Contact { chat, from, phone, contact_user_id } => {
            contact::on_contact(ctx, chat, &from, &phone, contact_user_id).await
        }
        Incoming::Document { chat, from, file_id, file_name, size } if chat.private => {
            roster::on_document(ctx, &from, &file_id, &file_name, size).await
        }
        Incoming::Document { .. } => Ok(()),
        Incoming::Callback { id, from, chat_id, message_id, data } => {
            let tapped = Tapped { chat: chat_id.unwrap_or(from.id), message_id };
            on_callback(ctx, &id, &from, tapped, &data).await
        }
        Incoming::GroupUpgraded { from, to } => group::on_upgrade(ctx, from, to).await,
        Incoming::BotMembership { chat, by, present } => group::on_membership(ctx, chat, &by, present).await,
        Incoming::Ignored => Ok(()),
    }
}

/// Whether the update may be handled while its batch still holds writes back
/// (`app::batch::Deferred`): a meeting's 【参加】【请假】, or plain words in a group — what
/// answers a roll, and reads nothing those writes hold. Before anything else they are made.
pub fn defers_writes(incoming: &Incoming) -> bool {
    match incoming {
        Incoming::Callback { data, .. } => {
            matches!(
                Action::parse(data),
                Some(Action::Meeting(_, ButtonAction::Attend | ButtonAction::Leave))
            )
        }
        Incoming::Text(msg) => !msg.chat.private && !msg.text.starts_with('/'),
        _ => false,
    }
}

/// Someone sending faster than a person does: nothing is acted upon; a tap's spinner is stopped,
/// and, when `tell`, a private sender (or tapper) reads why. A group hears nothing.
pub async fn too_fast(ctx: &mut Ctx<'_>, incoming: Incoming, tell: bool) -> StoreResult<()> {
    let words = tell.then_some(common::TOO_FAST);
    match incoming {
        Incoming::Callback { id, from, chat_id, .. } => {
            ctx.answer_callback(chat_id.unwrap_or(from.id), &id, words).await
        }
        Incoming::Text(TextMessage { chat, .. })
        | Incoming::Contact { chat, .. }
        | Incoming::Document { chat, .. }
            if chat.private && tell =>
        {
            ctx.say_text(chat.id, common::TOO_FAST).await.map(|_| ())
        }
        _ => Ok(()),
    }
}

async fn on_text(ctx: &mut Ctx<'_>, msg: TextMessage) -> StoreResult<()> {
    if msg.text.starts_with('/') {
        if msg.edited {
            // Editing a command's text does not run it again.
            return Ok(());
        }
        return match Command::parse_text(&msg.text, ctx.bot_username) {
            Some(command) => on_command(ctx, msg, command).await,
            // Someone else's command, or one zhibu does not know: not ours to answer.
            None => Ok(()),
        };
    }
    if msg.chat.private {
        member::on_private_text(ctx, msg).await
    } else {
        group::on_group_text(ctx, &msg).await
    }
}

async fn on_command(ctx: &mut Ctx<'_>, msg: TextMessage, command: Command) -> StoreResult<()> {
    let chat = msg.chat.id;
    let bound_group = !msg.chat.private && app::people::group_branch(ctx.tx, chat).await?.is_some();
    let is_bind = matches!(command, Command::Bind(_));
    // A group that never bound the bot hears nothing from it, except the answer to a /bind.
    if !msg.chat.private && !bound_group && !is_bind {
        return Ok(());
    }
    // An anonymous group admin cannot be tied to a person, so no command of theirs runs.
    if msg.anonymous_admin {
        if bound_group || is_bind {
            ctx.say_text(chat, common::ANONYMOUS_ADMIN).await?;
        }
        return Ok(());
    }
    if command.needs_admin() {
        let Some(admin) = admin_filter(ctx, &msg).await? else { return Ok(()) };
        return on_admin_command(ctx, admin, command).await;
    }
    match command {
        Command::Start(payload) if msg.chat.private => start::on_start(ctx, &msg, &payload).await,
        Command::Help => member::on_help(ctx, chat, msg.from.id).await,
        Command::Bind(arg) => group::on_bind(ctx, &msg, &arg).await,
        Command::Unbind => group::on_unbind(ctx, &msg).await,
        _ => Ok(()),
    }
}

/// Roles are zhibu's own, never Telegram's group-admin flag. Refuses politely and returns `None`
/// when the sender may not use administrative commands here.
async fn admin_filter(ctx: &mut Ctx<'_>, msg: &TextMessage) -> StoreResult<Option<admin::Admin>> {
    let chat = msg.chat.id;
    let Some((branch_id, role)) = app::admin::administered_branch(ctx.tx, msg.from.id).await? else {
        let is_member = app::people::is_member(ctx.tx, msg.from.id).await?;
        if msg.chat.private && !is_member {
            member::greet_stranger_once(ctx, chat, msg.from.id).await?;
        } else {
            ctx.say_text(chat, common::ONLY_ADMINS).await?;
        }
        return Ok(None);
    };
    if !msg.chat.private {
        ctx.say_text(chat, common::PRIVATE_ONLY).await?;
        return Ok(None);
    }
    Ok(Some(admin::Admin { user_id: msg.from.id, chat_id: chat, branch_id, role }))
}

async fn on_admin_command(ctx: &mut Ctx<'_>, who: admin::Admin, command: Command) -> StoreResult<()> {
    match command {
        Command::Members => admin::on_members(ctx, who).await,
        Command::Link(query) => admin::on_link(ctx, who, &query, BindingPurpose::Member).await,
        Command::Contact(query) => admin::on_link(ctx, who, &query, BindingPurpose::Contact).await,
        Command::Grant(query) => admin::on_grant(ctx, who, &query).await,
        Command::Revoke(query) => admin::on_revoke(ctx, who, &query).await,
        Command::Health(args) => health::on_health(ctx, who, &args).await,
        Command::Remind(args) => schedule::on_remind(ctx, who, &args).await,
        Command::Term(args) => schedule::on_term(ctx, who, &args).await,
        Command::Schedules => schedule::on_list(ctx, who).await,
        Command::StudyStatus => study::on_status(ctx, who).await,
        Command::StudyPush => study::on_push(ctx, who).await,
        Command::Brief(text) => briefing::on_brief(ctx, who, &text).await,
        Command::BriefReport => briefing::on_report(ctx, who).await,
        Command::Meeting(args) => meeting::on_meeting(ctx, who, &args).await,
        Command::CancelMeeting(args) => meeting::on_cancel(ctx, who, &args).await,
        Command::Reschedule(args) => meeting::on_reschedule(ctx, who, &args).await,
        Command::CloseMeeting(args) => meeting::on_close(ctx, who, &args).await,
        Command::Present(args) => meeting_present::on_present(ctx, who, &args).await,
        Command::Leave(args) => leave_for::on_leave(ctx, who, &args).await,
        Command::Report => meeting::on_report(ctx, who).await,
        Command::Correct(args) => record::on_correct(ctx, who, &args).await,
        Command::Member(args) => member_edit::on_member(ctx, who, &args).await,
        Command::Committee(args) => committee::on_committee(ctx, who, &args).await,
        Command::Handover(query) => handover::on_handover(ctx, who, &query).await,
        Command::Export(args) => books::on_export(ctx, who, &args).await,
        Command::Record(args) => books::on_record(ctx, who, &args).await,
        Command::Audit => books::on_audit(ctx, who).await,
        Command::Settings => settings::on_settings(ctx, who).await,
        Command::Quiet(args) => settings::on_quiet(ctx, who, &args).await,
        Command::Holiday(args) => settings::on_holiday(ctx, who, &args).await,
        Command::Frequency(args) => settings::on_frequency(ctx, who, &args).await,
        Command::ThemeDay(args) => settings::on_theme_day(ctx, who, &args).await,
        Command::Confirm(args) => settings::on_confirm(ctx, who, &args).await,
        Command::Branch => branch_choice::on_branch(ctx, who).await,
        Command::Makeup(args) => makeup_for::on_makeup(ctx, who, &args).await,
        Command::Visit(args) => visits::on_visit(ctx, who, &args).await,
        Command::Start(_) | Command::Help | Command::Bind(_) | Command::Unbind => Ok(()),
    }
}

/// Where a button was tapped: the chat, and the message it sits under.
#[derive(Debug, Clone, Copy)]
pub struct Tapped {
    pub chat: i64,
    pub message_id: Option<i64>,
}

async fn on_callback(
    ctx: &mut Ctx<'_>,
    id: &str,
    from: &crate::chat::incoming::Person,
    tapped: Tapped,
    data: &str,
) -> StoreResult<()> {
    let tapped_in = tapped.chat;
    // Data that is not zhibu's (garbled, or from long ago) changes nothing; the spinner stops.
    let Some(action) = Action::parse(data) else { return ctx.answer_callback(from.id, id, None).await };
    if let (Action::HealthConsent { .. } | Action::Privacy { .. }, Some(inbox_id)) = (&action, ctx.inbox_id) {
        // The press quotes the consent request (or what the branch holds, 【我的信息】), and with
        // it the note: keep no copy of it.
        app::health::forget_quoted_note(ctx.tx, inbox_id).await?;
    }
    let tap = Tap { tapper: from.id, chat: tapped_in, message_id: tapped.message_id };
    if let Err(refusal) = taps::authorize(ctx, &action, tap).await? {
        return ctx.answer_callback(from.id, id, Some(crate::texts::taps::refusal(refusal))).await;
    }
    match action {
        Action::HealthConsent { member_id, yes } => health::on_consent(ctx, id, from, member_id, yes).await,
        Action::DialogueKind(kind) => meeting_dialogue::on_tap(ctx, id, from, DialogueTap::Kind(kind)).await,
        Action::DialogueGroup(index) => {
            meeting_dialogue::on_tap(ctx, id, from, DialogueTap::Group(index)).await
        }
        Action::Meeting(meeting_id, action) => {
            meeting_answer::on_button(ctx, id, from, tapped_in, meeting_id, action).await
        }
        Action::Studied(round) => {
            receipt::on_tap(ctx, id, from, tapped_in, Receivable::StudyRound(round)).await
        }
        Action::StudySubscribe => study::on_subscribe(ctx, id, from).await,
        Action::BriefingReceived(briefing_id) => {
            receipt::on_tap(ctx, id, from, tapped_in, Receivable::Briefing(briefing_id)).await
        }
        Action::StopSchedule(schedule_id) => {
            schedule::on_stop(ctx, id, from, Stoppable::Schedule(schedule_id)).await
        }
        Action::StopTimedBriefing(briefing_id) => {
            schedule::on_stop(ctx, id, from, Stoppable::TimedBriefing(briefing_id)).await
        }
        Action::Draft(draft, action) => schedule::on_draft_button(ctx, id, from, draft, action).await,
        Action::CloseMeeting(meeting_id, choice) => {
            meeting_close::on_choice(ctx, id, from, tapped, meeting_id, choice).await
        }
        Action::MarkPresent { meeting_id, member_id, mode } => {
            meeting_present::on_offered(ctx, id, from, meeting_id, member_id, mode).await
        }
        Action::RecordObserver(proposal) => meeting_present::on_observer(ctx, id, from, proposal).await,
        Action::FullRoll(meeting_id) => meeting_answer::on_full_roll(ctx, id, from, meeting_id).await,
        Action::RosterUpload { upload_id, yes } => roster::on_answer(ctx, id, from, upload_id, yes).await,
        Action::Handover { handover_id, yes } => handover::on_answer(ctx, id, from, handover_id, yes).await,
        Action::ResendRecord(meeting_id) => books::on_tap(ctx, id, from, meeting_id).await,
        Action::QuietPreset { branch_id, preset } => {
            settings::on_quiet_preset(ctx, id, from, branch_id, preset).await
        }
        Action::NoteReply(note) => member_asks::on_reply_tap(ctx, id, from, note).await,
        Action::LeaveFor { meeting_id, member_id } => {
            leave_for::on_tap(ctx, id, from, meeting_id, member_id).await
        }
        Action::Privacy { member_id, step } => privacy::on_tap(ctx, id, from, member_id, step).await,
        Action::EraseMember(member_id) => privacy::on_erase(ctx, id, from, member_id).await,
        Action::AuditOlder { branch_id, before } => books::on_older(ctx, id, from, branch_id, before).await,
        Action::ChooseBranch(branch_id) => branch_choice::on_tap(ctx, id, from, branch_id).await,
        Action::ThemeDayMeeting { branch_id, date } => {
            meeting_dialogue::on_theme_day(ctx, id, from, branch_id, date).await
        }
        Action::Makeup { meeting_id, member_id, step } => {
            makeup_for::on_tap(ctx, id, from, meeting_id, member_id, step).await
        }
        Action::Visited(member_id) => visits::on_tap(ctx, id, from, member_id).await,
    }
}
