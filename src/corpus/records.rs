//! Corpora of many articles in one file: JSON Lines and CSV, read a record at a time.

use super::ids::Ids;
use super::json;
use super::limits::{self, Guarded, Line, Mark};
use super::{Article, Format, Meta, Next, Options, Source, decode, from_page};
use crate::error::{Error, Result};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Reads the records of one JSONL or CSV corpus.
pub enum Records {
    /// One JSON object per line.
    Jsonl(Jsonl),
    /// A CSV table with a header.
    Csv(Csv),
}

impl Records {
    /// Reads a corpus of `format` (JSONL or CSV) from any reader; `name` names it in messages.
    pub fn from_reader(
        name: &str,
        reader: Box<dyn BufRead + Send>,
        format: Format,
        options: &Options,
        ids: &mut Ids,
    ) -> Result<Records> {
        let name = PathBuf::from(name);
        let place = ids.place(name.display().to_string());
        let reader = decode::utf8_reader(reader, options.encoding)
            .map_err(|e| Error::io(&name, "read", e))?;
        Ok(match format {
            Format::Csv => Records::Csv(Csv::new(name, place, reader, options)?),
            _ => Records::Jsonl(Jsonl {
                name,
                place,
                reader,
                line: 0,
                buf: Vec::new(),
                max_bytes: options.max_bytes,
                finished: false,
                html: options.html,
            }),
        })
    }

    /// Opens `source` as a corpus of `format` (JSONL or CSV).
    pub fn open(
        source: &Source,
        format: Format,
        options: &Options,
        ids: &mut Ids,
    ) -> Result<Records> {
        let reader = source.open()?;
        Records::from_reader(
            &source.name().display().to_string(),
            reader,
            format,
            options,
            ids,
        )
    }

    /// The next record; `None` at the end, `Err` when the run must stop.
    pub fn next(&mut self, ids: &mut Ids) -> Option<Result<Next>> {
        match self {
            Records::Jsonl(r) => r.next(ids),
            Records::Csv(r) => r.next(ids),
        }
    }
}

/// Checks, before any work, that a CSV corpus has the id and text columns.
///
/// Only for a regular file: a FIFO or a pipe can be read once, so its
/// header is checked when its records are read.
pub fn check_csv_header(path: &Path, options: &Options) -> Result<()> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
    let reader = decode::utf8_reader(Box::new(std::io::BufReader::new(file)), options.encoding)
        .map_err(|e| Error::io(path, "read", e))?;
    Csv::new(path.to_path_buf(), 0, reader, options).map(|_| ())
}

/// A JSON Lines reader.
pub struct Jsonl {
    name: PathBuf,
    place: u32,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    max_bytes: usize,
    /// Set after a NUL byte: the rest of the file is not read.
    finished: bool,
    /// Whether the text fields are web pages.
    html: bool,
}

impl Jsonl {
    fn next(&mut self, ids: &mut Ids) -> Option<Result<Next>> {
        loop {
            if self.finished {
                return None;
            }
            let read = match limits::read_line(&mut *self.reader, &mut self.buf, self.max_bytes) {
                Ok(read) => read,
                Err(e) => {
                    if let Some(refusal @ limits::Refusal::Malformed { line, .. }) =
                        limits::refusal(&e)
                    {
                        self.finished = true;
                        let problem = Error::line(&self.name, line, refusal.message());
                        return Some(Ok(Next::Skip(problem)));
                    }
                    return Some(Err(Error::io(&self.name, "read", e)));
                }
            };
            self.line += 1;
            let skip =
                |message: String| Some(Ok(Next::Skip(Error::line(&self.name, self.line, message))));
            match read {
                Line::End => return None,
                Line::Read { .. } => {}
                Line::TooLong => {
                    return skip(format!(
                        "a line longer than {} (--max-article-mb); skipped",
                        limits::size(self.max_bytes)
                    ));
                }
                Line::Nul => {
                    self.finished = true;
                    return skip(limits::Refusal::Nul { line: self.line }.message());
                }
            }
            let mut bytes = &self.buf[..];
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => return skip(not_utf8(bytes, e, "the line")),
            };
            let record = match json::parse(text) {
                Ok(record) => record,
                Err(json::Problem::NotAnObject) => return skip("not a JSON object".into()),
                Err(json::Problem::Syntax(e)) => return skip(format!("not valid JSON ({e})")),
            };
            // A NUL character would reach the CSV output raw (in an id, a
            // field, or a match's context), where many programs end the text.
            if let Some(field) = record.with_nul() {
                let field = field.escape_debug();
                return skip(format!(
                    "`{field}` holds a NUL character (\\u0000); the record is skipped"
                ));
            }
            let input_bytes = self.buf.len();
            return Some(accept(
                record,
                &self.name,
                self.line,
                self.place,
                ids,
                input_bytes,
                self.html,
            ));
        }
    }
}

