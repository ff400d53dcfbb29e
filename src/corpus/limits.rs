//! Reading with limits: an article, a JSONL line or a CSV record may not
//! exceed a set size, and a NUL byte (a binary file) is caught as it is
//! read, so that endless or binary input (`/dev/zero`, `yes`) costs bounded
//! memory and stops with a message instead of growing until the system
//! gives out.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The largest article, JSONL line or CSV record read unless told otherwise: 256 MB.
pub const DEFAULT_MAX_BYTES: usize = 256 << 20;

/// Why reading stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A NUL byte on this line (from 1): binary data, not text.
    Nul {
        /// The line it is on.
        line: u64,
    },
    /// More than the limit, in bytes, without the end of the article or record.
    TooLong {
        /// The limit.
        limit: usize,
    },
    /// Bytes the file's encoding (from `--encoding` or a UTF-16 byte-order
    /// mark) does not allow.
    Malformed {
        /// The encoding's name.
        label: &'static str,
        /// The line of the first bad byte, from 1.
        line: u64,
        /// The offset of the first bad byte in the file.
        byte: u64,
    },
}

impl Refusal {
    /// The message, without the file and line.
    pub fn message(self) -> String {
        match self {
            Refusal::Nul { .. } => {
                "looks like a binary file (a NUL byte), not text; the rest of it is not read".into()
            }
            Refusal::TooLong { limit } => format!(
                "a record is longer than {} (--max-article-mb); the rest of the file is not read",
                size(limit)
            ),
            Refusal::Malformed { label, byte, .. } => {
                format!("not valid {label} (byte {byte}); the rest of the file is not read")
            }
        }
    }
}

/// A size in bytes for messages: whole megabytes where it is one.
pub fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Refusal {}

/// The refusal inside an I/O error made by [`Guarded`], if it is one.
pub fn refusal(error: &io::Error) -> Option<Refusal> {
    error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Refusal>())
        .copied()
}

/// A reader that refuses a NUL byte and more than `limit` bytes past the
/// last mark: it lets a CSV parser, which keeps a record whole however long,
/// read at most one record's worth beyond where the last one ended.
pub struct Guarded<R> {
    inner: R,
    read: u64,
    line: u64,
    limit: usize,
    mark: Mark,
}

/// Where the current record started, set by the reader's user after each record.
#[derive(Clone, Debug, Default)]
pub struct Mark(Arc<AtomicU64>);

impl Mark {
    /// Records that everything before byte `at` has been dealt with.
    pub fn set(&self, at: u64) {
        self.0.store(at, Ordering::Relaxed);
    }
}

/// How far past the mark a reader may run ahead of its parser: the parser's
/// own buffer.
const SLACK: u64 = 1 << 16;

impl<R> Guarded<R> {
    /// Guards `inner`; the returned mark moves the window.
    pub fn new(inner: R, limit: usize) -> (Guarded<R>, Mark) {
        let mark = Mark::default();
        let guarded = Guarded {
            inner,
            read: 0,
            line: 1,
            limit,
            mark: mark.clone(),
        };
        (guarded, mark)
    }
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let allowed = self.mark.0.load(Ordering::Relaxed) + self.limit as u64 + SLACK;
        if self.read >= allowed {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                Refusal::TooLong { limit: self.limit },
            ));
        }
        let room = buf.len().min((allowed - self.read) as usize);
        let n = self.inner.read(&mut buf[..room])?;
        let got = &buf[..n];
        if let Some(at) = memchr::memchr(0, got) {
            let line = self.line + memchr::memchr_iter(b'\n', &got[..at]).count() as u64;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                Refusal::Nul { line },
            ));
        }
        self.line += memchr::memchr_iter(b'\n', got).count() as u64;
        self.read += n as u64;
        Ok(n)
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The end of the input: nothing was read.
    End,
    /// A line, in the buffer, with its line end; `bytes` were read in all.
    Read {
        /// Bytes taken from the input.
        bytes: usize,
    },
    /// A line longer than the limit, read to its end and dropped.
    TooLong,
    /// A NUL byte; the line was left where it was.
    Nul,
}

/// Reads one line into `buf` (cleared first), at most `limit` bytes of it.
///
/// A longer line is read to its end and dropped, so that memory stays
/// bounded and the next line can still be read; a NUL byte stops at once.
pub fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut bytes = 0;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        let part = &chunk[..take];
        if memchr::memchr(0, part).is_some() {
            return Ok(Line::Nul);
        }
        if !too_long && buf.len() + take > limit {
            too_long = true;
            buf.clear();
            buf.shrink_to(1 << 16);
        }
        if !too_long {
            buf.extend_from_slice(part);
        }
        bytes += take;
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(match (bytes, too_long) {
        (0, _) => Line::End,
        (_, true) => Line::TooLong,
        (bytes, false) => Line::Read { bytes },
    })
}

/// What [`read_article`] checks as it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Stop at a NUL byte or at a byte that is not UTF-8.
    Utf8,
    /// Stop at a NUL byte (the text is in another encoding).
    Nul,
    /// Nothing (UTF-16, where NUL bytes are text).
    Nothing,
}

