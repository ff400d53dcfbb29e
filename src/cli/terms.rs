//! `framelens terms`: the words behind each number, and the labels each group chooses.

use super::{GroupArgs, InputArgs, OutputArgs};
use framelens::error::{Error, Result};
use framelens::output::fixed;
use framelens::terms::Terms;
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
    let lexicon = session.scorer.lexicon();
    let categories: Vec<u16> = match &args.category {
        Some(name) => match lexicon.scored_named(name) {
            Some(c) => vec![lexicon.index_of(c)],
            None => {
                let names: Vec<&str> = lexicon.scored().map(|c| lexicon.name(c)).collect();
                let (last, rest) = names.split_last().unwrap_or((&"", &[]));
                return Err(Error::file(
                    Path::new(name),
                    format!("is not a category; choose {} or {last}", rest.join(", ")),
                ));
            }
        },
        None => lexicon.scored().map(|c| lexicon.index_of(c)).collect(),
    };
    let labels = match (args.labels, lexicon.category("labels")) {
        (true, None) => {
            let dir = args
                .input
                .lexicons
                .as_deref()
                .unwrap_or(Path::new("lexicons/en"));
            return Err(Error::file(
                dir,
                "has no labels.txt, so there is no label table to make",
            ));
        }
        (_, labels) => labels,
    };
    let by = args.group.by.clone();
    let mut terms = Terms::default();
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let (words, matches) = (scored.figures().words, scored.matches().to_vec());
            let group = super::group_of(&article, &by);
            (group, words, article.text, matches)
        },
        |(group, words, text, matches)| {
            terms.add(&group, words, &text, &matches);
            Ok(())
        },
    )?;
    let lexicon = session.scorer.lexicon();
    if args.labels {
        let header = ["pair", "side", &args.group.by, "count", "share"].map(String::from);
        let mut table = args.output.table(&session.inputs, false, &header)?;
        for r in terms.labels(lexicon, labels.unwrap_or_default()) {
            table.row(&[
                r.pair,
                r.side,
                r.group,
                r.count.to_string(),
                r.share.map(fixed).unwrap_or_default(),
            ])?;
        }
        table.finish()?;
    } else {
        let header = [
            &args.group.by,
            "category",
            "rank",
            "entry",
            "forms",
            "count",
            "per_1k",
            "share",
        ]
        .map(|s| s.to_string());
        let mut table = args.output.table(&session.inputs, false, &header)?;
        for r in terms.top(lexicon, &categories, args.top) {
            table.row(&[
                r.group,
                r.category,
                r.rank.to_string(),
                r.entry,
                r.forms,
                r.count.to_string(),
                fixed(r.per_1k),
                fixed(r.share),
            ])?;
        }
        table.finish()?;
    }
    session.summary(done);
    Ok(())
}
