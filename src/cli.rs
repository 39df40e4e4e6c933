//! The command line: `zhibu run`, branches, the roster, forgetting a member, schedules and
//! briefings.

mod meetings;
mod schedules;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::app::{branches, roster_import};
use crate::clock::{Clock, SystemClock, to_millis};
use crate::config::Settings;
use crate::startup::{Application, shutdown_signal};
use crate::store::{self, Store, audit::Actor};
use crate::texts::cli as words;

#[derive(Debug, Parser)]
#[command(
    name = "zhibu",
    version,
    about = "A Telegram bot for retired cadres' party branches (离退休干部党支部)"
)]
pub struct Cli {
    /// Settings file; every key is optional and the environment overrides it.
    #[arg(long, global = true, default_value = "zhibu.toml")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (long polling) until SIGINT or SIGTERM.
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
    /// A branch's meeting kinds and their rules (how often, required or not).
    #[command(subcommand)]
    Kind(meetings::KindCommand),
    /// The compliance view (三会一课完成情况) of a branch.
    Report {
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
    /// Check the settings, the database and its migrations, and the token (getMe); exits 1 if
    /// anything fails.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum BranchCommand {
    /// Create a branch and print its secretary's one-time binding code.
    Add {
        name: String,
        /// IANA time zone of the branch (default: ZHIBU_TIMEZONE).
        #[arg(long)]
        timezone: Option<String>,
    },
    /// List branches.
    List,
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a roster file: CSV (UTF-8 or GBK) or XLSX.
    Import {
        #[arg(long)]
        branch: i64,
        file: PathBuf,
    },
    /// List a branch's members.
    List {
        #[arg(long)]
        branch: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Erase a member's personal data on their request; past records keep anonymous counts.
    Forget { id: i64 },
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
                Some(tz) => {
                    tz.parse::<chrono_tz::Tz>().map_err(|_| anyhow::anyhow!("unknown time zone `{tz}`"))?
                }
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
        BranchCommand::List => {
            let mut conn = store.conn().await?;
            for b in store::branches::list(&mut conn).await? {
                writeln!(out, "{}", words::branch_line(b.id, &b.name, b.group_chat_id.is_some()))?;
            }
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
            if store::branches::get(&mut conn, branch).await?.is_none() {
                anyhow::bail!(words::no_such_branch(branch));
            }
            for m in store::members::list(&mut conn, branch).await? {
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
    let mut tx = store.begin_write().await?;
    let Some(member) = store::members::get(&mut tx, id).await?.filter(|m| m.forgotten_at.is_none()) else {
        anyhow::bail!(words::no_such_member(id));
    };
    store::contacts::forget_member(&mut tx, id).await?;
    store::members::forget(&mut tx, id, words::FORGOTTEN_NAME, now).await?;
    store::audit::record(
        &mut tx,
        Some(member.branch_id),
        Actor::Cli,
        "member.forget",
        &format!("#{id}"),
        now,
    )
    .await?;
    tx.commit().await?;
    writeln!(out, "{}", words::member_forgotten(id))?;
    Ok(())
}
