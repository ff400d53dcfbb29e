//! Lexicons: word lists read from `lexicons/<language>/*.txt`, one file a category.

mod category;
mod matcher;
pub(crate) use matcher::offset;
mod parse;

pub use category::{Category, NOT_SCORED, SCORED};
pub use matcher::Match;
// For the benchmarks and fuzz targets, not part of the documented API.
#[doc(hidden)]
pub use matcher::{MAX_TEXT_BYTES, Matcher, Scratch};
pub use parse::{Entry, Step, parse_entry};

use crate::error::{Error, Result};
use rust_stemmers::{Algorithm, Stemmer};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The English lexicons compiled into the binary: (file name, content).
const BUILTIN: &[(&str, &str)] = &[
    (
        "attribution.txt",
        include_str!("../../lexicons/en/attribution.txt"),
    ),
    (
        "boosters.txt",
        include_str!("../../lexicons/en/boosters.txt"),
    ),
    ("hedging.txt", include_str!("../../lexicons/en/hedging.txt")),
    ("labels.txt", include_str!("../../lexicons/en/labels.txt")),
    ("loaded.txt", include_str!("../../lexicons/en/loaded.txt")),
    ("sources.txt", include_str!("../../lexicons/en/sources.txt")),
];

/// One lexicon file: the entries of one category.
#[derive(Clone, Debug)]
pub struct CategoryFile {
    /// The file name without `.txt`: loaded, hedging, ...
    pub name: String,
    /// Where the entries came from, for messages.
    pub path: PathBuf,
}

/// A parsed set of lexicon files.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// The categories, sorted by name.
    pub(crate) categories: Vec<CategoryFile>,
    /// Every entry of every category.
    pub(crate) entries: Vec<Entry>,
    /// A short hash of the files' names and contents.
    pub(crate) version: String,
    /// The index in `categories` of each scored category, in output order.
    scored: Vec<u16>,
    /// For each index in `categories`, its scored category if it is one.
    scored_of: Vec<Option<Category>>,
    /// For each scored category, whether a line of its file gives a strength.
    graded: Vec<bool>,
}

impl Lexicon {
    /// The English lexicons built into the binary.
    pub fn builtin() -> Result<Lexicon> {
        let files = BUILTIN.iter().map(|(name, content)| {
            (
                PathBuf::from(format!("lexicons/en/{name} (built in)")),
                name.to_string(),
                content.to_string(),
            )
        });
        Lexicon::from_files(files.collect(), Path::new("lexicons/en (built in)"))
    }

