//! What closing a meeting would do, shown to the secretary before they confirm it.

/// What closing would do, for the secretary to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosePreview {
    pub when: String,
    /// Who receives the record: the branch's secretaries, by name.
    pub secretaries: Vec<String>,
    /// How many members get the 补学 material as things stand (on leave or absent).
    pub makeup: usize,
    /// Said 参加 but never checked in: absent unless confirmed present.
    pub unchecked: Vec<String>,
    /// Days after the close in which the secretary may still correct or reopen the record.
    pub grace_days: i64,
}
