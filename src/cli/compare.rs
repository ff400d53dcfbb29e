//! `framelens compare`: groups of articles side by side.

use super::stories::{StoryArgs, story_terms};
use super::{GroupArgs, InputArgs, OutputArgs};
use crate::run::{Fields, Run};
use framelens::compare::{DEFAULT_RESAMPLES, DEFAULT_SEED, Metric, summarize, within};
use framelens::error::Result;
use framelens::output::fixed;
use framelens::score::ArticleScore;
use std::collections::BTreeMap;

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
    let mut scored: Vec<(String, String, ArticleScore)> = Vec::new();
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
            if let Some(f) = finder.as_mut() {
                f.add(&id, terms);
            }
            let mut groups = groups.into_iter();
            let group = groups.next().unwrap_or_default();
            let outer = groups.next().unwrap_or_default();
            scored.push((group, outer, score));
            Ok(())
        },
    )?;
    fields.check(&seen, &run)?;
    let stories = finder.map(|f| f.names()).transpose()?;
    let mut cells: BTreeMap<(String, String), Vec<ArticleScore>> = BTreeMap::new();
    for (n, (group, outer, score)) in scored.into_iter().enumerate() {
        let outer = match &stories {
            Some(names) => names[n].clone(),
            None => outer,
        };
        cells.entry((outer, group)).or_default().push(score);
    }
    match &args.within {
        Some(_) => write_within(&args, &run, &cells)?,
        None => write_groups(&args, &run, cells)?,
    }
    run.finish();
    Ok(())
}

fn number(value: Option<f64>) -> String {
    value.map(fixed).unwrap_or_default()
}

fn write_groups(
    args: &Args,
    run: &Run,
    cells: BTreeMap<(String, String), Vec<ArticleScore>>,
) -> Result<()> {
    let lexicon = run.scorer().lexicon();
    let metrics = Metric::compared(lexicon);
    let summaries: Vec<_> = cells
        .into_iter()
        .map(|((_, group), articles)| {
            summarize(
                &group,
                &articles,
                &metrics,
                args.resamples as usize,
                args.seed,
            )
        })
        .collect();
    if args.long {
        let header = [
            "group", "metric", "value", "ci_low", "ci_high", "articles", "words", "note",
        ]
        .map(String::from);
        let mut table = run.table(header.to_vec())?;
        for s in &summaries {
            for (metric, e) in metrics.iter().zip(&s.estimates) {
                table.row(&[
                    s.name.clone(),
                    metric.name(lexicon),
                    number(e.value),
                    number(e.interval.map(|i| i.0)),
                    number(e.interval.map(|i| i.1)),
                    s.articles.to_string(),
                    s.words.to_string(),
                    s.note.clone(),
                ])?;
            }
        }
        return table.finish();
    }
    let mut header = vec!["metric".to_string()];
    for s in &summaries {
        header.extend([
            s.name.clone(),
            format!("{} ci_low", s.name),
            format!("{} ci_high", s.name),
        ]);
    }
    let mut table = run.table(header.to_vec())?;
    let plain_row = |label: &str, cell: &dyn Fn(&framelens::compare::GroupSummary) -> String| {
        let mut row = vec![label.to_string()];
        for s in &summaries {
            row.extend([cell(s), String::new(), String::new()]);
        }
        row
    };
    table.row(&plain_row("articles", &|s| s.articles.to_string()))?;
    table.row(&plain_row("words", &|s| s.words.to_string()))?;
    for (m, metric) in metrics.iter().enumerate() {
        let mut row = vec![metric.name(lexicon)];
        for s in &summaries {
            let e = &s.estimates[m];
            row.extend([
                number(e.value),
                number(e.interval.map(|i| i.0)),
                number(e.interval.map(|i| i.1)),
            ]);
        }
        table.row(&row)?;
    }
    table.row(&plain_row("note", &|s| s.note.clone()))?;
    table.finish()
}

fn write_within(
    args: &Args,
    run: &Run,
    cells: &BTreeMap<(String, String), Vec<ArticleScore>>,
) -> Result<()> {
    let lexicon = run.scorer().lexicon();
    let metrics = Metric::compared(lexicon);
    let rows = within(cells, &metrics);
    let outer = args.within.as_deref().unwrap_or("event");
    if args.long {
        let header = [
            outer,
            "group",
            "metric",
            "value",
            "others_mean",
            "difference",
            "articles",
            "words",
        ]
        .map(String::from);
        let mut table = run.table(header.to_vec())?;
        for r in &rows {
            table.row(&[
                r.event.clone(),
                r.group.clone(),
                r.metric.name(lexicon),
                number(r.value),
                number(r.others_mean),
                number(r.difference),
                r.articles.to_string(),
                r.words.to_string(),
            ])?;
        }
        return table.finish();
    }
    // Wide: one row per (event, metric), one column per group holding its difference.
    let groups: Vec<&str> = {
        let mut g: Vec<&str> = cells.keys().map(|(_, g)| g.as_str()).collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    let mut header = vec![outer.to_string(), "metric".to_string()];
    header.extend(groups.iter().map(|g| g.to_string()));
    let mut table = run.table(header.to_vec())?;
    let mut by_row: BTreeMap<(String, usize), Vec<String>> = BTreeMap::new();
    for r in &rows {
        let m = metrics.iter().position(|x| *x == r.metric).unwrap_or(0);
        let cells = by_row
            .entry((r.event.clone(), m))
            .or_insert_with(|| vec![String::new(); groups.len()]);
        if let Ok(g) = groups.binary_search(&r.group.as_str()) {
            cells[g] = number(r.difference);
        }
    }
    for ((event, m), differences) in by_row {
        let mut row = vec![event, metrics[m].name(lexicon)];
        row.extend(differences);
        table.row(&row)?;
    }
    table.finish()
}
