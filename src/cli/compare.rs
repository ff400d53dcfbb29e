//! `framelens compare`: groups of articles side by side.

use super::{GroupArgs, InputArgs, OutputArgs};
use framelens::compare::{DEFAULT_RESAMPLES, DEFAULT_SEED, Grouping, Layout};
use framelens::error::Result;
use framelens::output::Cells;
use std::path::Path;

/// Arguments of `framelens compare`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    group: GroupArgs,
    /// The same-story view: for each value of this field (usually event), each
    /// group's rate minus the mean rate of the other groups covering it.
    #[arg(long, value_name = "FIELD")]
    within: Option<String>,
    /// A tidy table (one row per group and metric) instead of one column per group.
    #[arg(long)]
    long: bool,
    /// Seed of the bootstrap resampling; the same seed gives the same intervals.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Resamples drawn for each 95% interval (1 to 100,000).
    #[arg(long, default_value_t = DEFAULT_RESAMPLES as u32, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    resamples: u32,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `framelens compare`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    let mut grouping = Grouping::new(&args.group.by, args.within.as_deref());
    let keys_of = grouping.clone();
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let score = scorer.score(&article.text, article.body, ws);
            (keys_of.keys(&article), score)
        },
        |(keys, score)| {
            grouping.add(keys, score);
            Ok(())
        },
    )?;
    let name = args.input.inputs.first().map_or("<input>", String::as_str);
    let layout = Layout {
        long: args.long,
        resamples: args.resamples as usize,
        seed: args.seed,
    };
    let values = grouping.table(session.scorer.lexicon(), &layout, Path::new(name))?;
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
