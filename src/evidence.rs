//! Evidence: every match of an article as a row a reader can check.

use crate::corpus::Article;
use crate::lexicon::Lexicon;
use crate::score::{QuoteKind, Scored, Scorer, Source, Voice, Workspace};
use crate::table::Row;
use crate::text::TokenKind;
use std::borrow::Cow;

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
    /// The entry without its syntax marks (see [`crate::lexicon::Entry::words`]).
    pub entry_words: Cow<'a, str>,
    /// How the entry matches (see [`crate::lexicon::Entry::kind`]).
    pub entry_kind: &'static str,
    /// The entry's strength in thousandths: what the match adds to its
    /// category's weighted count (1,000 for an ungraded entry).
    pub strength_milli: u32,
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
/// scored in `ws`: see [`crate::score::Scored::evidence`].
pub(crate) fn rows<'a>(text: &'a str, scorer: &'a Scorer, ws: &Workspace) -> Vec<Evidence<'a>> {
    evidence_rows(text, scorer.lexicon(), ws).collect()
}

/// The rows of [`crate::score::Scored::evidence`] one at a time, from a
/// workspace that has scored `text` with `lexicon`: for an article whose
/// rows would take many times its size if they were all held at once.
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
            let start_char = chars.advance(text, m.start as usize);
            let matched = &text[m.span()];
            let end_char = start_char + matched.chars().count();
            Evidence {
                category: &lexicon.categories[m.category as usize].name,
                subcategory: &entry.subcategory,
                entry: &entry.text,
                entry_words: entry.words(),
                entry_kind: entry.kind(),
                strength_milli: entry.strength_milli(),
                matched,
                start_char,
                end_char,
                start_byte: m.start as usize,
                end_byte: m.end as usize,
                sentence: ws.analysis.tokens[m.tokens.start as usize].sentence + 1,
                voice: ws.voice(m),
                negated: crate::score::is_negated(&ws.analysis, m),
            }
        })
}

/// Bytes a `matches` row held in memory takes, about: its cells (the
/// context alone is up to 120 characters) and where each ends.
const ROW_BYTES: usize = 300;

/// Whether the `matches` rows of the article `scored`, held all at once,
/// would take more memory than the workspace that scored it (the rows of
/// a text where every word is a match take some sixty times its size, its
/// tokens and matches fifteen). Its rows are then better written one by
/// one with [`evidence_rows`], from the workspace itself.
pub fn rows_outweigh_workspace(scored: &Scored<'_>) -> bool {
    let matches = scored.matches();
    let workspace =
        std::mem::size_of_val(&scored.analysis().tokens[..]) + std::mem::size_of_val(matches);
    matches.len() * ROW_BYTES > workspace
}

/// The columns of the `matches` table.
pub const MATCHES_HEADER: [&str; 15] = [
    "doc_id",
    "category",
    "subcategory",
    "entry",
    "entry_kind",
    "strength",
    "matched",
    "start_char",
    "end_char",
    "start_byte",
    "end_byte",
    "sentence",
    "voice",
    "negated",
    "context",
];

/// The `matches` rows of `article`, as `scored`, each made by `new_row`
/// and filled in the order of [`MATCHES_HEADER`].
pub fn match_rows<R: Row>(
    article: &Article,
    scored: &Scored<'_>,
    mut new_row: impl FnMut() -> R,
) -> Vec<R> {
    scored
        .evidence()
        .iter()
        .map(|e| {
            let mut row = new_row();
            match_row(&mut row, article, e);
            row
        })
        .collect()
}

/// Fills `row` with the `matches` row of the evidence `e` of `article`, in
/// the order of [`MATCHES_HEADER`].
pub fn match_row<R: Row>(row: &mut R, article: &Article, e: &Evidence<'_>) {
    let entry = &*e.entry_words;
    for text in [&article.id, e.category, e.subcategory, entry, e.entry_kind] {
        row.text(text);
    }
    // Thousandths are exact in three decimals: the column sums to the
    // weighted count.
    row.figure(f64::from(e.strength_milli) / 1000.0);
    row.text(e.matched);
    for offset in [e.start_char, e.end_char, e.start_byte, e.end_byte] {
        row.integer(offset as u64);
    }
    row.integer(e.sentence.into());
    row.text(e.voice.as_str());
    row.flag(e.negated);
    row.text(&context(
        &article.text,
        article.body,
        e.start_byte,
        e.end_byte,
    ));
}

/// What a row of the quotations table counts towards, named after the column
/// of `score` it makes up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum QuoteCategory {
    /// A direct quotation: its words make up `quote_share`.
    DirectQuotes,
    /// A scare quote: one of `scare_quotes`.
    ScareQuotes,
    /// A named source: one of `named_sources`.
    NamedSources,
    /// An anonymous source: one of `anonymous_sources`.
    AnonymousSources,
}

impl QuoteCategory {
    /// The name of the figure: direct_quotes, scare_quotes, named_sources or anonymous_sources.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteCategory::DirectQuotes => "direct_quotes",
            QuoteCategory::ScareQuotes => "scare_quotes",
            QuoteCategory::NamedSources => "named_sources",
            QuoteCategory::AnonymousSources => "anonymous_sources",
        }
    }
}

