//! Output: CSV tables, written whole or not at all.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where a command's output goes: standard output, a file that only
/// appears, complete, when [`Output::finish`] succeeds, or a device or FIFO
/// written as the output comes.
pub enum Output {
    /// Written to standard output as it comes.
    Stdout(io::BufWriter<io::Stdout>),
    /// Held in memory and printed by `finish`, so a failed run prints nothing.
    Held(Vec<u8>),
    /// A temporary file beside the target, renamed over it by `finish`.
    File {
        /// The temporary file.
        temp: io::BufWriter<tempfile::NamedTempFile>,
        /// Where it goes: the file itself, links followed, so that a link
        /// to the output stays a link.
        target: PathBuf,
        /// The permissions and owner of the file it replaces, kept.
        keep: Option<Box<std::fs::Metadata>>,
        /// Removes the temporary file on an interrupting signal.
        _guard: TempGuard,
    },
    /// A character device, a FIFO or a socket, written straight: there is
    /// nothing to rename, and replacing one with a regular file would break
    /// whoever reads it.
    Direct {
        /// The opened target.
        file: io::BufWriter<std::fs::File>,
        /// Its name, for messages.
        target: PathBuf,
    },
}

impl Output {
    /// Opens `target` (standard output when `None`), refusing any of `inputs`.
    ///
    /// `hold` keeps standard output back until `finish`, for runs that must
    /// print nothing if they fail half way. A missing target or a regular
    /// file (or a link to one) is written through a temporary file; anything
    /// else that is not a folder, such as `/dev/null` or a FIFO, is opened
    /// and written as it is.
    pub fn create(target: Option<&Path>, inputs: &[PathBuf], hold: bool) -> Result<Output> {
        let Some(target) = target else {
            return Ok(if hold {
                Output::Held(Vec::new())
            } else {
                Output::Stdout(io::BufWriter::new(io::stdout()))
            });
        };
        let existing = std::fs::metadata(target).ok();
        if existing.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            return Err(Error::file(
                target,
                "is a folder; give a file name for the output",
            ));
        }
        let resolved = resolve(target);
        if inputs.iter().any(|input| resolve(input) == resolved) {
            return Err(Error::file(
                target,
                "is also an input; refusing to overwrite it",
            ));
        }
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(target)
                .map_err(|e| Error::io(target, "write", e))?;
            return Ok(Output::Direct {
                file: io::BufWriter::new(file),
                target: target.to_path_buf(),
            });
        }
        // An existing file is replaced where it is, links followed.
        let place = if existing.is_some() {
            resolved.as_path()
        } else {
            target
        };
        let parent = folder_of(target, place)?;
        let (temp, guard) =
            temporary_in(parent, existing.as_ref()).map_err(|e| Error::io(target, "create", e))?;
        Ok(Output::File {
            temp: io::BufWriter::new(temp),
            target: place.to_path_buf(),
            keep: existing.map(Box::new),
            _guard: guard,
        })
    }

    /// Completes the output: flushes it, or moves the finished file into place.
    pub fn finish(self) -> Result<()> {
        let stdout = Path::new("<stdout>");
        match self {
            Output::Stdout(mut w) => w.flush().map_err(|e| Error::io(stdout, "write", e)),
            Output::Held(bytes) => {
                let mut out = io::stdout().lock();
                out.write_all(&bytes)
                    .and_then(|_| out.flush())
                    .map_err(|e| Error::io(stdout, "write", e))
            }
            Output::Direct { mut file, target } => {
                file.flush().map_err(|e| Error::io(&target, "write", e))
            }
            Output::File {
                temp,
                target,
                keep,
                _guard,
            } => {
                let temp = temp
                    .into_inner()
                    .map_err(|e| Error::io(&target, "write", e.into_error()))?;
                temp.as_file()
                    .sync_all()
                    .map_err(|e| Error::io(&target, "write", e))?;
                if let Some(old) = &keep {
                    keep_owner_and_mode(temp.as_file(), old)
                        .map_err(|e| Error::io(&target, "write", e))?;
                }
                temp.persist(&target)
                    .map_err(|e| Error::io(&target, "write", e.error))?;
                Ok(())
            }
        }
    }
}

