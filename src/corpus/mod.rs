//! Corpus input: where articles come from and what is known about them.
//!
//! Reading happens in two steps. [`Corpus::open`] checks every input path and
//! manifest up front, so that a run which cannot be meaningful stops before
//! any work. [`Corpus::articles`] then reads one article at a time, so that
//! the corpus is never held in memory whole.

mod decode;
mod docx;
pub mod html;
mod ids;
mod json;
pub mod limits;
mod manifest;
mod records;

pub use decode::{Problem, Refused, encoding_for_label};
pub use encoding_rs::Encoding;
pub use json::Record;
// For the benchmarks and fuzz targets, not part of the documented API.
#[doc(hidden)]
pub use manifest::{Manifest, ManifestRow};

use crate::error::{Error, Result};
use ids::Ids;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// What is known about an article besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The outlet that published it.
    pub outlet: String,
    /// The story or event it covers (a `topic` column or field counts as well).
    pub event: String,
    /// Its date, as given.
    pub date: String,
    /// Its headline.
    pub title: String,
    /// Every other column or string field, in input order (`topic` included).
    pub extra: Vec<(String, String)>,
    /// Whether an `event` column or field was given, which a `topic` then leaves alone.
    event_given: bool,
}

impl Meta {
    /// Sets the field that a manifest column, a JSON key or a CSV column
    /// names, the same way for all three: `outlet`, `event`, `date` and
    /// `title` in any case fill their fields; a `topic` fills the event
    /// unless an `event` is given too, and is kept under its own name as
    /// well; any other name is kept as it is.
    pub fn set(&mut self, column: &str, value: String) {
        let is = |name: &str| column.eq_ignore_ascii_case(name);
        if is("outlet") {
            self.outlet = value;
        } else if is("date") {
            self.date = value;
        } else if is("title") {
            self.title = value;
        } else if is("event") {
            self.event = value;
            self.event_given = true;
        } else {
            if is("topic") && !self.event_given {
                self.event.clone_from(&value);
            }
            self.extra.push((column.to_string(), value));
        }
    }

    /// The value of a metadata field by name: outlet, event, date, title or any other.
    pub fn get(&self, name: &str) -> Option<&str> {
        match name {
            "outlet" => Some(&self.outlet),
            "event" => Some(&self.event),
            "date" => Some(&self.date),
            "title" => Some(&self.title),
            _ => self
                .extra
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
        }
    }
}

/// One article, read and ready to score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Unique id: a text file's name without `.txt`, or a record's id.
    pub id: String,
    /// Where it came from, for messages: a path, or `path:line` for a record.
    pub origin: String,
    /// Outlet, event, date, title and the rest.
    pub meta: Meta,
    /// The text exactly as read (less a byte-order mark).
    pub text: String,
    /// Byte offset where the body starts: after the headline when the text's
    /// first line is the headline, else 0.
    pub body: usize,
    /// Bytes of input the article took (its file, JSON line or CSV record),
    /// for progress reports.
    pub input_bytes: usize,
}

impl Article {
    /// An article whose headline, if `meta.title` is its first line, is kept apart.
    pub fn new(
        id: String,
        origin: String,
        meta: Meta,
        text: String,
        title_is_first_line: bool,
    ) -> Article {
        let body = headline_end(&text, &meta.title, title_is_first_line);
        Article {
            input_bytes: text.len(),
            id,
            origin,
            meta,
            text,
            body,
        }
    }

    /// The group the article belongs to by the field `name` (outlet, event,
    /// any metadata; `id` for the article itself), or "(none)".
    pub fn group(&self, name: &str) -> String {
        let value = if name == "id" {
            Some(self.id.as_str())
        } else {
            self.meta.get(name)
        };
        match value.map(str::trim) {
            Some(v) if !v.is_empty() => v.to_string(),
            _ => "(none)".to_string(),
        }
    }
}

/// The shape of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One article per file.
    Txt,
    /// One JSON object per line, with `id` and `text`.
    Jsonl,
    /// A CSV table with an id column and a text column.
    Csv,
    /// One web page per file, its article found by a main-content extractor.
    Html,
}

