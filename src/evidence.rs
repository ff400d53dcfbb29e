//! Evidence: every match of an article as a row a reader can check.

use crate::lexicon::Lexicon;
use crate::score::{Scorer, Voice, Workspace};

/// Characters of context shown on each side of a match.
const CONTEXT_CHARS: usize = 60;

/// One match, located in the text both by characters and by bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence<'a> {
    /// The category: loaded, hedging, boosters or attribution.
    pub category: &'a str,
    /// The entry's section in its lexicon file.
    pub subcategory: &'a str,
    /// The lexicon entry as written.
    pub entry: &'a str,
    /// The matched text, exactly as in the document.
    pub matched: &'a str,
    /// Unicode code point offset of the first character.
    pub start_char: usize,
    /// Code point offset one past the last character.
    pub end_char: usize,
    /// Byte offset of the first byte.
    pub start_byte: usize,
    /// Byte offset one past the last byte.
    pub end_byte: usize,
    /// Sentence number in the body, from 1.
    pub sentence: u32,
    /// Author's words or quoted words.
    pub voice: Voice,
    /// Whether a negation comes just before ("not clear").
    pub negated: bool,
}

/// The evidence rows of the scored categories of the article `text` last
/// scored in `ws`; [`context`] gives each one's surroundings when wanted.
pub fn evidence<'a>(text: &'a str, scorer: &'a Scorer, ws: &Workspace) -> Vec<Evidence<'a>> {
    evidence_rows(text, scorer.lexicon(), ws).collect()
}

/// The rows of [`evidence`] one at a time, for an article whose rows would
/// take many times its size if they were all held at once.
pub fn evidence_rows<'a, 'w>(
    text: &'a str,
    lexicon: &'a Lexicon,
    ws: &'w Workspace,
) -> impl Iterator<Item = Evidence<'a>> + use<'a, 'w> {
    let mut chars = CharCursor::default();
    ws.matches
        .iter()
        .filter(|m| lexicon.scored_category(m.category).is_some())
        .map(move |m| {
            let entry = &lexicon.entries[m.entry as usize];
            let start_char = chars.advance(text, m.start);
            let matched = &text[m.start..m.end];
            let end_char = start_char + matched.chars().count();
            Evidence {
                category: &lexicon.categories[m.category as usize].name,
                subcategory: &entry.subcategory,
                entry: &entry.text,
                matched,
                start_char,
                end_char,
                start_byte: m.start,
                end_byte: m.end,
                sentence: ws.analysis.tokens[m.tokens.start as usize].sentence + 1,
                voice: ws.voice(m),
                negated: ws.is_negated(m),
            }
        })
}

/// Turns increasing byte offsets into code point offsets in one pass.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn advance(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = CharCursor::default();
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// The match at bytes `start..end` with up to 60 characters either side, the
/// match in « », never reaching back past `body` into the headline.
pub fn context(text: &str, body: usize, start: usize, end: usize) -> String {
    let before = &text[body..start];
    let from = body
        + before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
    let after = &text[end..];
    let to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| end + i);
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let left = flat(&text[from..start]);
    let right = flat(&text[end..to]);
    let space = |s: &str, at_start: bool| {
        let edge = if at_start {
            text[from..start].ends_with(char::is_whitespace)
        } else {
            text[end..to].starts_with(char::is_whitespace)
        };
        if edge && !s.is_empty() { " " } else { "" }
    };
    format!(
        "{left}{}«{}»{}{right}",
        space(&left, true),
        &text[start..end],
        space(&right, false)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_the_match_and_flattens_white_space() {
        let text = "one\ntwo  three four";
        assert_eq!(context(text, 0, 4, 7), "one «two» three four");
        assert_eq!(context(text, 4, 4, 7), "«two» three four");
        assert_eq!(context("x(yes)z", 0, 2, 5), "x(«yes»)z");
    }

    #[test]
    fn context_is_cut_at_sixty_characters() {
        let text = format!("{}MATCH{}", "a".repeat(100), "b".repeat(100));
        let c = context(&text, 0, 100, 105);
        assert_eq!(c, format!("{}«MATCH»{}", "a".repeat(60), "b".repeat(60)));
    }

    #[test]
    fn char_cursor_counts_code_points() {
        let text = "é“x” y";
        let mut cursor = CharCursor::default();
        assert_eq!(cursor.advance(text, 2), 1);
        assert_eq!(cursor.advance(text, 5), 2);
        assert_eq!(cursor.advance(text, 10), 5);
        assert_eq!(cursor.advance(text, 0), 0);
    }
}
