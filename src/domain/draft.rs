//! A secretary's draft (`/remind`, `/brief`) as a small state machine: previewed (`Open`) until a
//! button settles it; 【定时】 on a briefing waits for a time in words (`AwaitingTime`).

use crate::domain::action::DraftAction;
use crate::domain::schedules::ScheduleKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Previewed with its buttons.
    Open,
    /// 【定时】 was tapped: the secretary's next private words are the time.
    AwaitingTime,
    /// Saved, sent or scheduled.
    Done,
    Cancelled,
}

impl DraftState {
    pub fn code(self) -> &'static str {
        match self {
            DraftState::Open => "open",
            DraftState::AwaitingTime => "awaiting_time",
            DraftState::Done => "done",
            DraftState::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<DraftState> {
        [DraftState::Open, DraftState::AwaitingTime, DraftState::Done, DraftState::Cancelled]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Where a button takes an open draft of `kind`; `None` when the button does not belong to it
    /// (【定时】 under a study reminder, 【确认】 under a briefing).
    pub fn after(kind: ScheduleKind, action: DraftAction) -> Option<DraftState> {
        match (kind, action) {
            (_, DraftAction::Cancel) => Some(DraftState::Cancelled),
            (ScheduleKind::Study, DraftAction::Confirm) | (ScheduleKind::Briefing, DraftAction::Send) => {
                Some(DraftState::Done)
            }
            (ScheduleKind::Briefing, DraftAction::Later) => Some(DraftState::AwaitingTime),
            (ScheduleKind::Study, DraftAction::Send | DraftAction::Later)
            | (ScheduleKind::Briefing, DraftAction::Confirm) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_and_each_kind_has_its_own_buttons() {
        for s in [DraftState::Open, DraftState::AwaitingTime, DraftState::Done, DraftState::Cancelled] {
            assert_eq!(DraftState::from_code(s.code()), Some(s));
        }
        assert_eq!(DraftState::after(ScheduleKind::Study, DraftAction::Confirm), Some(DraftState::Done));
        assert_eq!(DraftState::after(ScheduleKind::Study, DraftAction::Later), None);
        assert_eq!(
            DraftState::after(ScheduleKind::Briefing, DraftAction::Later),
            Some(DraftState::AwaitingTime)
        );
        assert_eq!(
            DraftState::after(ScheduleKind::Briefing, DraftAction::Cancel),
            Some(DraftState::Cancelled)
        );
    }
}
