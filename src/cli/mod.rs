//! Command-line arguments and what the subcommands share: choosing lexicons,
//! opening the corpus, scoring articles in parallel, and reporting warnings.

mod align;
mod compare;
mod evaluate;
mod matches;
mod report;
mod score;
mod stories;
mod terms;

use clap::{Parser, Subcommand};
use framelens::corpus::{
    Article, Articles, Corpus, Encoding, Format, Input, Next, Options, Single, encoding_for_label,
};
use framelens::error::{Error, Result};
use framelens::lexicon::Lexicon;
use framelens::output::{CsvStyle, Table};
use framelens::score::{Scorer, Workspace};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::sync::{Mutex, PoisonError};

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
    /// Which articles report the same story, from their words alone: one row
    /// per article with its story, its closeness to the story's centre and
    /// the story's label.
    Stories(stories::Args),
    /// Within each story, the sentences of different outlets that report the
    /// same fact, and the facts only one outlet tells.
    Align(align::Args),
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
            Command::Evaluate(_) => return None,
        };
        (input.inputs.is_empty() && std::io::stdin().is_terminal()).then_some(name)
    }
}

/// Where the articles come from and how strictly to read them.
#[derive(clap::Args, Debug)]
struct InputArgs {
    /// Text files, web pages (.html), folders of them (with their
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
    /// The largest article, JSONL line or CSV record read, in megabytes;
    /// a longer one is skipped with a warning.
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=65_536))]
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

/// The group an article belongs to: the value of its field `name` (outlet,
/// event, any metadata; `id` for the article itself), or "(none)".
fn group_of(article: &Article, name: &str) -> String {
    let value = if name == "id" {
        Some(article.id.as_str())
    } else {
        article.meta.get(name)
    };
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "(none)".to_string(),
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
}

impl OutputArgs {
    /// Opens the table, refusing to overwrite any of `inputs`.
    fn table(&self, inputs: &[PathBuf], hold: bool, header: &[String]) -> Result<Table> {
        let style = CsvStyle {
            raw: self.raw,
            excel: self.excel,
        };
        Table::create(self.output.as_deref(), inputs, hold, style, header)
    }

    /// The error for a run in which no article could be read.
    fn nothing_done(&self) -> Error {
        let target = self
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdout>"));
        Error::file(&target, "not written: no article could be read")
    }
}

/// Everything a command needs before it reads the first article.
struct Session {
    scorer: Scorer,
    /// Every file read, which no output may overwrite.
    inputs: Vec<PathBuf>,
    warnings: Warnings,
    /// Articles skipped for a problem of their own.
    skipped: usize,
    /// How many threads score articles.
    threads: usize,
    /// Articles and bytes done, shown on a terminal.
    progress: ProgressBar,
    /// Whether an input without a single record may give an empty output.
    allow_empty: bool,
}

/// A progress bar on standard error, drawn only when that is a terminal: bytes
/// against the inputs' total size where it is known, articles, speed, time left.
fn progress_bar(quiet: bool, corpus: &Corpus) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total: Option<u64> = corpus
        .files
        .iter()
        .map(|f| std::fs::metadata(f).ok().map(|m| m.len()))
        .sum::<Option<u64>>()
        .filter(|&t| t > 0 && !corpus.reads_stdin());
    let template = match total {
        Some(_) => "{bar:30} {bytes}/{total_bytes} · {msg} · {bytes_per_sec} · {eta} left",
        None => "{spinner} {bytes} · {msg} · {bytes_per_sec}",
    };
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

impl InputArgs {
    /// Loads the lexicons and checks every input before any work is done.
    fn open(&self) -> Result<(Session, Corpus)> {
        let lexicon = load_lexicon(self.lexicons.as_deref())?;
        let mut inputs = lexicon_files(self.lexicons.as_deref(), &lexicon);
        let mut given: Vec<Input> = self.inputs.iter().map(|s| Input::parse(s)).collect();
        if given.is_empty() {
            given.push(Input::Stdin);
        }
        let options = Options {
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
        };
        let mut corpus = Corpus::open(&given, options)?;
        inputs.extend(corpus.files.iter().cloned());
        let mut warnings = Warnings {
            count: 0,
            strict: self.strict,
        };
        for problem in std::mem::take(&mut corpus.warnings) {
            warnings.handle(problem)?;
        }
        let threads = self.threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            usize::from,
        );
        let progress = progress_bar(self.quiet, &corpus);
        let session = Session {
            allow_empty: false,
            progress,
            scorer: Scorer::new(lexicon),
            inputs,
            warnings,
            skipped: 0,
            threads: threads.max(1),
        };
        Ok((session, corpus))
    }
}

