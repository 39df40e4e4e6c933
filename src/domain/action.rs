//! Every inline button's callback data: one enum, encoded and parsed side by side here, so a
//! button that is built can always be read back, and buttons already sent keep working.
//!
//! Wire strings (never change one: old buttons in members' chats still carry it):
//! `b:<briefing>`, `s:<round>`, `s:o`, `m:<meeting>:a|l|c|o|x|s<member>`, `md:k:<kind code>`,
//! `md:g:<group index>`, `d:<draft>:y|n|s|t`, `x:<schedule>`, `x:b<briefing>`, `hc:<member>:y|n`,
//! `mc:<meeting>:y|p|n`, `mp:<meeting>:<member>:s|o`, `mo:<observer proposal>`, `mr:<meeting>`,
//! `ru:<roster upload>:y|n`, `ho:<handover>:y|n`, `er:<meeting>`, `gq:<branch>:<quiet-hours preset>`,
//! `kr:<note>`, `lm:<meeting>:<member>`, `pv:<member>:w|a|y|n`, `pf:<member>`,
//! `au:<branch>:<audit entry>`, `cb:<branch>`.
//! `td:<branch>:<YYYYMMDD>`.
//! Telegram allows at most 64 bytes; the longest ids fit (see the tests).
//!
//! To add a button: add a variant, one arm in `encode` and one in `parse` with a prefix no other
//! variant uses, a case in the tests' `every_action`, its arm in `chat/router.rs`, and its
//! classification in `app/taps.rs::authorize` (who may tap it where) with its case in
//! `tests/it/taps.rs`'s `every_kind`.

use chrono::NaiveDate;

use crate::domain::meeting::{ButtonAction, MeetingKind, Mode};
use crate::domain::settings_phrase::QUIET_PRESETS;

/// What a tap on an inline button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// 【收到】 under a briefing: `b:<briefing>`.
    BriefingReceived(i64),
    /// 【已学习】 under a study reminder: `s:<round>`.
    Studied(i64),
    /// 【以后私信提醒我】 under a study reminder: `s:o`.
    StudySubscribe,
    /// A meeting's buttons: `m:<meeting>:<action>`.
    Meeting(i64, ButtonAction),
    /// The meeting dialogue's kind buttons: `md:k:<kind code>`.
    DialogueKind(MeetingKind),
    /// The meeting dialogue's party-group buttons: `md:g:<index>`.
    DialogueGroup(usize),
    /// A draft's buttons: `d:<draft>:<action>`.
    Draft(i64, DraftAction),
    /// 【停止】 under `/schedules`: `x:<schedule>`.
    StopSchedule(i64),
    /// 【停止】 under `/schedules` for a briefing timed to go once: `x:b<briefing>`.
    StopTimedBriefing(i64),
    /// 【同意】/【不同意】 to a health note: `hc:<member>:y|n`.
    HealthConsent { member_id: i64, yes: bool },
    /// The answer to "确认结束会议吗？": `mc:<meeting>:y|p|n`.
    CloseMeeting(i64, CloseChoice),
    /// A roster name the secretary may have meant in `/present`: `mp:<meeting>:<member>:s|o`.
    MarkPresent { meeting_id: i64, member_id: i64, mode: Mode },
    /// 【按列席记录】 a name that is not in the roster: `mo:<observer proposal>`.
    RecordObserver(i64),
    /// 【完整名单】 under a roll too long to name everyone: `mr:<meeting>`.
    FullRoll(i64),
    /// 【导入】 (`yes`) or 【取消】 under a roster's preview: `ru:<upload>:y|n`.
    RosterUpload { upload_id: i64, yes: bool },
    /// 【接任书记】 (`yes`) or 【不接任】, asked of a successor: `ho:<handover>:y|n`.
    Handover { handover_id: i64, yes: bool },
    /// A closed meeting under `/record`: send its record again, `er:<meeting>`.
    ResendRecord(i64),
    /// A quiet-hours choice under `/settings`: `gq:<branch>:<preset>` (see
    /// `settings_phrase::QUIET_PRESETS`).
    QuietPreset { branch_id: i64, preset: u8 },
    /// 【更早的记录】 under `/audit`: the entries older than one, `au:<branch>:<audit entry>`.
    AuditOlder { branch_id: i64, before: i64 },
    /// 【换成…】 under `/branch`: commands from now on apply to that branch, `cb:<branch>`.
    ChooseBranch(i64),
    /// 【回复】 under a member's message to the secretary: `kr:<note>`.
    NoteReply(i64),
    /// A meeting or member offered for a phoned-in leave (`/leave`): `lm:<meeting>:<member>`.
    LeaveFor { meeting_id: i64, member_id: i64 },
    /// The member's (or their contact person's) privacy buttons: `pv:<member>:w|a|y|n`.
    Privacy { member_id: i64, step: PrivacyStep },
    /// 【同意删除】 under an erasure request, for the secretary: `pf:<member>`.
    EraseMember(i64),
    /// 【发通知】 under the 主题党日 reminder: a meeting draft on that date, `td:<branch>:<YYYYMMDD>`.
    ThemeDayMeeting { branch_id: i64, date: NaiveDate },
    /// A step of the secretary's `/makeup` (补学 / 送学上门 for a member): a member or meeting
    /// offered (`p`; meeting 0 while the member is being chosen), 【确认】 (`y`) or 【取消】 (`n`):
    /// `bx:<meeting>:<member>:p|y|n`.
    Makeup { meeting_id: i64, member_id: i64, step: MakeupStep },
    /// 【已走访】 under a care alert, or a member offered for a `/visit` line: `zf:<member>`.
    Visited(i64),
}

