//! Settings: an optional `zhibu.toml` overlaid by the environment, checked once at start.

use std::path::Path;

use chrono_tz::Tz;
use serde::Deserialize;

use crate::texts::operations as words;

/// A setting that is missing or malformed. The message names the setting and never its value
/// when the value is secret.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}", words::setting_missing(.name, .hint))]
    Missing { name: &'static str, hint: &'static str },
    #[error("{}", words::setting_malformed(.name, .reason))]
    Malformed { name: &'static str, reason: String },
    #[error("{}", words::settings_file_unreadable(.path, .reason))]
    File { path: String, reason: String },
}

/// Everything the application needs to run, already parsed.
#[derive(Clone)]
pub struct Settings {
    /// The bot token; `None` for CLI commands that do not talk to Telegram.
    pub token: Option<Secret>,
    /// Base URL of the Bot API (`https://api.telegram.org/` by default).
    pub api_url: Option<url::Url>,
    pub database_url: String,
    pub timezone: Tz,
    /// Long-polling timeout for `getUpdates`, in seconds.
    pub poll_timeout_secs: u32,
    /// The bot's @username, when known without asking Telegram (used for t.me links).
    pub bot_username: Option<String>,
    /// How long a send may take before its fate is `unknown`, in seconds.
    pub send_timeout_secs: u32,
    /// Requests in flight at once; 1 means a crash leaves at most one message `unknown`.
    pub send_concurrency: usize,
    /// Webhook mode instead of long polling: the public HTTPS URL Telegram posts updates to.
    pub webhook: Option<WebhookSettings>,
    /// Runs Telegram's rate limits this many times faster (only for a fake Bot API that scales
    /// its time the same way: tests and benchmarks).
    pub rate_scale: f64,
    /// Where `/healthz` and `/metrics` are served; `None` (the default) serves neither.
    pub admin_listen: Option<std::net::SocketAddr>,
    /// Where the superior office's web dashboard is served; `None` (the default) serves none.
    pub dashboard_listen: Option<std::net::SocketAddr>,
    /// The dashboard's public address (behind the HTTPS proxy), for the one-time login links
    /// sent to Telegram; `None`: no such links.
    pub dashboard_url: Option<url::Url>,
    /// Days a handled update's raw payload is kept (0: for ever).
    pub retain_updates_days: u32,
    /// Days a delivered message's body is kept (0: for ever).
    pub retain_messages_days: u32,
    /// Messages and taps a minute acted upon from one person (0: no limit).
    pub user_updates_per_minute: u32,
    /// How long handling updates may fail every time before zhibu exits for its supervisor to
    /// restart it, in seconds (environment only, for tests).
    pub persistent_fault_secs: u64,
}

#[derive(Clone, Debug)]
pub struct WebhookSettings {
    /// The URL Telegram calls (its path is the one zhibu listens on).
    pub url: url::Url,
    /// The local address to listen on (behind the TLS-terminating proxy).
    pub listen: std::net::SocketAddr,
    /// Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`; requests without it are refused.
    pub secret: Secret,
}

/// A string that never prints itself.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("api_url", &self.api_url.as_ref().map(url::Url::as_str))
            .field("database_url", &redact_url(&self.database_url))
            .field("timezone", &self.timezone)
            .finish()
    }
}

/// `zhibu.toml`: every key optional, the environment wins.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    token: Option<String>,
    api_url: Option<String>,
    database_url: Option<String>,
    timezone: Option<String>,
    poll_timeout_secs: Option<u32>,
    bot_username: Option<String>,
    send_timeout_secs: Option<u32>,
    send_concurrency: Option<usize>,
    webhook_url: Option<String>,
    webhook_listen: Option<String>,
    webhook_secret: Option<String>,
    admin_listen: Option<String>,
    dashboard_listen: Option<String>,
    dashboard_url: Option<String>,
    retain_updates_days: Option<u32>,
    retain_messages_days: Option<u32>,
    user_updates_per_minute: Option<u32>,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://zhibu.db";
pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

