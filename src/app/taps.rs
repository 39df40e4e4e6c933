//! Who may tap what, where: every button press is checked here, once, before it is dispatched.
//! Callback data comes from the client and can be forged, so the meeting, briefing, round,
//! draft, schedule, dialogue or member a button names must belong where it was tapped: in a
//! group, to the branch bound to that group; in a private chat, to a branch the tapper belongs to
//! or administers. A member named by a button must be the tapper or someone they answer for.
//!
//! To add a button: one arm in `authorize` (the `match` is exhaustive, so a new `Action` does not
//! compile until it is classified here) and its case in `tests/it/taps.rs`'s list of every kind.

use crate::app::context::Ctx;
use crate::app::known;
use crate::app::membership::{member_in_branch, speaks_for};
use crate::app::{admin, briefings};
use crate::domain::action::Action;
use crate::domain::meeting::ButtonAction;
pub use crate::domain::tap_refusal::Refusal;
use crate::store::{self, Conn, StoreResult};

/// Where a button was tapped, and by whom (Telegram ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tap {
    pub tapper: i64,
    /// The chat of the message the button is under (the tapper's own for a private chat).
    pub chat: i64,
    /// The message the button is under, when Telegram says.
    pub message_id: Option<i64>,
}

impl Tap {
    /// A private chat's id is the user's own id; groups have other (negative) ids.
    pub fn private(self) -> bool {
        self.chat == self.tapper
    }
}

type Verdict = Result<(), Refusal>;

/// Whether `tap` may do what `action` asks; nothing is written either way. A roll's
/// 【参加】【请假】 in its group — the taps of a storm — is checked from what the batch knows.
pub async fn authorize(ctx: &mut Ctx<'_>, action: &Action, tap: Tap) -> StoreResult<Verdict> {
    if let Action::Meeting(meeting, ButtonAction::Attend | ButtonAction::Leave) = *action
        && !tap.private()
    {
        return answer_in_group(ctx, meeting, tap).await;
    }
    let conn: &mut Conn = ctx.tx;
    match *action {
        Action::BriefingReceived(briefing) => briefing_received(conn, briefing, tap).await,
        Action::Studied(round) => studied(conn, round, tap).await,
        Action::StudySubscribe => study_subscribe(conn, tap).await,
        Action::Meeting(meeting, button) => meeting_button(conn, meeting, button, tap).await,
        Action::DialogueKind(_) => dialogue(conn, tap).await,
        Action::DialogueGroup(_) => dialogue(conn, tap).await,
        Action::Draft(draft, _) => draft_button(conn, draft, tap).await,
        Action::StopSchedule(schedule) => stop_schedule(conn, schedule, tap).await,
        Action::StopTimedBriefing(briefing) => stop_timed_briefing(conn, briefing, tap).await,
        Action::HealthConsent { member_id, yes: _ } => health_consent(conn, member_id, tap).await,
        Action::CloseMeeting(meeting, _) => meeting_admin(conn, meeting, tap).await,
        Action::MarkPresent { meeting_id, member_id, mode: _ } => {
            offered_member(conn, meeting_id, member_id, tap).await
        }
        Action::RecordObserver(proposal) => observer_proposal(conn, proposal, tap).await,
        Action::FullRoll(meeting) => full_roll(conn, meeting, tap).await,
        Action::RosterUpload { upload_id, yes: _ } => roster_upload(conn, upload_id, tap).await,
        Action::Handover { handover_id, yes: _ } => handover(conn, handover_id, tap).await,
        Action::ResendRecord(meeting) => closed_meeting_admin(conn, meeting, tap).await,
        Action::QuietPreset { branch_id, preset: _ } => admin_of(conn, branch_id, tap).await,
        Action::NoteReply(note) => note_reply(conn, note, tap).await,
        Action::LeaveFor { meeting_id, member_id } => offered_member(conn, meeting_id, member_id, tap).await,
        Action::Privacy { member_id, step: _ } => own_data(conn, member_id, tap).await,
        Action::EraseMember(member_id) => erase_member(conn, member_id, tap).await,
        Action::AuditOlder { branch_id, before: _ } => admin_of(conn, branch_id, tap).await,
        Action::ChooseBranch(branch_id) => admin_of(conn, branch_id, tap).await,
        Action::ThemeDayMeeting { branch_id, date: _ } => admin_of(conn, branch_id, tap).await,
        Action::Makeup { meeting_id, member_id, step: _ } => {
            makeup_offered(conn, meeting_id, member_id, tap).await
        }
        Action::Visited(member_id) => erase_member(conn, member_id, tap).await,
    }
}