/// What a `/makeup` button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MakeupStep {
    /// This member (and, when given, this meeting) is the one meant.
    Pick,
    Confirm,
    Cancel,
}

impl MakeupStep {
    fn code(self) -> &'static str {
        match self {
            MakeupStep::Pick => "p",
            MakeupStep::Confirm => "y",
            MakeupStep::Cancel => "n",
        }
    }

    fn from_code(code: &str) -> Option<MakeupStep> {
        Some(match code {
            "p" => MakeupStep::Pick,
            "y" => MakeupStep::Confirm,
            "n" => MakeupStep::Cancel,
            _ => return None,
        })
    }
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "y" } else { "n" }
}

/// `<id>:y|n`.
fn id_and_yes(rest: &str) -> Option<(i64, bool)> {
    let (id, answer) = rest.split_once(':')?;
    let yes = match answer {
        "y" => true,
        "n" => false,
        _ => return None,
    };
    Some((id.parse().ok()?, yes))
}

/// What a privacy button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivacyStep {
    /// 【撤回健康情况登记】.
    WithdrawHealth,
    /// 【申请删除我的信息】: asks to confirm.
    AskErasure,
    /// 【确认申请删除】.
    ConfirmErasure,
    /// 【不删除】.
    KeepData,
}

impl PrivacyStep {
    fn code(self) -> char {
        match self {
            PrivacyStep::WithdrawHealth => 'w',
            PrivacyStep::AskErasure => 'a',
            PrivacyStep::ConfirmErasure => 'y',
            PrivacyStep::KeepData => 'n',
        }
    }

    fn from_code(code: &str) -> Option<PrivacyStep> {
        match code {
            "w" => Some(PrivacyStep::WithdrawHealth),
            "a" => Some(PrivacyStep::AskErasure),
            "y" => Some(PrivacyStep::ConfirmErasure),
            "n" => Some(PrivacyStep::KeepData),
            _ => None,
        }
    }

    pub const ALL: [PrivacyStep; 4] = [
        PrivacyStep::WithdrawHealth,
        PrivacyStep::AskErasure,
        PrivacyStep::ConfirmErasure,
        PrivacyStep::KeepData,
    ];
}

/// What the secretary answers when asked to confirm closing a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseChoice {
    /// 【结束会议】: close as things stand.
    Close,
    /// 【他们都到会了，结束会议】: those who said 参加 but never checked in are present, then close.
    CloseWithAttendees,
    /// 【暂不结束】.
    KeepOpen,
}

impl CloseChoice {
    fn code(self) -> char {
        match self {
            CloseChoice::Close => 'y',
            CloseChoice::CloseWithAttendees => 'p',
            CloseChoice::KeepOpen => 'n',
        }
    }