/// The article of a JSON record (or of a record handed over in memory), or
/// why it is skipped; a duplicate id stops the run. With `html`, the text is
/// a web page whose article is extracted.
pub fn accept(
    record: json::Record,
    name: &Path,
    line: u64,
    place: u32,
    ids: &mut Ids,
    input_bytes: usize,
    html: bool,
) -> Result<Next> {
    let skip = |message: String| Ok(Next::Skip(Error::line(name, line, message)));
    let Some(id) = record.id.filter(|id| !id.trim().is_empty()) else {
        return skip("no `id` (a string or number is needed)".into());
    };
    let Some(text) = record.text else {
        return skip(format!("record `{id}` has no `text` string"));
    };
    if text.trim().is_empty() {
        return skip(format!("record `{id}` has an empty text"));
    }
    if let Some(first) = ids.claim(&id, place, line) {
        return Err(Error::line(
            name,
            line,
            format!("the id `{id}` was used before, on {first}"),
        ));
    }
    let mut meta = Meta::default();
    for (key, value) in record.fields {
        meta.set(&key, value);
    }
    let origin = format!("{}:{line}", name.display());
    let mut article = match html {
        true => match from_page(id, origin, meta, &text) {
            Ok(article) => article,
            Err(e) => return skip(e.to_string()),
        },
        false => Article::new(id, origin, meta, text, false),
    };
    article.input_bytes = input_bytes;
    Ok(Next::Article(article))
}

/// A CSV corpus reader.
pub struct Csv {
    name: PathBuf,
    place: u32,
    reader: csv::Reader<Guarded<Box<dyn BufRead + Send>>>,
    /// Where the record being read starts, for the size limit.
    mark: Mark,
    header: Vec<String>,
    id_column: usize,
    text_column: usize,
    record: csv::ByteRecord,
    /// Whether the text column holds web pages.
    html: bool,
    /// Set after a NUL byte or an over-long record: the rest is not read.
    finished: bool,
}

/// The error for a CSV corpus or manifest that the guarded reader refused,
/// or for the first column name used twice.
pub(super) fn refused(name: &Path, line: u64, e: &csv::Error) -> Option<Error> {
    let csv::ErrorKind::Io(io) = e.kind() else {
        return None;
    };
    let refusal = limits::refusal(io)?;
    let line = match refusal {
        limits::Refusal::Nul { line } => line,
        limits::Refusal::TooLong { .. } => line,
        limits::Refusal::Malformed { line, .. } => line,
    };
    Some(Error::line(name, line, refusal.message()))
}

/// Why a record that is not UTF-8 is skipped, with the encoding to try.
fn not_utf8(bytes: &[u8], e: std::str::Utf8Error, place: &str) -> String {
    format!(
        "not valid UTF-8 (byte {} of {place}); save the file as UTF-8, \
         or read it with --encoding {}",
        e.valid_up_to(),
        decode::guess(bytes).to_ascii_lowercase()
    )
}

/// An error naming the first column whose name comes twice in `header`.
pub(super) fn repeated_column(name: &Path, header: &[String]) -> Result<()> {
    for (i, column) in header.iter().enumerate() {
        if header[..i].iter().any(|c| c.eq_ignore_ascii_case(column)) {
            return Err(Error::line(
                name,
                1,
                format!("the column `{column}` is named twice"),
            ));
        }
    }
    Ok(())
}

/// Whether a line inside a multi-line cell looks like the start of a
/// further record (`c,Third...` or `7,"Text`): a short token without
/// spaces, then a comma with no space after it. Prose has a space after a
/// comma, and a number such as 1,000 is not taken for one.
fn looks_like_a_record(line: &str) -> bool {
    let Some((first, rest)) = line.split_once(',') else {
        return false;
    };
    let number =
        first.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(|c: char| c.is_ascii_digit());
    !first.is_empty()
        && first.len() <= 64
        && !first.contains(char::is_whitespace)
        && !first.contains('"')
        && rest.starts_with(|c: char| !c.is_whitespace())
        && !number
}

