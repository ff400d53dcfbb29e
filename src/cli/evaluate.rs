//! `framelens evaluate`: agreement with human-annotated gold data.

use crate::run::Run;
use framelens::error::Result;
use framelens::evaluate::{Prediction, evaluate, read_gold};
use framelens::score::{Scorer, Workspace};
use std::path::PathBuf;

/// How to print the metrics.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum OutputFormat {
    /// Aligned columns for reading.
    Table,
    /// CSV with the columns dataset, metric, value.
    Csv,
}

/// Arguments of `framelens evaluate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold JSONL files (the format of the validation data's README).
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    gold: Vec<PathBuf>,
    /// Read the lexicons from this folder instead of the built-in English ones.
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// table or csv (`--format` elsewhere names the input's format).
    #[arg(long, value_enum, default_value = "table", value_name = "FORMAT")]
    output_format: OutputFormat,
    #[command(flatten)]
    output: super::OutputArgs,
}

/// Runs `framelens evaluate`.
pub fn run(args: Args) -> Result<()> {
    let run = Run::without_corpus(args.lexicons.as_deref(), &args.gold, args.output.target())?;
    let records = read_gold(&args.gold)?;
    let predictions: Vec<Vec<Prediction>> = run.map(records.iter(), |scorer, record, ws| {
        predict(scorer, &record.text, ws)
    });
    let results = evaluate(&records, &predictions);
    match args.output_format {
        OutputFormat::Csv => {
            let header = ["dataset", "metric", "value"].map(String::from);
            let mut table = run.table(header.to_vec())?;
            for dataset in &results {
                for (metric, value) in &dataset.metrics {
                    table.row(&[dataset.dataset.as_str(), metric, &value.to_string()])?;
                }
            }
            table.finish()
        }
        OutputFormat::Table => {
            let mut text = format!("{:<12} {:<32} value\n", "dataset", "metric");
            for dataset in &results {
                for (metric, value) in &dataset.metrics {
                    text.push_str(&format!("{:<12} {metric:<32} {value}\n", dataset.dataset));
                }
            }
            run.write_text(&text)
        }
    }
}

/// The scored-category matches of one text, in code points.
fn predict(scorer: &Scorer, text: &str, ws: &mut Workspace) -> Vec<Prediction> {
    let lexicon = scorer.lexicon();
    scorer
        .score(text, 0, ws)
        .evidence()
        .into_iter()
        .filter_map(|e| {
            let category = lexicon.scored_named(e.category)?;
            Some(Prediction {
                category,
                start: e.start_char,
                end: e.end_char,
                strength_milli: e.strength_milli,
            })
        })
        .collect()
}
