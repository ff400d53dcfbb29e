//! `framelens report`: one self-contained HTML page for a class.

use super::stories::{StoryArgs, story_terms};
use super::{GroupArgs, InputArgs, PageArgs};
use crate::run::{Fields, group_of};
use framelens::align::{AlignArticle, AlignOptions, Sentence, align, sentences};
use framelens::compare::{DEFAULT_RESAMPLES, DEFAULT_SEED, summarize};
use framelens::error::Result;
use framelens::report::{
    Fact, Highlight, QuoteRow, Report, ReportArticle, SentenceRef, Story, render,
};
use framelens::similarity::ContentWords;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

/// Arguments of `framelens report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    #[command(flatten)]
    group: GroupArgs,
    /// The field that tells stories apart, for the side-by-side view: event,
    /// story (found from the words, or read from --stories), or any other.
    /// By default `event`, when any article has one.
    #[arg(long, value_name = "FIELD")]
    within: Option<String>,
    #[command(flatten)]
    stories: StoryArgs,
    /// Seed of the bootstrap intervals in the charts.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    #[command(flatten)]
    output: PageArgs,
}

thread_local! {
    /// Each thread's content-word memo, for aligning sentences.
    static WORDS: RefCell<ContentWords> = RefCell::new(ContentWords::default());
}

/// Sentence `n` (from 1) at index `n - 1`; a number no sentence has (one
/// without a word) is an empty range.
fn by_number(found: &[Sentence]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for s in found {
        let index = s.number as usize - 1;
        while ranges.len() < index {
            let at = ranges.last().map_or(s.range.start, |r| r.end);
            ranges.push(at..at);
        }
        ranges.push(s.range.clone());
    }
    ranges
}

/// Sentences of one story beyond which the report does not align them: every
/// pair of sentences is compared, and a whole corpus taken for one story
/// would take hours for a page no one could read.
const MAX_ALIGNED_SENTENCES: usize = 4000;

/// The facts of one story, its articles given by their index in `articles`,
/// or why they were not aligned.
fn story_facts(
    members: &[usize],
    aligned: &[AlignArticle],
) -> std::result::Result<Vec<Fact>, String> {
    let sentences: usize = members.iter().map(|&i| aligned[i].sentences.len()).sum();
    if sentences > MAX_ALIGNED_SENTENCES {
        return Err(format!(
            "This story has {sentences} sentences, too many to set side by side (at most \
             {MAX_ALIGNED_SENTENCES}): tell its stories apart with --within."
        ));
    }
    let story: Vec<AlignArticle> = members.iter().map(|&i| aligned[i].clone()).collect();
    let facts = align(&story, &AlignOptions::default())
        .into_iter()
        .map(|fact| Fact {
            tellings: fact
                .members
                .iter()
                .map(|m| SentenceRef {
                    article: members[m.article],
                    sentence: m.sentence as usize - 1,
                })
                .collect(),
        })
        .collect();
    Ok(facts)
}

/// Runs `framelens report`.
pub fn run(args: Args) -> Result<()> {
    let mut run = args.input.run(args.output.target())?;
    let by = args.group.by.clone();
    // `--within story` is worked out from the words, not read from a field.
    let mut asked = vec![("--by", by.as_str())];
    asked.extend(
        args.within
            .as_deref()
            .filter(|&w| w != "story")
            .map(|w| ("--within", w)),
    );
    let fields = Fields::new(&asked);
    let mut seen = fields.seen();
    let within = args.within.clone().unwrap_or_else(|| "event".to_string());
    let mut articles: Vec<ReportArticle> = Vec::new();
    let mut aligned: Vec<AlignArticle> = Vec::new();
    let mut finder = args.stories.finder(args.within.as_deref())?;
    let find_terms = finder.as_ref().is_some_and(|f| f.needs_terms());
    run.for_each(
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let mut highlights: Vec<Highlight> = scored
                .evidence()
                .into_iter()
                .map(|e| {
                    let lexicon = scorer.lexicon();
                    let graded = lexicon
                        .scored_named(e.category)
                        .is_some_and(|c| lexicon.is_graded(c));
                    Highlight {
                        range: e.start_byte..e.end_byte,
                        category: e.category.to_string(),
                        entry: e.entry.to_string(),
                        voice: e.voice,
                        strength: graded.then(|| f64::from(e.strength_milli) / 1000.0),
                    }
                })
                .collect();
            // The page looks highlights up by where they start.
            highlights.sort_by_key(|h| h.range.start);
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
            let terms = find_terms.then(|| story_terms(&article));
            let found = sentences(&article.text, scored.analysis());
            let groups = fields.groups(&article);
            let group = groups[0].clone();
            let words = WORDS.with_borrow_mut(|words| {
                AlignArticle::new(group.clone(), words, scored.analysis(), &found)
            });
            let article = ReportArticle {
                group,
                story: group_of(&article, &within),
                sentences: by_number(&found),
                id: article.id,
                meta: article.meta,
                body: article.body,
                text: article.text,
                score,
                highlights,
                quotes,
                quote_rows,
            };
            (article, words, terms, groups)
        },
        |(article, words, terms, groups)| {
            seen.saw(&groups);
            if let Some(f) = finder.as_mut() {
                f.add(&article.id, terms);
            }
            articles.push(article);
            aligned.push(words);
            Ok(())
        },
    )?;
    let found_stories = finder.is_some();
    if let Some(f) = finder {
        for (a, story) in articles.iter_mut().zip(f.names()?) {
            a.story = story;
        }
    }
    fields.check(&seen, &run)?;
    let has_stories = articles.iter().any(|a| a.story != "(none)");
    let story_field = has_stories.then_some(within.as_str());
    // Stories in the order of their first article.
    let mut story_names: Vec<String> = Vec::new();
    if has_stories {
        let mut seen = std::collections::HashSet::new();
        for a in &articles {
            if seen.insert(a.story.as_str()) {
                story_names.push(a.story.clone());
            }
        }
    } else {
        for a in &mut articles {
            a.story = String::new();
        }
        story_names.push(String::new());
    }
    let stories: Vec<Story> = story_names
        .into_iter()
        .map(|name| {
            let members: Vec<usize> = (0..articles.len())
                .filter(|&i| articles[i].story == name)
                .collect();
            // A story found from the words is named s1, s2...: its first
            // article's title says what it is about.
            let label = match members.first() {
                None => String::new(),
                Some(_) if name.is_empty() => "All articles".to_string(),
                Some(&first) if found_stories => articles[first].meta.title.clone(),
                Some(_) => String::new(),
            };
            let (facts, note) = match story_facts(&members, &aligned) {
                Ok(facts) => (facts, String::new()),
                Err(note) => (Vec::new(), note),
            };
            Story {
                label,
                facts,
                note,
                name,
            }
        })
        .collect();
    let mut by_group: BTreeMap<&str, Vec<framelens::score::ArticleScore>> = BTreeMap::new();
    for a in &articles {
        by_group.entry(&a.group).or_default().push(a.score.clone());
    }
    let metrics = framelens::metrics::Metric::compared(run.scorer().lexicon());
    let groups: Vec<_> = by_group
        .iter()
        .map(|(name, scores)| summarize(name, scores, &metrics, DEFAULT_RESAMPLES, args.seed))
        .collect();
    let html = render(&Report {
        articles: &articles,
        groups: &groups,
        group_field: &args.group.by,
        story_field,
        stories: &stories,
        lexicon: run.scorer().lexicon(),
    });
    run.write_text(&html)?;
    run.finish();
    Ok(())
}
