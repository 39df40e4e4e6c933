//! The command line of the superior office's dashboard: `zhibu office add|list|remove|telegram`
//! (the accounts) and `zhibu branch district|districts import` (the branch tree).

use std::io::{BufRead, Write};
use std::path::PathBuf;

use crate::app::districts::{self, ImportError};
use crate::app::office::{self, AddError};
use crate::app::office_link;
use crate::store::Store;
use crate::texts::dashboard as words;
use crate::texts::login_link as link_words;

#[derive(Debug, clap::Subcommand)]
pub enum OfficeCommand {
    /// Add an office account (or reset its password and district); the password is read as one
    /// line from standard input, e.g. `echo '…' | zhibu office add wang --district 城关区委`.
    Add {
        /// The login, e.g. `wang` (letters, digits, _ - . @).
        login: String,
        /// The 党委 / district whose branches it sees, e.g. `--district 城关区委老干部局`.
        #[arg(long, conflicts_with = "all_districts")]
        district: Option<String>,
        /// It sees every district (the provincial office), e.g. `--all-districts`.
        #[arg(long)]
        all_districts: bool,
        /// Its owner's Telegram user id, for one-time login links, e.g. `--telegram 123456789`.
        #[arg(long, value_name = "USER_ID")]
        telegram: Option<i64>,
    },
    /// Tie an account to its owner's Telegram user (the login page can then send a one-time
    /// login link through the bot), e.g. `zhibu office telegram wang 123456789`; `--none` unties.
    Telegram {
        /// The login, e.g. `wang`.
        login: String,
        /// The Telegram user id, a number, e.g. `123456789` (the person can learn it from a bot such
        /// as @userinfobot).
        #[arg(required_unless_present = "none")]
        user_id: Option<i64>,
        /// Untie the account from Telegram, e.g. `zhibu office telegram wang --none`.
        #[arg(long, conflicts_with = "user_id")]
        none: bool,
    },
    /// List the office accounts and what each sees.
    List,
    /// Disable an account and end its sessions, e.g. `zhibu office remove wang`.
    Remove {
        /// The login, e.g. `wang`.
        login: String,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum DistrictsCommand {
    /// Import every branch's 党委 / district from a CSV file with lines `支部编号,党委`.
    Import {
        /// The file, e.g. `districts.csv` (UTF-8; a header line is allowed).
        file: PathBuf,
    },
}

pub async fn office(
    store: &Store,
    now: i64,
    command: OfficeCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        OfficeCommand::Add { login, district, all_districts, telegram } => {
            if district.is_none() && !all_districts {
                anyhow::bail!(words::OFFICE_NEEDS_DISTRICT);
            }
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            if password.is_empty() {
                anyhow::bail!(words::OFFICE_NO_PASSWORD);
            }
            let district = district.as_deref().map(str::trim);
            match office::add_user(store, login.trim(), district, password, now).await? {
                Ok(_) => writeln!(out, "{}", words::office_added(login.trim(), district))?,
                Err(AddError::ShortPassword) => anyhow::bail!(words::OFFICE_SHORT_PASSWORD),
                Err(AddError::BadLogin) => anyhow::bail!(words::OFFICE_BAD_LOGIN),
            }
            if let Some(user_id) = telegram {
                office_link::tie(store, login.trim(), Some(user_id), now).await?;
                writeln!(out, "{}", link_words::tied(login.trim(), user_id))?;
            }
        }
        OfficeCommand::Telegram { login, user_id, none: _ } => {
            if !office_link::tie(store, login.trim(), user_id, now).await? {
                anyhow::bail!(words::no_such_office_user(login.trim()));
            }
            match user_id {
                Some(id) => writeln!(out, "{}", link_words::tied(login.trim(), id))?,
                None => writeln!(out, "{}", link_words::untied(login.trim()))?,
            }
        }
        OfficeCommand::List => {
            let mut conn = store.conn().await?;
            let tied = office_link::tied(&mut conn).await?;
            for u in crate::app::office::users(&mut conn).await? {
                let telegram = tied.iter().find(|(login, _)| *login == u.login).map(|(_, id)| *id);
                let line = words::office_line(&u.login, u.district.as_deref());
                writeln!(out, "{line}{}", link_words::list_suffix(telegram))?;
            }
        }
        OfficeCommand::Remove { login } => {
            if !office::remove_user(store, &login, now).await? {
                anyhow::bail!(words::no_such_office_user(&login));
            }
            writeln!(out, "{}", words::office_removed(&login))?;
        }
    }
    Ok(())
}

/// `zhibu branch district ID [NAME]`: sets the branch's district, or clears it without a name.
pub async fn set_district(
    store: &Store,
    now: i64,
    branch: i64,
    district: Option<String>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let district = district.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if !districts::set(store, branch, district, now).await? {
        anyhow::bail!(crate::texts::cli::no_such_branch(branch));
    }
    writeln!(out, "{}", words::district_set(branch, district))?;
    Ok(())
}

pub async fn districts(
    store: &Store,
    now: i64,
    command: DistrictsCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let DistrictsCommand::Import { file } = command;
    let bytes = std::fs::read(&file)?;
    match districts::import(store, &bytes, now).await? {
        Ok(n) => writeln!(out, "{}", words::districts_imported(n))?,
        Err(ImportError::Unreadable { line, why }) => {
            anyhow::bail!(words::district_row_unreadable(line, &why))
        }
        Err(ImportError::NotANumber { line, cell }) => {
            anyhow::bail!(words::district_row_not_a_number(line, &cell))
        }
        Err(ImportError::NoDistrict { line }) => anyhow::bail!(words::district_row_no_district(line)),
        Err(ImportError::UnknownBranch { line, branch }) => {
            anyhow::bail!(words::district_row_unknown_branch(line, branch))
        }
    }
    Ok(())
}
