//! From a file's bytes to text: byte-order marks, legacy encodings, and the
//! document formats framelens refuses with advice instead of garbage.

use super::limits::Refusal;
use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};

/// Why bytes could not be read as an article's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A document format that is not text (a PDF, a Word file, ...).
    #[error("is {}, which framelens does not read: {}", .0.name(), .0.advice())]
    Refused(Refused),
    /// Bytes that are not UTF-8, with no encoding given.
    #[error(
        "not valid UTF-8 (byte {byte}); save the file as UTF-8, or read it with --encoding {suggestion}"
    )]
    NotUtf8 {
        /// The line of the first bad byte, from 1.
        line: u64,
        /// The offset of the first bad byte.
        byte: usize,
        /// The WHATWG label of the encoding the bytes most likely are in.
        suggestion: String,
    },
    /// A NUL byte, which no text in an 8-bit encoding or UTF-8 holds.
    #[error("looks like a binary file (a NUL byte at byte {byte}), not text{}", utf16_hint(.utf16))]
    Binary {
        /// The offset of the first NUL byte.
        byte: usize,
        /// The label of UTF-16 when the NUL bytes fall where UTF-16 puts them.
        utf16: Option<&'static str>,
    },
    /// Bytes that are not valid in the encoding the user named.
    #[error("not valid {label} (byte {byte}); check the --encoding given")]
    Malformed {
        /// The encoding's name.
        label: &'static str,
        /// The offset of the first bad byte (in the input, less any byte-order mark).
        byte: usize,
    },
    /// Nothing but white space.
    #[error("is empty")]
    Empty,
}

fn utf16_hint(utf16: &Option<&'static str>) -> String {
    match utf16 {
        Some(label) => format!("; if it is UTF-16 text, read it with --encoding {label}"),
        None => String::new(),
    }
}

/// A document format recognised by its first bytes and refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A PDF file.
    Pdf,
    /// A Word document of Office 2007 or later.
    Docx,
    /// An Excel workbook of Office 2007 or later.
    Xlsx,
    /// A PowerPoint presentation of Office 2007 or later.
    Pptx,
    /// An OpenDocument text (LibreOffice Writer).
    Odt,
    /// An OpenDocument spreadsheet (LibreOffice Calc).
    Ods,
    /// Rich Text Format.
    Rtf,
    /// An Office 97-2003 document (.doc, .xls).
    OldOffice,
    /// Any other zip archive.
    Zip,
}

impl Refused {
    /// What the format is, for a message.
    pub fn name(self) -> &'static str {
        match self {
            Refused::Pdf => "a PDF document",
            Refused::Docx => "a Word document (.docx)",
            Refused::Xlsx => "an Excel workbook (.xlsx)",
            Refused::Pptx => "a PowerPoint file (.pptx)",
            Refused::Odt => "an OpenDocument text (.odt)",
            Refused::Ods => "an OpenDocument spreadsheet (.ods)",
            Refused::Rtf => "a Rich Text file (.rtf)",
            Refused::OldOffice => "an Office 97-2003 document (.doc or .xls)",
            Refused::Zip => "a zip archive",
        }
    }

    /// How to turn it into something framelens reads, in one clause.
    pub fn advice(self) -> &'static str {
        match self {
            Refused::Pdf => {
                "convert it to text (for example `pdftotext FILE.pdf FILE.txt`) or copy the article into a .txt file"
            }
            Refused::Docx | Refused::Odt | Refused::Rtf | Refused::OldOffice => {
                "save it from the word processor as plain text (.txt, UTF-8) or as a web page (.html)"
            }
            Refused::Xlsx | Refused::Ods => {
                "save the sheet as CSV (UTF-8) and name its text column with --text-column"
            }
            Refused::Pptx => "copy the article's text into a .txt file",
            Refused::Zip => "unpack it and give the .txt or .html files inside",
        }
    }

    /// The format whose signature `bytes` start with, if any.
    pub fn sniff(bytes: &[u8]) -> Option<Refused> {
        if bytes.starts_with(b"%PDF-") {
            return Some(Refused::Pdf);
        }
        if bytes.starts_with(b"{\\rtf") {
            return Some(Refused::Rtf);
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            return Some(Refused::OldOffice);
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return None;
        }
        // Entry names are stored in the clear in a zip's local headers; an
        // OpenDocument file starts with its `mimetype` entry, stored uncompressed.
        let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
        Some(if has(b"opendocument.text") {
            Refused::Odt
        } else if has(b"opendocument.spreadsheet") {
            Refused::Ods
        } else if has(b"word/document.xml") {
            Refused::Docx
        } else if has(b"xl/") {
            Refused::Xlsx
        } else if has(b"ppt/") {
            Refused::Pptx
        } else {
            Refused::Zip
        })
    }
}

