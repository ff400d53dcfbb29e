//! `framelens matches`: one CSV row per match, the evidence behind every figure.

use super::{InputArgs, OutputArgs};
use framelens::error::Result;
use framelens::evidence::{context, evidence};

/// Arguments of `framelens matches`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
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

/// Runs `framelens matches`.
pub fn run(args: Args) -> Result<()> {
    let (mut session, corpus) = args.input.open()?;
    let header = HEADER.map(String::from);
    let mut table = args
        .output
        .table(&session.inputs, args.input.strict, &header)?;
    let done = session.for_each_article(
        corpus,
        &args.output,
        |scorer, article, ws| {
            scorer.score(&article.text, article.body, ws);
            evidence(&article.text, scorer, ws)
                .into_iter()
                .map(|e| {
                    [
                        article.id.clone(),
                        e.category.to_string(),
                        e.subcategory.to_string(),
                        e.entry.to_string(),
                        e.matched.to_string(),
                        e.start_char.to_string(),
                        e.end_char.to_string(),
                        e.start_byte.to_string(),
                        e.end_byte.to_string(),
                        e.sentence.to_string(),
                        e.voice.as_str().to_string(),
                        e.negated.to_string(),
                        context(&article.text, article.body, e.start_byte, e.end_byte),
                    ]
                })
                .collect::<Vec<_>>()
        },
        |rows| rows.iter().try_for_each(|row| table.row(row)),
    )?;
    table.finish()?;
    session.summary(done);
    Ok(())
}
