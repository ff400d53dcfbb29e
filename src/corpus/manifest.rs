//! `manifest.csv`: one row per text file, saying what is known of it.

use super::Meta;
use super::limits::{DEFAULT_MAX_BYTES, Guarded};
use crate::error::{Error, Result};
use encoding_rs::Encoding;
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// How much of a manifest is looked at to tell whether it is UTF-8.
const MANIFEST_HEAD: u64 = 1 << 20;

/// What a manifest says about one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestRow {
    /// The line the row starts on, from 1.
    pub line: u64,
    /// The file name the row is about.
    pub file: String,
    /// Outlet, event, date, title and the other columns.
    pub meta: Meta,
    /// Whether `title_source` says the title is the text's first line.
    pub title_is_first_line: bool,
}

/// A parsed manifest.
#[derive(Debug)]
pub struct Manifest {
    /// Where it was read from.
    pub path: PathBuf,
    rows: HashMap<String, ManifestRow>,
}

impl Manifest {
    /// Reads a manifest; a `file` column is required, the rest are optional.
    pub fn read(path: &Path, encoding: Option<&'static Encoding>) -> Result<Manifest> {
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            return Err(Error::file(
                path,
                "is a folder; --manifest takes a CSV file",
            ));
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
        // `--encoding` names the articles' encoding; a manifest written by
        // hand or by a script is often UTF-8 all the same, and is read so
        // when its start is.
        let mut head = Vec::new();
        let mut file = BufReader::new(file);
        (&mut file)
            .take(MANIFEST_HEAD)
            .read_to_end(&mut head)
            .map_err(|e| Error::io(path, "read", e))?;
        // NUL bytes are UTF-8 too, but in a text file they mean UTF-16.
        let utf8 = !head.contains(&0)
            && match std::str::from_utf8(&head) {
                Ok(_) => true,
                Err(e) => e.error_len().is_none(),
            };
        let encoding = if utf8 { None } else { encoding };
        let reader = std::io::Cursor::new(head).chain(file);
        let reader = super::decode::utf8_reader(Box::new(reader), encoding)
            .map_err(|e| Error::io(path, "read", e))?;
        Manifest::from_reader(path, reader)
    }

    /// Parses a manifest from any reader; `path` names it in messages.
    pub fn from_reader(path: &Path, reader: impl std::io::Read) -> Result<Manifest> {
        // A manifest row is short: the record limit of corpora bounds it,
        // and a NUL byte (`--manifest /dev/zero`) stops it at once.
        let (guarded, mark) = Guarded::new(reader, DEFAULT_MAX_BYTES);
        let mut csv = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(guarded);
        let header: Vec<String> = csv
            .headers()
            .map_err(|e| csv_error(path, e))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        super::records::repeated_column(path, &header)?;
        let find = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let file_column = find("file").ok_or_else(|| {
            Error::line(
                path,
                1,
                "no `file` column (the header must name the text file of each row)",
            )
        })?;
        let mut rows: HashMap<String, ManifestRow> = HashMap::new();
        let mut record = csv::StringRecord::new();
        loop {
            let start = csv.position().line();
            match csv.read_record(&mut record) {
                Ok(true) => mark.set(csv.position().byte()),
                Ok(false) => break,
                Err(e) => {
                    return Err(super::records::refused(path, start, &e)
                        .unwrap_or_else(|| csv_error(path, e)));
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            // No manifest value spans lines; one that does is an unclosed quote
            // that swallowed the rows after it.
            if record.iter().any(|field| field.contains(['\n', '\r'])) {
                return Err(Error::line(
                    path,
                    line,
                    "a quoted field runs over a line break: is a closing \" missing?",
                ));
            }
            let file = record[file_column].trim().to_string();
            if file.is_empty() {
                return Err(Error::line(path, line, "the `file` column is empty"));
            }
            let mut meta = Meta::default();
            let mut title_is_first_line = false;
            for (i, (name, value)) in header.iter().zip(record.iter()).enumerate() {
                let value = value.trim().to_string();
                if i == file_column {
                    continue;
                }
                if name.eq_ignore_ascii_case("title_source") {
                    title_is_first_line = value.to_lowercase().contains("first line");
                }
                meta.set(name, value);
            }
            let row = ManifestRow {
                line,
                file: file.clone(),
                meta,
                title_is_first_line,
            };
            if let Some(first) = rows.insert(file.clone(), row) {
                return Err(Error::line(
                    path,
                    line,
                    format!("names `{file}` again (first on line {})", first.line),
                ));
            }
        }
        Ok(Manifest {
            path: path.to_path_buf(),
            rows,
        })
    }

    /// The row about the file called `name`.
    pub fn row(&self, name: &str) -> Option<&ManifestRow> {
        self.rows.get(name)
    }

    /// A warning for each row that names a file neither among `inputs` (the
    /// file names being read) nor beside the manifest.
    pub fn missing_files(&self, inputs: &HashSet<String>) -> Vec<Error> {
        let dir = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut rows: Vec<&ManifestRow> = self
            .rows
            .values()
            .filter(|r| !inputs.contains(&r.file) && !dir.join(&r.file).is_file())
            .collect();
        rows.sort_by_key(|r| r.line);
        rows.into_iter()
            .map(|r| {
                Error::line(
                    &self.path,
                    r.line,
                    format!("names `{}`, which is not in {}", r.file, dir.display()),
                )
            })
            .collect()
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    if let Some(refused) = super::records::refused(path, line.max(1), &e) {
        return refused;
    }
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => {
            "not valid UTF-8; save the file as UTF-8, or give its encoding with --encoding".into()
        }
        _ => format!("unreadable CSV: {e}"),
    };
    Error::line(path, line, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest> {
        Manifest::from_reader(Path::new("m.csv"), text.as_bytes())
    }

    #[test]
    fn reads_rows_and_keeps_every_column() {
        let m = parse("file,outlet,topic,title,title_source,author\na.txt,Outlet A,story,Head,first line of the text,Ann\n").unwrap();
        let row = m.row("a.txt").unwrap();
        assert_eq!(row.meta.outlet, "Outlet A");
        assert_eq!(row.meta.event, "story");
        assert_eq!(row.meta.title, "Head");
        assert!(row.title_is_first_line);
        assert_eq!(
            row.meta.extra,
            [
                ("topic".to_string(), "story".to_string()),
                (
                    "title_source".to_string(),
                    "first line of the text".to_string()
                ),
                ("author".to_string(), "Ann".to_string())
            ]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                "outlet\nA\n",
                "m.csv:1: no `file` column (the header must name the text file of each row)",
            ),
            (
                "file,outlet\na.txt,A\nb.txt\n",
                "m.csv:3: has 1 fields where the header has 2",
            ),
            (
                "file,outlet\na.txt,A\na.txt,B\n",
                "m.csv:3: names `a.txt` again (first on line 2)",
            ),
            ("file,outlet\n,A\n", "m.csv:2: the `file` column is empty"),
            (
                "file,outlet\na.txt,\"Unclosed\nb.txt,B\n",
                "m.csv:2: a quoted field runs over a line break: is a closing \" missing?",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).unwrap_err().to_string(), want);
        }
    }
}
