//! `framelens._framelens`: the library's commands on texts handed over from
//! Python. Every column and figure comes from the framelens library; this
//! crate only turns Python objects into records and tables into columns.

use framelens::compare::{Grouping, Layout};
use framelens::corpus::{Article, Next, Record, from_records};
use framelens::error::Error;
use framelens::evidence::{MATCHES_HEADER, QUOTES_HEADER, match_rows, quotation_rows};
use framelens::lexicon::{Lexicon, MAX_TEXT_BYTES, Match};
use framelens::pipeline::map_in_order;
use framelens::score::Scorer;
use framelens::score::table::ScoreTable;
use framelens::table::{Table, Value};
use framelens::terms::{Selection, Terms};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyInt, PyList, PyString, PyTuple};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// How in-memory input is named in messages, where a file would be.
const INPUT: &str = "<texts>";

/// A compiled set of lexicons, shared by every call that uses it.
#[pyclass(frozen, module = "framelens")]
struct Lexicons {
    scorer: Arc<Scorer>,
    /// The folder read, or `None` for the built-in English lexicons.
    dir: Option<PathBuf>,
}

#[pymethods]
impl Lexicons {
    /// Reads every `*.txt` file of the folder `path` as one category.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Lexicons> {
        let lexicon = py
            .detach(|| Lexicon::from_dir(&path))
            .map_err(|e| raise(py, "LexiconError", &e))?;
        Ok(Lexicons {
            scorer: Arc::new(py.detach(|| Scorer::new(lexicon))),
            dir: Some(path),
        })
    }

    /// The English lexicons built into framelens.
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Lexicons> {
        Ok(Lexicons {
            scorer: builtin(py)?,
            dir: None,
        })
    }

    /// A short hash of the lexicon files: the `lexicon_version` column.
    #[getter]
    fn version(&self) -> String {
        self.scorer.lexicon().version().to_string()
    }

    /// The categories, by file name without `.txt`, sorted.
    #[getter]
    fn categories(&self) -> Vec<String> {
        let lexicon = self.scorer.lexicon();
        lexicon
            .categories()
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// The folder the lexicons were read from, or `None` when built in.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.dir.clone()
    }

    fn __repr__(&self) -> String {
        match &self.dir {
            Some(dir) => format!("Lexicons.load({:?}) # version {}", dir, self.version()),
            None => format!("Lexicons.builtin() # version {}", self.version()),
        }
    }
}

/// The built-in lexicons, compiled once per process.
fn builtin(py: Python<'_>) -> PyResult<Arc<Scorer>> {
    static BUILTIN: OnceLock<Arc<Scorer>> = OnceLock::new();
    if let Some(scorer) = BUILTIN.get() {
        return Ok(scorer.clone());
    }
    let lexicon = Lexicon::builtin().map_err(|e| raise(py, "LexiconError", &e))?;
    let scorer = py.detach(|| Arc::new(Scorer::new(lexicon)));
    Ok(BUILTIN.get_or_init(|| scorer).clone())
}

/// A Python exception of `framelens._errors` for a library error, with the
/// file and line it names.
fn raise(py: Python<'_>, class: &str, error: &Error) -> PyErr {
    let (file, line) = match error {
        Error::Io { path, .. } | Error::File { path, .. } => (path.clone(), None),
        Error::Line { path, line, .. } => (path.clone(), Some(*line)),
    };
    let made = py
        .import("framelens._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1((error.to_string(), file.display().to_string(), line)));
    match made {
        Ok(exception) => PyErr::from_value(exception),
        Err(e) => e,
    }
}

/// The records of the three parallel inputs: ids, texts, and metadata
/// columns as (name, values). A text that is not a string, an id that is
/// neither a string nor an integer, and metadata values that are not strings
/// are read as a JSONL corpus reads them: missing.
fn records(
    ids: &Bound<'_, PyList>,
    texts: &Bound<'_, PyList>,
    meta: &[(String, Bound<'_, PyList>)],
) -> PyResult<Vec<Record>> {
    if ids.len() != texts.len() || meta.iter().any(|(_, m)| m.len() != texts.len()) {
        return Err(PyTypeError::new_err(
            "ids, texts and metadata columns differ in length",
        ));
    }
    let mut records = Vec::with_capacity(texts.len());
    for (i, (id, text)) in ids.iter().zip(texts.iter()).enumerate() {
        let id = if id.is_instance_of::<PyBool>() {
            None
        } else if let Ok(s) = id.cast::<PyString>() {
            Some(s.to_cow()?.into_owned())
        } else if id.is_instance_of::<PyInt>() {
            Some(id.str()?.to_cow()?.into_owned())
        } else {
            None
        };
        let text = match text.cast::<PyString>() {
            Ok(s) => Some(s.to_cow()?.into_owned()),
            Err(_) => None,
        };
        if text.as_ref().is_some_and(|t| t.len() > MAX_TEXT_BYTES) {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "text {i} is over 4 GiB, the most an article may be"
            )));
        }
        let mut fields = Vec::with_capacity(meta.len());
        for (name, column) in meta {
            if let Ok(value) = column.get_item(i)?.cast::<PyString>() {
                fields.push((name.clone(), value.to_cow()?.into_owned()));
            }
        }
        records.push(Record { id, text, fields });
    }
    Ok(records)
}