/// One quotation or one source, the evidence behind `quote_share`,
/// `scare_quotes`, `named_sources` and `anonymous_sources`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteEvidence<'a> {
    /// What the row counts towards.
    pub category: QuoteCategory,
    /// Why: for a quotation the rule that classed it (long, sentence, colon,
    /// cue, short); for an anonymous source the `sources` entry that matched;
    /// for a named source "name".
    pub reason: &'a str,
    /// For a source, the attribution cue as printed ("" for a quotation).
    pub cue: &'a str,
    /// Words in the quotation or in the source's name.
    pub words: u32,
    /// The quotation with its marks, or the source's words, as printed.
    pub matched: &'a str,
    /// Unicode code point offset of the first character.
    pub start_char: usize,
    /// Code point offset one past the last character.
    pub end_char: usize,
    /// Byte offset of the first byte.
    pub start_byte: usize,
    /// Byte offset one past the last byte.
    pub end_byte: usize,
    /// Sentence number in the body of the first word, from 1.
    pub sentence: u32,
    /// Quoted for a direct quotation; the author's for the rest.
    pub voice: Voice,
}

/// The quotations and the named and anonymous sources of the article `text`
/// last scored in `ws`, in text order: one row for each quotation and for each
/// attribution counted in `named_sources` or `anonymous_sources`, so that every
/// one of these figures is a count (or, for `quote_share`, a sum of words) of
/// rows. A source shared by two cues has a row for each, as it is counted twice.
pub(crate) fn quote_rows<'a>(
    text: &'a str,
    scorer: &'a Scorer,
    ws: &'a Workspace,
) -> Vec<QuoteEvidence<'a>> {
    let tokens = &ws.analysis.tokens;
    let lexicon = scorer.lexicon();
    let mut rows = Vec::new();
    let mut push = |category, reason, cue, words, start_byte: usize, end_byte: usize, voice| {
        rows.push(QuoteEvidence {
            category,
            reason,
            cue,
            words,
            matched: &text[start_byte..end_byte],
            start_char: 0,
            end_char: 0,
            start_byte,
            end_byte,
            sentence: 0,
            voice,
        });
    };
    for ((q, kind), reason) in ws
        .analysis
        .quotes
        .iter()
        .zip(&ws.quote_kinds)
        .zip(&ws.quote_reasons)
    {
        let (category, voice) = match kind {
            QuoteKind::Direct => (QuoteCategory::DirectQuotes, Voice::Quoted),
            QuoteKind::Scare => (QuoteCategory::ScareQuotes, Voice::Author),
        };
        push(
            category,
            reason.as_str(),
            "",
            q.words,
            q.outer.start,
            q.outer.end,
            voice,
        );
    }
    for a in &ws.sources {
        let (category, reason) = match (a.source, a.formula) {
            (Source::Named, _) => (QuoteCategory::NamedSources, "name"),
            (Source::Anonymous, Some(entry)) => (
                QuoteCategory::AnonymousSources,
                &*lexicon.entries[entry as usize].text,
            ),
            (Source::Anonymous, None) => (QuoteCategory::AnonymousSources, ""),
            (Source::Unresolved, _) => continue,
        };
        let span = &tokens[a.tokens.start as usize..a.tokens.end as usize];
        let (Some(first), Some(last)) = (span.first(), span.last()) else {
            continue;
        };
        let cue = &ws.matches[a.cue as usize];
        let words = span.iter().filter(|t| t.kind == TokenKind::Word).count() as u32;
        push(
            category,
            reason,
            &text[cue.span()],
            words,
            first.start,
            last.end,
            Voice::Author,
        );
    }
    // Text order; a quotation and the sources of cues are never at one place,
    // but two cues may share a source, kept in the order of their cues.
    rows.sort_by_key(|r| (r.start_byte, r.category));
    let mut chars = CharCursor::default();
    for row in &mut rows {
        row.start_char = chars.advance(text, row.start_byte);
        row.end_char = row.start_char + row.matched.chars().count();
        let token = tokens.partition_point(|t| t.end <= row.start_byte);
        row.sentence = tokens.get(token).map_or(0, |t| t.sentence) + 1;
    }
    rows
}

/// The columns of the quotations table, `matches --quotes`.
pub const QUOTES_HEADER: [&str; 13] = [
    "doc_id",
    "category",
    "reason",
    "cue",
    "words",
    "matched",
    "start_char",
    "end_char",
    "start_byte",
    "end_byte",
    "sentence",
    "voice",
    "context",
];

/// The quotations-table rows of `article`, as `scored`, each made by
/// `new_row` and filled in the order of [`QUOTES_HEADER`].
pub fn quotation_rows<R: Row>(
    article: &Article,
    scored: &Scored<'_>,
    mut new_row: impl FnMut() -> R,
) -> Vec<R> {
    scored
        .quote_evidence()
        .into_iter()
        .map(|e| {
            let mut row = new_row();
            for text in [&article.id, e.category.as_str(), e.reason, e.cue] {
                row.text(text);
            }
            row.integer(u64::from(e.words));
            row.text(e.matched);
            for offset in [e.start_char, e.end_char, e.start_byte, e.end_byte] {
                row.integer(offset as u64);
            }
            row.integer(u64::from(e.sentence));
            row.text(e.voice.as_str());
            row.text(&context(
                &article.text,
                article.body,
                e.start_byte,
                e.end_byte,
            ));
            row
        })
        .collect()
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