/// A new temporary file in `dir`, registered for removal on a signal.
///
/// A new output gets the permissions of any new file, `rw-rw-rw-` less the
/// umask (the system applies it when the file is created); one that replaces
/// a file starts with that file's permissions.
fn temporary_in(
    dir: &Path,
    existing: Option<&std::fs::Metadata>,
) -> io::Result<(tempfile::NamedTempFile, TempGuard)> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".framelens-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing.map_or(0o666, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = existing;
    // Registered while the registry is held, so that a signal arriving
    // between the two cannot miss the file.
    let mut registry = temporaries();
    let temp = builder.tempfile_in(dir)?;
    let guard = TempGuard(temp.path().to_path_buf());
    registry.push(guard.0.clone());
    Ok((temp, guard))
}

/// Gives the finished file the owner and permissions of the file it replaces.
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only the superuser may give a file away; anyone else keeps their
        // own file, as any editor would.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    Ok(())
}

/// The temporary files now open, removed if a signal ends the run.
fn temporaries() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    static TEMPORARIES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    TEMPORARIES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Takes a temporary file off the list of those to remove on a signal.
pub struct TempGuard(PathBuf);

impl Drop for TempGuard {
    fn drop(&mut self) {
        temporaries().retain(|p| p != &self.0);
    }
}

/// Removes every temporary output file when SIGINT, SIGTERM or SIGHUP ends
/// the run, then exits with 128 plus the signal's number (130 for Ctrl-C,
/// 143 for SIGTERM), as a shell reports a process killed by it.
///
/// Without this, an interrupted `-o` run leaves its temporary file behind;
/// the target itself is never partial either way.
pub fn remove_temporaries_on_signals() -> io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    for path in temporaries().iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    std::process::exit(128 + signal);
                }
            })?;
    }
    Ok(())
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::Held(v) => v.write(buf),
            Output::File { temp, .. } => temp.write(buf),
            Output::Direct { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::Held(_) => Ok(()),
            Output::File { temp, .. } => temp.flush(),
            Output::Direct { file, .. } => file.flush(),
        }
    }
}

/// The absolute form of a path, following links where the path exists.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent
            .canonicalize()
            .unwrap_or_else(|_| parent.to_path_buf())
            .join(name),
        None => std::env::current_dir().unwrap_or_default().join(name),
    }
}

/// The cells of one row in one string: a row of thirty figures costs two
/// allocations rather than thirty.
#[derive(Clone, Debug, Default)]
pub struct Cells {
    text: String,
    ends: Vec<usize>,
}

impl Cells {
    /// Room for `cells` cells of `bytes` bytes in all, so that filling a row
    /// does not reallocate.
    pub fn with_capacity(cells: usize, bytes: usize) -> Cells {
        Cells {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
        }
    }

    /// Appends a cell.
    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    /// Appends a cell written by `Display`.
    pub fn push_display(&mut self, value: impl std::fmt::Display) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(self.text, "{value}");
        self.ends.push(self.text.len());
    }

    /// Appends a whole number.
    pub fn push_integer(&mut self, value: impl Into<u64>) {
        self.text.push_str(itoa::Buffer::new().format(value.into()));
        self.ends.push(self.text.len());
    }

    /// Appends a figure with three decimals, as [`fixed`] writes it.
    pub fn push_fixed(&mut self, value: f64) {
        write_fixed(&mut self.text, value);
        self.ends.push(self.text.len());
    }

    /// Empties the row, keeping its room.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// How many cells there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no cell.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cells in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start..end])
    }
}