/// A `/makeup` button: privately, by an administrator of the member's branch; the meeting
/// (when one is named) of the same branch.
async fn makeup_offered(conn: &mut Conn, meeting: i64, member_id: i64, tap: Tap) -> StoreResult<Verdict> {
    let member = store::members::get(conn, member_id).await?.filter(|m| m.forgotten_at.is_none());
    let Some(member) = member else { return Ok(Err(Refusal::Gone)) };
    if meeting != 0 {
        let Some(m) = store::meetings::get(conn, meeting).await? else { return Ok(Err(Refusal::Gone)) };
        if m.branch_id != member.branch_id {
            return Ok(Err(Refusal::NotYours));
        }
    }
    admin_of(conn, member.branch_id, tap).await
}

/// 【导入】【取消】 under a roster's preview: privately, by whoever sent the roster, while they
/// still administer its branch.
async fn roster_upload(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(upload) = store::roster_uploads::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    if upload.user_id != tap.tapper {
        return Ok(Err(Refusal::NotYours));
    }
    admin_of(conn, upload.branch_id, tap).await
}

/// 【接任书记】【不接任】: privately, by the successor asked.
async fn handover(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(handover) = store::handovers::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    let allowed = tap.private() && handover.to_user_id == tap.tapper;
    Ok(if allowed { Ok(()) } else { Err(Refusal::NotYours) })
}

/// The close question's buttons: privately, by an administrator of the meeting's branch.
async fn meeting_admin(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(m) = store::meetings::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    admin_of(conn, m.branch_id, tap).await
}

/// A closed meeting's record, fetched again: an administrator of its branch, privately (the
/// handler then sends it to a secretary only).
async fn closed_meeting_admin(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(m) = store::meetings::get(conn, id).await?.filter(|m| !m.is_open()) else {
        return Ok(Err(Refusal::Gone));
    };
    admin_of(conn, m.branch_id, tap).await
}

/// A roster name offered for a mistyped one in `/present`: an administrator of the meeting's
/// A roster name offered for a mistyped one in `/present` (or a member or meeting offered for
/// a phoned-in leave in `/leave`): an administrator of the meeting's
/// branch, and a member of that branch.
async fn offered_member(conn: &mut Conn, meeting: i64, member_id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(m) = store::meetings::get(conn, meeting).await? else { return Ok(Err(Refusal::Gone)) };
    let Some(member) = store::members::get(conn, member_id).await? else { return Ok(Err(Refusal::Gone)) };
    if member.branch_id != m.branch_id {
        return Ok(Err(Refusal::NotYours));
    }
    admin_of(conn, m.branch_id, tap).await
}

/// 【按列席记录】: an administrator of the branch whose meeting the name was given for.
async fn observer_proposal(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some((meeting, _)) = store::observer_proposals::get(conn, id).await? else {
        return Ok(Err(Refusal::Gone));
    };
    meeting_admin(conn, meeting, tap).await
}

/// 【完整名单】 under a roll: the meeting's branch (its group, or one of its people privately).
async fn full_roll(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(m) = store::meetings::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    in_branch(conn, m.branch_id, tap).await
}

/// 【回复】 under a member's message: privately, by an administrator of the member's branch.
async fn note_reply(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(note) = store::notes::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    admin_of(conn, note.branch_id, tap).await
}

