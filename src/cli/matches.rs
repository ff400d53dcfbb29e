//! `framelens matches`: one CSV row per match, the evidence behind every figure;
//! with `--quotes`, one row per quotation and per source.

use super::{InputArgs, OutputArgs};
use framelens::error::Result;
use framelens::evidence::context;
use framelens::output::Cells;

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

const HEADER: [&str; 14] = [
    "doc_id",
    "category",
    "subcategory",
    "entry",
    "entry_kind",
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

/// Runs `framelens matches`.
pub fn run(args: Args) -> Result<()> {
    let mut run = args.input.run(args.output.target())?;
    let quotes = args.quotes;
    let header = if quotes {
        QUOTES_HEADER.map(String::from).to_vec()
    } else {
        HEADER.map(String::from).to_vec()
    };
    let mut table = run.table(header.to_vec())?;
    run.for_each(
        |scorer, article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let context = |start, end| context(&article.text, article.body, start, end);
            if quotes {
                return scored
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
                    .collect::<Vec<_>>();
            }
            scored
                .evidence()
                .into_iter()
                .map(|e| {
                    let mut row = Cells::with_capacity(HEADER.len(), 160);
                    let entry = &*e.entry_words;
                    for text in [&article.id, e.category, e.subcategory, entry, e.entry_kind] {
                        row.push(text);
                    }
                    row.push(e.matched);
                    for offset in [e.start_char, e.end_char, e.start_byte, e.end_byte] {
                        row.push_integer(offset as u64);
                    }
                    row.push_integer(e.sentence as u64);
                    row.push(e.voice.as_str());
                    row.push_display(e.negated);
                    row.push(&context(e.start_byte, e.end_byte));
                    row
                })
                .collect::<Vec<_>>()
        },
        |rows| rows.iter().try_for_each(|row| table.cells(row)),
    )?;
    table.finish()?;
    run.finish();
    Ok(())
}
