//! Command-line arguments and the subcommands, each thin: it resolves its
//! arguments into a [`Run`] and asks it for what it needs.

mod align;
mod compare;
mod evaluate;
mod matches;
mod report;
mod score;
mod stories;
mod terms;

use crate::run::{Run, Source, Target};
use clap::{Parser, Subcommand};
use framelens::corpus::{Encoding, Format, Input, Options, Single, encoding_for_label};
use framelens::error::Result;
use framelens::output::CsvStyle;
use std::io::IsTerminal;
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
    #[command(
        after_help = "Examples:\n  framelens score seeds -o scores.csv\n  framelens score corpus.jsonl --threads 4 --no-header\n  cat article.txt | framelens score --outlet Gazette"
    )]
    Score(score::Args),
    /// One CSV row per match: the evidence behind every figure.
    #[command(
        after_help = "Examples:\n  framelens matches seeds -o matches.csv\n  framelens matches seeds --quotes\n  framelens matches seeds | head -5"
    )]
    Matches(matches::Args),
    /// Groups side by side: pooled rates per 1,000 words with 95% intervals.
    #[command(
        after_help = "Examples:\n  framelens compare seeds --by outlet\n  framelens compare corpus.jsonl --by outlet --within event --long\n  framelens compare seeds --by outlet --seed 7 --resamples 5000"
    )]
    Compare(compare::Args),
    /// The words behind each number: frequent entries per group, label choices.
    #[command(
        after_help = "Examples:\n  framelens terms seeds --by outlet --category loaded\n  framelens terms seeds --labels\n  framelens terms seeds --by id --top 3"
    )]
    Terms(terms::Args),
    /// A self-contained HTML page for a class: overview charts and every
    /// article with its matches highlighted.
    #[command(
        after_help = "Examples:\n  framelens report seeds -o report.html\n  framelens report corpus.jsonl --by event -o events.html"
    )]
    Report(report::Args),
    /// Agreement with human-annotated gold data (precision, recall, AUC, ...).
    #[command(
        after_help = "Examples:\n  framelens evaluate --gold gold/*.jsonl\n  framelens evaluate --gold gold.jsonl --lexicons my-lexicons --output-format csv"
    )]
    Evaluate(evaluate::Args),
    /// Which articles report the same story, from their words alone: one row
    /// per article with its story, its closeness to the story's centre and
    /// the story's label.
    #[command(
        after_help = "Examples:\n  framelens stories corpus.jsonl -o stories.csv\n  framelens stories corpus.jsonl --days 3"
    )]
    Stories(stories::Args),
    /// Within each story, the sentences of different outlets that report the
    /// same fact, and the facts only one outlet tells.
    #[command(
        after_help = "Examples:\n  framelens align corpus.jsonl --by outlet\n  framelens align corpus.jsonl --by outlet --within event"
    )]
    Align(align::Args),
    /// A shell's completion script, printed to standard output.
    #[command(
        after_help = "Examples:\n  framelens completions bash > ~/.local/share/bash-completion/completions/framelens\n  framelens completions zsh > ~/.zfunc/_framelens"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), printed to standard output.
    #[command(after_help = "Examples:\n  framelens man > framelens.1 && man ./framelens.1")]
    Man,
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> Result<()> {
    if let Some(name) = cli.command.waiting_on_a_terminal() {
        let mut command = <Cli as clap::CommandFactory>::command();
        command.build();
        if let Some(sub) = command.find_subcommand_mut(name) {
            sub.error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "no INPUT given: name files or folders, or pipe an article in \
                 (framelens score < article.txt)",
            )
            .exit();
        }
    }
    match cli.command {
        Command::Score(args) => score::run(args),
        Command::Matches(args) => matches::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Terms(args) => terms::run(args),
        Command::Report(args) => report::run(args),
        Command::Evaluate(args) => evaluate::run(args),
        Command::Stories(args) => stories::run(args),
        Command::Align(args) => align::run(args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = std::io::stdout();
            clap_complete::generate(shell, &mut command, "framelens", &mut out);
            Ok(())
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| framelens::error::Error::io("<stdout>", "write", e))?;
            use std::io::Write;
            std::io::stdout()
                .write_all(&page)
                .map_err(|e| framelens::error::Error::io("<stdout>", "write", e))
        }
    }
}