    fn from_code(code: &str) -> Option<CloseChoice> {
        match code {
            "y" => Some(CloseChoice::Close),
            "p" => Some(CloseChoice::CloseWithAttendees),
            "n" => Some(CloseChoice::KeepOpen),
            _ => None,
        }
    }
}

fn mode_code(mode: Mode) -> char {
    match mode {
        Mode::Onsite => 's',
        Mode::Online => 'o',
        Mode::Delivered => 'd',
    }
}

fn mode_from_code(code: &str) -> Option<Mode> {
    match code {
        "s" => Some(Mode::Onsite),
        "o" => Some(Mode::Online),
        "d" => Some(Mode::Delivered),
        _ => None,
    }
}

/// What a draft's button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftAction {
    /// 【确认】 a schedule.
    Confirm,
    /// 【取消】.
    Cancel,
    /// 【发送】 a briefing now.
    Send,
    /// 【定时】: a time follows in words.
    Later,
}

impl DraftAction {
    fn code(self) -> char {
        match self {
            DraftAction::Confirm => 'y',
            DraftAction::Cancel => 'n',
            DraftAction::Send => 's',
            DraftAction::Later => 't',
        }
    }

    fn from_code(code: &str) -> Option<DraftAction> {
        match code {
            "y" => Some(DraftAction::Confirm),
            "n" => Some(DraftAction::Cancel),
            "s" => Some(DraftAction::Send),
            "t" => Some(DraftAction::Later),
            _ => None,
        }
    }
}

fn meeting_code(action: ButtonAction) -> String {
    match action {
        ButtonAction::Attend => "a".to_owned(),
        ButtonAction::Leave => "l".to_owned(),
        ButtonAction::CheckIn => "c".to_owned(),
        ButtonAction::CheckInOnline => "o".to_owned(),
        ButtonAction::Close => "x".to_owned(),
        ButtonAction::Studied(member) => format!("s{member}"),
    }
}

fn meeting_from_code(code: &str) -> Option<ButtonAction> {
    Some(match code {
        "a" => ButtonAction::Attend,
        "l" => ButtonAction::Leave,
        "c" => ButtonAction::CheckIn,
        "o" => ButtonAction::CheckInOnline,
        "x" => ButtonAction::Close,
        other => ButtonAction::Studied(other.strip_prefix('s')?.parse().ok()?),
    })
}

impl Action {
    /// The callback data to put on the button.
    pub fn encode(self) -> String {
        match self {
            Action::BriefingReceived(briefing) => format!("b:{briefing}"),
            Action::Studied(round) => format!("s:{round}"),
            Action::StudySubscribe => "s:o".to_owned(),
            Action::Meeting(meeting, action) => format!("m:{meeting}:{}", meeting_code(action)),
            Action::DialogueKind(kind) => format!("md:k:{}", kind.code()),
            Action::DialogueGroup(index) => format!("md:g:{index}"),
            Action::Draft(draft, action) => format!("d:{draft}:{}", action.code()),
            Action::StopSchedule(schedule) => format!("x:{schedule}"),
            Action::StopTimedBriefing(briefing) => format!("x:b{briefing}"),
            Action::HealthConsent { member_id, yes } => {
                format!("hc:{member_id}:{}", if yes { "y" } else { "n" })
            }
            Action::CloseMeeting(meeting, choice) => format!("mc:{meeting}:{}", choice.code()),
            Action::MarkPresent { meeting_id, member_id, mode } => {
                format!("mp:{meeting_id}:{member_id}:{}", mode_code(mode))
            }
            Action::RecordObserver(proposal) => format!("mo:{proposal}"),
            Action::FullRoll(meeting) => format!("mr:{meeting}"),
            Action::RosterUpload { upload_id, yes } => format!("ru:{upload_id}:{}", yes_no(yes)),
            Action::Handover { handover_id, yes } => format!("ho:{handover_id}:{}", yes_no(yes)),
            Action::ResendRecord(meeting) => format!("er:{meeting}"),
            Action::QuietPreset { branch_id, preset } => format!("gq:{branch_id}:{preset}"),
            Action::NoteReply(note) => format!("kr:{note}"),
            Action::LeaveFor { meeting_id, member_id } => format!("lm:{meeting_id}:{member_id}"),
            Action::Privacy { member_id, step } => format!("pv:{member_id}:{}", step.code()),
            Action::EraseMember(member) => format!("pf:{member}"),
            Action::AuditOlder { branch_id, before } => format!("au:{branch_id}:{before}"),
            Action::ChooseBranch(branch) => format!("cb:{branch}"),
            Action::ThemeDayMeeting { branch_id, date } => {
                format!("td:{branch_id}:{}", date.format("%Y%m%d"))
            }
            Action::Makeup { meeting_id, member_id, step } => {
                format!("bx:{meeting_id}:{member_id}:{}", step.code())
            }
            Action::Visited(member) => format!("zf:{member}"),
        }
    }

