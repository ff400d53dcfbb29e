//! `framelens align`: within each story, the sentences of different groups
//! that report the same fact, and the facts only one group tells.

use super::stories::{StoryArgs, story_terms};
use super::{GroupArgs, InputArgs, OutputArgs};
use framelens::align::{
    AlignArticle, AlignOptions, DEFAULT_MIN_SHARED, DEFAULT_THRESHOLD, SentenceNotes, align, notes,
    sentences,
};
use framelens::error::{Error, Result};
use framelens::output::Cells;
use framelens::similarity::ContentWords;
use std::cell::RefCell;
use std::collections::HashMap;

/// Arguments of `framelens align`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    #[command(flatten)]
    group: GroupArgs,
    /// Align within each value of this field: event, story (found from the
    /// words, or read from --stories), or any other. Without it the whole
    /// input is one story.
    #[arg(long, value_name = "FIELD")]
    within: Option<String>,
    /// The cosine (0 to 1) of two sentences' content words from which they
    /// report the same fact.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD, value_name = "X")]
    threshold: f32,
    /// The fewest content words, names or numbers two sentences must share.
    #[arg(long, default_value_t = DEFAULT_MIN_SHARED, value_name = "N")]
    min_shared: usize,
    #[command(flatten)]
    stories: StoryArgs,
    #[command(flatten)]
    output: OutputArgs,
}

thread_local! {
    /// Each thread's content-word memo for the scored analyses.
    static WORDS: RefCell<ContentWords> = RefCell::new(ContentWords::default());
}

/// What is kept of one article until its story is aligned.
struct Doc {
    id: String,
    /// The value of the `--within` field, when it is not `story`.
    outer: String,
    article: AlignArticle,
    /// Each sentence's text, white space made single spaces.
    texts: Vec<String>,
    notes: Vec<SentenceNotes>,
}

/// Runs `framelens align`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    let mut finder = args.stories.finder(args.within.as_deref())?;
    let find_terms = finder.as_ref().is_some_and(|f| f.needs_terms());
    let mut docs: Vec<Doc> = Vec::new();
    let by = &args.group.by;
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let found = sentences(&article.text, scored.analysis());
            let group = super::group_of(&article, by);
            let aligned = WORDS.with_borrow_mut(|words| {
                AlignArticle::new(group, words, scored.analysis(), &found)
            });
            let texts = found
                .iter()
                .map(|s| single_spaced(&article.text[s.range.clone()]))
                .collect();
            let notes = notes(&scored);
            let outer = match args.within.as_deref() {
                Some(field) if field != "story" => super::group_of(&article, field),
                _ => String::new(),
            };
            let terms = find_terms.then(|| story_terms(&article));
            let doc = Doc {
                id: article.id,
                outer,
                article: aligned,
                texts,
                notes,
            };
            (doc, terms)
        },
        |(doc, terms)| {
            if let Some(f) = finder.as_mut() {
                f.add(&doc.id, terms);
            }
            docs.push(doc);
            Ok(())
        },
    )?;
    if docs.iter().all(|d| d.article.group == "(none)") {
        let name = args.input.inputs.first().map_or("<input>", String::as_str);
        return Err(Error::file(
            std::path::Path::new(name),
            format!("no article has a `{by}` field to group by (try --by outlet)"),
        ));
    }
    let outer: Vec<String> = match finder {
        Some(f) => f.names()?,
        None => docs.iter().map(|d| d.outer.clone()).collect(),
    };
    // Stories in the order of their first article.
    let mut order: Vec<&str> = Vec::new();
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    for (d, story) in outer.iter().enumerate() {
        let list = members.entry(story.as_str()).or_insert_with(|| {
            order.push(story);
            Vec::new()
        });
        list.push(d);
    }
    let within = args.within.as_deref().unwrap_or("story");
    let header = [
        within,
        "fact",
        by,
        "doc_id",
        "sentence",
        "text",
        "similarity",
        "loaded",
        "hedging",
        "boosters",
        "attribution",
        "reporting_verb",
        "source",
        "only_in",
    ]
    .map(String::from);
    let mut table = args
        .output
        .table(&session.inputs, args.input.strict, &header)?;
    let options = AlignOptions {
        threshold: args.threshold,
        min_shared: args.min_shared,
    };
    for story in order {
        let list = &members[story];
        let articles: Vec<AlignArticle> = list.iter().map(|&d| docs[d].article.clone()).collect();
        let mut groups: Vec<&str> = articles.iter().map(|a| a.group.as_str()).collect();
        groups.sort_unstable();
        groups.dedup();
        // A story that one group alone covers has nothing to compare.
        if groups.len() < 2 {
            continue;
        }
        for (f, fact) in align(&articles, &options).iter().enumerate() {
            for m in &fact.members {
                let doc = &docs[list[m.article]];
                let s = m.sentence as usize - 1;
                let index = doc
                    .article
                    .sentences
                    .iter()
                    .position(|x| x.0 == m.sentence)
                    .unwrap_or(s);
                let notes = doc.notes.get(s).cloned().unwrap_or_default();
                let mut row = Cells::with_capacity(header.len(), 256);
                row.push(if args.within.is_some() {
                    story
                } else {
                    "(all)"
                });
                row.push_integer((f + 1) as u64);
                row.push(&doc.article.group);
                row.push(&doc.id);
                row.push_integer(m.sentence);
                row.push(&doc.texts[index]);
                row.push_fixed(f64::from(m.similarity));
                for words in &notes.matches {
                    row.push(&words.join("; "));
                }
                row.push(&notes.reporting_verb);
                row.push(notes.source);
                row.push(if fact.is_alone() {
                    &doc.article.group
                } else {
                    ""
                });
                table.cells(&row)?;
            }
        }
    }
    table.finish()?;
    session.summary(done);
    Ok(())
}

/// `text` with every run of white space made one space.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
