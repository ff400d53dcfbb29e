//! `framelens matches`: one CSV row per match, the evidence behind every figure;
//! with `--quotes`, one row per quotation and per source.

use super::{InputArgs, OutputArgs};
use framelens::error::Result;
use framelens::evidence::{MATCHES_HEADER, QUOTES_HEADER, match_rows, quotation_rows};
use framelens::output::Cells;

/// Arguments of `framelens matches`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    /// List the quotations and the named and anonymous sources instead of the
    /// lexicon matches: the rows behind quote_share, scare_quotes,
    /// named_sources and anonymous_sources.
    #[arg(long)]
    quotes: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `framelens matches`.
pub fn run(args: Args) -> Result<()> {
    let mut run = args.input.run(args.output.target())?;
    let quotes = args.quotes;
    let header = if quotes {
        QUOTES_HEADER.map(String::from).to_vec()
    } else {
        MATCHES_HEADER.map(String::from).to_vec()
    };
    let mut table = run.table(header.to_vec())?;
    run.for_each(
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            if quotes {
                quotation_rows(&article, &scored, || {
                    Cells::with_capacity(QUOTES_HEADER.len(), 200)
                })
            } else {
                match_rows(&article, &scored, || {
                    Cells::with_capacity(MATCHES_HEADER.len(), 160)
                })
            }
        },
        |rows| rows.iter().try_for_each(|row| table.cells(row)),
    )?;
    table.finish()?;
    run.finish();
    Ok(())
}
