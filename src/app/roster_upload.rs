//! A roster sent as a document in private chat: received here, fetched by the transport,
//! previewed with what the import will change, and imported (through `roster_import`'s one door)
//! only on the sender's 【导入】, in the tap's transaction.

use crate::app::context::Ctx;
use crate::app::roster_import::{self, ImportError, ImportReport, RowOutcome};
use crate::domain::action::Action;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::roster::{self, MAX_FILE_BYTES};
use crate::store::audit::Actor;
use crate::store::roster_uploads::Upload;
use crate::store::{self, Store, StoreError, StoreResult};
use crate::texts::roster_chat as words;

/// A document an administrator sent privately: kept to be fetched, or refused in words.
pub async fn receive(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    user_id: i64,
    file_id: &str,
    file_name: &str,
    size: u64,
) -> StoreResult<()> {
    if size > MAX_FILE_BYTES {
        ctx.say_text(user_id, words::too_large(MAX_FILE_BYTES / 1024 / 1024)).await?;
        return Ok(());
    }
    if !roster::is_roster_file(file_name) {
        ctx.say_text(user_id, words::NOT_A_ROSTER_FILE).await?;
        return Ok(());
    }
    let id = store::roster_uploads::add(ctx.tx, branch_id, user_id, file_id, file_name, ctx.now).await?;
    store::roster_uploads::make_older_stale(ctx.tx, branch_id, id, ctx.now).await?;
    ctx.say_text(user_id, words::received(file_name)).await?;
    Ok(())
}

/// What the transport got for an upload.
#[derive(Debug)]
pub enum Fetched {
    Bytes(Vec<u8>),
    TooLarge,
    Failed,
}

/// The file is in hand (or not): shows its sender what importing it will change.
pub async fn fetched(store: &Store, upload: &Upload, fetched: Fetched, now: i64) -> StoreResult<()> {
    let outcome = match fetched {
        Fetched::Bytes(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => Err(too_large()),
        Fetched::Bytes(bytes) => {
            match roster_import::preview(store, upload.branch_id, &upload.file_name, &bytes, now).await {
                Ok(report) => Ok((report, bytes)),
                Err(ImportError::Unreadable(reason)) => Err(words::unreadable(&reason)),
                Err(ImportError::NoBranch(_)) => Err(words::FETCH_FAILED.to_owned()),
                Err(ImportError::Store(e)) => return Err(e),
            }
        }
        Fetched::TooLarge => Err(too_large()),
        Fetched::Failed => Err(words::FETCH_FAILED.to_owned()),
    };
    let mut tx = store.begin_write().await?;
    let mut ctx = Ctx::for_update(&mut tx, now, "");
    let (state, content) = match &outcome {
        Ok((_, bytes)) => ("previewed", Some(bytes.as_slice())),
        Err(_) => ("failed", None),
    };
    // A newer upload may have made this one stale meanwhile: then nothing is said about it.
    if store::roster_uploads::advance(ctx.tx, upload.id, "fetching", state, content, now).await? {
        let message = match &outcome {
            Ok((report, _)) => preview_message(upload, report),
            Err(text) => Outgoing::text(text.clone()),
        };
        ctx.say(upload.user_id, message).await?;
    }
    tx.commit().await.map_err(StoreError::from)
}

fn too_large() -> String {
    words::too_large(MAX_FILE_BYTES / 1024 / 1024)
}

fn preview_message(upload: &Upload, report: &ImportReport) -> Outgoing {
    let mut added = Vec::new();
    let mut updated = Vec::new();
    for row in &report.rows {
        match &row.outcome {
            RowOutcome::Added => added.push((row.row_number, row.name.clone())),
            RowOutcome::Updated(fields) => updated.push((row.row_number, row.name.clone(), fields.clone())),
            RowOutcome::Unchanged => {}
        }
    }
    let text = words::preview(&upload.file_name, &added, &updated, report.unchanged, &report.notices);
    let button = |label: &str, yes: bool| {
        InlineButton::new(label, Action::RosterUpload { upload_id: upload.id, yes }.encode())
    };
    let buttons =
        Buttons::inline_row(vec![button(words::BUTTON_IMPORT, true), button(words::BUTTON_CANCEL, false)]);
    Outgoing::with_buttons(text, buttons)
}

/// What became of a tap on 【导入】 or 【取消】.
#[derive(Debug)]
pub enum Answered {
    /// Imported; `importer_unbound` when the person who tapped is not yet tied to a roster entry
    /// of the branch (a secretary who bound by code before there was a roster).
    Imported {
        report: ImportReport,
        importer_unbound: bool,
    },
    Cancelled,
    /// A newer roster was sent after this one.
    Stale,
    /// Imported or cancelled already (a second tap).
    AlreadyAnswered,
    /// Left unanswered so long that retention let the file go.
    Expired,
    /// The file could not be read after all; the sentence says why.
    Unreadable(String),
}

/// The sender's answer to a preview (already authorized by `app::taps`): the import runs in the
/// tap's own transaction, so it is all done or not at all.
pub async fn answer(ctx: &mut Ctx<'_>, upload_id: i64, tapper: i64, yes: bool) -> StoreResult<Answered> {
    let Some(upload) = store::roster_uploads::get(ctx.tx, upload_id).await? else {
        return Ok(Answered::AlreadyAnswered);
    };
    match upload.state.as_str() {
        "previewed" => {}
        "stale" => return Ok(Answered::Stale),
        "expired" => return Ok(Answered::Expired),
        _ => return Ok(Answered::AlreadyAnswered),
    }
    if !yes {
        store::roster_uploads::advance(ctx.tx, upload.id, "previewed", "cancelled", None, ctx.now).await?;
        return Ok(Answered::Cancelled);
    }
    let content = store::roster_uploads::content(ctx.tx, upload.id).await?.unwrap_or_default();
    let actor = Actor::Telegram(tapper);
    let imported =
        roster_import::import_in(ctx.tx, upload.branch_id, &upload.file_name, &content, actor, ctx.now).await;
    let answered = match imported {
        Ok(report) => {
            let own = store::members::by_telegram_user(ctx.tx, tapper).await?;
            let importer_unbound = !own.iter().any(|m| m.branch_id == upload.branch_id);
            Answered::Imported { report, importer_unbound }
        }
        Err(ImportError::Unreadable(reason)) => Answered::Unreadable(reason),
        Err(ImportError::NoBranch(_)) => Answered::AlreadyAnswered,
        Err(ImportError::Store(e)) => return Err(e),
    };
    let state = if matches!(answered, Answered::Imported { .. }) { "imported" } else { "failed" };
    store::roster_uploads::advance(ctx.tx, upload.id, "previewed", state, None, ctx.now).await?;
    Ok(answered)
}