impl Format {
    /// The format a file name's extension implies: .jsonl/.ndjson, .csv, .html/.htm, else text.
    pub fn of_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("csv") => Format::Csv,
            Some("html" | "htm") => Format::Html,
            _ => Format::Txt,
        }
    }
}

/// How to read the inputs.
#[derive(Clone, Debug)]
pub struct Options {
    /// A manifest for every text file, instead of the one found in each folder.
    pub manifest: Option<PathBuf>,
    /// The format of standard input, and of files whose extension says otherwise.
    pub format: Option<Format>,
    /// The column of a CSV corpus that holds the text.
    pub text_column: String,
    /// The column of a CSV corpus that holds the id.
    pub id_column: String,
    /// The largest article, JSONL line or CSV record read, in bytes.
    pub max_bytes: usize,
    /// The encoding of files without a byte-order mark (by default UTF-8,
    /// or what an HTML page declares).
    pub encoding: Option<&'static Encoding>,
    /// Whether the text fields of JSONL and CSV corpora hold HTML pages.
    pub html: bool,
    /// The id and metadata of a single article, given on the command line.
    pub single: Single,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            manifest: None,
            format: None,
            text_column: "text".into(),
            id_column: "id".into(),
            max_bytes: limits::DEFAULT_MAX_BYTES,
            encoding: None,
            html: false,
            single: Single::default(),
        }
    }
}

/// The id and metadata of one article, given by hand; they win over a
/// manifest and over the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Single {
    /// Its id, instead of the file name (or `stdin`).
    pub id: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Its event.
    pub event: Option<String>,
}

impl Single {
    /// Whether any value is given.
    pub fn is_set(&self) -> bool {
        self.id.is_some()
            || self.outlet.is_some()
            || self.title.is_some()
            || self.date.is_some()
            || self.event.is_some()
    }

    /// Writes the given values over `meta`.
    fn apply(&self, meta: &mut Meta) {
        let fields = [
            (&self.outlet, &mut meta.outlet),
            (&self.title, &mut meta.title),
            (&self.date, &mut meta.date),
            (&self.event, &mut meta.event),
        ];
        for (given, field) in fields {
            if let Some(value) = given {
                value.clone_into(field);
            }
        }
    }
}

/// One input as given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory.
    Path(PathBuf),
    /// Standard input, written `-`.
    Stdin,
}

impl Input {
    /// `-` is standard input; anything else is a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// Where bytes come from.
#[derive(Clone, Debug)]
enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    fn name(&self) -> PathBuf {
        match self {
            Source::File(p) => p.clone(),
            Source::Stdin => PathBuf::from("<stdin>"),
        }
    }

    fn open(&self) -> Result<Box<dyn BufRead + Send>> {
        match self {
            Source::File(p) => {
                let file = std::fs::File::open(p).map_err(|e| Error::io(p, "read", e))?;
                Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
            }
            Source::Stdin => Ok(Box::new(BufReader::new(std::io::stdin()))),
        }
    }
}

#[derive(Debug)]
enum Planned {
    /// One article: a text file or a web page, or standard input as either.
    Text {
        id: String,
        source: Source,
        /// The manifest row, or the reason the article must be skipped.
        row: Result<Option<ManifestRow>, String>,
        /// Whether it is a web page, whose article must be extracted.
        html: bool,
    },
    /// Many articles: a JSONL or CSV corpus.
    Records { source: Source, format: Format },
}

/// The articles to read, in order, with the warnings found while planning.
#[derive(Debug)]
pub struct Corpus {
    planned: Vec<Planned>,
    options: Options,
    ids: Ids,
    /// Every file the run reads, so that an output path can be checked against them.
    pub files: Vec<PathBuf>,
    /// Problems that do not stop the run, such as a manifest row naming a missing file.
    pub warnings: Vec<Error>,
}