impl Command {
    /// The subcommand's name when it would read standard input but that is
    /// a terminal: waiting there would look like a hang.
    fn waiting_on_a_terminal(&self) -> Option<&'static str> {
        let (name, input) = match self {
            Command::Score(a) => ("score", &a.input),
            Command::Matches(a) => ("matches", &a.input),
            Command::Compare(a) => ("compare", &a.input),
            Command::Terms(a) => ("terms", &a.input),
            Command::Report(a) => ("report", &a.input),
            Command::Stories(a) => ("stories", &a.input),
            Command::Align(a) => ("align", &a.input),
            Command::Evaluate(_) | Command::Completions { .. } | Command::Man => return None,
        };
        (input.inputs.is_empty() && std::io::stdin().is_terminal()).then_some(name)
    }
}

/// Where the articles come from and how strictly to read them.
#[derive(clap::Args, Debug)]
struct InputArgs {
    /// Text files, web pages (.html), Word documents (.docx), folders of them (with their
    /// manifest.csv), corpora (.jsonl, .csv), or - for standard input; with
    /// none, standard input is read as one article.
    #[arg(value_name = "INPUT")]
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
    /// (by default .jsonl and .csv files are corpora, .html and .htm files web
    /// pages, anything else is text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<InputFormat>,
    /// The encoding of files without a byte-order mark, as a WHATWG label
    /// (windows-1252, iso-8859-2, shift_jis, utf-16le, ...); by default UTF-8.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    encoding: Option<&'static Encoding>,
    /// The text fields of JSONL and CSV corpora hold web pages (HTML): read
    /// the article out of each.
    #[arg(long)]
    html: bool,
    /// The id of a single article (by default its file name, or `stdin`).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// The outlet of a single article.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// The headline of a single article.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// The date of a single article.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// The event a single article covers.
    #[arg(long, value_name = "NAME")]
    event: Option<String>,
    /// The column of a CSV corpus that holds the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_column: String,
    /// The column of a CSV corpus that holds the article id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_column: String,
    /// Score on this many threads (default: one per core). The output is the
    /// same, byte for byte, whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// The largest article, JSONL line or CSV record read, in megabytes
    /// (at most 4095: offsets are kept in 32 bits); a longer one is skipped
    /// with a warning.
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=4095))]
    max_article_mb: u32,
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
    /// One web page per file, its article found by a main-content extractor.
    Html,
}

impl From<InputFormat> for Format {
    fn from(format: InputFormat) -> Format {
        match format {
            InputFormat::Txt => Format::Txt,
            InputFormat::Jsonl => Format::Jsonl,
            InputFormat::Csv => Format::Csv,
            InputFormat::Html => Format::Html,
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
    /// The inputs as the run reads them; with none, standard input.
    fn source(&self) -> Source {
        let mut inputs: Vec<Input> = self.inputs.iter().map(|s| Input::parse(s)).collect();
        if inputs.is_empty() {
            inputs.push(Input::Stdin);
        }
        Source {
            first_input: self.inputs.first().cloned().unwrap_or_else(|| "-".into()),
            inputs,
            options: Options {
                manifest: self.manifest.clone(),
                format: self.format.map(Format::from),
                text_column: self.text_column.clone(),
                id_column: self.id_column.clone(),
                max_bytes: (self.max_article_mb as usize) << 20,
                encoding: self.encoding,
                html: self.html,
                single: Single {
                    id: self.id.clone(),
                    outlet: self.outlet.clone(),
                    title: self.title.clone(),
                    date: self.date.clone(),
                    event: self.event.clone(),
                },
            },
            lexicons: self.lexicons.clone(),
            strict: self.strict,
            threads: self.threads.map(usize::from),
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

/// The encoding a `--encoding` label names.
fn parse_encoding(label: &str) -> std::result::Result<&'static Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!("`{label}` is not an encoding label (try windows-1252, iso-8859-1, utf-16le)")
    })
}
