//! The command line: `zhibu run`, branches, the roster, forgetting a member, schedules and
//! briefings.

mod meetings;
mod office;
mod records;
mod schedules;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::app::erasure::ForgetOutcome;
use crate::app::{branches, roster_import};
use crate::clock::{Clock, SystemClock, to_millis};
use crate::config::Settings;
use crate::startup::{Application, shutdown_signal};
use crate::store::{Store, audit::Actor};
use crate::texts::cli as words;

/// The settings read from the environment, shown under `zhibu --help` and `zhibu run --help`.
const ENVIRONMENT_HELP: &str = "\
Environment (overrides the settings file; every key is in zhibu.toml.example):
  TELOXIDE_TOKEN           the bot token from @BotFather (required by `run` and `check`)
  TELOXIDE_API_URL         Bot API base URL [default: https://api.telegram.org/]
  ZHIBU_DATABASE_URL       sqlite://FILE or postgres://USER@HOST/DB [default: sqlite://zhibu.db]
  ZHIBU_TIMEZONE           default time zone of new branches [default: Asia/Shanghai]
  ZHIBU_BOT_USERNAME       the bot's @username, for t.me links before it first connects
  ZHIBU_POLL_TIMEOUT_SECS  long-poll wait of getUpdates [default: 25]
  ZHIBU_SEND_TIMEOUT_SECS  after this, a send's fate is `unknown`, never resent [default: 30]
  ZHIBU_SEND_CONCURRENCY   requests in flight at once [default: 1]
  ZHIBU_WEBHOOK_URL        webhook mode: the public HTTPS URL Telegram posts updates to
  ZHIBU_WEBHOOK_LISTEN     webhook mode: local address to listen on [default: 0.0.0.0:8443]
  ZHIBU_WEBHOOK_SECRET     webhook mode: secret Telegram sends along (1-256 of A-Z a-z 0-9 _ -)
  ZHIBU_ADMIN_LISTEN       serve /healthz and /metrics here, e.g. 127.0.0.1:9090 [default: off]
  ZHIBU_DASHBOARD_LISTEN   serve the office's web dashboard here, e.g. 127.0.0.1:8080 [default: off]
  ZHIBU_DASHBOARD_URL      the dashboard's public https URL, for login links sent to Telegram [default: none]
  ZHIBU_RETAIN_UPDATES_DAYS   days raw updates are kept, 0 for ever [default: 30]
  ZHIBU_RETAIN_MESSAGES_DAYS  days sent messages' texts are kept, 0 for ever [default: 90]
  ZHIBU_USER_UPDATES_PER_MINUTE  messages and taps a minute acted on from one person, 0 no limit [default: 30]
  ZHIBU_LOG_FORMAT         text (colour only on a terminal) or json [default: text]
  RUST_LOG                 which log lines, e.g. info or zhibu=debug [default: warn,zhibu=info]";

#[derive(Debug, Parser)]
#[command(
    name = "zhibu",
    version,
    about = "A Telegram bot for retired cadres' party branches (离退休干部党支部)",
    after_help = ENVIRONMENT_HELP
)]
pub struct Cli {
    /// Settings file; every key is optional and the environment overrides it, e.g.
    /// `--config /etc/zhibu/zhibu.toml`.
    #[arg(long, global = true, default_value = "zhibu.toml", value_name = "FILE")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot until SIGINT or SIGTERM: long polling, or webhook mode when ZHIBU_WEBHOOK_URL
    /// is set.
    #[command(
        long_about = "Run the bot until SIGINT or SIGTERM. It receives updates by long polling \
                      (getUpdates), or in webhook mode when ZHIBU_WEBHOOK_URL is set (then it \
                      listens on ZHIBU_WEBHOOK_LISTEN behind your TLS proxy). Several instances \
                      may share one PostgreSQL database: one of them polls and sends at a time.",
        after_help = ENVIRONMENT_HELP
    )]
    Run,
    /// Branches (党支部).
    #[command(subcommand)]
    Branch(BranchCommand),
    /// The member roster (党员花名册).
    #[command(subcommand)]
    Roster(RosterCommand),
    /// One member.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Schedules (学习提醒, recurring 情况通报) and when a branch's messages may go out.
    #[command(subcommand)]
    Schedule(schedules::ScheduleCommand),
    /// Send a briefing (情况通报) to branches now or at a time.
    Brief(schedules::BriefOrder),
    /// Export meeting records (会议记录): one meeting, or a period's record book.
    Export(meetings::ExportArgs),
    /// Correct a closed meeting record (within the grace period), or set that period.
    #[command(subcommand)]
    Record(records::RecordCommand),
    /// A branch's meeting kinds and their rules (how often, required or not).
    #[command(subcommand)]
    Kind(meetings::KindCommand),
    /// The compliance view (三会一课完成情况) of a branch.
    Report {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
    },
    /// Copy a running SQLite database into FILE (consistent, WAL included, mode 0600);
    /// on PostgreSQL, says how to use pg_dump.
    Backup {
        /// The new backup file, e.g. `--out /var/backups/zhibu-2026-11-24.db` (must not exist).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The superior office's dashboard accounts (上级账号).
    #[command(subcommand)]
    Office(office::OfficeCommand),
    /// Check the settings, the database and its migrations, and the token (getMe); exits 1 if
    /// anything fails.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum BranchCommand {
    /// Create a branch and print its secretary's one-time binding code.
    Add {
        /// The branch's name, e.g. `第一党支部`.
        name: String,
        /// IANA time zone of the branch (default: ZHIBU_TIMEZONE), e.g. `--timezone Asia/Urumqi`.
        #[arg(long)]
        timezone: Option<String>,
    },
    /// List branches.
    List,
    /// Print a fresh one-time secretary binding code for a branch, when no secretary can hand
    /// the role over in chat (`/handover`).
    Code {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
    },
    /// Put a branch under a 党委 / district (the office dashboard shows each office its own), or
    /// take it out without a name, e.g. `zhibu branch district 12 城关区委`.
    District {
        /// The branch's number (see `zhibu branch list`), e.g. `12`.
        branch: i64,
        /// The district, e.g. `城关区委老干部局`; none clears it.
        district: Option<String>,
    },
    /// The districts of many branches at once.
    #[command(subcommand)]
    Districts(office::DistrictsCommand),
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a roster file: CSV (UTF-8 or GBK) or XLSX.
    Import {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
        /// The roster, e.g. `花名册.xlsx` or `roster.csv` (columns 姓名, 手机号, 党小组, …).
        file: PathBuf,
    },
    /// List a branch's members.
    List {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Erase a member's personal data on their request; past records keep anonymous counts.
    Forget {
        /// The member's number (see `zhibu roster list`), e.g. `12`.
        id: i64,
    },
    /// A member's standing: status from a day on, joining day, committee post.
    #[command(flatten)]
    Standing(records::StandingCommand),
}

/// Runs a parsed command line, writing what a person should read to `out`.
pub async fn execute(cli: Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    if matches!(cli.command, Command::Check) {
        // `check` reports bad settings as one of its lines instead of failing on them.
        let failed = crate::operations::check::check(&cli.config, out).await?;
        anyhow::ensure!(failed == 0, crate::texts::operations::check_summary(failed));
        return Ok(());
    }
    let settings = Settings::load(&cli.config)?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    match cli.command {
        Command::Run => {
            settings.require_token()?;
            let app = Application::build(settings, clock).await?;
            app.run_until(shutdown_signal()).await
        }
        Command::Branch(command) => {
            let store = Store::open(&settings.database_url).await?;
            branch_command(&store, &settings, clock.as_ref(), command, out).await
        }
        Command::Roster(command) => {
            let store = Store::open(&settings.database_url).await?;
            roster_command(&store, clock.as_ref(), command, out).await
        }
        Command::Export(args) => {
            let store = Store::open(&settings.database_url).await?;
            meetings::export(&store, args, out).await
        }
        Command::Kind(command) => {
            let store = Store::open(&settings.database_url).await?;
            meetings::kind(&store, command, out).await
        }
        Command::Report { branch } => {
            let store = Store::open(&settings.database_url).await?;
            meetings::report(&store, clock.as_ref(), branch, out).await
        }
        Command::Record(command) => {
            let store = Store::open(&settings.database_url).await?;
            records::record(&store, to_millis(clock.now()), command, out).await
        }
        Command::Member(MemberCommand::Standing(command)) => {
            let store = Store::open(&settings.database_url).await?;
            records::member_standing(&store, to_millis(clock.now()), command, out).await
        }
        Command::Member(MemberCommand::Forget { id }) => {
            let store = Store::open(&settings.database_url).await?;
            forget_member(&store, clock.as_ref(), id, out).await
        }
        Command::Schedule(command) => {
            let store = Store::open(&settings.database_url).await?;
            schedules::schedule_command(&store, to_millis(clock.now()), command, out).await
        }
        Command::Backup { out: file } => {
            let store = Store::open(&settings.database_url).await?;
            let bytes = crate::operations::backup::backup(&store, &file).await?;
            store.close().await;
            writeln!(out, "{}", crate::texts::operations::backup_done(&file.display().to_string(), bytes))?;
            Ok(())
        }
        Command::Office(command) => {
            let store = Store::open(&settings.database_url).await?;
            office::office(&store, to_millis(clock.now()), command, out).await
        }
        Command::Check => unreachable!("checked before the settings are loaded"),
        Command::Brief(order) => {
            let store = Store::open(&settings.database_url).await?;
            schedules::brief_command(&store, to_millis(clock.now()), order, out).await
        }
    }
}

async fn branch_command(
    store: &Store,
    settings: &Settings,
    clock: &dyn Clock,
    command: BranchCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        BranchCommand::Add { name, timezone } => {
            let tz = match timezone {
                Some(tz) => tz
                    .parse::<chrono_tz::Tz>()
                    .map_err(|_| anyhow::anyhow!(crate::texts::operations::unknown_time_zone(&tz)))?,
                None => settings.timezone,
            };
            let created = branches::create(store, name.trim(), tz.name(), to_millis(clock.now())).await?;
            let bot = branches::bot_username(store, settings.bot_username.as_deref()).await?;
            let link = branches::start_link(bot.as_deref(), &created.secretary_code);
            writeln!(
                out,
                "{}",
                words::branch_created(created.id, name.trim(), &created.secretary_code, link.as_deref())
            )?;
        }
        BranchCommand::Code { branch } => {
            let Some(code) = branches::fresh_secretary_code(store, branch, to_millis(clock.now())).await?
            else {
                anyhow::bail!(words::no_such_branch(branch));
            };
            let bot = branches::bot_username(store, settings.bot_username.as_deref()).await?;
            let link = branches::start_link(bot.as_deref(), &code);
            writeln!(out, "{}", words::secretary_code(branch, &code, link.as_deref()))?;
        }
        BranchCommand::List => {
            let mut conn = store.conn().await?;
            for b in branches::all(&mut conn).await? {
                writeln!(out, "{}", words::branch_line(b.id, &b.name, b.group_chat_id.is_some()))?;
            }
        }
        BranchCommand::District { branch, district } => {
            office::set_district(store, to_millis(clock.now()), branch, district, out).await?
        }
        BranchCommand::Districts(command) => {
            office::districts(store, to_millis(clock.now()), command, out).await?
        }
    }
    Ok(())
}

