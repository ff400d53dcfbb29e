//! The `framelens` command: parses arguments, runs a subcommand, reports errors.

mod cli;
mod run;

use clap::Parser;
use framelens::error::Error;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    // Without the handler an interrupted run still writes no partial output,
    // but leaves its temporary file behind.
    let _ = framelens::output::remove_temporaries_on_signals();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output has gone (`framelens matches | head`):
        // nothing is left to do and nobody to tell, as ripgrep and xsv do.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed standard error is no reason to panic on the way out.
            let _ = writeln!(std::io::stderr(), "framelens: {e}");
            ExitCode::from(2)
        }
    }
}

/// Whether writing failed because standard output was closed.
fn is_broken_pipe(error: &Error) -> bool {
    let Error::Io { source, .. } = error else {
        return false;
    };
    let broken = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    // A CSV writer's failure comes wrapped in an error of its own.
    let inner = source
        .get_ref()
        .and_then(|e| e.downcast_ref::<csv::Error>())
        .and_then(|e| match e.kind() {
            csv::ErrorKind::Io(io) => Some(io),
            _ => None,
        });
    broken(source) || inner.is_some_and(broken)
}
