//! Words by the Unicode word-boundary rules, with URLs left out.
//!
//! The scanner classes 64 bytes at a time (the SSE2 part is in `sse2.rs`);
//! its reference is unicode-segmentation, which the tests hold it to.

use unicode_segmentation::UnicodeSegmentation;

/// Calls `emit(start, end)` for each token of `text[body..]`: each word by
/// the Unicode rules (found by [`word_spans`]), except those that make up a
/// URL or an e-mail address.
pub fn find_tokens(text: &str, body: usize, mut emit: impl FnMut(usize, usize)) {
    let mut skip_to = body;
    word_spans(text, body, |start, end| {
        if start < skip_to {
            return;
        }
        if let Some(url_end) = url_at(text, start, end) {
            skip_to = url_end;
            return;
        }
        emit(start, end);
    });
}

/// ASCII white space, which no word spans: the text is cut into chunks there.
const SPACE: u8 = 1;
/// A byte of a non-ASCII character.
const HIGH: u8 = 2;
/// A letter, a digit or `_`.
const WORD: u8 = 4;
const LETTER: u8 = 8;
const DIGIT: u8 = 16;
/// A byte that may join two word bytes: `.`, `'`, `:`, `,` or `;`.
const MID: u8 = 32;

/// The class bits of every byte, so that each byte costs one look-up.
static CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        classes[b] = if c.is_ascii_whitespace() {
            SPACE
        } else if !c.is_ascii() {
            HIGH
        } else if c.is_ascii_alphabetic() {
            WORD | LETTER
        } else if c.is_ascii_digit() {
            WORD | DIGIT
        } else if c == b'_' {
            WORD
        } else if matches!(c, b'.' | b'\'' | b':' | b',' | b';') {
            MID
        } else {
            0
        };
        b += 1;
    }
    classes
};

fn class(b: u8) -> u8 {
    CLASSES[b as usize]
}

/// Words of one chunk held back until the chunk proves to be pure ASCII.
const HELD: usize = 4;

/// The bytes a block covers: one bit per byte in a `u64`.
const BLOCK: usize = 64;

/// Calls `emit(start, end)` for each word of `text[from..]` by the Unicode
/// word-boundary rules, exactly as unicode-segmentation's `unicode_word_indices`.
///
/// Words never span ASCII white space under the Unicode rules, so the text
/// is taken in blocks of up to 64 bytes that end with white space. The bytes
/// of each block are classed 16 at a time (`masks`); in a pure ASCII block
/// the words are then found from the bit masks, with no branch per byte
/// (`block_words`). A block with a non-ASCII byte, or a run of 64 bytes or
/// more without white space, goes through `chunk_words`.
#[inline]
pub fn word_spans(text: &str, from: usize, mut emit: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut padded = [0u8; BLOCK];
    let mut i = from;
    while i < n {
        let window: &[u8; BLOCK] = match bytes.get(i..i + BLOCK) {
            Some(window) => window.try_into().expect("a slice of BLOCK bytes"),
            None => {
                // Zero bytes are neither white space nor word bytes.
                padded[..n - i].copy_from_slice(&bytes[i..]);
                padded[n - i..].fill(0);
                &padded
            }
        };
        let m = masks(window);
        let len = if i + BLOCK >= n {
            n - i
        } else if m.space != 0 {
            BLOCK - m.space.leading_zeros() as usize
        } else {
            // One chunk of 64 bytes or more: up to its end, the slow way.
            let mut end = i + BLOCK;
            while end < n && class(bytes[end]) & SPACE == 0 {
                end += 1;
            }
            chunk_words(text, i, end, &mut emit);
            i = end;
            continue;
        };
        let keep = u64::MAX >> (BLOCK - len);
        if m.high & keep == 0 {
            block_words(bytes, i, m.word & keep, m.mid & keep, &mut emit);
        } else {
            chunk_words(text, i, i + len, &mut emit);
        }
        i += len;
    }
}

/// One bit per byte of a 64-byte window, for each class of byte the word
/// scanner needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Masks {
    /// ASCII white space.
    space: u64,
    /// Bytes of non-ASCII characters.
    high: u64,
    /// Letters, digits and `_`.
    word: u64,
    /// `.`, `'`, `:`, `,` and `;`.
    mid: u64,
}

/// The masks of `window`, 16 bytes at a time where the processor allows.
#[inline]
fn masks(window: &[u8; BLOCK]) -> Masks {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86_64 baseline, so every processor
        // this code can run on has it.
        unsafe { sse2::masks(window) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        masks_by_table(window)
    }
}

/// The masks of `window` from the class table, a byte at a time.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn masks_by_table(window: &[u8; BLOCK]) -> Masks {
    let mut m = Masks {
        space: 0,
        high: 0,
        word: 0,
        mid: 0,
    };
    for (k, &b) in window.iter().enumerate() {
        let c = class(b);
        m.space |= u64::from(c & SPACE != 0) << k;
        m.high |= u64::from(c & HIGH != 0) << k;
        m.word |= u64::from(c & WORD != 0) << k;
        m.mid |= u64::from(c & MID != 0) << k;
    }
    m
}