/// An `InputWarning` for a record skipped, as the command line warns, at
/// once, so that it is seen even when a later record stops the run.
fn warn(py: Python<'_>, problem: &Error) -> PyResult<()> {
    let category = py.import("framelens._errors")?.getattr("InputWarning")?;
    let message = std::ffi::CString::new(problem.to_string().replace('\0', " "))?;
    // Level 2: the caller of the framelens function, not the function.
    PyErr::warn(py, &category, &message, 2)
}

/// The articles to score; a record skipped is an `InputWarning`, and a
/// duplicate id, or under `strict` the first record skipped, an `InputError`.
fn articles(py: Python<'_>, records: Vec<Record>, strict: bool) -> PyResult<Vec<Article>> {
    let given = records.len();
    let mut articles = Vec::with_capacity(given);
    for next in from_records(INPUT, records) {
        match next.map_err(|e| raise(py, "InputError", &e))? {
            Next::Article(article) => articles.push(article),
            Next::Skip(problem) if strict => return Err(raise(py, "InputError", &problem)),
            Next::Skip(problem) => warn(py, &problem)?,
        }
    }
    // No records is an empty partition to a mapper; records all skipped is
    // a failed run, as on the command line.
    if articles.is_empty() && given > 0 {
        let problem = Error::file(Path::new(INPUT), "no article could be read");
        return Err(raise(py, "InputError", &problem));
    }
    Ok(articles)
}

/// The thread count asked for, or one per core.
fn thread_count(threads: Option<usize>) -> usize {
    threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
        .max(1)
}

/// What a column holds, judged from its values (empty cells aside).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Integer,
    Figure,
    Flag,
    Mixed,
}

impl Kind {
    fn of(value: &Value) -> Option<Kind> {
        match value {
            Value::Text(_) => Some(Kind::Text),
            Value::Integer(_) => Some(Kind::Integer),
            Value::Figure(_) => Some(Kind::Figure),
            Value::Flag(_) => Some(Kind::Flag),
            Value::Missing => None,
        }
    }
}