/// The encoding a WHATWG label names (`windows-1252`, `latin1`, `utf-16le`, ...).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Turns an article's bytes into text.
///
/// A byte-order mark (UTF-8 or UTF-16) decides the encoding and is dropped.
/// Otherwise `encoding` (from `--encoding`, or an HTML page's own `charset`)
/// is used; without it the bytes must be UTF-8, and the error suggests the
/// encoding a detector finds likely.
pub fn decode(bytes: &[u8], encoding: Option<&'static Encoding>) -> Result<String, Problem> {
    if let Some(kind) = Refused::sniff(bytes) {
        return Err(Problem::Refused(kind));
    }
    let text = match Encoding::for_bom(bytes) {
        Some((bom, skip)) => strict(bom, &bytes[skip..])?,
        None => match encoding {
            Some(encoding) if encoding != UTF_8 => strict(encoding, bytes)?,
            _ => {
                check_nul(bytes)?;
                utf8(bytes)?
            }
        },
    };
    if text.contains('\0') {
        let byte = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(Problem::Binary { byte, utf16: None });
    }
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    Ok(text.into_owned())
}

/// Decodes with `encoding`, refusing malformed bytes rather than replacing them.
fn strict<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Result<Cow<'a, str>, Problem> {
    if encoding == UTF_8 {
        return utf8(bytes);
    }
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text),
        None => {
            // Find the first bad byte for the message by decoding in halves.
            let (mut good, mut bad) = (0, bytes.len());
            while bad - good > 1 {
                let mid = (good + bad) / 2;
                let mut decoder = encoding.new_decoder_without_bom_handling();
                let mut out = String::with_capacity(mid * 3 + 16);
                let (result, _) =
                    decoder.decode_to_string_without_replacement(&bytes[..mid], &mut out, false);
                if matches!(result, encoding_rs::DecoderResult::Malformed(..)) {
                    bad = mid;
                } else {
                    good = mid;
                }
            }
            Err(Problem::Malformed {
                label: encoding.name(),
                byte: good,
            })
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, Problem> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let byte = e.valid_up_to();
            let line = memchr::memchr_iter(b'\n', &bytes[..byte]).count() as u64 + 1;
            Err(Problem::NotUtf8 {
                line,
                byte,
                suggestion: guess(bytes).to_ascii_lowercase(),
            })
        }
    }
}

/// The legacy encoding a detector finds most likely, as a WHATWG label.
pub(super) fn guess(bytes: &[u8]) -> &'static str {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let found = detector.guess(None, chardetng::Utf8Detection::Allow);
    // The bytes are not UTF-8, so a guess of UTF-8 means the detector has
    // nothing better: windows-1252 is what most Western legacy files are.
    if found == UTF_8 {
        "windows-1252"
    } else {
        found.name()
    }
}

