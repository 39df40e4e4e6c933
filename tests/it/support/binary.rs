//! The real `zhibu` binary as a child process, pointed at the fake Bot API.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::db::TestDb;
use super::fake_telegram::FakeTelegram;

/// `zhibu run` against the fake; `extra` adds environment settings.
pub fn start_bot(fake: &FakeTelegram, db: &TestDb, extra: &[(&str, &str)]) -> Child {
    run_command(fake, db, extra).stderr(Stdio::null()).spawn().expect("start zhibu")
}

/// The same, writing its log (stderr, not a terminal) to `log`.
pub fn start_bot_logging(fake: &FakeTelegram, db: &TestDb, extra: &[(&str, &str)], log: &Path) -> Child {
    let file = std::fs::File::create(log).expect("log file");
    run_command(fake, db, extra).stderr(Stdio::from(file)).spawn().expect("start zhibu")
}

/// `zhibu run` unable to write any file past `bytes` (`ulimit -f`), as on a disk that fills up:
/// a write beyond it kills the process with SIGXFSZ or fails with EFBIG.
pub fn start_bot_with_file_size_limit(fake: &FakeTelegram, db: &TestDb, bytes: u64) -> Child {
    let mut command = Command::new("sh");
    // `ulimit -f` counts 512-byte blocks in POSIX shells.
    let script = format!("ulimit -f {} && exec \"$0\" run", bytes.div_ceil(512));
    command.arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_zhibu"));
    with_settings(&mut command, fake, db, &[]).stderr(Stdio::null()).spawn().expect("start zhibu")
}

fn run_command(fake: &FakeTelegram, db: &TestDb, extra: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    command.arg("run");
    with_settings(&mut command, fake, db, extra);
    command
}

fn with_settings<'c>(
    command: &'c mut Command,
    fake: &FakeTelegram,
    db: &TestDb,
    extra: &[(&str, &str)],
) -> &'c mut Command {
    command
        .env("TELOXIDE_TOKEN", FakeTelegram::TOKEN)
        .env("TELOXIDE_API_URL", fake.api_url())
        .env("ZHIBU_DATABASE_URL", &db.url)
        .env("ZHIBU_POLL_TIMEOUT_SECS", "1")
        .env("RUST_LOG", "error")
        .env_remove("ZHIBU_LOG_FORMAT")
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::null());
    for (key, value) in extra {
        command.env(key, value);
    }
    command
}

/// Stops the child as a service manager would (SIGTERM) and waits for it.
pub fn terminate(mut child: Child) -> std::process::ExitStatus {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    child.wait().expect("wait")
}
