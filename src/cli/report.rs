//! `framelens report`: one self-contained HTML page for a class.

use super::{GroupArgs, InputArgs, OutputArgs};
use framelens::compare::{DEFAULT_RESAMPLES, DEFAULT_SEED, Group};
use framelens::error::{Error, Result};
use framelens::output::Output;
use framelens::report::{Highlight, QuoteRow, ReportArticle, render};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Arguments of `framelens report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    #[command(flatten)]
    group: GroupArgs,
    /// Seed of the bootstrap intervals in the charts.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `framelens report`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    // Opened first, so that an output that cannot be written is refused
    // before the work rather than after it.
    let target = args.output.output.as_deref();
    let mut out = Output::create(target, &session.inputs, false)?;
    let by = args.group.by.clone();
    let mut articles: Vec<ReportArticle> = Vec::new();
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let highlights = scored
                .evidence()
                .into_iter()
                .map(|e| Highlight {
                    range: e.start_byte..e.end_byte,
                    category: e.category.to_string(),
                    entry: e.entry.to_string(),
                    voice: e.voice,
                })
                .collect();
            let quotes = scored.quotes().map(|(q, k)| (q.outer.clone(), k)).collect();
            let quote_rows = scored
                .quote_evidence()
                .into_iter()
                .map(|e| QuoteRow {
                    category: e.category.as_str(),
                    reason: e.reason.to_string(),
                    cue: e.cue.to_string(),
                    words: e.words,
                    matched: e.matched.to_string(),
                })
                .collect();
            let score = scored.figures().clone();
            ReportArticle {
                group: super::group_of(&article, &by),
                id: article.id,
                meta: article.meta,
                body: article.body,
                text: article.text,
                score,
                highlights,
                quotes,
                quote_rows,
            }
        },
        |article| {
            articles.push(article);
            Ok(())
        },
    )?;
    let metrics = framelens::metrics::Metric::compared(session.scorer.lexicon());
    let mut by_group: BTreeMap<&str, Group> = BTreeMap::new();
    for a in &articles {
        by_group
            .entry(&a.group)
            .or_insert_with(|| Group::new(&metrics))
            .add(&a.score);
    }
    let groups: Vec<_> = by_group
        .iter()
        .map(|(name, group)| group.summarize(name, DEFAULT_RESAMPLES, args.seed))
        .collect();
    let html = render(&articles, &groups, &args.group.by, session.scorer.lexicon());
    let name = target.unwrap_or(Path::new("<stdout>"));
    out.write_all(html.as_bytes())
        .map_err(|e| Error::io(name, "write", e))?;
    out.finish()?;
    session.summary(done);
    Ok(())
}
