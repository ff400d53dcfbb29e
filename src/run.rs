//! A run resolved from the command line once, before any work: the scorer,
//! the corpus, the files no output may overwrite, where the output goes and
//! how it is written, what a problem with one article does, and the
//! progress bar. Subcommands ask it for a table, for each article's result
//! in input order, or to write a page of text.

use framelens::corpus::{Article, Articles, Corpus, Input, Next, Options};
use framelens::error::{Error, Result};
use framelens::lexicon::Lexicon;
use framelens::output::{Cells, CsvStyle, Output, Table};
use framelens::pipeline::{Plan, ordered_map};
use framelens::score::{Scorer, Workspace};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Articles a worker scores between two writes: enough to keep every core
/// busy, few enough that memory stays flat.
const BATCH: usize = 256;

/// Where the articles come from and how they are read, as resolved arguments.
pub struct Source {
    /// The files, folders and standard input to read.
    pub inputs: Vec<Input>,
    /// The first input as given, which messages about the corpus as a whole name.
    pub first_input: String,
    /// How to read them.
    pub options: Options,
    /// A lexicon folder instead of the built-in lexicons.
    pub lexicons: Option<PathBuf>,
    /// Whether a problem with one article stops the run.
    pub strict: bool,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    /// No progress bar.
    pub quiet: bool,
}

/// Where the output goes and how a table is written.
#[derive(Clone, Debug, Default)]
pub struct Target {
    /// The file, or standard output when `None`.
    pub path: Option<PathBuf>,
    /// Formula guard and byte-order mark.
    pub style: CsvStyle,
    /// Leave out the header row; an input without a record then gives no
    /// row rather than an error.
    pub no_header: bool,
}

impl Target {
    /// The name of the output in messages.
    fn name(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new("<stdout>"))
    }
}

/// What a problem with one article does: under `--strict` it stops the run;
/// otherwise it is printed as a warning and counted for the closing line.
struct Warnings {
    strict: bool,
    count: usize,
}

impl Warnings {
    fn handle(&mut self, problem: Error) -> Result<()> {
        if self.strict {
            return Err(problem);
        }
        self.count += 1;
        say(format_args!("framelens: warning: {problem}"));
        Ok(())
    }

    /// Whether a run may stop half way, after some of its rows: its
    /// standard output is then held back until it is complete.
    fn may_stop(&self) -> bool {
        self.strict
    }
}

/// A resolved run.
pub struct Run {
    scorer: Scorer,
    /// The articles, until [`Run::for_each`] reads them.
    corpus: Option<Corpus>,
    /// Every file read (lexicons, corpus, manifests), which no output may overwrite.
    protected: Vec<PathBuf>,
    target: Target,
    warnings: Warnings,
    threads: usize,
    progress: ProgressBar,
    /// Articles done, and skipped for a problem of their own.
    done: usize,
    skipped: usize,
    /// The first input, which messages about the corpus as a whole name.
    first_input: String,
}

/// The lexicons of `dir`, or the built-in ones.
pub fn load_lexicon(dir: Option<&Path>) -> Result<Lexicon> {
    let lexicon = match dir {
        Some(dir) => Lexicon::from_dir(dir)?,
        None => Lexicon::builtin()?,
    };
    framelens::score::table::ScoreTable::check(&lexicon)?;
    Ok(lexicon)
}

/// The lexicon files read from disk, which no output may overwrite.
pub fn lexicon_files(dir: Option<&Path>, lexicon: &Lexicon) -> Vec<PathBuf> {
    match dir {
        Some(_) => lexicon
            .categories()
            .iter()
            .map(|c| c.path.clone())
            .collect(),
        None => Vec::new(),
    }
}

/// One worker per core unless told otherwise.
pub fn threads(asked: Option<usize>) -> usize {
    asked
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
        .max(1)
}

