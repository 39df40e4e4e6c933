//! The slash commands zhibu understands (secretaries use them; members never need one).
//! Their menu descriptions are sentences and live in `texts::commands`.

use teloxide::utils::command::BotCommands;

#[derive(BotCommands, Debug, Clone, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    Start(String),
    Help,
    Bind(String),
    Members,
    Link(String),
    Contact(String),
    Grant(String),
    Revoke(String),
    Health(String),
    Remind(String),
    Schedules,
    #[command(rename = "study_status")]
    StudyStatus,
    #[command(rename = "study_push")]
    StudyPush,
    Brief(String),
    #[command(rename = "brief_report")]
    BriefReport,
    Term(String),
    Meeting(String),
    #[command(rename = "cancel_meeting")]
    CancelMeeting(String),
    Reschedule(String),
    #[command(rename = "close_meeting")]
    CloseMeeting(String),
    Present(String),
    Report,
    Correct(String),
}

impl Command {
    /// Commands only a branch's secretary or committee may use; they show or touch personal
    /// information, so they also run only in private chat.
    pub fn needs_admin(&self) -> bool {
        !matches!(self, Command::Start(_) | Command::Help | Command::Bind(_))
    }

    /// Parses `/cmd args` or `/cmd@this_bot args`; a command addressed to another bot is `None`.
    pub fn parse_text(text: &str, bot_username: &str) -> Option<Command> {
        if !text.starts_with('/') {
            return None;
        }
        Command::parse(text, bot_username).ok()
    }
}