impl Settings {
    /// Reads `zhibu.toml` (if present at `path`) and the process environment.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let file = read_file(path)?;
        Settings::from_sources(file, |name| std::env::var(name).ok())
    }

    fn from_sources(
        file: FileSettings,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, ConfigError> {
        let pick =
            |name: &str, from_file: Option<String>| env(name).filter(|v| !v.trim().is_empty()).or(from_file);
        let token = pick("TELOXIDE_TOKEN", file.token).map(|t| Secret(t.trim().to_owned()));
        if let Some(t) = &token {
            check_token_shape(t.expose())?;
        }
        let api_url = pick("TELOXIDE_API_URL", file.api_url).map(|raw| parse_api_url(&raw)).transpose()?;
        let database_url =
            pick("ZHIBU_DATABASE_URL", file.database_url).unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        check_database_url(&database_url)?;
        let tz_name = pick("ZHIBU_TIMEZONE", file.timezone).unwrap_or_else(|| DEFAULT_TIMEZONE.into());
        let timezone = tz_name.trim().parse::<Tz>().map_err(|_| ConfigError::Malformed {
            name: "ZHIBU_TIMEZONE",
            reason: words::unknown_time_zone(tz_name.trim()),
        })?;
        let poll_timeout_secs = number(&env, "ZHIBU_POLL_TIMEOUT_SECS", file.poll_timeout_secs, 25)?;
        let send_timeout_secs = number(&env, "ZHIBU_SEND_TIMEOUT_SECS", file.send_timeout_secs, 30)?;
        let send_concurrency = number(&env, "ZHIBU_SEND_CONCURRENCY", file.send_concurrency, 1)?;
        let rate_scale: f64 = number(&env, "ZHIBU_RATE_SCALE", None, 1.0)?;
        let retain_updates_days = number(&env, "ZHIBU_RETAIN_UPDATES_DAYS", file.retain_updates_days, 30)?;
        let retain_messages_days = number(&env, "ZHIBU_RETAIN_MESSAGES_DAYS", file.retain_messages_days, 90)?;
        let user_updates_per_minute =
            number(&env, "ZHIBU_USER_UPDATES_PER_MINUTE", file.user_updates_per_minute, 30)?;
        let persistent_fault_secs = number(&env, "ZHIBU_PERSISTENT_FAULT_SECS", None, 300)?;
        let webhook = webhook_settings(
            pick("ZHIBU_WEBHOOK_URL", file.webhook_url),
            pick("ZHIBU_WEBHOOK_LISTEN", file.webhook_listen),
            pick("ZHIBU_WEBHOOK_SECRET", file.webhook_secret),
        )?;
        let admin_listen = pick("ZHIBU_ADMIN_LISTEN", file.admin_listen)
            .map(|raw| {
                raw.trim().parse().map_err(|_| ConfigError::Malformed {
                    name: "ZHIBU_ADMIN_LISTEN",
                    reason: words::want_address("127.0.0.1:9090"),
                })
            })
            .transpose()?;
        let dashboard_listen = pick("ZHIBU_DASHBOARD_LISTEN", file.dashboard_listen)
            .map(|raw| {
                raw.trim().parse().map_err(|_| ConfigError::Malformed {
                    name: "ZHIBU_DASHBOARD_LISTEN",
                    reason: words::want_address("127.0.0.1:8080"),
                })
            })
            .transpose()?;
        let dashboard_url = pick("ZHIBU_DASHBOARD_URL", file.dashboard_url)
            .map(|raw| parse_dashboard_url(&raw))
            .transpose()?;
        if rate_scale.is_nan() || rate_scale <= 0.0 {
            return Err(ConfigError::Malformed {
                name: "ZHIBU_RATE_SCALE",
                reason: words::WANT_POSITIVE_NUMBER.into(),
            });
        }
        let bot_username = pick("ZHIBU_BOT_USERNAME", file.bot_username)
            .map(|u| u.trim().trim_start_matches('@').to_owned());
        Ok(Settings {
            token,
            api_url,
            database_url,
            timezone,
            poll_timeout_secs,
            bot_username,
            send_timeout_secs,
            send_concurrency,
            webhook,
            rate_scale,
            admin_listen,
            dashboard_listen,
            dashboard_url,
            retain_updates_days,
            retain_messages_days,
            user_updates_per_minute,
            persistent_fault_secs,
        })
    }

    /// The token, or the error that says how to provide it.
    pub fn require_token(&self) -> Result<&Secret, ConfigError> {
        self.token.as_ref().ok_or(ConfigError::Missing { name: "TELOXIDE_TOKEN", hint: words::HINT_TOKEN })
    }
}

