//! The slash commands zhibu understands (secretaries use them; members never need one).
//! Their menu descriptions are sentences and live in `texts::commands`.

use teloxide::utils::command::BotCommands;

#[derive(BotCommands, Debug, Clone, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    Start(String),
    Help,
    Bind(String),
    Unbind,
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
        !matches!(self, Command::Start(_) | Command::Help | Command::Bind(_) | Command::Unbind)
    }

    /// Parses `/cmd args` or `/cmd@this_bot args`; a command addressed to another bot is `None`.
    pub fn parse_text(text: &str, bot_username: &str) -> Option<Command> {
        if !text.starts_with('/') {
            return None;
        }
        Command::parse(text, bot_username).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::texts::commands::{ADMINS, COMMANDS, EVERYONE, Who, admin_help, menu};

    fn parsed(name: &str) -> Command {
        Command::parse_text(&format!("/{name}"), "zhibu_bot")
            .unwrap_or_else(|| panic!("/{name} does not parse"))
    }

    #[test]
    fn the_command_table_names_every_command_once() {
        let mut enum_names: Vec<String> = Command::bot_commands()
            .into_iter()
            .map(|c| c.command.trim_start_matches('/').to_owned())
            .collect();
        let mut table_names: Vec<String> = COMMANDS.iter().map(|c| c.name.to_owned()).collect();
        enum_names.sort();
        table_names.sort();
        assert_eq!(table_names, enum_names);
    }

    #[test]
    fn every_command_parses_and_needs_an_admin_exactly_when_the_table_says_so() {
        for c in COMMANDS {
            assert_eq!(parsed(c.name).needs_admin(), c.who == Who::Admins, "/{}", c.name);
        }
    }

    #[test]
    fn every_menu_entry_parses_and_every_admin_command_is_in_the_admin_menu_and_help() {
        for (name, _) in menu(EVERYONE) {
            assert!(!parsed(&name).needs_admin(), "/{name} is in everyone's menu");
        }
        let admin_menu = menu(ADMINS);
        for (name, _) in &admin_menu {
            parsed(name);
        }
        let help = admin_help();
        for c in COMMANDS.iter().filter(|c| parsed(c.name).needs_admin()) {
            assert!(admin_menu.iter().any(|(name, _)| name == c.name), "/{} is not in the menu", c.name);
            assert!(help.contains(&format!("/{} ", c.name)), "/{} is not in the help", c.name);
        }
    }
}
