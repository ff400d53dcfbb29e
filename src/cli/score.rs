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
    /// Leave out the header row, as a mapper whose rows are gathered from
    /// many processes needs (Spark's RDD.pipe, GNU parallel); an input with
    /// no record then gives no row rather than an error.
    #[arg(long)]
    no_header: bool,
}

/// Runs `framelens score`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    session.allow_empty = args.no_header;
    let columns = ScoreTable::new(session.scorer.lexicon());
    let header = if args.no_header {
        Vec::new()
    } else {
        columns.header()
    };
    let mut table = args
        .output
        .table(&session.inputs, args.input.strict, &header)?;
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let score = scorer.score(&article.text, article.body, ws);
            columns.row(&article, score.figures())
        },
        |row| table.cells(&row),
    )?;
    table.finish()?;
    session.summary(done);
    Ok(())
}