/// What reading the next article gave.
#[derive(Debug)]
pub enum Next {
    /// An article to score.
    Article(Article),
    /// A problem with this article alone: warn and go on, or stop under `--strict`.
    Skip(Error),
}

impl Corpus {
    /// Checks the inputs and lists what to read.
    ///
    /// A directory contributes its `.txt` files in name order and its
    /// `manifest.csv`, unless `options.manifest` names one for every input.
    pub fn open(inputs: &[Input], options: Options) -> Result<Corpus> {
        let explicit = options
            .manifest
            .as_deref()
            .map(|path| Manifest::read(path, options.encoding))
            .transpose()?;
        let mut corpus = Corpus {
            planned: Vec::new(),
            options: options.clone(),
            ids: Ids::default(),
            files: Vec::new(),
            warnings: Vec::new(),
        };
        if let Some(m) = &explicit {
            corpus.files.push(m.path.clone());
        }
        for input in inputs {
            let path = match input {
                Input::Stdin => {
                    match options.format.unwrap_or(Format::Txt) {
                        format @ (Format::Txt | Format::Html) => {
                            let row = explicit.as_ref().and_then(|m| m.row("stdin").cloned());
                            let html = format == Format::Html;
                            corpus.add_text("stdin".into(), Source::Stdin, Ok(row), html)?;
                        }
                        format => corpus.planned.push(Planned::Records {
                            source: Source::Stdin,
                            format,
                        }),
                    }
                    continue;
                }
                Input::Path(path) => path,
            };
            let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, "read", e))?;
            if metadata.is_dir() {
                corpus.add_folder(path, explicit.as_ref())?;
                continue;
            }
            corpus.files.push(path.clone());
            match options.format.unwrap_or_else(|| Format::of_path(path)) {
                format @ (Format::Txt | Format::Html) => {
                    corpus.add_text_file(path.clone(), explicit.as_ref(), format == Format::Html)?
                }
                format => {
                    if format == Format::Csv {
                        records::check_csv_header(path, &options)?;
                    }
                    corpus.planned.push(Planned::Records {
                        source: Source::File(path.clone()),
                        format,
                    });
                }
            }
        }
        if let Some(m) = &explicit {
            let names = corpus.planned.iter().filter_map(|p| match p {
                Planned::Text {
                    source: Source::File(path),
                    ..
                } => Some(file_name(path)),
                _ => None,
            });
            corpus.warnings.extend(m.missing_files(&names.collect()));
        }
        if options.single.is_set() {
            corpus.single()?;
        }
        Ok(corpus)
    }

    /// Gives the one article its id from `--id`; metadata given by hand
    /// needs exactly one article to describe.
    fn single(&mut self) -> Result<()> {
        let single = &self.options.single;
        match self.planned.as_mut_slice() {
            [Planned::Text { id, .. }] => {
                if let Some(given) = &single.id {
                    if given.trim().is_empty() {
                        return Err(Error::file(Path::new("--id"), "is empty"));
                    }
                    given.clone_into(id);
                }
                Ok(())
            }
            planned => {
                let what = match planned {
                    [Planned::Records { source, .. }] => {
                        format!("{} is a corpus", source.name().display())
                    }
                    _ => format!("{} articles are given", planned.len()),
                };
                Err(Error::file(
                    Path::new("--id, --outlet, --title, --date, --event"),
                    format!("describe a single article, but {what}; use a manifest instead"),
                ))
            }
        }
    }

    fn add_folder(&mut self, dir: &Path, explicit: Option<&Manifest>) -> Result<()> {
        let (files, warnings) = text_files(dir)?;
        self.warnings.extend(warnings);
        if files.is_empty() {
            return Err(Error::file(dir, "holds no .txt, .html or .docx files"));
        }
        let found = dir.join("manifest.csv");
        let local = match explicit {
            None if found.is_file() => {
                let m = Manifest::read(&found, self.options.encoding)?;
                self.files.push(found);
                let names = files.iter().map(|f| file_name(f)).collect();
                self.warnings.extend(m.missing_files(&names));
                Some(m)
            }
            _ => None,
        };
        for file in files {
            self.files.push(file.clone());
            let html = match self.options.format {
                Some(format) => format == Format::Html,
                None => Format::of_path(&file) == Format::Html,
            };
            self.add_text_file(file, explicit.or(local.as_ref()), html)?;
        }
        Ok(())
    }

    fn add_text_file(
        &mut self,
        path: PathBuf,
        manifest: Option<&Manifest>,
        html: bool,
    ) -> Result<()> {
        let name = file_name(&path);
        let id = match article_extension(&path) {
            Some(_) => path
                .file_stem()
                .map_or(name.clone(), |s| s.to_string_lossy().into_owned()),
            None => name.clone(),
        };
        let row = match manifest {
            None => Ok(None),
            Some(m) => match m.row(&name) {
                Some(row) => Ok(Some(row.clone())),
                None => Err(format!("has no row in {}", m.path.display())),
            },
        };
        self.add_text(id, Source::File(path), row, html)
    }

    fn add_text(
        &mut self,
        id: String,
        source: Source,
        row: Result<Option<ManifestRow>, String>,
        html: bool,
    ) -> Result<()> {
        let name = source.name();
        let place = self.ids.place(name.display().to_string());
        if let Some(first) = self.ids.claim(&id, place, 0) {
            return Err(Error::file(
                &name,
                format!("has the id `{id}`, as {first} has already"),
            ));
        }
        self.planned.push(Planned::Text {
            id,
            source,
            row,
            html,
        });
        Ok(())
    }

    /// Whether standard input is one of the inputs.
    pub fn reads_stdin(&self) -> bool {
        self.planned.iter().any(|p| match p {
            Planned::Text { source, .. } | Planned::Records { source, .. } => {
                matches!(source, Source::Stdin)
            }
        })
    }

    /// The number of inputs planned: text files count one each, corpora one each.
    pub fn len(&self) -> usize {
        self.planned.len()
    }

    /// Whether nothing is planned.
    pub fn is_empty(&self) -> bool {
        self.planned.is_empty()
    }

    /// Reads the articles one by one. An `Err` stops the run (such as a
    /// duplicate id); a [`Next::Skip`] is a problem with that article alone.
    pub fn articles(self) -> Articles {
        Articles {
            planned: self.planned.into_iter(),
            options: self.options,
            ids: self.ids,
            current: None,
        }
    }
}