/// Refuses NUL bytes, which are never text, noting when they fall where
/// UTF-16 without a byte-order mark puts them.
fn check_nul(bytes: &[u8]) -> Result<(), Problem> {
    let Some(byte) = memchr::memchr(0, bytes) else {
        return Ok(());
    };
    let head = &bytes[..bytes.len().min(200) & !1];
    let zeros_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| i % 2 == parity && b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    let utf16 = if pairs >= 2 && zeros_at(1) * 4 >= pairs * 3 && zeros_at(0) == 0 {
        Some(UTF_16LE.name())
    } else if pairs >= 2 && zeros_at(0) * 4 >= pairs * 3 && zeros_at(1) == 0 {
        Some(UTF_16BE.name())
    } else {
        None
    };
    Err(Problem::Binary { byte, utf16 })
}

/// Makes a corpus reader (JSONL or CSV) yield UTF-8.
///
/// A UTF-16 byte-order mark, or an `encoding` other than UTF-8, puts a strict
/// transcoder in front of the reader; otherwise the bytes pass untouched (the
/// record readers drop a UTF-8 byte-order mark themselves). As with a single
/// article, a byte-order mark wins over `--encoding`.
pub fn utf8_reader(
    mut inner: Box<dyn BufRead + Send>,
    encoding: Option<&'static Encoding>,
) -> io::Result<Box<dyn BufRead + Send>> {
    // A pipe may hand over fewer bytes than a byte-order mark at a time.
    let mut head = Vec::with_capacity(3);
    while head.len() < 3 {
        let got = inner.fill_buf()?;
        if got.is_empty() {
            break;
        }
        let n = got.len().min(3 - head.len());
        head.extend_from_slice(&got[..n]);
        inner.consume(n);
    }
    let (encoding, skip) = match (Encoding::for_bom(&head), encoding) {
        (Some((bom, skip)), _) if bom != UTF_8 => (bom, skip),
        (None, Some(encoding)) if encoding != UTF_8 => (encoding, 0),
        _ => return Ok(Box::new(io::Cursor::new(head).chain(inner))),
    };
    head.drain(..skip);
    let transcoder = Transcoder {
        inner: Box::new(io::Cursor::new(head).chain(inner)),
        decoder: encoding.new_decoder_without_bom_handling(),
        label: encoding.name(),
        out: vec![0; 1 << 16],
        start: 0,
        end: 0,
        consumed: skip as u64,
        line: 1,
        finished: false,
        malformed: None,
    };
    Ok(Box::new(BufReader::new(transcoder)))
}

/// Decodes a stream into UTF-8, a buffer at a time, and stops with a
/// [`Refusal::Malformed`] at the first byte the encoding does not allow,
/// rather than putting a replacement character into the text.
struct Transcoder {
    inner: Box<dyn BufRead + Send>,
    decoder: encoding_rs::Decoder,
    label: &'static str,
    out: Vec<u8>,
    start: usize,
    end: usize,
    /// Input bytes consumed so far, for the message.
    consumed: u64,
    /// The line the next output byte is on, from 1.
    line: u64,
    finished: bool,
    /// The first bad byte, reported once the text before it is read.
    malformed: Option<Refusal>,
}

impl Transcoder {
    fn refill(&mut self) -> io::Result<()> {
        let input = self.inner.fill_buf()?;
        let last = input.is_empty();
        let (result, read, written) =
            self.decoder
                .decode_to_utf8_without_replacement(input, &mut self.out, last);
        self.inner.consume(read);
        let lines = memchr::memchr_iter(b'\n', &self.out[..written]).count() as u64;
        (self.start, self.end) = (0, written);
        match result {
            DecoderResult::InputEmpty => self.finished = last,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                // The text before the bad byte is handed on first, so that
                // every record before it is read.
                self.finished = true;
                self.malformed = Some(Refusal::Malformed {
                    label: self.label,
                    line: self.line + lines,
                    byte: self.consumed + read as u64 - u64::from(bad) - u64::from(after),
                });
            }
        }
        self.consumed += read as u64;
        self.line += lines;
        Ok(())
    }
}

