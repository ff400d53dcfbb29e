//! `framelens compare`: groups of articles side by side.

use super::stories::{StoryArgs, story_terms};
use super::{GroupArgs, InputArgs, OutputArgs};
use crate::run::Fields;
use framelens::compare::{DEFAULT_RESAMPLES, DEFAULT_SEED, Grouping, Layout};
use framelens::error::Result;
use framelens::score::ArticleScore;
use std::path::Path;

/// Arguments of `framelens compare`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
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
    stories: StoryArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `framelens compare`.
pub fn run(args: Args) -> Result<()> {
    let mut run = args.input.run(args.output.target())?;
    let mut finder = args.stories.finder(args.within.as_deref())?;
    let find_terms = finder.as_ref().is_some_and(|f| f.needs_terms());
    // `--within story` is worked out from the words, not read from a field.
    let mut asked = vec![("--by", args.group.by.as_str())];
    if finder.is_none() {
        asked.extend(args.within.as_deref().map(|w| ("--within", w)));
    }
    let fields = Fields::new(&asked);
    let mut seen = fields.seen();
    let mut grouping = Grouping::new(
        &args.group.by,
        args.within.as_deref(),
        run.scorer().lexicon(),
    );
    // An article joins its group at once, so that memory grows with the
    // groups; only while stories are being found does it wait for the
    // name of its story, known once every article has been read.
    let mut waiting: Vec<(String, ArticleScore)> = Vec::new();
    run.for_each(
        |scorer, article, ws| {
            let score = scorer
                .score(&article.text, article.body, ws)
                .figures()
                .clone();
            let terms = find_terms.then(|| story_terms(&article));
            (fields.groups(&article), score, article.id, terms)
        },
        |(groups, score, id, terms)| {
            seen.saw(&groups);
            let mut groups = groups.into_iter();
            let group = groups.next().unwrap_or_default();
            let outer = groups.next().unwrap_or_default();
            match finder.as_mut() {
                Some(f) => {
                    f.add(&id, terms);
                    waiting.push((group, score));
                }
                None => grouping.add((outer, group), score),
            }
            Ok(())
        },
    )?;
    fields.check(&seen, &run)?;
    if let Some(finder) = finder {
        let names = finder.names()?;
        for ((group, score), story) in waiting.into_iter().zip(names) {
            grouping.add((story, group), score);
        }
    }
    let layout = Layout {
        long: args.long,
        resamples: args.resamples as usize,
        seed: args.seed,
    };
    let name = args.input.inputs.first().map_or("<input>", String::as_str);
    let values = grouping.table(run.scorer().lexicon(), &layout, Path::new(name))?;
    run.write_table(&values)?;
    run.finish();
    Ok(())
}
