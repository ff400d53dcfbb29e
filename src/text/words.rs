//! Words by the Unicode word-boundary rules, with URLs left out and keys folded.

use unicode_segmentation::UnicodeSegmentation;

/// Appends the lower-cased matching key of `word` to `out`.
///
/// Curly and modifier apostrophes become `'`, so it’s and it's are one key.
pub fn push_key(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_apostrophe(c) {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The lower-cased matching key of `word`, as [`push_key`] makes it.
pub fn normalize_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    push_key(word, &mut key);
    key
}

/// The matching key of `word` with its case kept: only apostrophes are
/// made straight.
pub fn cased_key(word: &str) -> String {
    word.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '’' | '‘' | 'ʼ' | '′')
}

/// Calls `emit(start, end)` for each token of `text[body..]`: each word by
/// the Unicode rules, except those that make up a URL or an e-mail address.
///
/// Words never span ASCII white space under the Unicode rules, so the text is
/// cut into white-space-separated chunks: a chunk that is pure ASCII goes
/// through a fast scanner that gives exactly what the rules give there (see
/// [`ascii_words`]); any other chunk goes through unicode-segmentation.
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

/// Calls `emit(start, end)` for each word of `text[from..]` by the Unicode
/// word-boundary rules, exactly as unicode-segmentation's `unicode_word_indices`.
///
/// Words never span ASCII white space under the Unicode rules, so the text is
/// taken a white-space-separated chunk at a time: a chunk that is pure ASCII
/// is split by [`ascii_chunk`], in the same pass that finds its end; any
/// other chunk goes through unicode-segmentation.
#[inline]
pub fn word_spans(text: &str, from: usize, mut emit: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut held = [(0, 0); HELD];
    let mut i = from;
    while i < n {
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
                let _ = ascii_chunk(bytes, start, &mut emit);
                i = end;
            }
            Err(high) => {
                i = high;
                while i < n && class(bytes[i]) & SPACE == 0 {
                    i += 1;
                }
                for (offset, word) in text[start..i].unicode_word_indices() {
                    emit(start + offset, start + offset + word.len());
                }
            }
        }
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
fn ascii_chunk(bytes: &[u8], start: usize, mut emit: impl FnMut(usize, usize)) -> Result<usize, usize> {
    let joins = |prev: u8, mid: u8, next: u8| {
        let both = class(prev) & class(next);
        match mid {
            b'.' | b'\'' => both & (LETTER | DIGIT) != 0,
            b':' => both & LETTER != 0,
            b',' | b';' => both & DIGIT != 0,
            _ => false,
        }
    };
    let n = bytes.len();
    let mut i = start;
    let alphanumeric = |b: u8| class(b) & (LETTER | DIGIT) != 0;
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
        if first & (LETTER | DIGIT) != 0 || bytes[word..i].iter().any(|&b| alphanumeric(b)) {
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
    fn keys_are_lower_case_with_straight_apostrophes() {
        assert_eq!(normalize_key("It’s"), "it's");
        assert_eq!(normalize_key("ÉTAT"), "état");
        assert_eq!(normalize_key("Iran’s"), "iran's");
    }
}