/// A table as Python values: (header, columns, kinds). A column of figures
/// (empty cells as NaN), of whole numbers or of flags without an empty cell
/// is handed over as the bytes of a native array of kind "f8", "i8" or
/// "b1", ready for numpy without a Python object per cell; any other column
/// as a list, of kind "text" or "mixed" (empty cells `None`).
fn columns<'py>(py: Python<'py>, table: Table) -> PyResult<Bound<'py, PyTuple>> {
    let width = table.header.len();
    let mut kinds: Vec<Option<Kind>> = vec![None; width];
    let mut missing = vec![false; width];
    for row in &table.rows {
        for (j, value) in row.iter().enumerate() {
            match (kinds[j], Kind::of(value)) {
                (_, None) => missing[j] = true,
                (None, kind) => kinds[j] = kind,
                (Some(k), Some(kind)) if k != kind => kinds[j] = Some(Kind::Mixed),
                _ => {}
            }
        }
    }
    // A column of empty cells only holds undefined figures.
    let kinds: Vec<Kind> = kinds
        .into_iter()
        .zip(&missing)
        .map(|(kind, &missing)| match kind.unwrap_or(Kind::Figure) {
            Kind::Integer | Kind::Flag if missing => Kind::Mixed,
            kind => kind,
        })
        .collect();
    let rows = table.rows.len();
    let mut out = Vec::with_capacity(width);
    let mut names = Vec::with_capacity(width);
    for (j, kind) in kinds.iter().enumerate() {
        let cells = table.rows.iter().map(|row| &row[j]);
        let (name, column) = match kind {
            Kind::Figure => {
                let mut bytes = Vec::with_capacity(rows * 8);
                for value in cells {
                    let x = if let Value::Figure(x) = value {
                        *x
                    } else {
                        f64::NAN
                    };
                    bytes.extend_from_slice(&x.to_ne_bytes());
                }
                ("f8", PyBytes::new(py, &bytes).into_any())
            }
            Kind::Integer => {
                let mut bytes = Vec::with_capacity(rows * 8);
                for value in cells {
                    let n = if let Value::Integer(n) = value { *n } else { 0 };
                    bytes.extend_from_slice(&(n.min(i64::MAX as u64) as i64).to_ne_bytes());
                }
                ("i8", PyBytes::new(py, &bytes).into_any())
            }
            Kind::Flag => {
                let bytes: Vec<u8> = cells.map(|v| u8::from(*v == Value::Flag(true))).collect();
                ("b1", PyBytes::new(py, &bytes).into_any())
            }
            Kind::Text | Kind::Mixed => {
                let objects = cells
                    .map(|value| -> PyResult<Bound<'py, PyAny>> {
                        Ok(match value {
                            Value::Text(s) => PyString::new(py, s).into_any(),
                            Value::Integer(n) => n.into_pyobject(py)?.into_any(),
                            Value::Figure(x) => PyFloat::new(py, *x).into_any(),
                            Value::Flag(b) => PyBool::new(py, *b).to_owned().into_any(),
                            Value::Missing => py.None().into_bound(py),
                        })
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                let name = if *kind == Kind::Text { "text" } else { "mixed" };
                (name, PyList::new(py, objects)?.into_any())
            }
        };
        names.push(name);
        out.push(column);
    }
    (table.header, out, names).into_pyobject(py)
}

/// The scorer of `lexicons`, or the built-in one.
fn scorer_of(py: Python<'_>, lexicons: Option<&Bound<'_, Lexicons>>) -> PyResult<Arc<Scorer>> {
    match lexicons {
        Some(l) => Ok(l.get().scorer.clone()),
        None => builtin(py),
    }
}

/// What every command reads: the articles and how to score them.
struct Input {
    scorer: Arc<Scorer>,
    articles: Vec<Article>,
    threads: usize,
}

/// Reads the records, warning of those skipped.
fn open(
    py: Python<'_>,
    ids: &Bound<'_, PyList>,
    texts: &Bound<'_, PyList>,
    meta: Vec<(String, Bound<'_, PyList>)>,
    lexicons: Option<&Bound<'_, Lexicons>>,
    threads: Option<usize>,
    strict: bool,
) -> PyResult<Input> {
    let scorer = scorer_of(py, lexicons)?;
    let records = records(ids, texts, &meta)?;
    let articles = articles(py, records, strict)?;
    let input = Input {
        scorer,
        articles,
        threads: thread_count(threads),
    };
    Ok(input)
}

/// `framelens score`: one row per article.
#[pyfunction]
#[pyo3(signature = (ids, texts, meta, lexicons=None, threads=None, strict=false))]
fn score<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyList>,
    texts: &Bound<'py, PyList>,
    meta: Vec<(String, Bound<'py, PyList>)>,
    lexicons: Option<&Bound<'py, Lexicons>>,
    threads: Option<usize>,
    strict: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let input = open(py, ids, texts, meta, lexicons, threads, strict)?;
    let table = py.detach(|| {
        let scorer = &input.scorer;
        let columns = ScoreTable::new(scorer.lexicon());
        let mut table = Table::new(&columns.header());
        table.rows = map_in_order(&input.articles, input.threads, |article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let mut row = Vec::with_capacity(columns.width());
            columns.fill(article, scored.figures(), &mut row);
            row
        });
        table
    });
    columns(py, table)
}

