//! The library's error type: every variant names the file it is about.

use std::io;
use std::path::{Path, PathBuf};

/// Anything that stops framelens from doing what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: cannot {action}: {}", path.display(), describe(source))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What was being done: "read", "create", ...
        action: &'static str,
        /// What the system said.
        source: io::Error,
    },
    /// A line of a lexicon, manifest or corpus file is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Line {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// A file or folder is unusable as a whole.
    #[error("{}: {message}", path.display())]
    File {
        /// The file or folder.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// An I/O error on `path` while doing `action`.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }

    /// A problem with line `line` of `path`.
    pub fn line(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Error {
        Error::Line {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// A problem with `path` as a whole.
    pub fn file(path: &Path, message: impl Into<String>) -> Error {
        Error::File {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The system's message without its "(os error N)" tail, starting in lower case.
fn describe(error: &io::Error) -> String {
    let text = error.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file() {
        let e = Error::io("a/b.txt", "read", io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(e.to_string(), "a/b.txt: cannot read: entity not found");
        let e = Error::line("lex.txt", 4, "a `*` may only end a word");
        assert_eq!(e.to_string(), "lex.txt:4: a `*` may only end a word");
    }
}
