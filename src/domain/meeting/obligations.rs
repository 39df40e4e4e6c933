//! What a branch's rules require of it on a day: one obligation per required kind (per party
//! group for 党小组会), each with the current and the last period; and how an obligation stands
//! once the meetings held in those periods are counted. The chat's report, the CLI's report and
//! the office's dashboard all judge through here, so their figures cannot drift apart.

use chrono::NaiveDate;

use super::{Attendees, KindRules, MeetingKind, Period, PeriodStatus, period_bounds, period_status};

/// One thing the branch must hold: a kind (for one party group, or for the whole branch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    pub kind: MeetingKind,
    pub group: Option<String>,
    pub period: Period,
    pub per_period: u32,
    /// The current period: first day and the first day after it.
    pub current: (NaiveDate, NaiveDate),
    /// The period before it.
    pub last: (NaiveDate, NaiveDate),
}

/// How one obligation stands: now, and whether the last period closed without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub now: PeriodStatus,
    pub last_overdue: bool,
}

/// The obligations of the required kinds on `today`, in the rules' order; 党小组会 once per
/// party group (none when the branch has no groups).
pub fn obligations(rules: &[KindRules], groups: &[String], today: NaiveDate) -> Vec<Obligation> {
    let mut out = Vec::new();
    for r in rules.iter().filter(|r| r.required) {
        let targets: Vec<Option<String>> = if r.attendees == Attendees::Group {
            groups.iter().cloned().map(Some).collect()
        } else {
            vec![None]
        };
        let current = period_bounds(today, r.period);
        let last = period_bounds(current.0.pred_opt().expect("a day before"), r.period);
        for group in targets {
            out.push(Obligation {
                kind: r.kind,
                group,
                period: r.period,
                per_period: r.per_period,
                current,
                last,
            });
        }
    }
    out
}

impl Obligation {
    /// Judges the obligation from the closed meetings held in the current and the last period.
    pub fn judge(&self, held_now: u32, held_last: u32, today: NaiveDate) -> Standing {
        Standing {
            now: period_status(held_now, self.per_period, today, self.current.1),
            last_overdue: period_status(held_last, self.per_period, today, self.last.1)
                == PeriodStatus::Overdue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn group_meetings_are_owed_once_per_party_group_and_optional_kinds_not_at_all() {
        let mut rules: Vec<KindRules> = MeetingKind::ALL.iter().map(|k| k.default_rules()).collect();
        rules.iter_mut().find(|r| r.kind == MeetingKind::Lecture).unwrap().required = false;
        let groups = vec!["第一党小组".to_owned(), "第二党小组".to_owned()];
        let all = obligations(&rules, &groups, day(2026, 11, 21));
        assert_eq!(all.iter().filter(|o| o.kind == MeetingKind::Group).count(), 2);
        assert!(all.iter().all(|o| o.kind != MeetingKind::Lecture));
        let general = all.iter().find(|o| o.kind == MeetingKind::General).unwrap();
        assert_eq!(general.current, (day(2026, 10, 1), day(2027, 1, 1)));
        assert_eq!(general.last, (day(2026, 7, 1), day(2026, 10, 1)));
    }

    #[test]
    fn an_obligation_is_due_until_its_period_closes_and_the_last_period_is_judged_apart() {
        let rules = [MeetingKind::Committee.default_rules()];
        let o = &obligations(&rules, &[], day(2026, 11, 21))[0];
        assert_eq!(
            o.judge(0, 1, day(2026, 11, 21)),
            Standing { now: PeriodStatus::Due { days_left: 10 }, last_overdue: false }
        );
        assert_eq!(
            o.judge(2, 0, day(2026, 11, 21)),
            Standing { now: PeriodStatus::Done { held: 2 }, last_overdue: true }
        );
    }
}
