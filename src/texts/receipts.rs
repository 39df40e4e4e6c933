//! What a member reads after 收到 / 已学习 / 补学: the tap's toast and the message kept in their chat.

use crate::domain::receipt::{Receipt, Receivable};
use crate::texts::{briefing, dates, meeting, study};

/// The words for a receipt: `toast` answers a tap (it vanishes in a second); `message` is what
/// stays in the member's chat (sent for a tap only once recorded; for words always).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub toast: String,
    pub message: String,
}

pub fn confirmation(what: Receivable, receipt: &Receipt) -> Confirmation {
    let same = |text: String| Confirmation { toast: text.clone(), message: text };
    match (what, receipt) {
        (Receivable::Briefing(_), Receipt::Recorded { member, .. }) => same(briefing::received(member)),
        (Receivable::Briefing(_), Receipt::Already { member }) => same(briefing::already_received(member)),
        (Receivable::Briefing(_), Receipt::NotAMember) => same(briefing::NOT_A_MEMBER.to_owned()),
        (Receivable::Briefing(_), Receipt::Gone) => same(briefing::GONE.to_owned()),
        (Receivable::StudyRound(_), Receipt::Recorded { member, on, late }) => {
            same(study::studied(member, &dates::month_day(on), *late))
        }
        (Receivable::StudyRound(_), Receipt::Already { member }) => same(study::already_studied(member)),
        (Receivable::StudyRound(_), Receipt::NotAMember) => same(study::NOT_A_MEMBER.to_owned()),
        (Receivable::StudyRound(_), Receipt::Gone) => same(study::ROUND_GONE.to_owned()),
        (Receivable::Makeup { .. }, Receipt::Recorded { member, on, .. }) => Confirmation {
            toast: meeting::TAP_STUDIED.to_owned(),
            message: meeting::makeup_recorded(member, &dates::full_date(on)),
        },
        (Receivable::Makeup { .. }, Receipt::Already { .. }) => same(meeting::TAP_ALREADY.to_owned()),
        (Receivable::Makeup { .. }, Receipt::NotAMember) => same(meeting::TAP_UNKNOWN_USER.to_owned()),
        (Receivable::Makeup { .. }, Receipt::Gone) => same(meeting::TAP_MEETING_GONE.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn recorded(late: bool) -> Receipt {
        let on = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        Receipt::Recorded { member: "张德明".into(), on, late }
    }

    #[test]
    fn a_tap_and_the_words_read_the_same_except_that_makeup_keeps_a_short_toast() {
        let briefing = confirmation(Receivable::Briefing(1), &recorded(false));
        assert_eq!(briefing.toast, briefing.message);
        assert!(briefing.message.contains("张德明"));
        let late = confirmation(Receivable::StudyRound(1), &recorded(true));
        assert!(late.message.contains("已补学（11月24日）"), "{}", late.message);
        let makeup = confirmation(Receivable::Makeup { meeting_id: 1, member_id: 2 }, &recorded(true));
        assert_eq!(makeup.toast, meeting::TAP_STUDIED);
        assert!(makeup.message.contains("2026年11月24日"), "{}", makeup.message);
        let gone = confirmation(Receivable::Makeup { meeting_id: 1, member_id: 2 }, &Receipt::Gone);
        assert_eq!(gone.message, meeting::TAP_MEETING_GONE);
    }
}
