//! Corpus input: where articles come from and what is known about them.
//!
//! Reading happens in two steps. [`Corpus::open`] checks every input path and
//! manifest up front, so that a run which cannot be meaningful stops before
//! any work. [`Corpus::articles`] then reads one article at a time, so that
//! the corpus is never held in memory whole.

mod manifest;

pub use manifest::{Manifest, ManifestRow};

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What is known about an article besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The outlet that published it.
    pub outlet: String,
    /// The story or event it covers (a manifest's `topic` column counts as well).
    pub event: String,
    /// Its date, as given.
    pub date: String,
    /// Its headline.
    pub title: String,
    /// Every other column or field, in input order.
    pub extra: Vec<(String, String)>,
}

/// One article, read and ready to score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Unique id: a text file's name without `.txt`.
    pub id: String,
    /// Where it came from, for messages.
    pub origin: PathBuf,
    /// Outlet, event, date, title and the rest.
    pub meta: Meta,
    /// The text exactly as read (less a byte-order mark).
    pub text: String,
    /// Byte offset where the body starts: after the headline when the text's
    /// first line is the headline, else 0.
    pub body: usize,
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

#[derive(Debug)]
enum Source {
    File(PathBuf),
    Stdin,
}

#[derive(Debug)]
struct Planned {
    id: String,
    source: Source,
    /// The manifest row, or the reason the article must be skipped.
    meta: Result<Option<ManifestRow>, String>,
}

/// The articles to read, in order, with the warnings found while planning.
#[derive(Debug)]
pub struct Corpus {
    planned: Vec<Planned>,
    /// Every file the run reads, so that an output path can be checked against them.
    pub files: Vec<PathBuf>,
    /// Problems that do not stop the run, such as a manifest row naming a missing file.
    pub warnings: Vec<Error>,
}

impl Corpus {
    /// Checks the inputs and lists the articles to read.
    ///
    /// A directory contributes its `.txt` files in name order and its
    /// `manifest.csv`, unless `manifest` names one for every input.
    pub fn open(inputs: &[Input], manifest: Option<&Path>) -> Result<Corpus> {
        let explicit = manifest.map(Manifest::read).transpose()?;
        let mut corpus = Corpus {
            planned: Vec::new(),
            files: Vec::new(),
            warnings: Vec::new(),
        };
        let mut ids: HashMap<String, PathBuf> = HashMap::new();
        if let Some(m) = &explicit {
            corpus.files.push(m.path.clone());
            corpus.warnings.extend(m.missing_files());
        }
        for input in inputs {
            let path = match input {
                Input::Stdin => {
                    corpus.add(
                        &mut ids,
                        "stdin".into(),
                        Source::Stdin,
                        Ok(explicit.as_ref().and_then(|m| m.row("stdin").cloned())),
                    )?;
                    continue;
                }
                Input::Path(path) => path,
            };
            let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, "read", e))?;
            if metadata.is_dir() {
                let files = text_files(path)?;
                if files.is_empty() {
                    return Err(Error::file(path, "holds no .txt files"));
                }
                let found = path.join("manifest.csv");
                let local = match &explicit {
                    None if found.is_file() => {
                        let m = Manifest::read(&found)?;
                        corpus.files.push(found);
                        corpus.warnings.extend(m.missing_files());
                        Some(m)
                    }
                    _ => None,
                };
                let manifest = explicit.as_ref().or(local.as_ref());
                for file in files {
                    corpus.add_file(&mut ids, file, manifest)?;
                }
            } else {
                corpus.add_file(&mut ids, path.clone(), explicit.as_ref())?;
            }
        }
        Ok(corpus)
    }

    fn add_file(
        &mut self,
        ids: &mut HashMap<String, PathBuf>,
        path: PathBuf,
        manifest: Option<&Manifest>,
    ) -> Result<()> {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let id = name.strip_suffix(".txt").unwrap_or(&name).to_string();
        let meta = match manifest {
            None => Ok(None),
            Some(m) => match m.row(&name) {
                Some(row) => Ok(Some(row.clone())),
                None => Err(format!("has no row in {}", m.path.display())),
            },
        };
        self.files.push(path.clone());
        self.add(ids, id, Source::File(path), meta)
    }

    fn add(
        &mut self,
        ids: &mut HashMap<String, PathBuf>,
        id: String,
        source: Source,
        meta: Result<Option<ManifestRow>, String>,
    ) -> Result<()> {
        let origin = match &source {
            Source::File(p) => p.clone(),
            Source::Stdin => PathBuf::from("<stdin>"),
        };
        if let Some(first) = ids.insert(id.clone(), origin.clone()) {
            return Err(Error::file(
                &origin,
                format!("has the id `{id}`, as {} has already", first.display()),
            ));
        }
        self.planned.push(Planned { id, source, meta });
        Ok(())
    }

    /// The number of articles planned.
    pub fn len(&self) -> usize {
        self.planned.len()
    }

    /// Whether no article is planned.
    pub fn is_empty(&self) -> bool {
        self.planned.is_empty()
    }

    /// Reads the articles one by one; an `Err` is a problem with that article alone.
    pub fn articles(self) -> impl Iterator<Item = Result<Article>> {
        self.planned.into_iter().map(read_article)
    }
}

/// The `.txt` files directly inside `dir`, sorted by name.
fn text_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for item in std::fs::read_dir(dir).map_err(|e| Error::io(dir, "read folder", e))? {
        let path = item.map_err(|e| Error::io(dir, "read folder", e))?.path();
        if path.extension().is_some_and(|e| e == "txt") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_article(planned: Planned) -> Result<Article> {
    let (origin, bytes) = match &planned.source {
        Source::File(path) => (
            path.clone(),
            std::fs::read(path).map_err(|e| Error::io(path, "read", e))?,
        ),
        Source::Stdin => {
            let mut bytes = Vec::new();
            let origin = PathBuf::from("<stdin>");
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(&origin, "read", e))?;
            (origin, bytes)
        }
    };
    let row = planned
        .meta
        .map_err(|message| Error::file(&origin, message))?;
    let text = decode(&origin, bytes)?;
    let (meta, title_first) = match row {
        Some(row) => (row.meta, row.title_is_first_line),
        None => (Meta::default(), false),
    };
    let body = headline_end(&text, &meta.title, title_first);
    Ok(Article {
        id: planned.id,
        origin,
        meta,
        text,
        body,
    })
}

/// Checks that `bytes` are non-empty UTF-8 text and drops a byte-order mark.
pub fn decode(origin: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::file(
            origin,
            format!("looks like a binary file (a NUL byte at byte {at}), not text"),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::line(
            origin,
            line as u64,
            format!("not valid UTF-8 (byte {at}); save the file as UTF-8"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Error::file(origin, "is empty"));
    }
    Ok(text)
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
        assert_eq!(decode(p, b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
        assert_eq!(
            decode(p, b"  \n".to_vec()).unwrap_err().to_string(),
            "a.txt: is empty"
        );
        assert_eq!(
            decode(p, b"ok\nbad \xff".to_vec()).unwrap_err().to_string(),
            "a.txt:2: not valid UTF-8 (byte 7); save the file as UTF-8"
        );
        assert!(
            decode(p, b"a\0b".to_vec())
                .unwrap_err()
                .to_string()
                .contains("NUL byte at byte 1")
        );
    }
}