impl Csv {
    fn new(
        name: PathBuf,
        place: u32,
        reader: Box<dyn BufRead + Send>,
        options: &Options,
    ) -> Result<Csv> {
        let (guarded, mark) = Guarded::new(reader, options.max_bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(guarded);
        let header: Vec<String> = reader
            .byte_headers()
            .map_err(|e| {
                refused(&name, 1, &e).unwrap_or_else(|| {
                    Error::line(&name, 1, format!("unreadable CSV header ({e})"))
                })
            })?
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect();
        repeated_column(&name, &header)?;
        let find = |column: &str| {
            header.iter().position(|h| h == column).ok_or_else(|| {
                Error::line(
                    &name,
                    1,
                    format!("no `{column}` column (choose one with --id-column or --text-column)"),
                )
            })
        };
        let id_column = find(&options.id_column)?;
        let text_column = find(&options.text_column)?;
        mark.set(reader.position().byte());
        Ok(Csv {
            name,
            place,
            reader,
            mark,
            header,
            id_column,
            text_column,
            record: csv::ByteRecord::new(),
            finished: false,
            html: options.html,
        })
    }

    fn next(&mut self, ids: &mut Ids) -> Option<Result<Next>> {
        if self.finished {
            return None;
        }
        let start = self.reader.position().line();
        let read = self.reader.read_byte_record(&mut self.record);
        self.mark.set(self.reader.position().byte());
        let line = self.record.position().map_or(0, |p| p.line());
        let skip = |line: u64, message: String| {
            Some(Ok(Next::Skip(Error::line(&self.name, line, message))))
        };
        match read {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                if let Some(problem) = refused(&self.name, start, &e) {
                    self.finished = true;
                    return Some(Ok(Next::Skip(problem)));
                }
                return match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => skip(
                        line,
                        format!("has {len} fields where the header has {expected_len}"),
                    ),
                    csv::ErrorKind::Io(_) => Some(Err(Error::io(&self.name, "read", e.into()))),
                    _ => skip(line, format!("unreadable CSV ({e})")),
                };
            }
        }
        let mut cells = Vec::with_capacity(self.record.len());
        for (cell, column) in self.record.iter().zip(&self.header) {
            match std::str::from_utf8(cell) {
                Ok(s) => cells.push(s),
                Err(e) => return skip(line, not_utf8(cell, e, &format!("`{column}`"))),
            }
        }
        // A quote left open swallows the records after it into one cell:
        // warn rather than score them as one article's text.
        let swallowed = cells.iter().any(|cell| {
            cell.contains(['\n', '\r']) && cell.lines().skip(1).any(looks_like_a_record)
        });
        if swallowed {
            return skip(
                line,
                "a quoted field runs over a line break into what looks like further records: \
                 is a closing \" missing?"
                    .into(),
            );
        }
        let id = cells[self.id_column].trim().to_string();
        if id.is_empty() {
            return skip(
                line,
                format!("the `{}` column is empty", self.header[self.id_column]),
            );
        }
        let text = cells[self.text_column].to_string();
        if text.trim().is_empty() {
            return skip(line, format!("record `{id}` has an empty text"));
        }
        if let Some(first) = ids.claim(&id, self.place, line) {
            return Some(Err(Error::line(
                &self.name,
                line,
                format!("the id `{id}` was used before, on {first}"),
            )));
        }
        let mut meta = Meta::default();
        for (i, (name, value)) in self.header.iter().zip(&cells).enumerate() {
            if i != self.id_column && i != self.text_column {
                meta.set(name, value.to_string());
            }
        }
        let origin = format!("{}:{line}", self.name.display());
        let mut article = match self.html {
            true => match from_page(id, origin, meta, &text) {
                Ok(article) => article,
                Err(e) => return skip(line, e.to_string()),
            },
            false => Article::new(id, origin, meta, text, false),
        };
        article.input_bytes = self.record.as_slice().len() + self.record.len();
        Some(Ok(Next::Article(article)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(format: Format, content: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c");
        std::fs::write(&path, content).unwrap();
        let mut ids = Ids::default();
        let mut records =
            Records::open(&Source::File(path), format, &Options::default(), &mut ids).unwrap();
        let mut out = Vec::new();
        while let Some(item) = records.next(&mut ids) {
            let name = dir.path().display().to_string();
            out.push(match item {
                Ok(Next::Article(a)) => format!("{} {:?} {}", a.id, a.meta.outlet, a.text),
                Ok(Next::Skip(e)) => format!("skip {}", e.to_string().replace(&name, "")),
                Err(e) => format!("stop {}", e.to_string().replace(&name, "")),
            });
        }
        out
    }

    #[test]
    fn jsonl_records_and_their_problems() {
        let content = "{\"id\": \"a\", \"text\": \"One.\", \"outlet\": \"X\", \"n\": 3}\n\
                       \n\
                       {\"id\": 7, \"text\": \"Two.\", \"outlet\": null}\n\
                       {broken\n\
                       {\"id\": \"b\"}\n\
                       [1, 2]\n\
                       {\"id\": \"a\", \"text\": \"Again.\"}\n";
        assert_eq!(
            read_all(Format::Jsonl, content),
            [
                "a \"X\" One.",
                "7 \"\" Two.",
                "skip /c:4: not valid JSON (key must be a string at line 1 column 2)",
                "skip /c:5: record `b` has no `text` string",
                "skip /c:6: not a JSON object",
                "stop /c:7: the id `a` was used before, on /c:1",
            ]
        );
    }

    #[test]
    fn csv_records_and_their_problems() {
        let content = "id,outlet,text\na,X,\"One, with a comma.\"\nb,Y\nc,Z,\"\"\na,W,Again.\n";
        assert_eq!(
            read_all(Format::Csv, content),
            [
                "a \"X\" One, with a comma.",
                "skip /c:3: has 2 fields where the header has 3",
                "skip /c:4: record `c` has an empty text",
                "stop /c:5: the id `a` was used before, on /c:2",
            ]
        );
    }
}
