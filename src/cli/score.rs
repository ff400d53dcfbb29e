//! `framelens score`: one CSV row of figures per article.

use super::InputArgs;
use framelens::error::Result;
use framelens::output::{Table, score_header, score_row};
use std::path::PathBuf;

/// Arguments of `framelens score`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Write the table here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs `framelens score`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    let version = session.scorer.lexicon().version.clone();
    let mut table = Table::create(
        args.output.as_deref(),
        &session.inputs,
        args.input.strict,
        &score_header(),
    )?;
    let done = session.for_each_article(
        corpus,
        |scorer, article, ws| {
            let score = scorer.score(&article.text, article.body, ws);
            score_row(&article, &score, &version)
        },
        |row| table.row(&row),
    )?;
    if done == 0 {
        return Err(super::nothing_done(&args.output));
    }
    table.finish()?;
    session.summary(done);
    Ok(())
}