impl Read for Transcoder {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.start == self.end {
            if let Some(refusal) = self.malformed.take() {
                return Err(io::Error::new(io::ErrorKind::InvalidData, refusal));
            }
            if self.finished {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.end - self.start);
        buf[..n].copy_from_slice(&self.out[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

/// The encoding an HTML page declares in its first 1,024 bytes
/// (`<meta charset="...">` or `content="text/html; charset=..."`).
pub fn html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .map_or(lower.len(), |n| i + n);
        if let Some(encoding) = Encoding::for_label(&lower[i..end]) {
            // A page that was saved as UTF-16 cannot declare it in ASCII.
            return Some(if encoding == UTF_16LE || encoding == UTF_16BE {
                UTF_8
            } else {
                encoding
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn byte_order_marks_choose_the_encoding() {
        let text = "“Fine,” she said.\nNext line.";
        assert_eq!(decode(&utf16(text, false), None).unwrap(), text);
        assert_eq!(decode(&utf16(text, true), None).unwrap(), text);
        assert_eq!(decode(b"\xEF\xBB\xBFhi", None).unwrap(), "hi");
        // A mark wins over a label that says otherwise.
        let latin = encoding_for_label("latin1");
        assert_eq!(decode(&utf16(text, false), latin).unwrap(), text);
    }

    #[test]
    fn legacy_encodings_by_label() {
        let bytes = b"\x93Fine,\x94 she said; caf\xe9.";
        let cp1252 = encoding_for_label("windows-1252");
        assert_eq!(decode(bytes, cp1252).unwrap(), "“Fine,” she said; café.");
        assert_eq!(encoding_for_label(" Latin1 "), cp1252);
        assert_eq!(encoding_for_label("klingon"), None);
    }

    #[test]
    fn bytes_that_are_not_utf8_get_a_suggestion() {
        let problem = decode(b"Line one.\nThe \x93budget\x94 was cut.", None).unwrap_err();
        assert_eq!(
            problem,
            Problem::NotUtf8 {
                line: 2,
                byte: 14,
                suggestion: "windows-1252".into()
            }
        );
        assert!(problem.to_string().ends_with("--encoding windows-1252"));
    }

    #[test]
    fn malformed_bytes_in_a_named_encoding_are_refused() {
        let shift_jis = encoding_for_label("shift_jis");
        let problem = decode(b"abc\x82", shift_jis).unwrap_err();
        assert_eq!(
            problem,
            Problem::Malformed {
                label: "Shift_JIS",
                byte: 3
            }
        );
    }

    #[test]
    fn nul_bytes_and_utf16_without_a_mark() {
        let mut le = utf16("Hello there", false);
        le.drain(..2);
        assert_eq!(
            decode(&le, None).unwrap_err().to_string(),
            "looks like a binary file (a NUL byte at byte 1), not text; \
             if it is UTF-16 text, read it with --encoding UTF-16LE"
        );
        assert_eq!(
            decode(&le, encoding_for_label("utf-16le")).unwrap(),
            "Hello there"
        );
        assert_eq!(
            decode(b"ab\0cdefgh", None).unwrap_err(),
            Problem::Binary {
                byte: 2,
                utf16: None
            }
        );
        assert_eq!(decode(b" \n\t", None).unwrap_err(), Problem::Empty);
    }

    #[test]
    fn document_formats_are_refused_with_advice() {
        let cases: [(&[u8], Refused); 7] = [
            (b"%PDF-1.7\n...", Refused::Pdf),
            (b"{\\rtf1\\ansi hello}", Refused::Rtf),
            (
                b"PK\x03\x04....[Content_Types].xml..word/document.xml",
                Refused::Docx,
            ),
            (b"PK\x03\x04....xl/workbook.xml", Refused::Xlsx),
            (
                b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text",
                Refused::Odt,
            ),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", Refused::OldOffice),
            (b"PK\x03\x04....notes.txt", Refused::Zip),
        ];
        for (bytes, kind) in cases {
            assert_eq!(decode(bytes, None), Err(Problem::Refused(kind)));
        }
        assert_eq!(
            Problem::Refused(Refused::Pdf).to_string(),
            "is a PDF document, which framelens does not read: convert it to text \
             (for example `pdftotext FILE.pdf FILE.txt`) or copy the article into a .txt file"
        );
    }

    #[test]
    fn html_pages_declare_their_charset() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">";
        assert_eq!(html_charset(page), encoding_for_label("windows-1252"));
        assert_eq!(html_charset(b"<meta charset='utf-8'>"), Some(UTF_8));
        assert_eq!(html_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(html_charset(b"<p>charset is a word</p>"), None);
        assert_eq!(html_charset(b"<p>no declaration</p>"), None);
    }

    /// All a corpus reader yields, or the refusal it stops with.
    fn read_through(
        bytes: &[u8],
        chunk: usize,
        encoding: Option<&'static Encoding>,
    ) -> (Vec<u8>, Option<Refusal>) {
        let inner = BufReader::with_capacity(chunk, io::Cursor::new(bytes.to_vec()));
        let mut reader = utf8_reader(Box::new(inner), encoding).unwrap();
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => return (out, None),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => return (out, crate::corpus::limits::refusal(&e)),
            }
        }
    }

    #[test]
    fn corpus_readers_transcode_only_when_asked_or_marked() {
        let text = "id,text\na,\"Caf\u{e9} \u{201c}owners\u{201d} said.\"\n";
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let latin = encoding_for_label("windows-1252");
        assert_eq!(read_through(&cp1252, 3, latin).0, text.as_bytes());
        // Without a label the bytes pass as they are, for the record reader to refuse.
        assert_eq!(read_through(&cp1252, 3, None).0, &cp1252[..]);
        // A byte-order mark wins over the label, as for one article.
        assert_eq!(
            read_through(&utf16(text, false), 1, latin).0,
            text.as_bytes()
        );
        assert_eq!(
            read_through(&utf16(text, true), 64, None).0,
            text.as_bytes()
        );
        let marked = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(read_through(&marked, 2, latin).0, marked);
    }

    #[test]
    fn corpus_readers_stop_at_the_first_malformed_byte() {
        let shift_jis = encoding_for_label("shift_jis");
        let bytes = b"id,text\na,ok\nb,bad \x81\xFF here\nc,never read\n";
        for chunk in [1, 5, 64] {
            let (out, refusal) = read_through(bytes, chunk, shift_jis);
            // Everything before the bad byte is handed on.
            assert_eq!(out, b"id,text\na,ok\nb,bad ", "chunk {chunk}");
            let Some(Refusal::Malformed { label, line, byte }) = refusal else {
                panic!("no refusal with chunks of {chunk}");
            };
            assert_eq!((label, line, byte), ("Shift_JIS", 3, 19));
        }
        // Unpaired surrogates in UTF-16: the offset counts the byte-order mark.
        let mut bytes = utf16("ab\ncd", false);
        bytes.extend([0x00, 0xD8, b'x', 0x00]);
        let (out, refusal) = read_through(&bytes, 4, None);
        assert_eq!(out, b"ab\ncd");
        assert!(matches!(
            refusal,
            Some(Refusal::Malformed {
                line: 2,
                byte: 12,
                ..
            })
        ));
    }

    proptest::proptest! {
        /// Whatever the chunk sizes, the transcoder gives the text the
        /// one-shot decoder gives.
        #[test]
        fn transcoding_in_chunks_is_transcoding_at_once(
            text in "[a-z\u{e9}\u{201c}\u{201d}\u{2014} \n,]{0,200}",
            chunk in 1usize..40,
        ) {
            for (encoding, bytes) in [
                (encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()),
                (UTF_16LE, utf16(&text, false)),
            ] {
                let (out, refusal) = read_through(&bytes, chunk, Some(encoding));
                proptest::prop_assert!(refusal.is_none());
                proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), text.clone());
            }
        }
    }
}
