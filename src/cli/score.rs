//! `framelens score`: one CSV row of figures per article.

use super::{InputArgs, OutputArgs};
use framelens::error::Result;
use framelens::score::table::ScoreTable;

/// Arguments of `framelens score`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `framelens score`.
pub fn run(args: Args) -> Result<()> {
    let mut run = args.input.run(args.output.target())?;
    let columns = ScoreTable::new(run.scorer().lexicon());
    let mut table = run.table(columns.header())?;
    run.for_each(
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            columns.row(&article, scored.figures())
        },
        |row| table.cells(&row),
    )?;
    table.finish()?;
    run.finish();
    Ok(())
}