/// Reads a whole article, at most `limit` bytes, and stops early at the
/// first chunk that `check` finds bad (a NUL byte, a byte that is not
/// UTF-8), so that a binary or endless input is not read whole; the decoder
/// then finds the bad byte in what was read and says what it is. A UTF-16
/// byte-order mark turns the checks off, and so does a zip's signature: a
/// Word document is read whole, and other zips are refused with advice.
pub fn read_article(
    reader: &mut dyn Read,
    limit: usize,
    check: Check,
) -> Result<Vec<u8>, ArticleProblem> {
    let mut bytes = Vec::new();
    let mut checked = 0;
    let mut check = check;
    let mut sniffed = false;
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ArticleProblem::Io(e)),
        };
        if bytes.len() + n > limit {
            return Err(ArticleProblem::TooLong { limit });
        }
        bytes.extend_from_slice(&chunk[..n]);
        // A pipe may hand over the first bytes one at a time: the marks are
        // looked for once four bytes are in (the decoder checks a shorter input).
        if !sniffed {
            if bytes.len() < 4 {
                continue;
            }
            sniffed = true;
            if [b"\xFF\xFE".as_slice(), b"\xFE\xFF", b"PK\x03\x04"]
                .iter()
                .any(|mark| bytes.starts_with(mark))
            {
                check = Check::Nothing;
            }
        }
        let bad = match check {
            Check::Nothing => false,
            Check::Nul => memchr::memchr(0, &chunk[..n]).is_some(),
            Check::Utf8 => {
                memchr::memchr(0, &chunk[..n]).is_some()
                    || match std::str::from_utf8(&bytes[checked..]) {
                        Ok(_) => {
                            checked = bytes.len();
                            false
                        }
                        // A character cut by the end of the chunk is checked with the next.
                        Err(e) if e.error_len().is_none() => {
                            checked += e.valid_up_to();
                            false
                        }
                        Err(_) => true,
                    }
            }
        };
        if bad {
            break;
        }
    }
    Ok(bytes)
}

/// Why an article could not be read whole.
#[derive(Debug)]
pub enum ArticleProblem {
    /// The system's error.
    Io(io::Error),
    /// Longer than the limit.
    TooLong {
        /// The limit.
        limit: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_input_stops_at_the_limit_or_its_first_bad_byte() {
        let mut yes = io::repeat(b'y').take(10_000);
        assert!(matches!(
            read_article(&mut yes, 1000, Check::Utf8),
            Err(ArticleProblem::TooLong { limit: 1000 })
        ));
        // Endless NUL bytes: one chunk is read, where the decoder finds them.
        let mut zero = io::repeat(0);
        let read = read_article(&mut zero, 1 << 30, Check::Utf8).unwrap();
        assert_eq!(read.len(), 1 << 16);
        let mut bad = io::repeat(0xFF);
        let read = read_article(&mut bad, 1 << 30, Check::Nul).err();
        assert!(matches!(read, Some(ArticleProblem::TooLong { .. })));
        let mut bad = io::repeat(0xFF);
        assert_eq!(
            read_article(&mut bad, 1 << 30, Check::Utf8).unwrap().len(),
            1 << 16
        );
        // UTF-16 is full of NUL bytes: its byte-order mark turns the checks off.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "hi".repeat(40_000)
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let mut reader = &utf16[..];
        assert_eq!(
            read_article(&mut reader, 1 << 30, Check::Utf8).unwrap(),
            utf16
        );
        let mut text = &b"caf\xc3\xa9 ok"[..];
        assert_eq!(
            read_article(&mut text, 1000, Check::Utf8).unwrap(),
            b"caf\xc3\xa9 ok"
        );
    }

    #[test]
    fn marks_are_seen_when_a_pipe_hands_over_one_byte_at_a_time() {
        /// A reader that gives one byte per call, as a slow pipe may.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let zip = b"PK\x03\x04\x14\x00\x00\x00binary\x00\xFF after";
        let utf16 = b"\xFF\xFEh\x00i\x00";
        for input in [&zip[..], &utf16[..]] {
            let read = read_article(&mut Trickle(input), 1 << 20, Check::Utf8).unwrap();
            assert_eq!(read, input);
        }
    }

    #[test]
    fn a_character_cut_between_chunks_is_whole() {
        // The chunk is 65,536 bytes: put a two-byte character across its end.
        let mut text = vec![b'a'; (1 << 16) - 1];
        text.extend_from_slice("é and more".as_bytes());
        text.extend(std::iter::repeat_n(b'b', 1 << 17));
        let mut reader = &text[..];
        assert_eq!(
            read_article(&mut reader, 1 << 20, Check::Utf8).unwrap(),
            text
        );
    }

    #[test]
    fn lines_are_read_whole_dropped_when_too_long_and_stopped_at_nul() {
        let input = b"short\nthis one is much too long\nok\nnul \0 here\nafter\n";
        let mut reader = io::BufReader::with_capacity(4, &input[..]);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        loop {
            let line = read_line(&mut reader, &mut buf, 10).unwrap();
            match line {
                Line::End => break,
                Line::Read { .. } => got.push(String::from_utf8(buf.clone()).unwrap()),
                Line::TooLong => got.push("(too long)".into()),
                Line::Nul => {
                    got.push("(nul)".into());
                    break;
                }
            }
        }
        assert_eq!(got, ["short\n", "(too long)", "ok\n", "(nul)"]);
    }

    #[test]
    fn a_guarded_reader_refuses_nul_and_runs_past_the_mark() {
        let (mut guarded, _mark) = Guarded::new(&b"a\nb\n\0"[..], 100);
        let mut out = Vec::new();
        let e = guarded.read_to_end(&mut out).unwrap_err();
        assert_eq!(refusal(&e), Some(Refusal::Nul { line: 3 }));
        let (mut guarded, mark) = Guarded::new(io::repeat(b'x'), 10);
        let mut out = vec![0; 1 << 20];
        let mut total = 0u64;
        let e = loop {
            match guarded.read(&mut out) {
                Ok(n) => total += n as u64,
                Err(e) => break e,
            }
        };
        assert_eq!(refusal(&e), Some(Refusal::TooLong { limit: 10 }));
        assert_eq!(total, 10 + SLACK);
        mark.set(total);
        assert!(guarded.read(&mut out).is_ok());
    }
}