/// A figure with three decimals.
pub fn fixed(value: f64) -> String {
    let mut text = String::new();
    write_fixed(&mut text, value);
    text
}

/// Appends `value` with three decimals, exactly as `format!("{value:.3}")`.
///
/// The standard formatter rounds the exact binary value, which often takes
/// it into arbitrary-precision arithmetic. Below a million, the product by
/// 1,000 is off by less than 10⁻⁷, so away from a tie rounding it gives the
/// same digits, as integers; near a tie, or for any other value, the
/// standard formatter decides.
fn write_fixed(out: &mut String, value: f64) {
    use std::fmt::Write;
    match thousandths(value) {
        Some(thousandths) => {
            out.push_str(itoa::Buffer::new().format(thousandths / 1000));
            out.push('.');
            let decimals = thousandths % 1000;
            for digit in [decimals / 100, decimals / 10 % 10, decimals % 10] {
                out.push(char::from(b'0' + digit as u8));
            }
        }
        // Writing to a String cannot fail.
        None => {
            let _ = write!(out, "{value:.3}");
        }
    }
}

/// A positive `value` below a million in thousandths, rounded, when it is
/// clear of a tie; `None` where only the standard formatter can decide.
pub(crate) fn thousandths(value: f64) -> Option<u64> {
    let scaled = value * 1000.0;
    let from_tie = (scaled - scaled.trunc() - 0.5).abs();
    (value.is_sign_positive() && scaled < 1e9 && from_tie > 1e-6).then(|| scaled.round() as u64)
}

/// How a CSV table is written for the program that will open it.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvStyle {
    /// Write cells exactly as they are, without guarding against formulas.
    pub raw: bool,
    /// Start with a UTF-8 byte-order mark, so that Excel reads the text as UTF-8.
    pub excel: bool,
}

/// A cell a spreadsheet would run as a formula, made inert with a leading `'`.
///
/// A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return can be taken for a formula by Excel, LibreOffice or Google Sheets
/// (CSV injection); so can one where white space, a no-break space or a
/// byte-order mark comes before the sign, as spreadsheets skip them.
/// Finite numbers such as `-1.5` are left alone; `-inf` and `+nan` are
/// words to a spreadsheet, and guarded.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    let start = cell.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let risky = start.len() < cell.len() && start.starts_with(['=', '+', '-', '@'])
        || cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether a cell is a finite number written with digits: `-2.638`, `+3`, `1e5`.
fn is_number(cell: &str) -> bool {
    cell.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'-' | b'e' | b'E'))
        && cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A CSV table on its way to an [`Output`].
pub struct Table {
    csv: csv::Writer<Output>,
    target: PathBuf,
    style: CsvStyle,
    /// Written with the first row, or at the end: a run that fails before
    /// its first row prints nothing at all.
    header: Option<Vec<String>>,
}

impl Table {
    /// Opens the output (see [`Output::create`]) and writes the header, if any.
    pub fn create(
        target: Option<&Path>,
        inputs: &[PathBuf],
        hold: bool,
        style: CsvStyle,
        header: &[String],
    ) -> Result<Table> {
        let output = Output::create(target, inputs, hold)?;
        let target = target.map_or_else(|| PathBuf::from("<stdout>"), Path::to_path_buf);
        Ok(Table {
            csv: csv::Writer::from_writer(output),
            target,
            style,
            header: (!header.is_empty()).then(|| header.to_vec()),
        })
    }