/// The member's privacy buttons: privately, by the member or their contact person.
async fn own_data(conn: &mut Conn, member_id: i64, tap: Tap) -> StoreResult<Verdict> {
    let member = store::members::get(conn, member_id).await?.filter(|m| m.forgotten_at.is_none());
    let Some(member) = member else { return Ok(Err(Refusal::Gone)) };
    let is_self = member.telegram_user_id == Some(tap.tapper);
    let is_contact = store::contacts::members_answered_by(conn, tap.tapper).await?.contains(&member_id);
    Ok(if tap.private() && (is_self || is_contact) { Ok(()) } else { Err(Refusal::NotYours) })
}

/// 【同意删除】 under an erasure request and 【已走访】 under a care alert: privately, by an administrator of the member's branch.
async fn erase_member(conn: &mut Conn, member_id: i64, tap: Tap) -> StoreResult<Verdict> {
    let member = store::members::get(conn, member_id).await?.filter(|m| m.forgotten_at.is_none());
    let Some(member) = member else { return Ok(Err(Refusal::Gone)) };
    admin_of(conn, member.branch_id, tap).await
}

/// The tap was made where `branch` lives: its group, or privately by one of its members,
/// contact persons or administrators.
async fn in_branch(conn: &mut Conn, branch: i64, tap: Tap) -> StoreResult<Verdict> {
    if !tap.private() {
        let here = store::branches::by_group_chat(conn, tap.chat).await?;
        return Ok(if here.is_some_and(|b| b.id == branch) { Ok(()) } else { Err(Refusal::NotThisGroup) });
    }
    let belongs = member_in_branch(conn, tap.tapper, branch).await?.is_some()
        || admin::is_admin_of(conn, tap.tapper, branch).await?;
    Ok(if belongs { Ok(()) } else { Err(Refusal::NotYourBranch) })
}

/// An administrator's own button, pressed privately by an administrator of `branch`.
async fn admin_of(conn: &mut Conn, branch: i64, tap: Tap) -> StoreResult<Verdict> {
    let allowed = tap.private() && admin::is_admin_of(conn, tap.tapper, branch).await?;
    Ok(if allowed { Ok(()) } else { Err(Refusal::NotYours) })
}

/// 【收到】: the briefing's branch, and the briefing delivered to this chat (or to the branch's
/// group, for a contact person who read it there).
async fn briefing_received(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(b) = store::briefings::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    if let Err(refusal) = in_branch(conn, b.branch_id, tap).await? {
        return Ok(Err(refusal));
    }
    let topic = briefings::topic(id);
    let reminder = briefings::reminder_topic(id);
    let mut chats = vec![tap.chat];
    if tap.private() {
        chats.extend(store::branches::get(conn, b.branch_id).await?.and_then(|br| br.group_chat_id));
    }
    for chat in chats {
        if store::delivered::about(conn, chat, &topic, &reminder).await? {
            return Ok(Ok(()));
        }
    }
    Ok(Err(Refusal::NotSentYet))
}

/// 【已学习】 under a study reminder: the round's branch.
async fn studied(conn: &mut Conn, round: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(r) = store::study::round(conn, round).await? else { return Ok(Err(Refusal::Gone)) };
    in_branch(conn, r.branch_id, tap).await
}

/// 【以后私信提醒我】: names nothing; in a group, only a member of the group's branch.
async fn study_subscribe(conn: &mut Conn, tap: Tap) -> StoreResult<Verdict> {
    if tap.private() {
        return Ok(Ok(()));
    }
    let Some(branch) = store::branches::by_group_chat(conn, tap.chat).await? else {
        return Ok(Err(Refusal::NotThisGroup));
    };
    let member = member_in_branch(conn, tap.tapper, branch.id).await?;
    Ok(if member.is_some() { Ok(()) } else { Err(Refusal::NotYourBranch) })
}