async fn roster_command(
    store: &Store,
    clock: &dyn Clock,
    command: RosterCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        RosterCommand::Import { branch, file } => {
            let path = file.display().to_string();
            let bytes = std::fs::read(&file)
                .map_err(|e| anyhow::anyhow!(words::cannot_read_file(&path, &e.to_string())))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(path);
            let report =
                match roster_import::import(store, branch, &name, &bytes, to_millis(clock.now())).await {
                    Ok(report) => report,
                    Err(roster_import::ImportError::NoBranch(id)) => anyhow::bail!(words::no_such_branch(id)),
                    Err(e) => return Err(e.into()),
                };
            for notice in &report.notices {
                writeln!(out, "{notice}")?;
            }
            writeln!(
                out,
                "{}",
                words::import_summary(report.added, report.updated, report.unchanged, report.notices.len())
            )?;
        }
        RosterCommand::List { branch } => {
            let mut conn = store.conn().await?;
            if !branches::exists(&mut conn, branch).await? {
                anyhow::bail!(words::no_such_branch(branch));
            }
            for m in branches::roster(&mut conn, branch).await? {
                let membership = crate::texts::dates::membership_label(&m.membership);
                let line = words::roster_line(
                    m.id,
                    &m.name,
                    membership,
                    m.party_group.as_deref().unwrap_or("-"),
                    m.phone.as_deref().unwrap_or("-"),
                    m.telegram_user_id.is_some(),
                );
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

async fn forget_member(store: &Store, clock: &dyn Clock, id: i64, out: &mut dyn Write) -> anyhow::Result<()> {
    let now = to_millis(clock.now());
    match crate::app::erasure::forget_member(store, id, Actor::Cli, now).await? {
        ForgetOutcome::Forgotten { roles_revoked, shared_with_others, .. } => {
            writeln!(out, "{}", words::member_forgotten(id, roles_revoked))?;
            if shared_with_others {
                writeln!(out, "{}", words::FORGOTTEN_NAME_SHARED)?;
            }
            Ok(())
        }
        ForgetOutcome::NotFound => anyhow::bail!(words::no_such_member(id)),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every argument of `command` and its subcommands, with the path of commands leading to it.
    fn arguments(command: &clap::Command, path: &str, found: &mut Vec<(String, clap::Arg)>) {
        for arg in command.get_arguments() {
            found.push((format!("{path} {}", arg.get_id()), arg.clone()));
        }
        for sub in command.get_subcommands() {
            arguments(sub, &format!("{path} {}", sub.get_name()), found);
        }
    }

    #[test]
    fn every_argument_has_help_with_an_example() {
        let mut found = Vec::new();
        arguments(&Cli::command(), "zhibu", &mut found);
        let missing: Vec<_> = found
            .iter()
            .filter(|(_, arg)| !matches!(arg.get_id().as_str(), "help" | "version"))
            .filter(|(_, arg)| !arg.get_help().is_some_and(|h| h.to_string().contains("e.g.")))
            .map(|(path, _)| path.as_str())
            .collect();
        assert!(missing.is_empty(), "arguments without an example: {missing:?}");
    }

    #[test]
    fn help_names_every_environment_variable_the_settings_read() {
        let settings_source = include_str!("config.rs");
        let names = settings_source
            .split('"')
            .filter(|s| s.starts_with("ZHIBU_") || s.starts_with("TELOXIDE_"))
            .filter(|s| s.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
            .chain(["ZHIBU_LOG_FORMAT", "RUST_LOG"]);
        let help = Cli::command().render_long_help().to_string();
        // Knobs for tests and benchmarks, not for operators.
        let knobs = ["ZHIBU_RATE_SCALE", "ZHIBU_PERSISTENT_FAULT_SECS"];
        for name in names.filter(|n| !knobs.contains(n)) {
            assert!(help.contains(name), "{name} is not in zhibu --help");
        }
    }

    #[test]
    fn run_says_it_covers_webhook_mode_too() {
        let mut root = Cli::command();
        let run = root.find_subcommand_mut("run").unwrap();
        let help = run.render_long_help().to_string();
        assert!(help.contains("webhook") && help.contains("ZHIBU_WEBHOOK_URL"), "{help}");
    }
}
