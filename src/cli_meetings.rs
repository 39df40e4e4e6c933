//! The command line's meeting records: `zhibu export` (CSV, XLSX or printable HTML of one
//! meeting or a period) and `zhibu report` (the compliance view).

use std::io::Write;
use std::path::PathBuf;

use chrono::{NaiveDate, TimeZone};

use crate::app::meetings::{self, export, report};
use crate::clock::{Clock, to_millis};
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
    #[arg(long)]
    pub branch: i64,
    /// One meeting, by its number.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub meeting: Option<i64>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Last day of the period, included (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    #[arg(long, value_enum)]
    pub format: FormatArg,
    #[arg(long)]
    pub out: PathBuf,
}

pub async fn export(store: &Store, args: ExportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut conn = store.conn().await?;
    let Some(branch) = store::branches::get(&mut conn, args.branch).await? else {
        anyhow::bail!(words::no_such_branch(args.branch));
    };
    let tz = meetings::branch_tz(&mut conn, branch.id).await?;
    let rows = match args.meeting {
        Some(id) => store::meetings::get(&mut conn, id)
            .await?
            .filter(|m| m.branch_id == branch.id)
            .into_iter()
            .collect::<Vec<_>>(),
        None => {
            let at = |d: NaiveDate| {
                tz.from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
                    .earliest()
                    .map(|t| t.timestamp_millis())
                    .unwrap_or_default()
            };
            let from = args.from.map(at).unwrap_or(i64::MIN);
            let to = args.to.and_then(|d| d.succ_opt()).map(at).unwrap_or(i64::MAX);
            store::meetings::closed_between(&mut conn, branch.id, from, to).await?
        }
    };
    let mut records = Vec::new();
    for m in &rows {
        records.push(export::record(&mut conn, m).await?);
    }
    let format = match args.format {
        FormatArg::Csv => export::Format::Csv,
        FormatArg::Xlsx => export::Format::Xlsx,
        FormatArg::Html => export::Format::Html,
    };
    let bytes = export::render(&branch.name, &records, format).map_err(anyhow::Error::msg)?;
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
    if store::branches::get(&mut conn, branch).await?.is_none() {
        anyhow::bail!(words::no_such_branch(branch));
    }
    writeln!(out, "{}", report::text(&mut conn, branch, to_millis(clock.now())).await?)?;
    Ok(())
}
