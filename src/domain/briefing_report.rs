//! What became of a briefing (情况通报): deliveries by state, failures with their reason, and who
//! has acknowledged it — the figures of the report the secretary reads.

/// A briefing's delivery report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The briefing's text.
    pub body: String,
    pub delivered: usize,
    pub waiting: usize,
    /// (who: a member's name or the group, the outbox error)
    pub failed: Vec<(String, String)>,
    /// Whose copy may or may not have arrived (the connection broke mid-send): never resent, since
    /// a second copy is worse than a phone call to ask.
    pub uncertain: Vec<String>,
    pub acknowledged: Vec<String>,
    /// Bound members who have not acknowledged.
    pub not_acknowledged: Vec<String>,
    /// Members without Telegram: someone must phone or visit them.
    pub unbound: Vec<String>,
}
