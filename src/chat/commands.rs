//! The slash commands zhibu understands (secretaries use them; members never need one), parsed
//! from a message's text whatever the platform. Their menu and help sentences live in
//! `texts::commands::COMMANDS`; the tests below keep that table and this enum in step.
//!
//! To add a command: one line in the `commands!` invocation below (variant, wire name, and
//! `(String)` when it takes the rest of the line), a row in `texts::commands::COMMANDS`, and its
//! arm in `chat::router`.

/// Declares `Command` and its wire names in one list, so a name cannot drift from its variant.
macro_rules! commands {
    ($($variant:ident $(($arg:ident))? = $name:literal,)*) => {
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Command {
            $($variant $(($arg))?,)*
        }

        impl Command {
            /// Every command's name, as typed after the slash.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// The name typed after the slash.
            pub fn name(&self) -> &'static str {
                match self {
                    $(commands!(@pattern $variant $($arg)?) => $name,)*
                }
            }

            fn from_parts(name: &str, rest: &str) -> Option<Command> {
                match name {
                    $($name => Some(commands!(@build $variant rest $($arg)?)),)*
                    _ => None,
                }
            }
        }
    };
    (@pattern $variant:ident String) => { Command::$variant(_) };
    (@pattern $variant:ident) => { Command::$variant };
    (@build $variant:ident $rest:ident String) => { Command::$variant($rest.to_owned()) };
    (@build $variant:ident $rest:ident) => { Command::$variant };
}

commands! {
    Start(String) = "start",
    Help = "help",
    Bind(String) = "bind",
    Unbind = "unbind",
    Members = "members",
    Link(String) = "link",
    Contact(String) = "contact",
    Grant(String) = "grant",
    Revoke(String) = "revoke",
    Health(String) = "health",
    Remind(String) = "remind",
    Schedules = "schedules",
    StudyStatus = "study_status",
    StudyPush = "study_push",
    Brief(String) = "brief",
    BriefReport = "brief_report",
    Term(String) = "term",
    Meeting(String) = "meeting",
    CancelMeeting(String) = "cancel_meeting",
    Reschedule(String) = "reschedule",
    CloseMeeting(String) = "close_meeting",
    Present(String) = "present",
    Leave(String) = "leave",
    Report = "report",
    Correct(String) = "correct",
    Member(String) = "member",
    Committee(String) = "committee",
    Handover(String) = "handover",
    Export(String) = "export",
    Record(String) = "record",
    Audit = "audit",
    Settings = "settings",
    Quiet(String) = "quiet",
    Holiday(String) = "holiday",
    Frequency(String) = "frequency",
    ThemeDay(String) = "themeday",
    Confirm(String) = "confirm",
    Branch = "branch",
    Makeup(String) = "makeup",
    Visit(String) = "visit",
}

impl Command {
    /// Commands only a branch's secretary or committee may use; they show or touch personal
    /// information, so they also run only in private chat.
    pub fn needs_admin(&self) -> bool {
        !matches!(self, Command::Start(_) | Command::Help | Command::Bind(_) | Command::Unbind)
    }

    /// Parses `/cmd args` or `/cmd@this_bot args` (the name in any letter case); a command
    /// addressed to another bot, or one zhibu does not know, is `None`. What follows the first
    /// space or line break is the command's argument, as typed; a command without one ignores it.
    pub fn parse_text(text: &str, bot_username: &str) -> Option<Command> {
        let text = text.strip_prefix('/')?;
        let (head, rest) = match text.find(char::is_whitespace) {
            Some(at) => {
                let separator = text[at..].chars().next().map_or(1, char::len_utf8);
                (&text[..at], &text[at + separator..])
            }
            None => (text, ""),
        };
        let name = match head.split_once('@') {
            Some((name, addressee)) if addressee.eq_ignore_ascii_case(bot_username) => name,
            Some(_) => return None,
            None => head,
        };
        Command::from_parts(&name.to_ascii_lowercase(), rest)
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
        let mut enum_names: Vec<&str> = Command::NAMES.to_vec();
        let mut table_names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        enum_names.sort();
        table_names.sort();
        assert_eq!(table_names, enum_names);
        for name in Command::NAMES {
            assert_eq!(parsed(name).name(), *name);
        }
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

    #[test]
    fn arguments_are_what_follows_the_name_and_other_bots_commands_are_not_ours() {
        let p = |t: &str| Command::parse_text(t, "zhibu_bot");
        assert_eq!(p("/meeting 党员大会 12月5日"), Some(Command::Meeting("党员大会 12月5日".into())));
        assert_eq!(p("/meeting\n党员大会"), Some(Command::Meeting("党员大会".into())));
        assert_eq!(p("/start@Zhibu_Bot abc"), Some(Command::Start("abc".into())));
        assert_eq!(p("/Report"), Some(Command::Report));
        assert_eq!(p("/start"), Some(Command::Start(String::new())));
        assert_eq!(p("/help@other_bot"), None);
        assert_eq!(p("/nonsense"), None);
        assert_eq!(p("help"), None);
        assert_eq!(p("/"), None);
    }
}
