//! `framelens stories`: which articles report the same story; and the
//! stories behind `--within story` on the other commands.

use super::{InputArgs, OutputArgs};
use framelens::corpus::Article;
use framelens::error::{Error, Result};
use framelens::output::Cells;
use framelens::similarity::ContentWords;
use framelens::stories::{
    ArticleTerms, DEFAULT_DAYS, DEFAULT_THRESHOLD, StoryBuilder, StoryOptions,
};
use framelens::text::Analysis;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

/// Arguments of `framelens stories`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    #[command(flatten)]
    stories: FoundStoryArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// How stories are found, for `stories` and for `--within story`.
#[derive(clap::Args, Debug, Clone)]
pub struct FoundStoryArgs {
    /// The cosine (0 to 1) of two articles' content words from which they
    /// are one story; higher splits stories finer.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD, value_name = "X", value_parser = unit_interval)]
    story_threshold: f32,
    /// Articles whose dates lie more than this many days apart are never one
    /// story (articles without a date are not held apart).
    #[arg(long, default_value_t = DEFAULT_DAYS, value_name = "N")]
    days: u32,
}

/// Where `--within story` takes its stories from.
#[derive(clap::Args, Debug, Clone)]
pub struct StoryArgs {
    #[command(flatten)]
    found: FoundStoryArgs,
    /// With --within story: take each article's story from this CSV (columns
    /// `id` and `story`, as `framelens stories` writes it, perhaps corrected
    /// by hand) instead of finding stories anew.
    #[arg(long, value_name = "FILE")]
    stories: Option<PathBuf>,
}

fn unit_interval(s: &str) -> std::result::Result<f32, String> {
    match s.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a number from 0 to 1")),
    }
}

impl FoundStoryArgs {
    fn options(&self) -> StoryOptions {
        StoryOptions {
            threshold: self.story_threshold,
            days: self.days,
        }
    }
}

impl StoryArgs {
    /// The stories of a run grouped `--within within`, or `None` when it is
    /// not grouped by story.
    pub fn finder(&self, within: Option<&str>) -> Result<Option<StoryFinder>> {
        if within != Some("story") {
            return Ok(None);
        }
        let file = match &self.stories {
            Some(path) => Some((path.clone(), read_stories(path)?)),
            None => None,
        };
        Ok(Some(StoryFinder {
            file,
            builder: StoryBuilder::new(),
            ids: Vec::new(),
            options: self.found.options(),
        }))
    }
}

/// Reads the `id` and `story` columns of a stories file.
fn read_stories(path: &std::path::Path) -> Result<HashMap<String, String>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
    let mut csv = csv::Reader::from_reader(file);
    let header = csv
        .headers()
        .map_err(|e| Error::file(path, e.to_string()))?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| Error::line(path, 1, format!("no `{name}` column")))
    };
    let (id, story) = (column("id")?, column("story")?);
    let mut out = HashMap::new();
    for record in csv.records() {
        let record = record.map_err(|e| Error::file(path, e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let (Some(i), Some(s)) = (record.get(id), record.get(story)) else {
            return Err(Error::line(path, line, "a row is shorter than its header"));
        };
        if out
            .insert(i.trim().to_string(), s.trim().to_string())
            .is_some()
        {
            return Err(Error::line(
                path,
                line,
                format!("article `{i}` has a second row"),
            ));
        }
    }
    Ok(out)
}

/// Collects what `--within story` needs of each article, in input order.
pub struct StoryFinder {
    file: Option<(PathBuf, HashMap<String, String>)>,
    builder: StoryBuilder,
    ids: Vec<String>,
    options: StoryOptions,
}

impl StoryFinder {
    /// Whether stories are to be found from the words (no stories file).
    pub fn needs_terms(&self) -> bool {
        self.file.is_none()
    }

    /// Adds the next article, with its terms when [`Self::needs_terms`].
    pub fn add(&mut self, id: &str, terms: Option<ArticleTerms>) {
        self.ids.push(id.to_string());
        if let Some(terms) = terms {
            self.builder.add(terms);
        }
    }

    /// The story of each article added, in order.
    pub fn names(self) -> Result<Vec<String>> {
        match self.file {
            Some((path, stories)) => self
                .ids
                .iter()
                .map(|id| {
                    stories
                        .get(id)
                        .cloned()
                        .ok_or_else(|| Error::file(&path, format!("no row for article `{id}`")))
                })
                .collect(),
            None => {
                let stories = self.builder.group(&self.options);
                Ok(stories.story.iter().map(|&s| stories.name(s)).collect())
            }
        }
    }
}

thread_local! {
    /// Each thread's content-word memo and analysis of whole texts.
    static STORY_WORDS: RefCell<(ContentWords, Analysis)> =
        RefCell::new((ContentWords::default(), Analysis::new()));
}

/// What stories need of an article: the content words of its whole text,
/// headline included, and its date.
pub fn story_terms(article: &Article) -> ArticleTerms {
    STORY_WORDS.with_borrow_mut(|(words, analysis)| {
        analysis.analyze(&article.text, 0);
        ArticleTerms::new(words, analysis, &article.text, &article.meta.date)
    })
}

const HEADER: [&str; 4] = ["id", "story", "similarity", "label"];

/// Runs `framelens stories`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    let mut builder = StoryBuilder::new();
    let mut ids = Vec::new();
    let done = session.for_each_article(
        corpus,
        &args.output,
        |_, article, _| (story_terms(&article), article.id),
        |(terms, id)| {
            builder.add(terms);
            ids.push(id);
            Ok(())
        },
    )?;
    let stories = builder.group(&args.stories.options());
    let header = HEADER.map(String::from);
    let mut table = args.output.table(&session.inputs, false, &header)?;
    for (a, id) in ids.iter().enumerate() {
        let s = stories.story[a];
        let mut row = Cells::with_capacity(HEADER.len(), 64);
        row.push(id);
        row.push(&stories.name(s));
        row.push_fixed(f64::from(stories.similarity[a]));
        row.push(&stories.labels[s as usize]);
        table.cells(&row)?;
    }
    table.finish()?;
    session.summary(done);
    Ok(())
}
