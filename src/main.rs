//! The `zhibu` binary: reads the command line, runs it, and turns any failure into one line.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    zhibu::logging::init();
    let cli = zhibu::cli::Cli::parse();
    let mut out = std::io::stdout();
    match zhibu::cli::execute(cli, &mut out).await {
        Ok(()) => ExitCode::SUCCESS,
        // `zhibu roster list | head` closing the pipe early is not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(zhibu::store::StoreError::Vanished { path, marker }) = e.downcast_ref() {
                eprintln!("zhibu: {}", zhibu::texts::operations::database_vanished(path, marker));
                return ExitCode::FAILURE;
            }
            eprintln!("zhibu: {}", zhibu::telegram::redact::redact_token_shapes(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