/// The articles of a corpus, read one at a time.
pub struct Articles {
    planned: std::vec::IntoIter<Planned>,
    options: Options,
    ids: Ids,
    current: Option<records::Records>,
}

impl Iterator for Articles {
    type Item = Result<Next>;

    fn next(&mut self) -> Option<Result<Next>> {
        loop {
            if let Some(records) = &mut self.current {
                match records.next(&mut self.ids) {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            match self.planned.next()? {
                Planned::Text {
                    id,
                    source,
                    row,
                    html,
                } => return Some(Ok(read_text(id, &source, row, html, &self.options))),
                Planned::Records { source, format } => {
                    match records::Records::open(&source, format, &self.options, &mut self.ids) {
                        Ok(records) => self.current = Some(records),
                        Err(e) => return Some(Err(e)),
                    }
                }
            }
        }
    }
}

/// Reads a JSONL or CSV corpus from any reader, one record at a time; `name`
/// names it in messages. Duplicate ids stop the reading with an `Err`.
// For the benchmarks and fuzz targets, not part of the documented API.
#[doc(hidden)]
pub fn read_records(
    name: &str,
    reader: Box<dyn BufRead + Send>,
    format: Format,
    options: &Options,
) -> Result<impl Iterator<Item = Result<Next>> + use<>> {
    let mut ids = Ids::default();
    let mut records = records::Records::from_reader(name, reader, format, options, &mut ids)?;
    Ok(std::iter::from_fn(move || records.next(&mut ids)))
}

/// Records handed over in memory (by a binding), checked as the records of a
/// JSONL corpus are: the same warnings, with `name` and the record's number
/// from 1 where a file would have its name and line. Duplicate ids stop the
/// reading with an `Err`.
pub fn from_records(
    name: &str,
    records: impl IntoIterator<Item = Record>,
) -> impl Iterator<Item = Result<Next>> {
    let mut ids = Ids::default();
    let place = ids.place(name.to_string());
    let name = PathBuf::from(name);
    records.into_iter().zip(1..).map(move |(record, line)| {
        let bytes = record.text.as_ref().map_or(0, String::len);
        records::accept(record, &name, line, place, &mut ids, bytes, false)
    })
}

/// A path's file name, as a manifest's `file` column names it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// The extension of a file that holds one article: `txt`, `html`, `htm` or
/// `docx`, in any case.
fn article_extension(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ["txt", "html", "htm", "docx"]
        .into_iter()
        .find(|e| *e == ext)
}

/// The article files (`.txt`, `.html`, `.htm`, `.docx`) directly inside `dir`,
/// sorted by name, and a warning for each that is neither a file nor a
/// link to one.
///
/// A FIFO, a socket or a device named so would block the run or never
/// end; a broken link or a link loop is kept, to be reported when it cannot
/// be read rather than passed over.
fn text_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Error>)> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for item in std::fs::read_dir(dir).map_err(|e| Error::io(dir, "read folder", e))? {
        let path = item.map_err(|e| Error::io(dir, "read folder", e))?.path();
        // `~$name.docx` is the lock file Word leaves beside an open document.
        let lock = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("~$"));
        if article_extension(&path).is_none() || lock {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(m) if !m.is_file() => warnings.push(Error::file(
                &path,
                format!("is {}, not a text file; skipped", kind_of(&m)),
            )),
            _ => files.push(path),
        }
    }
    files.sort();
    warnings.sort_by_key(ToString::to_string);
    Ok((files, warnings))
}