/// The encoding a `--encoding` label names.
fn parse_encoding(label: &str) -> std::result::Result<&'static Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!("`{label}` is not an encoding label (try windows-1252, iso-8859-1, utf-16le)")
    })
}

/// The lexicons of `dir`, or the built-in ones.
fn load_lexicon(dir: Option<&Path>) -> Result<Lexicon> {
    let lexicon = match dir {
        Some(dir) => Lexicon::from_dir(dir)?,
        None => Lexicon::builtin()?,
    };
    framelens::score::table::ScoreTable::check(&lexicon)?;
    Ok(lexicon)
}

/// The lexicon files read from disk, which no output may overwrite.
fn lexicon_files(dir: Option<&Path>, lexicon: &Lexicon) -> Vec<PathBuf> {
    match dir {
        Some(_) => lexicon
            .categories()
            .iter()
            .map(|c| c.path.clone())
            .collect(),
        None => Vec::new(),
    }
}

/// Articles scored together between two writes: enough to keep every core
/// busy, few enough that memory stays flat.
const BATCH: usize = 256;

impl Session {
    /// Runs `work` on every readable article, in parallel, and hands the
    /// results to `sink` in input order. Returns how many articles were done;
    /// a run in which none could be read is an error, as nothing of `output`
    /// may then be written.
    fn for_each_article<T: Send>(
        &mut self,
        corpus: Corpus,
        output: &OutputArgs,
        work: impl Fn(&Scorer, Article, &mut Workspace) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<()>,
    ) -> Result<usize> {
        let mut done = 0;
        let (scorer, work) = (&self.scorer, &work);
        // Each worker reads the next batch of articles (taking turns at the
        // reader), scores it with a workspace of its own, whose vocabulary
        // and caches fill once and then serve the whole run, and hands it
        // back numbered; this thread writes the batches in input order. An
        // article is thus allocated and freed on one thread, which spares
        // the allocator's locks. A permit is needed to read a batch and is
        // given back once the batch is written, so that at most a few
        // batches are ever held, however slow one of them is.
        let source = Mutex::new(Source {
            articles: corpus.articles(),
            next_number: 0,
            finished: false,
        });
        let in_flight = 2 * self.threads;
        let (give_permit, permits) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = give_permit.send(());
        }
        let permits = Mutex::new(permits);
        let (source, permits) = (&source, &permits);
        // Takes a permit, reads the next batch and scores it.
        let next_scored = |ws: &mut Workspace| -> Option<(usize, Batch<T>)> {
            let permit = permits
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .recv();
            let (number, batch) = permit.ok().and_then(|()| {
                source
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .next_batch()
            })?;
            let results = batch.map(|batch| {
                let score = |next| match next {
                    Next::Article(article) => {
                        let bytes = article.input_bytes;
                        Ok((work(scorer, article, &mut *ws), bytes))
                    }
                    Next::Skip(problem) => Err(problem),
                };
                batch.into_iter().map(score).collect()
            });
            Some((number, results))
        };
        let next_scored = &next_scored;
        std::thread::scope(|scope| -> Result<()> {
            // Owned here, so that stopping early drops it: workers waiting
            // for a permit then stop instead of waiting for ever.
            let give_permit = give_permit;
            let (to_write, scored) = sync_channel::<(usize, Batch<T>)>(in_flight);
            let mut started = 0;
            for _ in 0..self.threads {
                let to_write = to_write.clone();
                // Past a process limit (ulimit -u) fewer threads do the work.
                let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                    let mut ws = Workspace::default();
                    while let Some(scored) = next_scored(&mut ws) {
                        if to_write.send(scored).is_err() {
                            return;
                        }
                    }
                });
                if spawned.is_err() {
                    break;
                }
                started += 1;
            }
            drop(to_write);
            // With no thread at all, this one scores as well as writes.
            let mut own_workspace = Workspace::default();
            let mut batches: Box<dyn Iterator<Item = (usize, Batch<T>)>> = if started > 0 {
                Box::new(scored.iter())
            } else {
                Box::new(std::iter::from_fn(|| next_scored(&mut own_workspace)))
            };
            let mut run = || -> Result<()> {
                let mut waiting = BTreeMap::new();
                let mut next_number = 0;
                for (number, results) in batches.by_ref() {
                    waiting.insert(number, results);
                    while let Some(results) = waiting.remove(&next_number) {
                        next_number += 1;
                        // The receiving side lives as long as a worker does.
                        let _ = give_permit.send(());
                        for result in results? {
                            match result {
                                Ok((value, bytes)) => {
                                    sink(value)?;
                                    done += 1;
                                    self.progress.inc(bytes as u64);
                                    let s = if done == 1 { "" } else { "s" };
                                    self.progress.set_message(format!("{done} article{s}"));
                                }
                                Err(problem) => {
                                    self.warnings.handle(problem)?;
                                    self.skipped += 1;
                                }
                            }
                        }
                    }
                }
                Ok(())
            };
            let outcome = run();
            drop(batches);
            // Stopping early must not leave the workers blocked on a full
            // channel: without a receiver their sends fail and they stop.
            drop(scored);
            outcome
        })?;
        self.progress.finish_and_clear();
        // An input with no records at all is an empty partition to a mapper:
        // nothing to do. Records that were all skipped are a failed run.
        if done == 0 && !(self.allow_empty && self.skipped == 0) {
            return Err(output.nothing_done());
        }
        Ok(done)
    }

    /// Prints the closing line when there were warnings.
    fn summary(&self, done: usize) {
        let count = self.warnings.count;
        if count > 0 {
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            say(format_args!(
                "framelens: {} done, {} skipped; {}",
                plural(done, "article"),
                self.skipped,
                plural(count, "warning")
            ));
        }
    }
}

