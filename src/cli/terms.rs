//! `framelens terms`: the words behind each number, and the labels each group chooses.

use super::{GroupArgs, InputArgs, OutputArgs};
use crate::run::Fields;
use framelens::error::Result;
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
    let mut run = args.input.run(args.output.target())?;
    let lexicon_dir = args
        .input
        .lexicons
        .as_deref()
        .unwrap_or(Path::new("lexicons/en"));
    let selection = Selection::new(
        run.scorer().lexicon(),
        lexicon_dir,
        &args.group.by,
        args.category.as_deref(),
        args.top,
        args.labels,
    )?;
    let fields = Fields::new(&[("--by", &args.group.by)]);
    let mut seen = fields.seen();
    let mut terms = Terms::default();
    run.for_each(
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let (words, matches) = (scored.figures().words, scored.matches().to_vec());
            (fields.groups(&article), words, article.text, matches)
        },
        |(groups, words, text, matches)| {
            seen.saw(&groups);
            terms.add(&groups[0], words, &text, &matches);
            Ok(())
        },
    )?;
    fields.check(&seen, &run)?;
    run.write_table(&selection.table(&terms, run.scorer().lexicon()))?;
    run.finish();
    Ok(())
}