impl Run {
    /// Loads the lexicons and checks every input before any work is done.
    pub fn new(source: Source, target: Target) -> Result<Run> {
        if let Some(path) = &target.path {
            framelens::output::check_folder(path)?;
        }
        let lexicon = load_lexicon(source.lexicons.as_deref())?;
        let mut protected = lexicon_files(source.lexicons.as_deref(), &lexicon);
        let mut corpus = Corpus::open(&source.inputs, source.options)?;
        protected.extend(corpus.files.iter().cloned());
        let mut warnings = Warnings {
            count: 0,
            strict: source.strict,
        };
        for problem in std::mem::take(&mut corpus.warnings) {
            warnings.handle(problem)?;
        }
        Ok(Run {
            first_input: source.first_input,
            progress: progress_bar(source.quiet, &corpus),
            scorer: Scorer::new(lexicon),
            corpus: Some(corpus),
            protected,
            target,
            warnings,
            threads: threads(source.threads),
            done: 0,
            skipped: 0,
        })
    }

    /// A run without a corpus, for a command that reads other files
    /// (`protected`, which no output may overwrite either).
    pub fn without_corpus(
        lexicons: Option<&Path>,
        protected: &[PathBuf],
        target: Target,
    ) -> Result<Run> {
        if let Some(path) = &target.path {
            framelens::output::check_folder(path)?;
        }
        let lexicon = load_lexicon(lexicons)?;
        let mut files = lexicon_files(lexicons, &lexicon);
        files.extend(protected.iter().cloned());
        Ok(Run {
            progress: ProgressBar::hidden(),
            scorer: Scorer::new(lexicon),
            corpus: None,
            protected: files,
            target,
            warnings: Warnings {
                strict: false,
                count: 0,
            },
            threads: threads(None),
            done: 0,
            skipped: 0,
            first_input: String::new(),
        })
    }

    /// `work` on every item, in parallel, the results in input order.
    pub fn map<T: Send, R: Send>(
        &self,
        items: impl Iterator<Item = T> + Send,
        work: impl Fn(&Scorer, T, &mut Workspace) -> R + Sync,
    ) -> Vec<R> {
        let mut out = Vec::new();
        let scorer = &self.scorer;
        let sunk: std::result::Result<(), std::convert::Infallible> = ordered_map(
            items,
            Plan::new(self.threads, 16),
            Workspace::default,
            |ws, item| work(scorer, item, ws),
            |result| {
                out.push(result);
                Ok(())
            },
        );
        let Ok(()) = sunk;
        out
    }

    /// The scorer, for what a command needs of its lexicon.
    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    /// Opens the output table with this header (left out under `--no-header`).
    pub fn table(&self, header: Vec<String>) -> Result<Table> {
        let header = if self.target.no_header {
            Vec::new()
        } else {
            header
        };
        Table::create(
            self.target.path.as_deref(),
            &self.protected,
            self.warnings.may_stop(),
            self.target.style,
            &header,
        )
    }

    /// Writes a table the library made whole, as the CLI writes its own.
    pub fn write_table(&self, values: &framelens::table::Table) -> Result<()> {
        let mut table = self.table(values.header.clone())?;
        let mut cells = Cells::default();
        for row in &values.rows {
            cells.clear();
            for value in row {
                value.write(&mut cells);
            }
            table.cells(&cells)?;
        }
        table.finish()
    }

    /// Writes `text` whole to the output.
    pub fn write_text(&self, text: &str) -> Result<()> {
        let mut out = Output::create(self.target.path.as_deref(), &self.protected, false)?;
        out.write_all(text.as_bytes())
            .map_err(|e| Error::io(self.target.name(), "write", e))?;
        out.finish()
    }

    /// Runs `work` on every readable article, in parallel, and hands the
    /// results to `sink` in input order. A run in which no article could be
    /// read is an error, as nothing of the output may then be written.
    pub fn for_each<T: Send>(
        &mut self,
        work: impl Fn(&Scorer, Article, &mut Workspace) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<()>,
    ) -> Result<()> {
        let corpus = self.corpus.take().expect("a run reads its corpus once");
        let articles = UntilFailure {
            articles: corpus.articles(),
            failed: false,
        };
        let scorer = &self.scorer;
        let (warnings, progress) = (&mut self.warnings, &self.progress);
        let (done, skipped) = (&mut self.done, &mut self.skipped);
        ordered_map(
            articles,
            Plan::new(self.threads, BATCH),
            Workspace::default,
            |ws, next| match next? {
                Next::Article(article) => {
                    let bytes = article.input_bytes;
                    Ok(Ok((work(scorer, article, ws), bytes)))
                }
                Next::Skip(problem) => Ok(Err(problem)),
            },
            |result: Result<std::result::Result<(T, usize), Error>>| {
                match result? {
                    Ok((value, bytes)) => {
                        sink(value)?;
                        *done += 1;
                        progress.inc(bytes as u64);
                        let s = if *done == 1 { "" } else { "s" };
                        progress.set_message(format!("{done} article{s}"));
                    }
                    Err(problem) => {
                        warnings.handle(problem)?;
                        *skipped += 1;
                    }
                }
                Ok(())
            },
        )?;
        self.progress.finish_and_clear();
        // An input with no records at all is an empty partition to a mapper
        // (which asks for no header): nothing to do. Records that were all
        // skipped are a failed run.
        if self.done == 0 && !(self.target.no_header && self.skipped == 0) {
            return Err(Error::file(
                self.target.name(),
                "not written: no article could be read",
            ));
        }
        Ok(())
    }

