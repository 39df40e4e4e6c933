//! The members a typed name could mean, one button each (namesakes told apart by phone tail or
//! birth year): shared by `/leave`, `/makeup` and `/visit`.

use crate::domain::action::Action;
use crate::domain::outgoing::InlineButton;
use crate::store::members::MemberRow;
use crate::texts::leave_for as words;

/// One row per member; `action` is what tapping that member does.
pub fn rows(
    members: &[MemberRow],
    namesakes: bool,
    action: impl Fn(&MemberRow) -> Action,
) -> Vec<Vec<InlineButton>> {
    members
        .iter()
        .map(|m| {
            let label = if namesakes {
                words::namesake_label(&m.name, m.phone.as_deref(), m.birth_date.as_deref())
            } else {
                m.name.clone()
            };
            vec![InlineButton::new(label, action(m).encode())]
        })
        .collect()
}
