//! The operator's schedule commands: a schedule from a cron expression, a branch's quiet hours
//! and holidays, and briefings to several branches at once (now or at a time).

use std::io::Write;

use clap::Subcommand;

use crate::app::context::Ctx;
use crate::app::schedules::{self, Plan, branch_tz, local};
use crate::app::{branch_settings, briefings};
use crate::domain::quiet_hours::{Holidays, QuietHours};
use crate::domain::schedule_phrase::Recurrence;
use crate::domain::schedules::{BRIEFING_REMIND_AFTER_HOURS, ScheduleKind, looks_confidential};
use crate::domain::when_phrase::{date_in_words, parse_when};
use crate::store::audit::Actor;
use crate::store::{self, Store};
use crate::texts::cli as words;

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Add a recurring study reminder (or briefing) from a cron expression or a Chinese phrase.
    Add {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
        /// Seconds-first cron or a 5-field crontab line, e.g. `--cron "0 0 9 * * Wed *"`.
        #[arg(long, conflicts_with = "phrase")]
        cron: Option<String>,
        /// A Chinese phrase, e.g. `--phrase 每周三上午9点`.
        #[arg(long)]
        phrase: Option<String>,
        /// What members receive, e.g. `--text "学习《党章》第三章"`.
        #[arg(long)]
        text: String,
        /// study (default) or briefing, e.g. `--kind briefing`.
        #[arg(long, default_value = "study")]
        kind: String,
        /// Send even in quiet hours and on holidays, e.g. `--urgent`.
        #[arg(long)]
        urgent: bool,
    },
    /// Set a branch's quiet hours (`20:00-08:00,12:00-14:30`) and holidays (`2026-10-01,…`).
    Window {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
        /// Quiet hours, e.g. `--quiet 20:00-08:00,12:00-14:30`.
        #[arg(long)]
        quiet: Option<String>,
        /// Holidays, e.g. `--holidays 2026-10-01,2026-10-02`.
        #[arg(long)]
        holidays: Option<String>,
    },
}

pub async fn schedule_command(
    store: &Store,
    now: i64,
    command: ScheduleCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        ScheduleCommand::Add { branch, cron, phrase, text, kind, urgent } => {
            let kind =
                ScheduleKind::from_code(&kind).ok_or_else(|| anyhow::anyhow!(words::bad_kind(&kind)))?;
            let recurrence = match (cron, phrase) {
                (Some(cron), _) => Recurrence::from_cron(&cron)?,
                (None, Some(phrase)) => Recurrence::parse_phrase(&phrase)?,
                (None, None) => anyhow::bail!(words::CRON_OR_PHRASE),
            };
            let mut tx = store.begin_write().await?;
            require_branch(&mut tx, branch).await?;
            let mut ctx = Ctx::for_job(&mut tx, now, "");
            let plan = Plan { urgent, ..Plan::new(kind, &recurrence, &text) };
            let id = schedules::create(&mut ctx, branch, &plan, None).await?;
            let tz = branch_tz(&mut tx, branch).await?;
            tx.commit().await?;
            let at = local(now, tz);
            let next: Vec<String> =
                recurrence.upcoming(at, 3).into_iter().map(|t| date_in_words(t, at)).collect();
            writeln!(out, "{}", words::schedule_added(id, recurrence.summary(), &next))?;
        }
        ScheduleCommand::Window { branch, quiet, holidays } => {
            let mut tx = store.begin_write().await?;
            require_branch(&mut tx, branch).await?;
            let mut ctx = Ctx::for_job(&mut tx, now, "");
            if let Some(quiet) = quiet {
                branch_settings::set_quiet_hours(&mut ctx, branch, &QuietHours::parse(&quiet)?, Actor::Cli)
                    .await?;
            }
            if let Some(holidays) = holidays {
                branch_settings::set_days_off(&mut ctx, branch, &Holidays::parse(&holidays)?, Actor::Cli)
                    .await?;
            }
            tx.commit().await?;
            writeln!(out, "{}", words::window_saved(branch))?;
        }
    }
    Ok(())
}

/// `zhibu brief --branches 1,2|all --text … [--at 明天上午9点] [--remind-after-hours 24]`.
#[derive(Debug, clap::Args)]
pub struct BriefOrder {
    /// Branch numbers or all, e.g. `--branches 1,2` or `--branches all`.
    #[arg(long)]
    pub branches: String,
    /// The briefing, e.g. `--text "本周六上午组织参观红色教育基地"`.
    #[arg(long)]
    pub text: String,
    /// When, in words (now if absent), e.g. `--at 明天上午9点` or `--at 12月5日下午3点`.
    #[arg(long)]
    pub at: Option<String>,
    /// Hours after which members who have not acknowledged get their one reminder, e.g.
    /// `--remind-after-hours 48`.
    #[arg(long, default_value_t = BRIEFING_REMIND_AFTER_HOURS)]
    pub remind_after_hours: i64,
}

pub async fn brief_command(
    store: &Store,
    now: i64,
    order: BriefOrder,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let BriefOrder { branches, text, at, remind_after_hours } = order;
    let (text, at) = (text.as_str(), at.as_deref());
    if looks_confidential(text) {
        anyhow::bail!(crate::texts::briefing::LOOKS_CONFIDENTIAL);
    }
    let ids: Vec<i64> = if branches.trim() == "all" {
        let mut conn = store.conn().await?;
        crate::app::branches::all(&mut conn).await?.into_iter().map(|b| b.id).collect()
    } else {
        branches.split([',', '，']).map(|b| b.trim().parse()).collect::<Result<_, _>>()?
    };
    let mut tx = store.begin_write().await?;
    for &branch in &ids {
        require_branch(&mut tx, branch).await?;
        let tz = branch_tz(&mut tx, branch).await?;
        let when = match at {
            Some(at) => {
                Some(parse_when(at, local(now, tz)).map_err(|_| anyhow::anyhow!(words::bad_time(at)))?)
            }
            None => None,
        };
        let by = briefings::Issuer {
            actor: store::audit::Actor::Cli,
            user_id: None,
            remind_after_hours,
            urgent: false,
        };
        let mut ctx = Ctx::for_job(&mut tx, now, "");
        let at = when.map(|w| w.timestamp_millis());
        let id = briefings::issue(&mut ctx, branch, text, &by, at).await?;
        writeln!(out, "{}", words::brief_issued(branch, id, when.map(|w| date_in_words(w, local(now, tz)))))?;
    }
    tx.commit().await?;
    Ok(())
}

async fn require_branch(conn: &mut store::Conn, branch: i64) -> anyhow::Result<()> {
    if !crate::app::branches::exists(conn, branch).await? {
        anyhow::bail!(words::no_such_branch(branch));
    }
    Ok(())
}