    /// Reads every `*.txt` file of `dir` as one category.
    pub fn from_dir(dir: &Path) -> Result<Lexicon> {
        let reading =
            std::fs::read_dir(dir).map_err(|e| Error::io(dir, "read lexicon folder", e))?;
        let mut files = Vec::new();
        for item in reading {
            let path = item
                .map_err(|e| Error::io(dir, "read lexicon folder", e))?
                .path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            // A FIFO or a device would block or never end: named for what
            // it is rather than passed over and reported missing.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => continue,
                Ok(m) if !m.is_file() => {
                    return Err(Error::file(
                        &path,
                        format!("is {}, not a lexicon file", crate::corpus::kind_of(&m)),
                    ));
                }
                _ => {}
            }
            {
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, "read", e))?;
                let content = String::from_utf8(bytes).map_err(|e| {
                    Error::file(
                        &path,
                        format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                    )
                })?;
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                files.push((path, name, content));
            }
        }
        Lexicon::from_files(files, dir)
    }

    /// Parses lexicon files given as `(file name, content)` pairs, named in
    /// messages as if they stood in `dir`.
    pub fn from_texts(dir: &Path, files: &[(&str, &str)]) -> Result<Lexicon> {
        let files = files
            .iter()
            .map(|(name, content)| (dir.join(name), name.to_string(), content.to_string()))
            .collect();
        Lexicon::from_files(files, dir)
    }

    /// Parses `(path, file name, content)` triples; `dir` names the set in messages.
    fn from_files(mut files: Vec<(PathBuf, String, String)>, dir: &Path) -> Result<Lexicon> {
        files.sort_by(|a, b| a.1.cmp(&b.1));
        // A category's index is 16 bits wide: past that it would wrap and
        // label matches with the wrong category.
        let most = usize::from(u16::MAX) + 1;
        if files.len() > most {
            return Err(Error::file(
                dir,
                format!(
                    "holds {} lexicon files; at most {most} categories can be told apart",
                    files.len()
                ),
            ));
        }
        for required in SCORED {
            if !files.iter().any(|f| f.1 == format!("{required}.txt")) {
                return Err(Error::file(
                    dir,
                    format!(
                        "no {required}.txt (a lexicon folder needs loaded, hedging, boosters and attribution)"
                    ),
                ));
            }
        }
        let stemmer = Stemmer::create(Algorithm::English);
        let mut hasher = Sha256::new();
        let mut categories = Vec::new();
        let mut entries = Vec::new();
        for (index, (path, name, content)) in files.into_iter().enumerate() {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(content.as_bytes());
            hasher.update([0]);
            parse::parse_file(&path, &content, index as u16, &stemmer, &mut entries)?;
            let name = name.trim_end_matches(".txt").to_string();
            categories.push(CategoryFile { name, path });
        }
        let digest = hasher.finalize();
        let version = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        Ok(Lexicon::assemble(categories, entries, version))
    }

    /// A lexicon of parsed categories and entries, its scored categories
    /// found by name: the four built-in ones, then every other file but
    /// those of [`NOT_SCORED`], in the order of their names.
    pub(crate) fn assemble(
        categories: Vec<CategoryFile>,
        entries: Vec<Entry>,
        version: String,
    ) -> Lexicon {
        let position = |name: &str| categories.iter().position(|c| c.name == name);
        let custom = categories.iter().enumerate().filter(|(_, c)| {
            !SCORED.contains(&c.name.as_str()) && !NOT_SCORED.contains(&c.name.as_str())
        });
        let scored: Vec<u16> = SCORED
            .iter()
            .filter_map(|name| position(name))
            .chain(custom.map(|(i, _)| i))
            .map(|i| i as u16)
            .collect();
        let mut scored_of = vec![None; categories.len()];
        for (place, &index) in scored.iter().enumerate() {
            scored_of[usize::from(index)] = Some(Category::at(place));
        }
        let graded = scored
            .iter()
            .map(|&index| entries.iter().any(|e| e.category == index && e.graded))
            .collect();
        Lexicon {
            categories,
            entries,
            version,
            scored,
            scored_of,
            graded,
        }
    }

    /// Every category (file) of the lexicon, sorted by name.
    pub fn categories(&self) -> &[CategoryFile] {
        &self.categories
    }

    /// Every entry of every category; a [`Match`] names one by its index.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// A short hash of the files' names and contents, written beside every score.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The scored categories, in output order: the built-in four, then any
    /// this lexicon adds.
    pub fn scored(&self) -> impl ExactSizeIterator<Item = Category> + '_ {
        (0..self.scored.len()).map(Category::at)
    }

    /// Whether a scored category's file gives its entries strengths: such
    /// a category has weighted rates beside its counts.
    pub fn is_graded(&self, category: Category) -> bool {
        self.graded.get(category.index()).copied().unwrap_or(false)
    }

    /// The name of a scored category, as its file is named.
    pub fn name(&self, category: Category) -> &str {
        &self.categories[usize::from(self.scored[category.index()])].name
    }

    /// The scored category called `name`, if there is one.
    pub fn scored_named(&self, name: &str) -> Option<Category> {
        self.scored().find(|&c| self.name(c) == name)
    }

    /// The scored category of the file at `index` in `categories`, if it is scored.
    #[inline]
    pub fn scored_category(&self, index: u16) -> Option<Category> {
        self.scored_of.get(usize::from(index)).copied().flatten()
    }

    /// The file a scored category was read from.
    pub fn path(&self, category: Category) -> &Path {
        &self.categories[usize::from(self.scored[category.index()])].path
    }

    /// The index in `categories` of a scored category.
    pub fn index_of(&self, category: Category) -> u16 {
        self.scored[category.index()]
    }

    /// The index of the category called `name`.
    pub fn category(&self, name: &str) -> Option<u16> {
        self.categories
            .iter()
            .position(|c| c.name == name)
            .map(|i| i as u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse() {
        let lexicon = Lexicon::builtin().unwrap();
        for name in SCORED {
            assert!(lexicon.category(name).is_some(), "{name}");
        }
        assert_eq!(lexicon.version.len(), 12);
    }

    #[test]
    fn any_other_file_is_a_custom_category_scored_after_the_four() {
        let names = [
            "attribution",
            "boosters",
            "hedging",
            "labels",
            "loaded",
            "sources",
            "war",
            "economy",
        ]
        .map(|name| format!("{name}.txt"));
        let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "word\n")).collect();
        let lexicon = Lexicon::from_texts(Path::new("lex"), &files).unwrap();
        let names: Vec<&str> = lexicon.scored().map(|c| lexicon.name(c)).collect();
        assert_eq!(
            names,
            [
                "loaded",
                "hedging",
                "boosters",
                "attribution",
                "economy",
                "war"
            ]
        );
        assert_eq!(lexicon.scored_named("war"), Some(Category::at(5)));
        assert_eq!(lexicon.path(Category::at(5)), Path::new("lex/war.txt"));
        assert_eq!(lexicon.scored_named("sources"), None);
        assert_eq!(lexicon.scored_named("labels"), None);
    }

    #[test]
    fn a_folder_without_a_scored_category_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["loaded", "hedging", "boosters"] {
            std::fs::write(dir.path().join(format!("{name}.txt")), "word\n").unwrap();
        }
        let err = Lexicon::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with(": no attribution.txt (a lexicon folder needs loaded, hedging, boosters and attribution)"), "{err}");
    }

    #[test]
    fn categories_are_capped_at_what_their_index_holds() {
        let mut names: Vec<String> = SCORED.iter().map(|c| format!("{c}.txt")).collect();
        let most = usize::from(u16::MAX) + 1;
        names.extend((names.len()..most).map(|i| format!("extra{i:05}.txt")));
        let files = |names: &[String]| -> Vec<(String, String)> {
            names.iter().map(|n| (n.clone(), String::new())).collect()
        };
        let fits = files(&names);
        let pairs: Vec<(&str, &str)> = fits.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
        let lexicon = Lexicon::from_texts(Path::new("lex"), &pairs).unwrap();
        assert_eq!(lexicon.categories.len(), most);
        names.push("one-too-many.txt".into());
        let over = files(&names);
        let pairs: Vec<(&str, &str)> = over.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
        let err = Lexicon::from_texts(Path::new("lex"), &pairs).unwrap_err();
        assert_eq!(
            err.to_string(),
            "lex: holds 65537 lexicon files; at most 65536 categories can be told apart"
        );
    }
}
