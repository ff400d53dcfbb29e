//! `framelens matches`: one CSV row per match, the evidence behind every figure;
//! with `--quotes`, one row per quotation and per source.

use super::{InputArgs, OutputArgs};
use framelens::corpus::Article;
use framelens::error::Result;
use framelens::evidence::{
    MATCHES_HEADER, QUOTES_HEADER, evidence_rows, match_row, match_rows, quotation_rows,
    rows_outweigh_workspace,
};
use framelens::output::Cells;
use framelens::score::Workspace;

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

/// Above this size an article whose rows would outweigh its workspace
/// hands the workspace to the writer; below it, the workspace (and the
/// forms it has learnt) stays with its worker for the next article.
const LARGE: usize = 1 << 20;

/// What scoring one article gave the writer.
enum Found {
    /// The rows of an article.
    Rows(Vec<Cells>),
    /// A large, dense article with the workspace that scored it, its rows
    /// still to be made, one at a time as they are written.
    Large(Box<(Article, Workspace)>),
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
    // The writer makes the rows of a large article, with the lexicon.
    let lexicon = run.scorer().lexicon().clone();
    let new_row = || Cells::with_capacity(MATCHES_HEADER.len(), 160);
    run.for_each(
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            if quotes {
                return Found::Rows(quotation_rows(&article, &scored, || {
                    Cells::with_capacity(QUOTES_HEADER.len(), 200)
                }));
            }
            if article.text.len() > LARGE && rows_outweigh_workspace(&scored) {
                return Found::Large(Box::new((article, std::mem::take(ws))));
            }
            Found::Rows(match_rows(&article, &scored, new_row))
        },
        |found| match found {
            Found::Rows(rows) => rows.iter().try_for_each(|row| table.cells(row)),
            Found::Large(large) => {
                let (article, ws) = &*large;
                let mut row = new_row();
                evidence_rows(&article.text, &lexicon, ws).try_for_each(|e| {
                    row.clear();
                    match_row(&mut row, article, &e);
                    table.cells(&row)
                })
            }
        },
    )?;
    table.finish()?;
    run.finish();
    Ok(())
}
