//! How a new meeting, or why not, is said: shared by `/meeting` in one line and the step-by-step
//! meeting dialogue (a leaf: it names no other handler).

use crate::app::meetings::create::{CreateError, Created};
use crate::domain::action::Action;
use crate::domain::meeting::ButtonAction;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::when_phrase::WhenError;
use crate::texts::meeting as words;

/// "已创建…" with the 【结束会议】 button for later (it asks before it closes).
pub fn created(c: &Created) -> Outgoing {
    let m = &c.meeting;
    let text = words::meeting_created(m.kind().name_cn(), &c.when, m.id, &c.told);
    let close = InlineButton::new(words::BUTTON_CLOSE, Action::Meeting(m.id, ButtonAction::Close).encode());
    Outgoing::with_buttons(text, Buttons::inline_row(vec![close]))
}

pub fn create_error(e: &CreateError) -> String {
    match e {
        CreateError::Usage => words::MEETING_USAGE.to_owned(),
        CreateError::UnknownKind(word) => words::unknown_kind(word),
        CreateError::WhichGroup => words::WHICH_GROUP.to_owned(),
        CreateError::Time(e) => time_error(*e).to_owned(),
        CreateError::NoPlace => words::NO_PLACE.to_owned(),
        CreateError::NoTopic => words::NO_TOPIC.to_owned(),
        CreateError::NoGroupBound => words::NO_GROUP_BOUND.to_owned(),
    }
}

pub fn time_error(e: WhenError) -> &'static str {
    match e {
        WhenError::InPast => words::TIME_IN_PAST,
        WhenError::InvalidDate => words::TIME_INVALID,
        WhenError::NoTime => words::TIME_WITHOUT_HOUR,
        WhenError::Empty | WhenError::Unrecognised => words::NO_TIME,
    }
}
