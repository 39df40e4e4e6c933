//! The command line's meetings: `zhibu export` (CSV, XLSX or printable HTML of one meeting or a
//! period), `zhibu report` (the compliance view) and `zhibu kind` (each kind's rules per branch).

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::app::branch_settings;
use crate::app::context::Ctx;
use crate::app::meetings::{book, export, report};
use crate::clock::{Clock, to_millis};
use crate::domain::meeting::{MeetingKind, Period};
use crate::domain::settings_phrase::FrequencyChange;
use crate::store::{self, Store};
use crate::texts::cli as words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Csv,
    Xlsx,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
    #[arg(long)]
    pub branch: i64,
    /// One meeting, by its number, e.g. `--meeting 7`.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub meeting: Option<i64>,
    /// First day of the period (YYYY-MM-DD), e.g. `--from 2026-01-01`.
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Last day of the period, included (YYYY-MM-DD), e.g. `--to 2026-12-31`.
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// csv, xlsx or html (printable), e.g. `--format xlsx`.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// The file to write, e.g. `--out 会议记录-2026.xlsx`.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

pub async fn export(store: &Store, args: ExportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut conn = store.conn().await?;
    let Some(branch) = crate::app::branches::find(&mut conn, args.branch).await? else {
        anyhow::bail!(words::no_such_branch(args.branch));
    };
    let records = match args.meeting {
        Some(id) => {
            match crate::app::meetings::find(&mut conn, id).await?.filter(|m| m.branch_id == branch.id) {
                Some(m) => vec![export::record(&mut conn, &m).await?],
                None => Vec::new(),
            }
        }
        None => book::records_between(&mut conn, branch.id, args.from, args.to).await?,
    };
    let format = match args.format {
        FormatArg::Csv => export::Format::Csv,
        FormatArg::Xlsx => export::Format::Xlsx,
        FormatArg::Html => export::Format::Html,
    };
    let visits = match args.meeting {
        Some(_) => Vec::new(),
        None => book::visits_between(&mut conn, branch.id, args.from, args.to).await?,
    };
    let bytes = export::render_book(&branch.name, &records, &visits, format).map_err(anyhow::Error::msg)?;
    std::fs::write(&args.out, bytes)?;
    writeln!(out, "{}", words::exported(records.len(), &args.out.display().to_string()))?;
    Ok(())
}

pub async fn report(
    store: &Store,
    clock: &dyn Clock,
    branch: i64,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut conn = store.conn().await?;
    if !crate::app::branches::exists(&mut conn, branch).await? {
        anyhow::bail!(words::no_such_branch(branch));
    }
    writeln!(out, "{}", report::text(&mut conn, branch, to_millis(clock.now())).await?)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeriodArg {
    Month,
    Quarter,
    Year,
}

#[derive(Debug, clap::Subcommand)]
pub enum KindCommand {
    /// The branch's meeting kinds and their rules.
    List {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
    },
    /// Changes one kind's rules, e.g. `zhibu kind set --branch 1 党课 --period month`.
    Set {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
        /// The kind as secretaries write it: 党员大会, 支委会, 党小组会, 党课, 主题党日, 组织生活会,
        /// e.g. `党课`.
        kind: String,
        /// How often it is due, e.g. `--period quarter`.
        #[arg(long, value_enum)]
        period: Option<PeriodArg>,
        /// At least this many per period, e.g. `--per 1`.
        #[arg(long)]
        per: Option<u32>,
        /// Whether the compliance view counts it, e.g. `--required false`.
        #[arg(long)]
        required: Option<bool>,
    },
}

pub async fn kind(store: &Store, command: KindCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let branch = match &command {
        KindCommand::List { branch } | KindCommand::Set { branch, .. } => *branch,
    };
    let mut tx = store.begin_write().await?;
    if !crate::app::branches::exists(&mut tx, branch).await? {
        anyhow::bail!(words::no_such_branch(branch));
    }
    if let KindCommand::Set { kind, period, per, required, .. } = command {
        let Some(kind) = MeetingKind::parse(&kind) else { anyhow::bail!(words::no_such_kind(&kind)) };
        let period = period.map(|p| match p {
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
            PeriodArg::Year => Period::Year,
        });
        let change = FrequencyChange { kind, period, per_period: per, required };
        let now = chrono::Utc::now().timestamp_millis();
        let mut ctx = Ctx::for_job(&mut tx, now, "");
        branch_settings::set_frequency(&mut ctx, branch, &change, store::audit::Actor::Cli).await?;
    }
    for r in branch_settings::meeting_kinds(&mut tx, branch).await? {
        writeln!(out, "{}", words::kind_line(r.kind.name_cn(), r.period.code(), r.per_period, r.required))?;
    }
    tx.commit().await?;
    Ok(())
}
