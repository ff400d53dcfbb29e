//! Words by the Unicode word-boundary rules, with URLs left out and keys folded.

use super::{Join, Token, TokenKind};
use unicode_segmentation::UnicodeSegmentation;

/// Appends the lower-cased matching key of `word` to `out`.
///
/// Curly and modifier apostrophes become `'`, so it’s and it's are one key.
pub fn push_key(word: &str, out: &mut String) {
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

fn push_cased_key(word: &str, out: &mut String) {
    out.extend(
        word.chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c }),
    );
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '’' | '‘' | 'ʼ' | '′')
}

/// Appends the tokens of `text[body..]` to `tokens`, their keys to `keys`.
pub fn find_tokens(text: &str, body: usize, tokens: &mut Vec<Token>, keys: &mut String) {
    let mut skip_to = body;
    for (offset, word) in text[body..].unicode_word_indices() {
        let start = body + offset;
        let end = start + word.len();
        if start < skip_to {
            continue;
        }
        if let Some(url_end) = url_at(text, start, end) {
            skip_to = url_end;
            continue;
        }
        let kind = if word.starts_with(|c: char| c.is_numeric()) {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let key_start = keys.len() as u32;
        push_key(word, keys);
        let cased_start = keys.len() as u32;
        push_cased_key(word, keys);
        tokens.push(Token {
            start,
            end,
            kind,
            join: Join::Break,
            sentence: 0,
            paragraph: 0,
            quote: None,
            key: key_start..cased_start,
            cased: cased_start..keys.len() as u32,
        });
    }
}

/// If the word at `start..end` begins a URL or an e-mail address, where it ends.
fn url_at(text: &str, start: usize, end: usize) -> Option<usize> {
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

    fn token_texts(text: &str) -> Vec<(&str, TokenKind)> {
        let mut tokens = Vec::new();
        let mut keys = String::new();
        find_tokens(text, 0, &mut tokens, &mut keys);
        tokens
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
    fn keys_are_lower_case_with_straight_apostrophes() {
        assert_eq!(normalize_key("It’s"), "it's");
        assert_eq!(normalize_key("ÉTAT"), "état");
        assert_eq!(normalize_key("Iran’s"), "iran's");
    }
}
