//! Command-line arguments and the subcommands, each thin: it resolves its
//! arguments into a [`Run`] and asks it for what it needs.

mod compare;
mod evaluate;
mod matches;
mod report;
mod score;
mod terms;

use crate::run::{Run, Source, Target};
use clap::{Parser, Subcommand};
use framelens::corpus::{Format, Options};
use framelens::error::Result;
use framelens::output::CsvStyle;
use std::path::PathBuf;

/// Measure how news articles frame events: loaded language, hedging,
/// boosters and attribution, counted word by word.
#[derive(Parser, Debug)]
#[command(name = "framelens", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// One CSV row of figures per article.
    Score(score::Args),
    /// One CSV row per match: the evidence behind every figure.
    Matches(matches::Args),
    /// Groups side by side: pooled rates per 1,000 words with 95% intervals.
    Compare(compare::Args),
    /// The words behind each number: frequent entries per group, label choices.
    Terms(terms::Args),
    /// A self-contained HTML page for a class: overview charts and every
    /// article with its matches highlighted.
    Report(report::Args),
    /// Agreement with human-annotated gold data (precision, recall, AUC, ...).
    Evaluate(evaluate::Args),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Score(args) => score::run(args),
        Command::Matches(args) => matches::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Terms(args) => terms::run(args),
        Command::Report(args) => report::run(args),
        Command::Evaluate(args) => evaluate::run(args),
    }
}

/// Where the articles come from and how strictly to read them.
#[derive(clap::Args, Debug)]
struct InputArgs {
    /// Text files, folders of .txt files (with their manifest.csv), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// A manifest.csv describing the text files (outlet, event, date, title, ...).
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Read the lexicons from this folder instead of the built-in English ones.
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Stop, writing nothing, at the first article that cannot be read.
    #[arg(long)]
    strict: bool,
    /// The format of standard input, or of every file whatever its extension
    /// (by default .jsonl and .csv files are corpora, anything else is text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<InputFormat>,
    /// The column of a CSV corpus that holds the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_column: String,
    /// The column of a CSV corpus that holds the article id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_column: String,
    /// Score on this many threads (default: one per core). The output is the
    /// same, byte for byte, whatever the number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar (it only shows when standard error is a terminal).
    #[arg(long)]
    quiet: bool,
}

/// The values of `--format`: the library's [`Format`], named for the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum InputFormat {
    /// One article per file.
    Txt,
    /// One JSON object per line, with `id` and `text`.
    Jsonl,
    /// A CSV table with an id column and a text column.
    Csv,
}

impl From<InputFormat> for Format {
    fn from(format: InputFormat) -> Format {
        match format {
            InputFormat::Txt => Format::Txt,
            InputFormat::Jsonl => Format::Jsonl,
            InputFormat::Csv => Format::Csv,
        }
    }
}

/// How articles are put into groups.
#[derive(clap::Args, Debug)]
struct GroupArgs {
    /// Group articles by this field: outlet, event, or any manifest column or JSON field.
    #[arg(long, default_value = "outlet", value_name = "FIELD")]
    by: String,
}

/// Where a table goes and how it is written.
#[derive(clap::Args, Debug)]
struct OutputArgs {
    /// Write the table here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write text cells as they are. By default a cell that starts with =, +,
    /// -, @, a tab or a carriage return gets a leading ' so that no
    /// spreadsheet runs it as a formula.
    #[arg(long)]
    raw: bool,
    /// Start the file with a UTF-8 byte-order mark, so that Excel shows
    /// accents and curly quotes right.
    #[arg(long)]
    excel: bool,
    /// Leave out the header row, as a mapper whose rows are gathered from
    /// many processes needs (Spark's RDD.pipe, GNU parallel); an input with
    /// no record then gives no row rather than an error.
    #[arg(long)]
    no_header: bool,
}

/// Where a page goes.
#[derive(clap::Args, Debug)]
struct PageArgs {
    /// Write the page here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl PageArgs {
    /// Where the page goes.
    fn target(&self) -> Target {
        Target {
            path: self.output.clone(),
            ..Target::default()
        }
    }
}

impl InputArgs {
    /// The inputs as the run reads them.
    fn source(&self) -> Source {
        Source {
            inputs: self.inputs.clone(),
            options: Options {
                manifest: self.manifest.clone(),
                format: self.format.map(Format::from),
                text_column: self.text_column.clone(),
                id_column: self.id_column.clone(),
            },
            lexicons: self.lexicons.clone(),
            strict: self.strict,
            threads: self.threads,
            quiet: self.quiet,
        }
    }

    /// Resolves the run, its output going to `target`.
    fn run(&self, target: Target) -> Result<Run> {
        Run::new(self.source(), target)
    }
}

impl OutputArgs {
    /// Where the table goes and how it is written.
    fn target(&self) -> Target {
        Target {
            path: self.output.clone(),
            style: CsvStyle {
                raw: self.raw,
                excel: self.excel,
            },
            no_header: self.no_header,
        }
    }
}