fn webhook_settings(
    url: Option<String>,
    listen: Option<String>,
    secret: Option<String>,
) -> Result<Option<WebhookSettings>, ConfigError> {
    let Some(url) = url else { return Ok(None) };
    let url = url::Url::parse(url.trim()).map_err(|e| ConfigError::Malformed {
        name: "ZHIBU_WEBHOOK_URL",
        reason: words::not_a_url(&e.to_string()),
    })?;
    let listen = listen.unwrap_or_else(|| "0.0.0.0:8443".to_owned());
    let listen = listen.trim().parse().map_err(|_| ConfigError::Malformed {
        name: "ZHIBU_WEBHOOK_LISTEN",
        reason: words::want_address("0.0.0.0:8443"),
    })?;
    let secret = secret
        .map(|s| s.trim().to_owned())
        .ok_or(ConfigError::Missing { name: "ZHIBU_WEBHOOK_SECRET", hint: words::HINT_WEBHOOK_SECRET })?;
    let valid = (1..=256).contains(&secret.len())
        && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid {
        return Err(ConfigError::Malformed {
            name: "ZHIBU_WEBHOOK_SECRET",
            reason: words::WANT_SECRET.into(),
        });
    }
    Ok(Some(WebhookSettings { url, listen, secret: Secret(secret) }))
}

/// A number from the environment, else the file, else the default.
fn number<T: std::str::FromStr>(
    env: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    from_file: Option<T>,
    default: T,
) -> Result<T, ConfigError> {
    match env(name) {
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|_| ConfigError::Malformed { name, reason: words::not_a_number(raw.trim()) }),
        None => Ok(from_file.unwrap_or(default)),
    }
}

fn read_file(path: &Path) -> Result<FileSettings, ConfigError> {
    let file_error = |reason: String| ConfigError::File { path: path.display().to_string(), reason };
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map_err(|e| file_error(e.message().to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileSettings::default()),
        Err(e) => Err(file_error(e.to_string())),
    }
}

fn check_token_shape(token: &str) -> Result<(), ConfigError> {
    let ok = token.split_once(':').is_some_and(|(id, rest)| id.parse::<u64>().is_ok() && !rest.is_empty());
    if ok {
        Ok(())
    } else {
        Err(ConfigError::Malformed { name: "TELOXIDE_TOKEN", reason: words::WANT_TOKEN_SHAPE.into() })
    }
}

/// The dashboard's public base URL; a link is made by joining a path to it.
fn parse_dashboard_url(raw: &str) -> Result<url::Url, ConfigError> {
    let malformed = |reason: String| ConfigError::Malformed { name: "ZHIBU_DASHBOARD_URL", reason };
    let mut url = url::Url::parse(raw.trim()).map_err(|e| malformed(words::not_a_url(&e.to_string())))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(malformed(words::WANT_HTTP_URL.into()));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn parse_api_url(raw: &str) -> Result<url::Url, ConfigError> {
    let malformed = |reason: String| ConfigError::Malformed { name: "TELOXIDE_API_URL", reason };
    let mut url = url::Url::parse(raw.trim()).map_err(|e| malformed(words::not_a_url(&e.to_string())))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(malformed(words::WANT_HTTP_URL.into()));
    }
    // teloxide appends `/bot<token>/<Method>` segment by segment: a trailing slash on a
    // sub-path would double it.
    if url.path().len() > 1 && url.path().ends_with('/') {
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
    }
    Ok(url)
}