    /// Writes one row, guarding text cells against formulas unless the style is raw.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.row_of(cells)
    }

    /// Writes one row given as [`Cells`].
    pub fn cells(&mut self, cells: &Cells) -> Result<()> {
        self.row_of(cells.iter())
    }

    fn row_of<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<()> {
        if let Some(header) = self.header.take() {
            self.write(&header)?;
        }
        self.write(cells)
    }

    fn write<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<()> {
        let fail = |e: csv::Error| Error::io(&self.target, "write", e.into());
        // The byte-order mark opens the first field written, so that a run
        // that fails before it prints nothing at all.
        let mut bom = std::mem::take(&mut self.style.excel);
        for cell in cells {
            let cell = cell.as_ref();
            let mut cell = if self.style.raw {
                Cow::Borrowed(cell)
            } else {
                safe_cell(cell)
            };
            if std::mem::take(&mut bom) {
                cell = Cow::Owned(format!("\u{feff}{cell}"));
            }
            self.csv.write_field(cell.as_bytes()).map_err(fail)?;
        }
        self.csv.write_record(None::<&[u8]>).map_err(fail)
    }

    /// Completes the table: see [`Output::finish`].
    pub fn finish(mut self) -> Result<()> {
        if let Some(header) = self.header.take() {
            self.write(&header)?;
        }
        let target = self.target;
        let output = self
            .csv
            .into_inner()
            .map_err(|e| Error::io(&target, "write", e.into_error()))?;
        output.finish()
    }
}

/// The folder `place` goes in, which must exist; `target` names the output
/// in the error.
fn folder_of<'a>(target: &Path, place: &'a Path) -> Result<&'a Path> {
    let parent = match place.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(Error::file(
            target,
            format!(
                "cannot be written: the folder {} does not exist",
                parent.display()
            ),
        ));
    }
    Ok(parent)
}

/// Refuses an output whose folder does not exist, before any work is done.
pub fn check_folder(target: &Path) -> Result<()> {
    folder_of(target, target).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_as_the_standard_formatter_writes_them() {
        for words in 1..600u32 {
            for count in 0..=words.min(150) {
                let ratio = f64::from(count) / f64::from(words);
                for value in [f64::from(count) * 1000.0 / f64::from(words), ratio] {
                    assert_eq!(fixed(value), format!("{value:.3}"), "{count}/{words}");
                }
            }
        }
        for value in [
            0.0005,
            0.0015,
            1.0625,
            2.5,
            999.9995,
            1e20,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(fixed(value), format!("{value:.3}"), "{value}");
        }
    }

    #[test]
    fn formulas_are_made_inert_but_numbers_are_not() {
        let cases = [
            ("=1+2", "'=1+2"),
            ("+44 20 7946 0958", "'+44 20 7946 0958"),
            ("-", "'-"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-1.500", "-1.500"),
            ("+3", "+3"),
            ("plain text", "plain text"),
            ("a=b", "a=b"),
            ("", ""),
            ("-inf", "'-inf"),
            ("+nan", "'+nan"),
            ("-Infinity", "'-Infinity"),
            ("  =1+2", "'  =1+2"),
            ("\u{a0}=1+2", "'\u{a0}=1+2"),
            ("\u{feff}=1+2", "'\u{feff}=1+2"),
            ("\n@x", "'\n@x"),
            (" plain", " plain"),
            ("-1e5", "-1e5"),
        ];
        for (cell, want) in cases {
            assert_eq!(safe_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn output_refuses_an_input_and_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        std::fs::write(&input, "text").unwrap();
        let err = Output::create(Some(&input), std::slice::from_ref(&input), false)
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .ends_with("is also an input; refusing to overwrite it")
        );
        let missing = dir.path().join("no/such/out.csv");
        let err = Output::create(Some(&missing), &[], false).err().unwrap();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn a_file_appears_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let mut out = Output::create(Some(&target), &[], false).unwrap();
        out.write_all(b"a,b\n").unwrap();
        assert!(!target.exists());
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "a,b\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The mode of any new file, whatever the umask.
            let plain = dir.path().join("plain");
            std::fs::File::create(&plain).unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&target), mode(&plain));
            std::fs::remove_file(&plain).unwrap();
        }
        let mut out = Output::create(Some(&target), &[], false).unwrap();
        out.write_all(b"half").unwrap();
        drop(out);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "a,b\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
