//! The real `zhibu` binary run from a shell against a test database.

use std::process::{Command, Output};

use super::db::TestDb;

pub fn zhibu(db: &TestDb, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .current_dir(dir.path())
        .env("ZHIBU_DATABASE_URL", &db.url)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("RUST_LOG")
        .output()
        .expect("run zhibu")
}

/// The binary run while a bot runs in this test's runtime: off the runtime's thread, so the bot
/// keeps going (and finishes the write it may hold) while the command waits for the database.
pub async fn zhibu_beside(db: &TestDb, args: &[&str]) -> Output {
    let url = db.url.clone();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .args(&args)
            .current_dir(dir.path())
            .env("ZHIBU_DATABASE_URL", url)
            .env_remove("TELOXIDE_TOKEN")
            .env_remove("RUST_LOG")
            .output()
            .expect("run zhibu")
    })
    .await
    .expect("the command's thread")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