#[cfg(target_arch = "x86_64")]
mod sse2;

/// The words of the pure ASCII block at `start`, at most 64 bytes that begin
/// and end chunks, found as [`ascii_chunk`] finds them but from the masks of
/// its word bytes and joining marks.
#[inline]
fn block_words(
    bytes: &[u8],
    start: usize,
    word: u64,
    mid: u64,
    emit: &mut impl FnMut(usize, usize),
) {
    // A mark between two word bytes may join them ("U.S", "it's", "3.5").
    let mut between = mid & (word << 1) & (word >> 1);
    let mut joined = 0u64;
    while between != 0 {
        let k = between.trailing_zeros() as usize;
        let at = start + k;
        if joins(bytes[at - 1], bytes[at], bytes[at + 1]) {
            joined |= 1 << k;
        }
        between &= between - 1;
    }
    let runs = word | joined;
    let mut starts = runs & !(runs << 1);
    let lasts = runs & !(runs >> 1);
    while starts != 0 {
        let first = starts.trailing_zeros();
        let last = (lasts & (u64::MAX << first)).trailing_zeros();
        let (s, e) = (start + first as usize, start + last as usize + 1);
        if class(bytes[s]) & (LETTER | DIGIT) != 0 || is_a_word(&bytes[s..e]) {
            emit(s, e);
        }
        starts &= starts - 1;
    }
}

/// Whether `mid` joins the bytes on either side of it into one word.
#[inline]
fn joins(prev: u8, mid: u8, next: u8) -> bool {
    let both = class(prev) & class(next);
    match mid {
        b'.' | b'\'' => both & (LETTER | DIGIT) != 0,
        b':' => both & LETTER != 0,
        b',' | b';' => both & DIGIT != 0,
        _ => false,
    }
}

/// A run of word bytes is a word if it holds a letter or a digit: only a run
/// that starts with `_` may not.
#[inline]
fn is_a_word(run: &[u8]) -> bool {
    run.iter().any(|&b| class(b) & (LETTER | DIGIT) != 0)
}

/// The words of `text[from..to]`, where `to` is at white space or the end
/// of the text, a white-space-separated chunk at a time: a chunk that is
/// pure ASCII is split by [`ascii_chunk`], in the same pass that finds its
/// end; any other chunk goes through unicode-segmentation.
fn chunk_words(text: &str, from: usize, to: usize, emit: &mut impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut held = [(0, 0); HELD];
    let mut i = from;
    while i < to {
        if class(bytes[i]) & SPACE != 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut count = 0;
        let scanned = ascii_chunk(bytes, start, |s, e| {
            if let Some(slot) = held.get_mut(count) {
                *slot = (s, e);
            }
            count += 1;
        });
        match scanned {
            Ok(end) if count <= HELD => {
                for &(s, e) in &held[..count] {
                    emit(s, e);
                }
                i = end;
            }
            // More words in one chunk than were held ("a/b/c/d/e"): again.
            Ok(end) => {
                let _ = ascii_chunk(bytes, start, &mut *emit);
                i = end;
            }
            Err(high) => {
                i = high;
                while i < to && class(bytes[i]) & SPACE == 0 {
                    i += 1;
                }
                ignorables_joined(text, start, i, &mut *emit);
            }
        }
    }
}

