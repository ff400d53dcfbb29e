//! The `framelens` command: parses arguments, runs a subcommand, reports errors.

mod cli;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    // Without the handler an interrupted run still writes no partial output,
    // but leaves its temporary file behind.
    let _ = framelens::output::remove_temporaries_on_signals();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed standard error is no reason to panic on the way out.
            let _ = writeln!(std::io::stderr(), "framelens: {e}");
            ExitCode::from(2)
        }
    }
}
