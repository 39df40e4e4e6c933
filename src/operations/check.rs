//! `zhibu check`: what an operator runs before starting zhibu (or after changing its settings):
//! the settings parse, the database answers and is migrated, and Telegram accepts the token.
//! One line per item; the exit code says whether all passed (the caller reports a failure).

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::config::Settings;
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::store::{Backend, Store};
use crate::telegram;
use crate::texts::login_link as link_words;
use crate::texts::operations as words;

/// Runs every check, printing one line each; returns how many failed.
pub async fn check(config: &Path, out: &mut dyn Write) -> anyhow::Result<usize> {
    let mut failed = 0;
    let mut report = |ok: bool, what: &str, detail: String, out: &mut dyn Write| {
        failed += usize::from(!ok);
        let line = if ok { words::check_ok(what, &detail) } else { words::check_failed(what, &detail) };
        writeln!(out, "{}", telegram::redact::redact_token_shapes(&line))
    };
    let settings = match Settings::load(config) {
        Ok(settings) => settings,
        Err(e) => {
            report(false, words::CHECK_SETTINGS, e.to_string(), out)?;
            return Ok(1);
        }
    };
    let database = crate::config::redact_url(&settings.database_url);
    let summary = words::settings_summary(&database, settings.timezone.name());
    report(true, words::CHECK_SETTINGS, summary, out)?;

    match open_and_count(&settings.database_url).await {
        Ok((backend, applied, known)) => {
            let ok = applied == known as i64;
            report(ok, words::CHECK_DATABASE, words::database_summary(backend, applied, known), out)?
        }
        Err(e) => report(false, words::CHECK_DATABASE, format!("{e:#}"), out)?,
    }

    match settings.require_token() {
        Ok(token) => {
            let bot = telegram::bot(token, settings.api_url.as_ref(), Duration::from_secs(15));
            match telegram::who_am_i(&bot, 1).await {
                Ok(username) => report(true, words::CHECK_TELEGRAM, words::telegram_summary(&username), out)?,
                Err(e) => report(false, words::CHECK_TELEGRAM, e.to_string(), out)?,
            }
        }
        Err(_) => report(false, words::CHECK_TELEGRAM, words::NO_TOKEN.to_owned(), out)?,
    }

    let receiving = match &settings.webhook {
        Some(hook) => words::receiving_webhook(hook.url.as_str(), &hook.listen.to_string()),
        None => words::RECEIVING_POLLING.to_owned(),
    };
    report(true, words::CHECK_RECEIVING, receiving, out)?;
    let admin = settings.admin_listen.map(|a| a.to_string());
    report(true, words::CHECK_ADMIN, words::admin_listen(admin.as_deref()), out)?;
    let dashboard = settings.dashboard_listen.map(|a| a.to_string());
    let public = settings.dashboard_url.as_ref().map(url::Url::as_str);
    report(true, link_words::CHECK_DASHBOARD, link_words::check_line(dashboard.as_deref(), public), out)?;
    // A missing year is a warning, not a failure: zhibu runs, those days just are not days off.
    let today = chrono::Utc::now().with_timezone(&settings.timezone).date_naive();
    let calendar = HolidayCalendar::china();
    let holidays = words::holidays_summary(calendar.last_year(), calendar.missing_next_year(today));
    report(true, words::CHECK_HOLIDAYS, holidays, out)?;
    if failed == 0 {
        writeln!(out, "{}", words::check_summary(failed))?;
    }
    Ok(failed)
}

/// Opens (and so migrates) the database; returns its kind and the migrations applied and known.
async fn open_and_count(url: &str) -> anyhow::Result<(&'static str, i64, usize)> {
    let store = Store::open(url).await?;
    let (applied, known) = store.migration_status().await?;
    store.close().await;
    let backend = match store.backend() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    Ok((backend, applied, known))
}