/// 【参加】【请假】 tapped in a group: the meeting's branch is bound to that group.
async fn answer_in_group(ctx: &mut Ctx<'_>, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(m) = known::meeting(ctx, id).await? else { return Ok(Err(Refusal::Gone)) };
    let here = known::group_branch(ctx, tap.chat).await?;
    Ok(if here.is_some_and(|b| b.id == m.branch_id) { Ok(()) } else { Err(Refusal::NotThisGroup) })
}

/// A meeting's buttons: the meeting's branch; 【结束会议】 only its administrators; 【已学习】
/// (补学) only the member or their contact person, where the make-up material was sent.
async fn meeting_button(conn: &mut Conn, id: i64, button: ButtonAction, tap: Tap) -> StoreResult<Verdict> {
    let Some(m) = store::meetings::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    if let Err(refusal) = in_branch(conn, m.branch_id, tap).await? {
        return Ok(Err(refusal));
    }
    match button {
        ButtonAction::Attend | ButtonAction::Leave | ButtonAction::CheckIn | ButtonAction::CheckInOnline => {
            Ok(Ok(()))
        }
        ButtonAction::Close => {
            let admin = admin::is_admin_of(conn, tap.tapper, m.branch_id).await?;
            Ok(if admin { Ok(()) } else { Err(Refusal::NotYours) })
        }
        ButtonAction::Studied(member) => makeup(conn, m.id, member, tap).await,
    }
}

async fn makeup(conn: &mut Conn, meeting: i64, member_id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(member) = store::members::get(conn, member_id).await? else { return Ok(Err(Refusal::Gone)) };
    let key = crate::app::meetings::close::makeup_key(meeting, member_id, tap.chat);
    let sent_here = store::delivered::with_key(conn, &key).await?;
    Ok(if speaks_for(conn, tap.tapper, &member).await? && sent_here {
        Ok(())
    } else {
        Err(Refusal::NotYours)
    })
}

/// The meeting dialogue's buttons: the tapper's own dialogue, in a branch they still administer.
async fn dialogue(conn: &mut Conn, tap: Tap) -> StoreResult<Verdict> {
    let Some((branch, _, _)) = store::dialogues::get(conn, tap.tapper).await? else {
        // Nothing of anyone else's is named: the handler tells the step is over.
        return Ok(if tap.private() { Ok(()) } else { Err(Refusal::NotYours) });
    };
    admin_of(conn, branch, tap).await
}

/// A draft's buttons: its author, still an administrator of its branch.
async fn draft_button(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(draft) = store::schedules::draft(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    if draft.user_id != tap.tapper {
        return Ok(Err(Refusal::NotYours));
    }
    admin_of(conn, draft.branch_id, tap).await
}

/// 【停止】 under `/schedules`: an administrator of the schedule's branch.
async fn stop_schedule(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(schedule) = store::schedules::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    admin_of(conn, schedule.branch_id, tap).await
}

/// 【停止】 beside a briefing timed to go once: privately, by an administrator of its branch.
async fn stop_timed_briefing(conn: &mut Conn, id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(briefing) = store::briefings::get(conn, id).await? else { return Ok(Err(Refusal::Gone)) };
    admin_of(conn, briefing.branch_id, tap).await
}

/// 【同意】/【不同意】 to a health note: privately, by the member themself (sensitive personal
/// information: nobody consents for them).
async fn health_consent(conn: &mut Conn, member_id: i64, tap: Tap) -> StoreResult<Verdict> {
    let Some(member) = store::members::get(conn, member_id).await? else { return Ok(Err(Refusal::Gone)) };
    let asked = member.telegram_user_id == Some(tap.tapper);
    if !(tap.private() && asked) {
        return Ok(Err(Refusal::OnlyTheMember));
    }
    // Only the latest request answers for the note: an older one (replaced by a newer note the
    // member may not have read yet) is gone.
    // (A newer request still waiting to be sent makes every earlier one stale too.)
    let latest = store::health::latest_request_message(conn, member_id, tap.chat).await?;
    let stale = matches!((latest, tap.message_id), (Some(latest), Some(tapped)) if latest != Some(tapped));
    Ok(if stale { Err(Refusal::Gone) } else { Ok(()) })
}
