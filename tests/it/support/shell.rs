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

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