    /// The action a tapped button's data asks for; `None` for data that is not zhibu's.
    pub fn parse(data: &str) -> Option<Action> {
        let (prefix, rest) = data.split_once(':')?;
        match prefix {
            "b" => rest.parse().ok().map(Action::BriefingReceived),
            "s" if rest == "o" => Some(Action::StudySubscribe),
            "s" => rest.parse().ok().map(Action::Studied),
            "m" => {
                let (meeting, action) = rest.split_once(':')?;
                Some(Action::Meeting(meeting.parse().ok()?, meeting_from_code(action)?))
            }
            "md" => match rest.split_once(':')? {
                ("k", code) => MeetingKind::from_code(code).map(Action::DialogueKind),
                ("g", index) => index.parse().ok().map(Action::DialogueGroup),
                _ => None,
            },
            "d" => {
                let (draft, action) = rest.split_once(':')?;
                Some(Action::Draft(draft.parse().ok()?, DraftAction::from_code(action)?))
            }
            "x" => match rest.strip_prefix('b') {
                Some(briefing) => briefing.parse().ok().map(Action::StopTimedBriefing),
                None => rest.parse().ok().map(Action::StopSchedule),
            },
            "hc" => {
                let (member, answer) = rest.split_once(':')?;
                let yes = match answer {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                };
                Some(Action::HealthConsent { member_id: member.parse().ok()?, yes })
            }
            "mc" => {
                let (meeting, choice) = rest.split_once(':')?;
                Some(Action::CloseMeeting(meeting.parse().ok()?, CloseChoice::from_code(choice)?))
            }
            "mp" => {
                let (meeting, rest) = rest.split_once(':')?;
                let (member, mode) = rest.split_once(':')?;
                Some(Action::MarkPresent {
                    meeting_id: meeting.parse().ok()?,
                    member_id: member.parse().ok()?,
                    mode: mode_from_code(mode)?,
                })
            }
            "mo" => rest.parse().ok().map(Action::RecordObserver),
            "mr" => rest.parse().ok().map(Action::FullRoll),
            "ru" => id_and_yes(rest).map(|(upload_id, yes)| Action::RosterUpload { upload_id, yes }),
            "ho" => id_and_yes(rest).map(|(handover_id, yes)| Action::Handover { handover_id, yes }),
            "er" => rest.parse().ok().map(Action::ResendRecord),
            "gq" => {
                let (branch, preset) = rest.split_once(':')?;
                let preset: u8 = preset.parse().ok().filter(|p| usize::from(*p) < QUIET_PRESETS.len())?;
                Some(Action::QuietPreset { branch_id: branch.parse().ok()?, preset })
            }
            "kr" => rest.parse().ok().map(Action::NoteReply),
            "pv" => {
                let (member, step) = rest.split_once(':')?;
                Some(Action::Privacy { member_id: member.parse().ok()?, step: PrivacyStep::from_code(step)? })
            }
            "pf" => rest.parse().ok().map(Action::EraseMember),
            "cb" => rest.parse().ok().map(Action::ChooseBranch),
            "au" => {
                let (branch, before) = rest.split_once(':')?;
                Some(Action::AuditOlder { branch_id: branch.parse().ok()?, before: before.parse().ok()? })
            }
            "lm" => {
                let (meeting, member) = rest.split_once(':')?;
                Some(Action::LeaveFor { meeting_id: meeting.parse().ok()?, member_id: member.parse().ok()? })
            }
            "td" => {
                let (branch, date) = rest.split_once(':')?;
                let date = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
                Some(Action::ThemeDayMeeting { branch_id: branch.parse().ok()?, date })
            }
            "bx" => {
                let (meeting, rest) = rest.split_once(':')?;
                let (member, step) = rest.split_once(':')?;
                Some(Action::Makeup {
                    meeting_id: meeting.parse().ok()?,
                    member_id: member.parse().ok()?,
                    step: MakeupStep::from_code(step)?,
                })
            }
            "zf" => rest.parse().ok().map(Action::Visited),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every variant, with the longest ids.
    fn every_action() -> Vec<Action> {
        let mut all = vec![
            Action::BriefingReceived(i64::MAX),
            Action::Studied(i64::MAX),
            Action::StudySubscribe,
            Action::DialogueGroup(usize::MAX),
            Action::StopSchedule(i64::MAX),
            Action::StopTimedBriefing(i64::MAX),
            Action::HealthConsent { member_id: i64::MAX, yes: true },
            Action::HealthConsent { member_id: i64::MIN, yes: false },
            Action::RecordObserver(i64::MAX),
            Action::FullRoll(i64::MAX),
            Action::RosterUpload { upload_id: i64::MAX, yes: true },
            Action::RosterUpload { upload_id: i64::MIN, yes: false },
            Action::Handover { handover_id: i64::MAX, yes: true },
            Action::Handover { handover_id: i64::MIN, yes: false },
            Action::ResendRecord(i64::MAX),
            Action::QuietPreset { branch_id: i64::MAX, preset: (QUIET_PRESETS.len() - 1) as u8 },
            Action::NoteReply(i64::MAX),
            Action::LeaveFor { meeting_id: i64::MAX, member_id: i64::MIN },
            Action::EraseMember(i64::MAX),
            Action::AuditOlder { branch_id: i64::MIN, before: i64::MIN },
            Action::ChooseBranch(i64::MIN),
            Action::ThemeDayMeeting {
                branch_id: i64::MIN,
                date: NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            },
            Action::Visited(i64::MAX),
        ];
        for step in [MakeupStep::Pick, MakeupStep::Confirm, MakeupStep::Cancel] {
            all.push(Action::Makeup { meeting_id: i64::MAX, member_id: i64::MIN, step });
        }
        all.extend(PrivacyStep::ALL.into_iter().map(|step| Action::Privacy { member_id: i64::MIN, step }));
        let choices = [CloseChoice::Close, CloseChoice::CloseWithAttendees, CloseChoice::KeepOpen];
        all.extend(choices.into_iter().map(|c| Action::CloseMeeting(i64::MAX, c)));
        for mode in [Mode::Onsite, Mode::Online, Mode::Delivered] {
            all.push(Action::MarkPresent { meeting_id: i64::MAX, member_id: i64::MIN, mode });
        }
        let meeting = [
            ButtonAction::Attend,
            ButtonAction::Leave,
            ButtonAction::CheckIn,
            ButtonAction::CheckInOnline,
            ButtonAction::Close,
            ButtonAction::Studied(i64::MAX),
            ButtonAction::Studied(i64::MIN),
        ];
        all.extend(meeting.into_iter().map(|a| Action::Meeting(i64::MAX, a)));
        all.extend(MeetingKind::ALL.into_iter().map(Action::DialogueKind));
        let drafts = [DraftAction::Confirm, DraftAction::Cancel, DraftAction::Send, DraftAction::Later];
        all.extend(drafts.into_iter().map(|a| Action::Draft(i64::MAX, a)));
        all
    }

    #[test]
    fn every_action_round_trips_and_fits_telegrams_64_bytes() {
        for action in every_action() {
            let data = action.encode();
            assert!(data.len() <= 64, "{data} is {} bytes", data.len());
            assert_eq!(Action::parse(&data), Some(action), "{data}");
        }
    }

    #[test]
    fn the_wire_strings_of_buttons_already_sent_still_parse() {
        assert_eq!(Action::parse("b:12"), Some(Action::BriefingReceived(12)));
        assert_eq!(Action::parse("s:3"), Some(Action::Studied(3)));
        assert_eq!(Action::parse("s:o"), Some(Action::StudySubscribe));
        assert_eq!(Action::parse("m:5:a"), Some(Action::Meeting(5, ButtonAction::Attend)));
        assert_eq!(Action::parse("m:5:s9"), Some(Action::Meeting(5, ButtonAction::Studied(9))));
        assert_eq!(Action::parse("md:g:2"), Some(Action::DialogueGroup(2)));
        let kind = MeetingKind::ALL[0];
        assert_eq!(Action::parse(&format!("md:k:{}", kind.code())), Some(Action::DialogueKind(kind)));
        assert_eq!(Action::parse("d:7:y"), Some(Action::Draft(7, DraftAction::Confirm)));
        assert_eq!(Action::parse("d:7:t"), Some(Action::Draft(7, DraftAction::Later)));
        assert_eq!(Action::parse("x:9"), Some(Action::StopSchedule(9)));
        assert_eq!(Action::parse("x:b9"), Some(Action::StopTimedBriefing(9)));
        assert_eq!(Action::parse("hc:4:y"), Some(Action::HealthConsent { member_id: 4, yes: true }));
        assert_eq!(Action::parse("hc:4:n"), Some(Action::HealthConsent { member_id: 4, yes: false }));
        assert_eq!(Action::parse("mc:5:p"), Some(Action::CloseMeeting(5, CloseChoice::CloseWithAttendees)));
        let present = Action::MarkPresent { meeting_id: 5, member_id: 9, mode: Mode::Online };
        assert_eq!(Action::parse("mp:5:9:o"), Some(present));
        assert_eq!(Action::parse("mo:3"), Some(Action::RecordObserver(3)));
        assert_eq!(Action::parse("mr:5"), Some(Action::FullRoll(5)));
        assert_eq!(Action::parse("ru:8:y"), Some(Action::RosterUpload { upload_id: 8, yes: true }));
        assert_eq!(Action::parse("ho:2:n"), Some(Action::Handover { handover_id: 2, yes: false }));
        assert_eq!(Action::parse("gq:2:1"), Some(Action::QuietPreset { branch_id: 2, preset: 1 }));
        assert_eq!(Action::parse("kr:8"), Some(Action::NoteReply(8)));
        assert_eq!(Action::parse("lm:5:9"), Some(Action::LeaveFor { meeting_id: 5, member_id: 9 }));
        let withdraw = Action::Privacy { member_id: 4, step: PrivacyStep::WithdrawHealth };
        assert_eq!(Action::parse("pv:4:w"), Some(withdraw));
        assert_eq!(Action::parse("pf:4"), Some(Action::EraseMember(4)));
        let theme_day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            Action::parse("td:2:20261204"),
            Some(Action::ThemeDayMeeting { branch_id: 2, date: theme_day })
        );
        let pick = Action::Makeup { meeting_id: 0, member_id: 9, step: MakeupStep::Pick };
        assert_eq!(Action::parse("bx:0:9:p"), Some(pick));
        assert_eq!(Action::parse("zf:9"), Some(Action::Visited(9)));
    }

    #[test]
    fn foreign_or_malformed_data_is_not_an_action() {
        for data in [
            "",
            "b",
            "b:",
            "b:x",
            "s:",
            "s:oo",
            "m:1",
            "m:1:q",
            "m:x:a",
            "md:k:nope",
            "md:g:-1",
            "md:z:1",
            "d:1",
            "d:1:q",
            "d:1:yy",
            "x:",
            "x:b",
            "x:bb1",
            "hc:1",
            "hc:1:maybe",
            "zz:1",
            "like",
            "hc:1:y:extra",
            "mc:1",
            "mc:1:q",
            "mp:1:2",
            "mp:1:2:q",
            "mp:x:2:s",
            "mo:",
            "mr:x",
            "ru:1",
            "ru:1:q",
            "ho:x:y",
            "ho:1:y:extra",
            "gq:1",
            "gq:1:9",
            "gq:x:0",
            "kr:",
            "kr:x",
            "lm:1",
            "lm:1:x",
            "pv:1",
            "pv:1:q",
            "pf:x",
            "bx:1:2",
            "bx:1:2:q",
            "zf:",
        ] {
            assert_eq!(Action::parse(data), None, "{data}");
        }
    }
}
