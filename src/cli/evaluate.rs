//! `framelens evaluate`: agreement with human-annotated gold data.

use framelens::error::{Error, Result};
use framelens::evaluate::{Prediction, evaluate, read_gold};
use framelens::output::Output;
use framelens::score::{Scorer, Workspace};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// How to print the metrics.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
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
    /// table or csv.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    #[command(flatten)]
    output: super::OutputArgs,
}

/// Runs `framelens evaluate`.
pub fn run(args: Args) -> Result<()> {
    let lexicon = super::load_lexicon(args.lexicons.as_deref())?;
    let mut protected = super::lexicon_files(args.lexicons.as_deref(), &lexicon);
    protected.extend(args.gold.iter().cloned());
    // The output is opened first, so that one that cannot be written is
    // refused before the work rather than after it.
    let target = args.output.output.as_deref();
    let mut sink = match args.format {
        Format::Csv => {
            let header = ["dataset", "metric", "value"].map(String::from);
            Sink::Table(Box::new(args.output.table(&protected, false, &header)?))
        }
        Format::Table => Sink::Text(Output::create(target, &protected, false)?),
    };
    let scorer = Scorer::new(lexicon);
    let records = read_gold(&args.gold)?;
    let predictions: Vec<Vec<Prediction>> = records
        .par_iter()
        .map_init(Workspace::default, |ws, record| {
            predict(&scorer, &record.text, ws)
        })
        .collect();
    let results = evaluate(&records, &predictions);

    match &mut sink {
        Sink::Table(table) => {
            for dataset in &results {
                for (metric, value) in &dataset.metrics {
                    table.row(&[dataset.dataset.as_str(), metric, &value.to_string()])?;
                }
            }
        }
        Sink::Text(out) => {
            let mut text = format!("{:<12} {:<32} value\n", "dataset", "metric");
            for dataset in &results {
                for (metric, value) in &dataset.metrics {
                    text.push_str(&format!("{:<12} {metric:<32} {value}\n", dataset.dataset));
                }
            }
            let name = target.unwrap_or(std::path::Path::new("<stdout>"));
            out.write_all(text.as_bytes())
                .map_err(|e| Error::io(name, "write", e))?;
        }
    }
    match sink {
        Sink::Table(table) => table.finish(),
        Sink::Text(out) => out.finish(),
    }
}

/// Where the metrics go: a CSV table, or aligned text.
enum Sink {
    Table(Box<framelens::output::Table>),
    Text(Output),
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
            })
        })
        .collect()
}
