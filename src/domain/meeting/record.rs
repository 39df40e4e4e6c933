//! From who was expected and what each said or did, the live roll (接龙) and the statutory tally
//! of a meeting record: 应到 (full and probationary apart), 实到, 请假, 缺席, quorum.

use super::Quorum;

/// A member's current answer to a meeting notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Attend,
    Leave { reason: Option<String> },
}

/// How a member took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 现场
    Onsite,
    /// 线上
    Online,
    /// 送学: the material was taken to the member, who did not come.
    Delivered,
}

impl Mode {
    pub fn code(self) -> &'static str {
        match self {
            Mode::Onsite => "onsite",
            Mode::Online => "online",
            Mode::Delivered => "delivered",
        }
    }

    pub fn from_code(code: &str) -> Option<Mode> {
        match code {
            "onsite" => Some(Mode::Onsite),
            "online" => Some(Mode::Online),
            "delivered" => Some(Mode::Delivered),
            _ => None,
        }
    }

    pub fn name_cn(self) -> &'static str {
        match self {
            Mode::Onsite => "现场",
            Mode::Online => "线上",
            Mode::Delivered => "送学",
        }
    }
}

/// One expected member and what is known of them for one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub member_id: i64,
    pub name: String,
    pub probationary: bool,
    pub committee: bool,
    pub answer: Option<Answer>,
    /// Who answered on the member's behalf (代答).
    pub proxy: Option<String>,
    pub present: Option<Mode>,
    /// ISO date of the make-up study (补学), or of 送学上门.
    pub makeup_on: Option<String>,
    /// 送学上门: who took the material to the member (the secretary's `/makeup`).
    pub makeup_visitor: Option<String>,
    /// The member's views (意见建议) heard at the make-up.
    pub makeup_views: Option<String>,
    /// Why an absent member was absent (缺席原因), when the secretary recorded it.
    pub absent_reason: Option<String>,
}

/// The live roll under an announcement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roll {
    pub attend: Vec<String>,
    pub leave: Vec<String>,
    pub unanswered: usize,
}

pub fn roll(entries: &[Entry]) -> Roll {
    let mut roll = Roll { attend: Vec::new(), leave: Vec::new(), unanswered: 0 };
    for e in entries {
        match e.answer {
            Some(Answer::Attend) => roll.attend.push(e.name.clone()),
            Some(Answer::Leave { .. }) => roll.leave.push(e.name.clone()),
            None => roll.unanswered += 1,
        }
    }
    roll
}

/// The counts and names a meeting record holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub expected_full: usize,
    pub expected_probationary: usize,
    pub present: Vec<(String, Mode)>,
    /// Name and reason; a member on leave who came after all counts as present.
    pub leave: Vec<(String, Option<String>)>,
    /// Name and reason.
    pub absent: Vec<(String, Option<String>)>,
    /// 送学: members who did not come and to whom the material was taken.
    pub delivered: Vec<String>,
    /// `None` when the kind has no quorum rule.
    pub quorum_held: Option<bool>,
}

pub fn tally(entries: &[Entry], quorum: Quorum) -> Tally {
    let mut t = Tally {
        expected_full: entries.iter().filter(|e| !e.probationary).count(),
        expected_probationary: entries.iter().filter(|e| e.probationary).count(),
        present: Vec::new(),
        leave: Vec::new(),
        absent: Vec::new(),
        delivered: Vec::new(),
        quorum_held: None,
    };
    for e in entries {
        match (&e.present, &e.answer) {
            (Some(Mode::Delivered), _) => t.delivered.push(e.name.clone()),
            (Some(mode), _) => t.present.push((e.name.clone(), *mode)),
            (None, Some(Answer::Leave { reason })) => t.leave.push((e.name.clone(), reason.clone())),
            (None, _) => t.absent.push((e.name.clone(), e.absent_reason.clone())),
        }
    }
    let counted = |e: &&Entry| match quorum {
        Quorum::MajorityOfCommittee => e.committee,
        _ => !e.probationary,
    };
    let expected = entries.iter().filter(counted).count();
    let came = |e: &&Entry| matches!(e.present, Some(Mode::Onsite | Mode::Online));
    let present = entries.iter().filter(counted).filter(came).count();
    t.quorum_held = quorum.held(expected, present);
    t
}