    /// Ends the run: the closing line, when there were warnings.
    pub fn finish(self) {
        let count = self.warnings.count;
        if count > 0 {
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            say(format_args!(
                "framelens: {} done, {} skipped; {}",
                plural(self.done, "article"),
                self.skipped,
                plural(count, "warning")
            ));
        }
    }
}

/// The articles, ending after the first error that stops the reading.
struct UntilFailure {
    articles: Articles,
    failed: bool,
}

impl Iterator for UntilFailure {
    type Item = Result<Next>;

    fn next(&mut self) -> Option<Result<Next>> {
        if self.failed {
            return None;
        }
        let next = self.articles.next()?;
        self.failed = next.is_err();
        Some(next)
    }
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

/// The fields a command groups articles by.
pub struct Fields {
    fields: Vec<(&'static str, String)>,
}

/// For each field of a [`Fields`], whether some article had a value for it.
pub struct Seen(Vec<bool>);

impl Seen {
    /// Notes which fields the groups of one article found.
    pub fn saw(&mut self, groups: &[String]) {
        for (seen, group) in self.0.iter_mut().zip(groups) {
            *seen |= group != NO_GROUP;
        }
    }
}

impl Fields {
    /// Fields given as (option, field name), such as ("--by", "outlet").
    pub fn new(fields: &[(&'static str, &str)]) -> Fields {
        Fields {
            fields: fields
                .iter()
                .map(|&(option, name)| (option, name.to_string()))
                .collect(),
        }
    }

    /// Nothing seen yet, but the article's own id.
    pub fn seen(&self) -> Seen {
        Seen(self.fields.iter().map(|(_, name)| name == "id").collect())
    }

    /// The group of `article` for each field, in order, "(none)" where it has no value.
    pub fn groups(&self, article: &Article) -> Vec<String> {
        self.fields
            .iter()
            .map(|(_, name)| group_of(article, name))
            .collect()
    }

    /// The error for a field that no article has: grouping by it would put
    /// every article in one group called "(none)".
    pub fn check(&self, seen: &Seen, run: &Run) -> Result<()> {
        let missing = self.fields.iter().zip(&seen.0).find(|(_, seen)| !**seen);
        let Some(((option, name), _)) = missing else {
            return Ok(());
        };
        let others: Vec<String> = ["outlet", "event", "id"]
            .iter()
            .filter(|&&f| f != name)
            .map(|f| format!("{option} {f}"))
            .collect();
        Err(Error::file(
            Path::new(&run.first_input),
            format!(
                "no article has a `{name}` field for {option}: give the articles one (a manifest \
                 column or a JSON field), or try {}",
                others.join(" or ")
            ),
        ))
    }
}

/// The group of an article without a value for the field.
const NO_GROUP: &str = "(none)";

/// The group an article belongs to: the value of its field `name` (outlet,
/// event, any metadata; `id` for the article itself), or "(none)".
pub fn group_of(article: &Article, name: &str) -> String {
    let value = if name == "id" {
        Some(article.id.as_str())
    } else {
        article.meta.get(name)
    };
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => NO_GROUP.to_string(),
    }
}

/// Writes a line to standard error. A closed or full standard error
/// (`2>&1 | head -1`, `2>/dev/full`) loses the line rather than stopping the
/// run, as `eprintln!` would with a panic.
fn say(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