/// What a file that is not a regular file is, for messages: "a FIFO", ...
pub fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    "not a regular file"
}

fn read_text(
    id: String,
    source: &Source,
    row: Result<Option<ManifestRow>, String>,
    html: bool,
    options: &Options,
) -> Next {
    let origin = source.name();
    let read = || -> Result<Article> {
        let row = row.map_err(|message| Error::file(&origin, message))?;
        let bytes = read_capped(&origin, &mut source.open()?, options, html)?;
        let input_bytes = bytes.len();
        let (mut meta, title_first) = row.map_or((Meta::default(), false), |r| {
            (r.meta, r.title_is_first_line)
        });
        options.single.apply(&mut meta);
        let kind = match html {
            true => Kind::Html,
            false => Kind::Text { title_first },
        };
        let mut article = from_bytes(id, &origin, &bytes, meta, kind, options)?;
        article.input_bytes = input_bytes;
        Ok(article)
    };
    match read() {
        Ok(article) => Next::Article(article),
        Err(problem) => Next::Skip(problem),
    }
}

/// Reads one article whole, at most `max_bytes`. Unless the article may be
/// UTF-16 or in another encoding, reading stops at the first NUL byte or
/// the first byte that is not UTF-8, which [`decode`] then reports: a
/// binary or endless input is refused at its first bad byte, not after it
/// has been read whole.
fn read_capped(
    origin: &Path,
    reader: &mut dyn Read,
    options: &Options,
    html: bool,
) -> Result<Vec<u8>> {
    use limits::{ArticleProblem, Check};
    let utf16 = |e: &&Encoding| *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE;
    let check = match options.encoding {
        Some(e) if utf16(&e) => Check::Nothing,
        None if !html => Check::Utf8,
        Some(e) if e == encoding_rs::UTF_8 && !html => Check::Utf8,
        _ => Check::Nul,
    };
    limits::read_article(reader, options.max_bytes, check).map_err(|problem| match problem {
        ArticleProblem::Io(e) => Error::io(origin, "read", e),
        ArticleProblem::TooLong { limit } => Error::file(
            origin,
            format!(
                "is longer than {} (--max-article-mb); not read",
                limits::size(limit)
            ),
        ),
    })
}

