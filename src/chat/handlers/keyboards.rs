//! The reply keyboards people keep under the message box: big buttons, no typing needed (a leaf
//! shared by the handlers that greet, bind and answer members).

use crate::domain::outgoing::{Buttons, KeyButton};
use crate::texts::{binding, common, member_ask as asks};

/// The persistent keyboard a bound member keeps: a few big buttons, no typing needed.
pub fn member_keyboard() -> Buttons {
    Buttons::Keyboard {
        rows: vec![
            vec![KeyButton::plain(asks::BUTTON_NEXT_MEETING), KeyButton::plain(asks::BUTTON_ASK_LEAVE)],
            vec![KeyButton::plain(asks::BUTTON_NOTE)],
            vec![KeyButton::plain(common::BUTTON_MY_INFO), KeyButton::plain(common::BUTTON_HELP)],
        ],
    }
}

/// The keyboard a newcomer gets: one big button that shares their phone number.
pub fn share_phone_keyboard() -> Buttons {
    Buttons::Keyboard { rows: vec![vec![KeyButton::contact(binding::BUTTON_SHARE_PHONE)]] }
}
