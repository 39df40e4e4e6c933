//! The command line's meeting records and members' standing: `zhibu record correct|grace` and
//! `zhibu member status|joined|committee`.

use std::io::Write;

use chrono::NaiveDate;

use crate::app::meetings::correct::{self, CorrectOutcome, Corrector};
use crate::app::standing::{self, StandingChange};
use crate::domain::meeting::{Correction, CorrectionError};
use crate::domain::member_standing::Status;
use crate::store::{Store, audit::Actor};
use crate::texts::{cli as words, record as record_words};

#[derive(Debug, clap::Subcommand)]
pub enum RecordCommand {
    /// Corrects a closed meeting record, in the secretary's words, e.g.
    /// `zhibu record correct --branch 1 --meeting 12 到会 张德明`.
    Correct {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
        /// The meeting's number (default: the one closed last), e.g. `--meeting 12`.
        #[arg(long)]
        meeting: Option<i64>,
        /// Also after the grace period (the correction is recorded all the same), e.g. `--past-grace`.
        #[arg(long)]
        past_grace: bool,
        /// The correction in the secretary's words, e.g. `到会 张德明`, `原因 李秀英 住院`, `重新开启`.
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
    },
    /// How many days after closing the secretary may correct a record (default 7).
    Grace {
        /// The branch's number (see `zhibu branch list`), e.g. `--branch 1`.
        #[arg(long)]
        branch: i64,
        /// Days after closing, e.g. `7`.
        days: u32,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum StandingCommand {
    /// A member's status from a day on: 正式, 预备, 去世, 转出, 停止党籍, 出党.
    Status {
        /// The member's number (see `zhibu roster list`), e.g. `12`.
        id: i64,
        /// The new status, e.g. `去世` (or 正式, 预备, 转出, 停止党籍, 出党).
        status: String,
        /// The day it took effect, e.g. `--since 2026-06-14`.
        #[arg(long)]
        since: NaiveDate,
    },
    /// The day a member joined the branch (YYYY-MM-DD), or `--founding` for the founding roster.
    Joined {
        /// The member's number (see `zhibu roster list`), e.g. `12`.
        id: i64,
        /// The day they joined the branch, e.g. `2026-03-01`.
        day: Option<NaiveDate>,
        /// On the founding roster (expected from the start), e.g. `--founding`.
        #[arg(long, conflicts_with = "day")]
        founding: bool,
    },
    /// Puts a member on the branch committee (支委) with their post, or off it with `--off`.
    Committee {
        /// The member's number (see `zhibu roster list`), e.g. `12`.
        id: i64,
        /// The post, e.g. `组织委员` (or 书记, 副书记, 宣传委员, 纪检委员 …).
        post: Option<String>,
        /// Off the committee, e.g. `--off`.
        #[arg(long, conflicts_with = "post")]
        off: bool,
    },
}

pub async fn record(
    store: &Store,
    now: i64,
    command: RecordCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut tx = store.begin_write().await?;
    let branch = match &command {
        RecordCommand::Correct { branch, .. } | RecordCommand::Grace { branch, .. } => *branch,
    };
    if !crate::app::branches::exists(&mut tx, branch).await? {
        anyhow::bail!(words::no_such_branch(branch));
    }
    let said = match command {
        RecordCommand::Grace { days, .. } => {
            standing::set_grace_days(&mut tx, branch, days, Actor::Cli, now).await?;
            words::grace_set(days)
        }
        RecordCommand::Correct { meeting, past_grace, words: text, .. } => {
            let correction = match Correction::parse(&text.join(" ")) {
                Ok(c) => c,
                Err(CorrectionError::Usage) => anyhow::bail!(record_words::USAGE),
                Err(CorrectionError::Vote) => anyhow::bail!(record_words::VOTE_USAGE),
            };
            let Some(m) = correct::pick(&mut tx, branch, meeting).await? else {
                anyhow::bail!(
                    meeting
                        .map(record_words::no_such_meeting)
                        .unwrap_or(record_words::NO_CLOSED_MEETING.to_owned())
                );
            };
            let who = Corrector { name: record_words::CLI_ACTOR.to_owned(), actor: Actor::Cli, past_grace };
            match correct::correct(&mut tx, &m, &who, correction, now).await? {
                CorrectOutcome::Corrected(row) => record_words::corrected(&row),
                other => anyhow::bail!(other.words(m.kind().name_cn())),
            }
        }
    };
    tx.commit().await?;
    writeln!(out, "{said}")?;
    Ok(())
}

pub async fn member_standing(
    store: &Store,
    now: i64,
    command: StandingCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (id, change) = match command {
        StandingCommand::Status { id, status, since } => {
            let Some(status) = Status::parse(&status) else { anyhow::bail!(words::no_such_status(&status)) };
            (id, StandingChange::Status { status, since })
        }
        StandingCommand::Joined { id, day, founding } => {
            if day.is_none() && !founding {
                anyhow::bail!(words::JOINED_USAGE);
            }
            (id, StandingChange::Joined(day))
        }
        StandingCommand::Committee { id, post, off } => {
            if post.is_none() && !off {
                anyhow::bail!(words::COMMITTEE_USAGE);
            }
            (id, StandingChange::Committee(post.filter(|_| !off)))
        }
    };
    let mut tx = store.begin_write().await?;
    let Some(member) = crate::app::people::member(&mut tx, id).await?.filter(|m| m.forgotten_at.is_none())
    else {
        anyhow::bail!(words::no_such_member(id));
    };
    standing::change(&mut tx, Actor::Cli, &member, &change, now).await?;
    tx.commit().await?;
    writeln!(out, "{}", words::standing_changed(&member.name, &change))?;
    Ok(())
}
