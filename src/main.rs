//! The `framelens` command: parses arguments, runs a subcommand, reports errors.

mod cli;
mod run;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("framelens: {e}");
            ExitCode::from(2)
        }
    }
}