/// `framelens matches`: one row per match, or with `quotes` per quotation
/// and per source.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (ids, texts, meta, quotes=false, lexicons=None, threads=None, strict=false))]
fn matches<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyList>,
    texts: &Bound<'py, PyList>,
    meta: Vec<(String, Bound<'py, PyList>)>,
    quotes: bool,
    lexicons: Option<&Bound<'py, Lexicons>>,
    threads: Option<usize>,
    strict: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let input = open(py, ids, texts, meta, lexicons, threads, strict)?;
    let table = py.detach(|| {
        let scorer = &input.scorer;
        let header: &[&str] = if quotes {
            &QUOTES_HEADER
        } else {
            &MATCHES_HEADER
        };
        let mut table = Table::new(header);
        let per_article = map_in_order(&input.articles, input.threads, |article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            let new_row = || Vec::with_capacity(header.len());
            if quotes {
                quotation_rows(article, &scored, new_row)
            } else {
                match_rows(article, &scored, new_row)
            }
        });
        table.rows = per_article.into_iter().flatten().collect();
        table
    });
    columns(py, table)
}

/// `framelens compare`: groups side by side, or the same-story view.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (ids, texts, meta, by, within=None, long=true, seed=1, resamples=1000, lexicons=None, threads=None, strict=false))]
fn compare<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyList>,
    texts: &Bound<'py, PyList>,
    meta: Vec<(String, Bound<'py, PyList>)>,
    by: &str,
    within: Option<&str>,
    long: bool,
    seed: u64,
    resamples: usize,
    lexicons: Option<&Bound<'py, Lexicons>>,
    threads: Option<usize>,
    strict: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    if !(1..=100_000).contains(&resamples) {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "resamples must be from 1 to 100,000",
        ));
    }
    let input = open(py, ids, texts, meta, lexicons, threads, strict)?;
    let layout = Layout {
        long,
        resamples,
        seed,
    };
    let table = py.detach(|| {
        let mut grouping = Grouping::new(by, within, input.scorer.lexicon());
        let scorer = &input.scorer;
        let scored = map_in_order(&input.articles, input.threads, |article, ws| {
            let scored = scorer.score(&article.text, article.body, ws);
            (grouping.keys(article), scored.figures().clone())
        });
        for (keys, score) in scored {
            grouping.add(keys, score);
        }
        grouping.table(scorer.lexicon(), &layout, Path::new(INPUT))
    });
    let table = table.map_err(|e| raise(py, "InputError", &e))?;
    columns(py, table)
}

/// `framelens terms`: the entries behind each figure, or the label choices.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (ids, texts, meta, by, category=None, top=10, labels=false, lexicons=None, threads=None, strict=false))]
fn terms<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyList>,
    texts: &Bound<'py, PyList>,
    meta: Vec<(String, Bound<'py, PyList>)>,
    by: &str,
    category: Option<&str>,
    top: usize,
    labels: bool,
    lexicons: Option<&Bound<'py, Lexicons>>,
    threads: Option<usize>,
    strict: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let scorer = scorer_of(py, lexicons)?;
    let dir = lexicons
        .and_then(|l| l.get().dir.clone())
        .unwrap_or_else(|| PathBuf::from("lexicons/en (built in)"));
    let selection = Selection::new(scorer.lexicon(), &dir, by, category, top, labels)
        .map_err(|e| raise(py, "InputError", &e))?;
    let input = open(py, ids, texts, meta, lexicons, threads, strict)?;
    let table = py.detach(|| {
        let scorer = &input.scorer;
        let found: Vec<(String, u32, Vec<Match>)> =
            map_in_order(&input.articles, input.threads, |article, ws| {
                let scored = scorer.score(&article.text, article.body, ws);
                let words = scored.figures().words;
                (article.group(by), words, scored.matches().to_vec())
            });
        let mut terms = Terms::default();
        for ((group, words, matches), article) in found.iter().zip(&input.articles) {
            terms.add(group, *words, &article.text, matches);
        }
        selection.table(&terms, scorer.lexicon())
    });
    columns(py, table)
}

/// The native part of the `framelens` package.
#[pymodule]
fn _framelens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Lexicons>()?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(matches, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(terms, m)?)?;
    Ok(())
}
