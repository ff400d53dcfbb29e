//! `framelens matches`: one CSV row per match, the evidence behind every figure;
//! with `--quotes`, one row per quotation and per source.

use super::{InputArgs, OutputArgs};
use framelens::corpus::Article;
use framelens::error::Result;
use framelens::evidence::{Evidence, context, evidence_rows};
use framelens::output::Cells;
use framelens::score::Workspace;

/// Arguments of `framelens matches`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub(super) input: InputArgs,
    /// List the quotations and the named and anonymous sources instead of the
    /// lexicon matches: the rows behind quote_share, scare_quotes,
    /// named_sources and anonymous_sources.
    #[arg(long)]
    quotes: bool,
    #[command(flatten)]
    output: OutputArgs,
}

const HEADER: [&str; 13] = [
    "doc_id",
    "category",
    "subcategory",
    "entry",
    "matched",
    "start_char",
    "end_char",
    "start_byte",
    "end_byte",
    "sentence",
    "voice",
    "negated",
    "context",
];

const QUOTES_HEADER: [&str; 13] = [
    "doc_id",
    "category",
    "reason",
    "cue",
    "words",
    "matched",
    "start_char",
    "end_char",
    "start_byte",
    "end_byte",
    "sentence",
    "voice",
    "context",
];

/// An article above this size hands its whole workspace to the writer,
/// which writes its rows one by one: held all at once, the rows of a dense
/// article take some 60 times its size.
const LARGE: usize = 1 << 20;

/// What scoring one article gave the writer.
enum Found {
    /// The rows of an ordinary article.
    Rows(Vec<Cells>),
    /// A large article with the workspace that scored it, rows still to write.
    Large(Box<(Article, Workspace)>),
}

/// One row of the evidence table.
fn evidence_row(article: &Article, e: &Evidence) -> Cells {
    let mut row = Cells::with_capacity(HEADER.len(), 160);
    for text in [&article.id, e.category, e.subcategory, e.entry, e.matched] {
        row.push(text);
    }
    for offset in [e.start_char, e.end_char, e.start_byte, e.end_byte] {
        row.push_integer(offset as u64);
    }
    row.push_integer(e.sentence as u64);
    row.push(e.voice.as_str());
    row.push_display(e.negated);
    row.push(&context(
        &article.text,
        article.body,
        e.start_byte,
        e.end_byte,
    ));
    row
}

/// Runs `framelens matches`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    let quotes = args.quotes;
    let header = if quotes {
        QUOTES_HEADER.map(String::from)
    } else {
        HEADER.map(String::from)
    };
    let mut table = args
        .output
        .table(&session.inputs, args.input.strict, &header)?;
    let lexicon = session.scorer.lexicon().clone();
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let context = |start, end| context(&article.text, article.body, start, end);
            if quotes {
                let rows = scored
                    .quote_evidence()
                    .into_iter()
                    .map(|e| {
                        let mut row = Cells::with_capacity(QUOTES_HEADER.len(), 200);
                        for text in [&article.id, e.category.as_str(), e.reason, e.cue] {
                            row.push(text);
                        }
                        row.push_integer(u64::from(e.words));
                        row.push(e.matched);
                        for offset in [e.start_char, e.end_char, e.start_byte, e.end_byte] {
                            row.push_integer(offset as u64);
                        }
                        row.push_integer(u64::from(e.sentence));
                        row.push(e.voice.as_str());
                        row.push(&context(e.start_byte, e.end_byte));
                        row
                    })
                    .collect();
                return Found::Rows(rows);
            }
            if article.text.len() > LARGE {
                return Found::Large(Box::new((article, std::mem::take(ws))));
            }
            Found::Rows(
                scored
                    .evidence()
                    .iter()
                    .map(|e| evidence_row(&article, e))
                    .collect(),
            )
        },
        |found| match found {
            Found::Rows(rows) => rows.iter().try_for_each(|row| table.cells(row)),
            Found::Large(large) => {
                let (article, ws) = &*large;
                evidence_rows(&article.text, &lexicon, ws)
                    .try_for_each(|e| table.cells(&evidence_row(article, &e)))
            }
        },
    )?;
    table.finish()?;
    session.summary(done);
    Ok(())
}
