//! Why a button press changes nothing: decided by `app::taps`, said by `texts::taps`.

/// Why a tap changes nothing; each is told to the tapper in a polite sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// What the button names does not exist (any more).
    Gone,
    /// Tapped in a group that is not the group of the branch the button belongs to.
    NotThisGroup,
    /// Tapped privately by someone who has no part in the branch the button belongs to.
    NotYourBranch,
    /// Someone else's button: another member's make-up study, another secretary's draft, or an
    /// administrator's button pressed by a member.
    NotYours,
    /// A briefing acknowledged where it has not been delivered (yet).
    NotSentYet,
    /// Consent to a health note, given by anyone but the member.
    OnlyTheMember,
}
