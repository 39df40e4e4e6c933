//! Log lines to stderr, filtered by `RUST_LOG` (default: info for zhibu, warn for the rest):
//! plain text (coloured only on a terminal) or, with `ZHIBU_LOG_FORMAT=json`, one JSON object
//! per line carrying the spans (`update`, `job`, `send`) and their ids.

use std::io::IsTerminal;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines; colour codes only when stderr is a terminal.
    Text,
    /// One JSON object per line, for journald, Loki, Elasticsearch and the like.
    Json,
}

impl LogFormat {
    /// `ZHIBU_LOG_FORMAT`: `json`, or `text` (also when unset); `None` for anything else.
    pub fn parse(raw: Option<&str>) -> Option<LogFormat> {
        match raw.map(|r| r.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("text") => Some(LogFormat::Text),
            Some("json") => Some(LogFormat::Json),
            Some(_) => None,
        }
    }
}

pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,zhibu=info"));
    let raw = std::env::var("ZHIBU_LOG_FORMAT").ok();
    let format = LogFormat::parse(raw.as_deref());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let installed = match format.unwrap_or(LogFormat::Text) {
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(true).try_init(),
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
    };
    if installed.is_ok() && format.is_none() {
        tracing::warn!(value = raw.as_deref().unwrap_or(""), "ZHIBU_LOG_FORMAT is text or json; using text");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_format_is_text_unless_json_is_asked_for() {
        assert_eq!(LogFormat::parse(None), Some(LogFormat::Text));
        assert_eq!(LogFormat::parse(Some("JSON ")), Some(LogFormat::Json));
        assert_eq!(LogFormat::parse(Some("text")), Some(LogFormat::Text));
        assert_eq!(LogFormat::parse(Some("yaml")), None);
    }
}
