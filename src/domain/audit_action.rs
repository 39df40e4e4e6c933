//! What the audit log records: every admin action as one typed value, its stored code beside it.

/// Declares the actions and their stored codes side by side, once.
macro_rules! audit_actions {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// An admin action written to the audit log.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditAction {
            $($(#[$doc])* $variant,)*
        }

        impl AuditAction {
            /// Every action, in declaration order.
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)*];

            /// The code stored in `audit_log.action`.
            pub fn code(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $code,)*
                }
            }
        }
    };
}

audit_actions! {
    BranchCreate = "branch.create",
    BranchDistrict = "branch.district",
    BranchDistrictsImport = "branch.districts_import",
    BindSecretary = "bind.secretary",
    BindMemberLink = "bind.member_link",
    BindMemberPhone = "bind.member_phone",
    BindContact = "bind.contact",
    BindGroup = "bind.group",
    UnbindGroup = "unbind.group",
    /// Telegram moved the group to a supergroup; zhibu followed.
    GroupMigrated = "group.migrated",
    CodeMember = "code.member",
    CodeContact = "code.contact",
    CodeSecretary = "code.secretary",
    RoleGrant = "role.grant",
    RoleRevoke = "role.revoke",
    HealthRequest = "health.request",
    HealthConsent = "health.consent",
    HealthRefuse = "health.refuse",
    HealthWithdraw = "health.withdraw",
    ErasureRequest = "erasure.request",
    MeetingCreate = "meeting.create",
    MeetingCancel = "meeting.cancel",
    MeetingReschedule = "meeting.reschedule",
    MeetingClose = "meeting.close",
    MeetingConfirmPresent = "meeting.confirm_present",
    MeetingCorrect = "meeting.correct",
    MeetingKindRule = "meeting.kind",
    /// A leave the secretary recorded for a member (phoned in).
    LeaveFor = "leave_for",
    /// 补学 or 送学上门 the secretary recorded for a member.
    MakeupRecord = "makeup.record",
    /// A 走访慰问 visit after a care alert.
    VisitRecord = "visit.record",
    RecordGrace = "record.grace",
    RecordExport = "record.export",
    RecordFetch = "record.fetch",
    RosterImport = "roster.import",
    MemberAdd = "member.add",
    MemberEdit = "member.edit",
    MemberForget = "member.forget",
    MemberStanding = "member.standing",
    ScheduleCreate = "schedule.create",
    ScheduleStop = "schedule.stop",
    BriefingSend = "briefing.send",
    BriefingSchedule = "briefing.schedule",
    BriefingCancel = "briefing.cancel",
    StudyPush = "study.push",
    TermSet = "term.set",
    HandoverOffer = "handover.offer",
    HandoverAccept = "handover.accept",
    HandoverDecline = "handover.decline",
    /// The secretary answered a member's message through the bot.
    NoteReply = "note_reply",
    SettingsQuietHours = "settings.quiet_hours",
    SettingsHolidays = "settings.holidays",
    SettingsDaysOff = "settings.days_off",
    SettingsThemeDay = "settings.theme_day",
    SettingsAnswerConfirmation = "settings.answer_confirmation",
    OfficeAdd = "office.add",
    OfficeRemove = "office.remove",
    OfficeLogin = "office.login",
    /// Logged in with a one-time link sent on Telegram.
    OfficeLoginLink = "office.login_link",
    OfficeLinkSent = "office.link_sent",
    /// A link was asked for but could not be sent (no Telegram tie, unreachable…).
    OfficeLinkNotSent = "office.link_not_sent",
    /// An office account tied to (or untied from) a Telegram user.
    OfficeTelegram = "office.telegram",
    OfficeLoginFailed = "office.login_failed",
    OfficeLoginThrottled = "office.login_throttled",
    OfficeLogout = "office.logout",
    OfficeExport = "office.export",
}

impl AuditAction {
    /// The action stored as `code`, if it is one of today's.
    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_code_is_distinct_and_reads_back_as_its_action() {
        let mut codes: Vec<_> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Some(*action));
        }
        assert_eq!(AuditAction::from_code("no.such"), None);
    }
}
