//! `framelens terms`: the words behind each number, and the labels each group chooses.

use super::{GroupArgs, InputArgs, OutputArgs};
use framelens::error::Result;
use framelens::output::Cells;
use framelens::terms::{Selection, Terms};
use std::path::Path;

/// Arguments of `framelens terms`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    #[command(flatten)]
    group: GroupArgs,
    /// Only this category (loaded, hedging, boosters, attribution, or one
    /// that the lexicon folder adds).
    #[arg(long, value_name = "CATEGORY")]
    category: Option<String>,
    /// How many entries per group and category.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// The label-choice table instead: how often each group uses each side of
    /// the paired labels in labels.txt (regime/government, ...).
    #[arg(long)]
    labels: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `framelens terms`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    let lexicon_dir = args
        .input
        .lexicons
        .as_deref()
        .unwrap_or(Path::new("lexicons/en"));
    let selection = Selection::new(
        session.scorer.lexicon(),
        lexicon_dir,
        &args.group.by,
        args.category.as_deref(),
        args.top,
        args.labels,
    )?;
    let by = args.group.by.clone();
    let mut terms = Terms::default();
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let (words, matches) = (scored.figures().words, scored.matches().to_vec());
            (article.group(&by), words, article.text, matches)
        },
        |(group, words, text, matches)| {
            terms.add(&group, words, &text, &matches);
            Ok(())
        },
    )?;
    let values = selection.table(&terms, session.scorer.lexicon());
    let mut table = args.output.table(&session.inputs, false, &values.header)?;
    let mut cells = Cells::default();
    for row in &values.rows {
        cells.clear();
        for value in row {
            value.write(&mut cells);
        }
        table.cells(&cells)?;
    }
    table.finish()?;
    session.summary(done);
    Ok(())
}