/// What a file holds.
#[derive(Clone, Copy)]
enum Kind {
    /// Plain text, whose first line may be the headline.
    Text { title_first: bool },
    /// A web page.
    Html,
}

/// Decodes one article's bytes and, for a web page, extracts its article.
fn from_bytes(
    id: String,
    origin: &Path,
    bytes: &[u8],
    meta: Meta,
    kind: Kind,
    options: &Options,
) -> Result<Article> {
    let name = origin.display().to_string();
    // A damaged Word document is reported as one, with advice to save it again.
    let word = bytes.starts_with(b"PK\x03\x04")
        && (docx::is_word(bytes) || decode::Refused::sniff(bytes) == Some(decode::Refused::Docx));
    if word {
        let text = docx::text(bytes, options.max_bytes)
            .map_err(|problem| Error::file(origin, problem.to_string()))?;
        if text.trim().is_empty() {
            return Err(Error::file(origin, "is empty"));
        }
        let title_first = matches!(kind, Kind::Text { title_first: true });
        return Ok(Article::new(id, name, meta, text, title_first));
    }
    let encoding = options.encoding;
    let encoding = match kind {
        Kind::Html => encoding.or_else(|| decode::html_charset(bytes)),
        Kind::Text { .. } => encoding,
    };
    let text = decode(origin, bytes, encoding)?;
    match kind {
        Kind::Html => {
            from_page(id, name, meta, &text).map_err(|e| Error::file(origin, e.to_string()))
        }
        Kind::Text { title_first } => Ok(Article::new(id, name, meta, text, title_first)),
    }
}

/// Reads the bytes of one web page as framelens reads an `.html` file
/// (the fuzz target's way in); `name` is its id and origin.
pub fn decode_page(name: &str, bytes: &[u8]) -> Next {
    let kind = Kind::Html;
    match from_bytes(
        name.into(),
        Path::new(name),
        bytes,
        Meta::default(),
        kind,
        &Options::default(),
    ) {
        Ok(article) => Next::Article(article),
        Err(problem) => Next::Skip(problem),
    }
}

/// The article of a web page: its headline apart, then its body; `meta`
/// (from a manifest, a record or the command line) wins over the page's facts.
fn from_page(
    id: String,
    origin: String,
    mut meta: Meta,
    page: &str,
) -> Result<Article, html::NoArticle> {
    let mut page = html::extract(page)?;
    std::mem::take(&mut page.facts).fill(&mut meta);
    let (text, body) = page.into_text();
    let mut article = Article::new(id, origin, meta, text, false);
    article.body = body;
    Ok(article)
}

/// Turns an article's bytes into text (UTF-8, a byte-order mark, or the
/// given encoding); `origin` names
/// the file in the error.
pub fn decode(origin: &Path, bytes: &[u8], encoding: Option<&'static Encoding>) -> Result<String> {
    decode::decode(bytes, encoding).map_err(|problem| match problem {
        Problem::NotUtf8 { line, .. } => Error::line(origin, line, problem.to_string()),
        _ => Error::file(origin, problem.to_string()),
    })
}