/// The articles still to read, shared by the workers.
struct Source {
    articles: Articles,
    next_number: usize,
    finished: bool,
}

impl Source {
    /// The next batch and its number; `None` once the input is used up or
    /// has failed, the failure being the last batch handed out.
    fn next_batch(&mut self) -> Option<(usize, Result<Vec<Next>>)> {
        if self.finished {
            return None;
        }
        let mut batch = Vec::with_capacity(BATCH);
        let mut failure = None;
        for item in self.articles.by_ref().take(BATCH) {
            match item {
                Ok(next) => batch.push(next),
                Err(fatal) => {
                    failure = Some(fatal);
                    break;
                }
            }
        }
        let result = match failure {
            Some(fatal) => Err(fatal),
            None if batch.is_empty() => {
                self.finished = true;
                return None;
            }
            None => Ok(batch),
        };
        self.finished |= result.is_err();
        let number = self.next_number;
        self.next_number += 1;
        Some((number, result))
    }
}

/// A scored batch: for each article its result and the bytes it took, or the
/// problem that made it be skipped; or the error that stopped the reading.
type Batch<T> = Result<Vec<std::result::Result<(T, usize), Error>>>;

/// Prints warnings as they come and counts them for the closing line.
struct Warnings {
    count: usize,
    strict: bool,
}

impl Warnings {
    /// Under `--strict` a problem stops the run; otherwise it is a warning.
    fn handle(&mut self, problem: Error) -> Result<()> {
        if self.strict {
            return Err(problem);
        }
        self.count += 1;
        say(format_args!("framelens: warning: {problem}"));
        Ok(())
    }
}

/// Writes a line to standard error. A closed or full standard error
/// (`2>&1 | head -1`, `2>/dev/full`) loses the line rather than stopping the
/// run, as `eprintln!` would with a panic.
fn say(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
