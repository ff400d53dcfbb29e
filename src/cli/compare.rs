//! `framelens compare`: groups of articles side by side.

use super::stories::{StoryArgs, story_terms};
use super::{GroupArgs, InputArgs, OutputArgs};
use framelens::compare::{DEFAULT_RESAMPLES, DEFAULT_SEED, Group, Metric, within};
use framelens::error::{Error, Result};
use framelens::lexicon::Lexicon;
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
    let (mut session, corpus) = args.input.open()?;
    let within_field = args.within.clone();
    let mut finder = args.stories.finder(args.within.as_deref())?;
    let find_terms = finder.as_ref().is_some_and(|f| f.needs_terms());
    let metrics = Metric::compared(session.scorer.lexicon());
    // Sums per group, not articles, so that memory grows with the groups;
    // stories are known only at the end, so their articles wait till then.
    let mut cells: BTreeMap<(String, String), Group> = BTreeMap::new();
    let mut waiting: Vec<(String, ArticleScore)> = Vec::new();
    let mut known = false;
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let score = scorer
                .score(&article.text, article.body, ws)
                .figures()
                .clone();
            let group = super::group_of(&article, &args.group.by);
            let outer = within_field
                .as_deref()
                .map(|f| super::group_of(&article, f))
                .unwrap_or_default();
            let terms = find_terms.then(|| story_terms(&article));
            (group, outer, score, article.id, terms)
        },
        |(group, outer, score, id, terms)| {
            known |= group != "(none)";
            match finder.as_mut() {
                Some(f) => {
                    f.add(&id, terms);
                    waiting.push((group, score));
                }
                None => cells
                    .entry((outer, group))
                    .or_insert_with(|| Group::new(&metrics))
                    .add(&score),
            }
            Ok(())
        },
    )?;
    let stories = finder.map(|f| f.names()).transpose()?;
    if let Some(names) = &stories {
        for (n, (group, score)) in waiting.into_iter().enumerate() {
            cells
                .entry((names[n].clone(), group))
                .or_insert_with(|| Group::new(&metrics))
                .add(&score);
        }
    }
    if !known {
        let name = args.input.inputs.first().map_or("<input>", String::as_str);
        return Err(Error::file(
            std::path::Path::new(name),
            format!(
                "no article has a `{}` field to group by (try --by outlet or --by event)",
                args.group.by
            ),
        ));
    }
    match &args.within {
        Some(_) => write_within(&args, lexicon_of(&session), &session.inputs, &cells)?,
        None => write_groups(&args, lexicon_of(&session), &session.inputs, cells)?,
    }
    session.summary(done);
    Ok(())
}

fn lexicon_of(session: &super::Session) -> &Lexicon {
    session.scorer.lexicon()
}

fn number(value: Option<f64>) -> String {
    value.map(fixed).unwrap_or_default()
}

fn write_groups(
    args: &Args,
    lexicon: &Lexicon,
    inputs: &[std::path::PathBuf],
    cells: BTreeMap<(String, String), Group>,
) -> Result<()> {
    let metrics = Metric::compared(lexicon);
    let summaries: Vec<_> = cells
        .into_iter()
        .map(|((_, name), group)| group.summarize(&name, args.resamples as usize, args.seed))
        .collect();
    if args.long {
        let header = [
            "group", "metric", "value", "ci_low", "ci_high", "articles", "words", "note",
        ]
        .map(String::from);
        let mut table = args.output.table(inputs, false, &header)?;
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
    let mut table = args.output.table(inputs, false, &header)?;
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
    lexicon: &Lexicon,
    inputs: &[std::path::PathBuf],
    cells: &BTreeMap<(String, String), Group>,
) -> Result<()> {
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
        let mut table = args.output.table(inputs, false, &header)?;
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
    let mut table = args.output.table(inputs, false, &header)?;
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