/// The words of `text[from..to]` by unicode-segmentation, except that two
/// words with nothing but invisible characters between them are one word:
/// `sl\u{200B}ammed` is *slammed* with a zero-width space inside, which the
/// Unicode rules split (a soft hyphen or a joiner they already keep inside).
fn ignorables_joined(text: &str, from: usize, to: usize, emit: &mut impl FnMut(usize, usize)) {
    let mut pending: Option<(usize, usize)> = None;
    for (offset, word) in text[from..to].unicode_word_indices() {
        let (start, end) = (from + offset, from + offset + word.len());
        pending = match pending {
            Some((first, last))
                if last < start && text[last..start].chars().all(super::keys::is_ignorable) =>
            {
                Some((first, end))
            }
            Some((first, last)) => {
                emit(first, last);
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((first, last)) = pending {
        emit(first, last);
    }
}

/// The words of the chunk at `start` under the Unicode word-boundary rules
/// (UAX #29) as they apply to ASCII: letters, digits and `_` run together
/// (WB5, WB8 to WB10, WB13a, WB13b); `.` and `'` join two letters or two
/// digits (WB6, WB7, WB11, WB12), `:` two letters (WB6, WB7), `,` and `;` two
/// digits (WB11, WB12). As unicode-segmentation's word iterator does, a run
/// with no letter or digit (such as `_`) is not a word.
///
/// Returns where the chunk ends (at white space or the end of the text), or
/// `Err` with the place of a non-ASCII byte, where these rules stop holding
/// and the words emitted so far are not to be trusted.
#[inline]
fn ascii_chunk(
    bytes: &[u8],
    start: usize,
    mut emit: impl FnMut(usize, usize),
) -> Result<usize, usize> {
    let n = bytes.len();
    let mut i = start;
    while i < n {
        let first = class(bytes[i]);
        if first & WORD == 0 {
            if first & SPACE != 0 {
                return Ok(i);
            }
            if first & HIGH != 0 {
                return Err(i);
            }
            i += 1;
            continue;
        }
        let word = i;
        i += 1;
        loop {
            if i < n && class(bytes[i]) & WORD != 0 {
                i += 1;
            } else if i + 1 < n && joins(bytes[i - 1], bytes[i], bytes[i + 1]) {
                i += 2;
            } else {
                break;
            }
        }
        // Only a run that starts with `_` may hold no letter or digit.
        if first & (LETTER | DIGIT) != 0 || is_a_word(&bytes[word..i]) {
            emit(word, i);
        }
    }
    Ok(n)
}

/// If the word at `start..end` begins a URL or an e-mail address, where it ends.
fn url_at(text: &str, start: usize, end: usize) -> Option<usize> {
    // Only a word followed by ':' or '@', or one starting "www.", can begin one.
    let bytes = text.as_bytes();
    let www = end - start > 4
        && matches!(bytes[start], b'w' | b'W')
        && bytes[start..start + 4].eq_ignore_ascii_case(b"www.");
    if !www && !matches!(bytes.get(end), Some(b':' | b'@')) {
        return None;
    }
    let after = &text[end..];
    let word = &text[start..end];
    let is_url = after.starts_with("://")
        || word
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
        || (after.starts_with('@') && after[1..].starts_with(|c: char| c.is_alphanumeric()));
    is_url.then(|| end + after.find(char::is_whitespace).unwrap_or(after.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::{Analysis, TokenKind};

    fn token_texts(text: &str) -> Vec<(&str, TokenKind)> {
        let mut analysis = Analysis::new();
        analysis.analyze(text, 0);
        analysis
            .tokens
            .iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn splits_words_by_unicode_rules() {
        use TokenKind::{Number, Word};
        let cases: &[(&str, &[(&str, TokenKind)])] = &[
            (
                "it’s the U.S. view",
                &[("it’s", Word), ("the", Word), ("U.S", Word), ("view", Word)],
            ),
            ("thinly-veiled", &[("thinly", Word), ("veiled", Word)]),
            (
                "some 75 cities, 3.5 km",
                &[
                    ("some", Word),
                    ("75", Number),
                    ("cities", Word),
                    ("3.5", Number),
                    ("km", Word),
                ],
            ),
            (
                "the 20th century",
                &[("the", Word), ("20th", Number), ("century", Word)],
            ),
            (
                "see https://example.com/a-b?c=d now",
                &[("see", Word), ("now", Word)],
            ),
            (
                "via www.example.org, then",
                &[("via", Word), ("then", Word)],
            ),
            (
                "mail press@example.com today",
                &[("mail", Word), ("today", Word)],
            ),
            (
                "Café naïve Zürich",
                &[("Café", Word), ("naïve", Word), ("Zürich", Word)],
            ),
            ("— “ ” …", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(token_texts(text), *want, "{text:?}");
        }
    }

    #[test]
    fn the_ascii_scanner_follows_the_unicode_rules() {
        let cases = [
            "a.b.c 1.5.3 a..b a._b 1a.b a:b a:1 1,000;5 a,b it's 'tis 1'000 _ __ _a a_ a1.5",
            "e.g. U.S. x.-y 3.x y.3 a'.b \"q\" (p) end.",
            "a/b/c/d/e/f/g one.two,three  x.é café’s a.\u{301}b",
        ];
        for text in cases {
            let mut fast = Vec::new();
            word_spans(text, 0, |s, e| fast.push(&text[s..e]));
            let unicode: Vec<&str> = text.unicode_words().collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn masks_class_every_byte_in_every_lane() {
        for seed in 0..=255u8 {
            let mut window = [0u8; BLOCK];
            for (k, b) in window.iter_mut().enumerate() {
                *b = seed.wrapping_add((k as u8).wrapping_mul(37));
            }
            assert_eq!(masks(&window), masks_by_table(&window), "seed {seed}");
        }
    }

    #[test]
    fn the_table_classes_bytes() {
        let words = masks_by_table(&[b'a'; BLOCK]);
        assert_eq!((words.word, words.space, words.high), (u64::MAX, 0, 0));
        let mut window = [b' '; BLOCK];
        window[1] = b'.';
        window[63] = 0xC3;
        let m = masks_by_table(&window);
        assert_eq!((m.mid, m.high, m.word), (1 << 1, 1 << 63, 0));
        assert_eq!(m.space, !(1 << 1 | 1 << 63));
    }
}