/// Where the body starts when the text's first line is the headline.
///
/// The manifest may say so (`title_is_first_line`); a first line equal to the
/// title says so too.
fn headline_end(text: &str, title: &str, title_is_first_line: bool) -> usize {
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let first = text[..line_end].trim();
    let same = !title.trim().is_empty() && first == title.trim();
    if (title_is_first_line || same) && !first.is_empty() {
        line_end
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_is_kept_apart_when_it_is_the_first_line() {
        assert_eq!(headline_end("Title\n\nBody", "Title", false), 5);
        assert_eq!(headline_end("Other first line\nBody", "Title", true), 16);
        assert_eq!(headline_end("Body starts here\nMore", "A title", false), 0);
        assert_eq!(headline_end("Body", "", false), 0);
    }

    #[test]
    fn decoding_names_the_problem() {
        let p = Path::new("a.txt");
        assert_eq!(decode(p, b"\xEF\xBB\xBFhi", None).unwrap(), "hi");
        assert_eq!(
            decode(p, b"  \n", None).unwrap_err().to_string(),
            "a.txt: is empty"
        );
        assert_eq!(
            decode(p, b"ok\nbad \xff", None).unwrap_err().to_string(),
            "a.txt:2: not valid UTF-8 (byte 7); save the file as UTF-8, \
             or read it with --encoding windows-1252"
        );
        assert!(
            decode(p, b"a\0b", None)
                .unwrap_err()
                .to_string()
                .contains("NUL byte at byte 1")
        );
    }

    #[test]
    fn records_in_memory_are_checked_as_jsonl_records_are() {
        let record = |id: Option<&str>, text: Option<&str>| Record {
            id: id.map(String::from),
            text: text.map(String::from),
            fields: vec![("outlet".into(), "X".into())],
        };
        let records = [
            record(Some("a"), Some("One.")),
            record(Some("b"), None),
            record(Some("c"), Some("  ")),
            record(None, Some("Two.")),
            record(Some("a"), Some("Again.")),
        ];
        let got: Vec<String> = from_records("<texts>", records)
            .map(|item| match item {
                Ok(Next::Article(a)) => format!("{} {} {}", a.id, a.meta.outlet, a.origin),
                Ok(Next::Skip(e)) => format!("skip {e}"),
                Err(e) => format!("stop {e}"),
            })
            .collect();
        assert_eq!(
            got,
            [
                "a X <texts>:1",
                "skip <texts>:2: record `b` has no `text` string",
                "skip <texts>:3: record `c` has an empty text",
                "skip <texts>:4: no `id` (a string or number is needed)",
                "stop <texts>:5: the id `a` was used before, on <texts>:1",
            ]
        );
    }

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(Format::of_path(Path::new("a.JSONL")), Format::Jsonl);
        assert_eq!(Format::of_path(Path::new("a.csv")), Format::Csv);
        assert_eq!(Format::of_path(Path::new("a.txt")), Format::Txt);
        assert_eq!(Format::of_path(Path::new("README")), Format::Txt);
    }

    #[test]
    fn manifests_jsonl_and_csv_read_metadata_alike() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("texts");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.txt"), "Some text.").unwrap();
        std::fs::write(
            folder.join("manifest.csv"),
            "file,Outlet,topic,Date\na.txt,Paper,Strike,2020\n",
        )
        .unwrap();
        let jsonl = dir.path().join("c.jsonl");
        std::fs::write(
            &jsonl,
            "{\"id\": \"a\", \"text\": \"Some text.\", \"Outlet\": \"Paper\", \"topic\": \"Strike\", \"Date\": \"2020\"}\n",
        )
        .unwrap();
        let csv = dir.path().join("c.csv");
        std::fs::write(
            &csv,
            "id,Outlet,topic,Date,text\na,Paper,Strike,2020,Some text.\n",
        )
        .unwrap();
        let meta = |input: &Path| {
            let corpus =
                Corpus::open(&[Input::Path(input.to_path_buf())], Options::default()).unwrap();
            let mut articles = corpus.articles();
            match articles.next() {
                Some(Ok(Next::Article(a))) => a.meta,
                _ => panic!("no article in {}", input.display()),
            }
        };
        let from_manifest = meta(&folder);
        assert_eq!(from_manifest.outlet, "Paper");
        assert_eq!(from_manifest.event, "Strike");
        assert_eq!(from_manifest.date, "2020");
        assert_eq!(from_manifest.get("topic"), Some("Strike"));
        assert_eq!(meta(&jsonl), from_manifest);
        assert_eq!(meta(&csv), from_manifest);
    }

    #[test]
    fn an_event_column_wins_over_a_topic_in_any_order() {
        for columns in [["event", "topic"], ["topic", "event"]] {
            let mut meta = Meta::default();
            for column in columns {
                meta.set(column, format!("from {column}"));
            }
            assert_eq!(meta.event, "from event");
            assert_eq!(meta.get("topic"), Some("from topic"));
        }
    }
}