fn check_database_url(url: &str) -> Result<(), ConfigError> {
    if url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(())
    } else {
        Err(ConfigError::Malformed { name: "ZHIBU_DATABASE_URL", reason: words::WANT_DATABASE_URL.into() })
    }
}

/// The URL with any password replaced, for logs.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn defaults_are_sqlite_and_shanghai() {
        let s = Settings::from_sources(FileSettings::default(), env_of(&[])).unwrap();
        assert_eq!(s.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(s.timezone, chrono_tz::Asia::Shanghai);
        assert!(s.token.is_none());
    }

    #[test]
    fn malformed_token_names_the_setting_but_not_the_value() {
        let err =
            Settings::from_sources(FileSettings::default(), env_of(&[("TELOXIDE_TOKEN", "oops-secret")]))
                .err()
                .unwrap()
                .to_string();
        assert!(err.contains("TELOXIDE_TOKEN"));
        assert!(!err.contains("oops-secret"));
    }

    #[test]
    fn unknown_time_zone_is_one_clear_line() {
        let err =
            Settings::from_sources(FileSettings::default(), env_of(&[("ZHIBU_TIMEZONE", "Mars/Olympus")]))
                .err()
                .unwrap()
                .to_string();
        assert!(err.contains("ZHIBU_TIMEZONE") && !err.contains('\n'));
    }

    #[test]
    fn environment_overrides_the_file() {
        let file = FileSettings { timezone: Some("Asia/Urumqi".into()), ..Default::default() };
        let s = Settings::from_sources(file, env_of(&[("ZHIBU_TIMEZONE", "Asia/Shanghai")])).unwrap();
        assert_eq!(s.timezone, chrono_tz::Asia::Shanghai);
    }

    #[test]
    fn settings_debug_never_shows_the_token() {
        let s =
            Settings::from_sources(FileSettings::default(), env_of(&[("TELOXIDE_TOKEN", "123:abcSECRET")]))
                .unwrap();
        assert!(!format!("{s:?}").contains("abcSECRET"));
    }

    /// `zhibu.toml.example` with every commented-out key put back.
    fn example_uncommented() -> String {
        let example = include_str!("../zhibu.toml.example");
        let is_key = |l: &str| {
            l.split_once(" = ").is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        };
        example
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| is_key(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_example_settings_file_names_every_key_and_each_parses() {
        let file: FileSettings = toml::from_str(&example_uncommented()).expect("every example key is known");
        // No `..`: a new key that the example lacks fails to compile here.
        let FileSettings {
            token,
            api_url,
            database_url,
            timezone,
            poll_timeout_secs,
            bot_username,
            send_timeout_secs,
            send_concurrency,
            webhook_url,
            webhook_listen,
            webhook_secret,
            admin_listen,
            dashboard_listen,
            dashboard_url,
            retain_updates_days,
            retain_messages_days,
            user_updates_per_minute,
        } = &file;
        let strings = [token, api_url, database_url, timezone, bot_username, webhook_url, webhook_listen];
        assert!(strings.iter().all(|v| v.is_some()) && webhook_secret.is_some() && admin_listen.is_some());
        assert!(poll_timeout_secs.is_some() && send_timeout_secs.is_some() && send_concurrency.is_some());
        assert!(retain_updates_days.is_some() && retain_messages_days.is_some());
        assert!(user_updates_per_minute.is_some() && dashboard_listen.is_some() && dashboard_url.is_some());
        let settings = Settings::from_sources(file, env_of(&[])).expect("the example values are valid");
        assert!(settings.webhook.is_some() && settings.admin_listen.is_some());
        assert!(settings.dashboard_listen.is_some());
        assert_eq!(
            settings.dashboard_url.map(String::from).as_deref(),
            Some("https://dangjian.example.org/")
        );
    }

    #[test]
    fn api_url_loses_a_trailing_slash_on_a_sub_path() {
        let s = Settings::from_sources(
            FileSettings::default(),
            env_of(&[("TELOXIDE_API_URL", "http://127.0.0.1:9/x")]),
        )
        .unwrap();
        assert_eq!(s.api_url.unwrap().as_str(), "http://127.0.0.1:9/x");
    }
}
