//! Text analysis: words, sentences, paragraphs and quotations of one document.
//!
//! Everything here is independent of any lexicon. [`Analysis::analyze`] fills
//! reusable buffers, so analysing many documents with one `Analysis` does not
//! allocate once the buffers have grown to the largest document.

mod keys;
mod paragraphs;
mod quotes;
mod sentences;
mod vocab;
mod words;

// For the benchmarks and fuzz targets, not part of the documented API.
#[doc(hidden)]
pub use keys::push_key;
pub use keys::{cased_key, normalize_key};
pub use quotes::{Quotation, QuoteMark};
pub use sentences::is_sentence_break;
// For the benchmarks and fuzz targets, not part of the documented API.
#[doc(hidden)]
pub use vocab::Vocabulary;
// For the benchmarks and fuzz targets, not part of the documented API.
#[doc(hidden)]
pub use words::word_spans;

use std::ops::Range;

/// What a token is: a word counts towards the word total, a number does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A token that starts with a letter (or other non-digit word character).
    Word,
    /// A token that starts with a digit: 75, 2019, 3.5, 20th.
    Number,
}

/// How a token is joined to the one after it; phrases only run over joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// Punctuation, a sentence end or the end of the text comes next.
    Break,
    /// Only white space (within one paragraph) comes next.
    Space,
    /// A single hyphen joins the two, as in thinly-veiled.
    Hyphen,
}

/// One word or number, with its place in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The token's form in [`Analysis::vocabulary`].
    pub form: u32,
    /// Index of the sentence, from 0 within the body.
    pub sentence: u32,
    /// Index of the paragraph, from 0 within the body.
    pub paragraph: u32,
    /// Index into [`Analysis::quotes`] of the quotation holding this token.
    pub quote: Option<u32>,
    /// Word or number.
    pub kind: TokenKind,
    /// How this token is joined to the next one.
    pub join: Join,
}

/// The analysis of one document, reused from one document to the next.
#[derive(Default, Debug)]
pub struct Analysis {
    /// Tokens of the body, in text order.
    pub(crate) tokens: Vec<Token>,
    /// Outermost quotations of the body, in text order.
    pub(crate) quotes: Vec<Quotation>,
    /// Number of sentences holding at least one token.
    pub(crate) sentences: u32,
    /// Number of paragraphs holding at least one token.
    pub(crate) paragraphs: u32,
    /// Number of tokens of kind [`TokenKind::Word`].
    pub(crate) words: u32,
    /// The forms of the tokens; kept from one document to the next.
    pub(crate) vocabulary: Vocabulary,
    paragraph_breaks: Vec<Range<usize>>,
}

impl Analysis {
    /// An empty analysis whose buffers grow on first use.
    pub fn new() -> Analysis {
        Analysis::default()
    }

    /// Analyses `text[body..]`; offsets stay relative to the whole `text`.
    ///
    /// `body` is where the body starts, after a headline kept apart from it.
    pub fn analyze(&mut self, text: &str, body: usize) {
        self.tokens.clear();
        self.vocabulary.bound();
        paragraphs::find_breaks(text, body, &mut self.paragraph_breaks);
        quotes::find_quotes(text, body, &self.paragraph_breaks, &mut self.quotes);
        let mut place = Place::new(&self.paragraph_breaks);
        words::find_tokens(text, body, |start, end| {
            let first = text.as_bytes()[start];
            let numeric = if first.is_ascii() {
                first.is_ascii_digit()
            } else {
                text[start..].starts_with(char::is_numeric)
            };
            let kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            place.push(self, text, start, end, kind);
        });
        // Forms are looked up in a loop of their own: short and independent
        // from one token to the next, so that the processor overlaps the
        // look-ups' trips to memory.
        for token in &mut self.tokens {
            token.form = self.vocabulary.intern(text, token.start, token.end);
        }
        let count = self.tokens.len();
        self.words = place.words;
        self.sentences = if count == 0 { 0 } else { place.sentence + 1 };
        self.paragraphs = if count == 0 { 0 } else { place.paragraph + 1 };
        self.quotes.retain(|q| q.tokens.start < q.tokens.end);
        // Retaining shifts indices, so tokens are pointed at their quotation again.
        for (n, q) in self.quotes.iter().enumerate() {
            for t in &mut self.tokens[q.tokens.start as usize..q.tokens.end as usize] {
                t.quote = Some(n as u32);
            }
        }
    }

    /// Tokens of the body, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Outermost quotations of the body, in text order.
    pub fn quotes(&self) -> &[Quotation] {
        &self.quotes
    }

    /// Number of sentences holding at least one token.
    pub fn sentences(&self) -> u32 {
        self.sentences
    }

    /// Number of paragraphs holding at least one token.
    pub fn paragraphs(&self) -> u32 {
        self.paragraphs
    }

    /// Number of tokens of kind [`TokenKind::Word`].
    pub fn words(&self) -> u32 {
        self.words
    }

    /// The forms of the tokens; kept from one document to the next.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The lower-cased matching key of a token (curly apostrophes made straight).
    pub fn key(&self, token: &Token) -> &str {
        self.vocabulary.key(token.form)
    }

    /// The matching key of a token with its case kept.
    pub fn cased_key(&self, token: &Token) -> &str {
        self.vocabulary.cased_key(token.form)
    }
}

/// How two tokens with `gap` between them are joined.
fn join_of(gap: &str) -> Join {
    let bytes = gap.as_bytes();
    if bytes.is_ascii() {
        // White space as `char::is_whitespace` has it in ASCII.
        if bytes
            .iter()
            .all(|&b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        {
            Join::Space
        } else if bytes == b"-" {
            Join::Hyphen
        } else {
            Join::Break
        }
    } else if gap.chars().all(char::is_whitespace) {
        Join::Space
    } else if matches!(gap, "\u{2010}" | "\u{2011}") {
        Join::Hyphen
    } else {
        Join::Break
    }
}

/// Where the token scan has got to: sentence, paragraph and quotation.
struct Place {
    sentence: u32,
    paragraph: u32,
    words: u32,
    next_break: usize,
    /// Where the next paragraph break starts; no token before it needs a look.
    break_at: usize,
    next_quote: usize,
    /// The quotation holding the tokens before `quote_edge`, if any.
    quote: Option<u32>,
    /// Where the quotation status may change next.
    quote_edge: usize,
}

impl Place {
    fn new(breaks: &[Range<usize>]) -> Place {
        Place {
            sentence: 0,
            paragraph: 0,
            words: 0,
            next_break: 0,
            break_at: breaks.first().map_or(usize::MAX, |b| b.start),
            next_quote: 0,
            quote: None,
            quote_edge: 0,
        }
    }

    /// Appends a token, first settling how the previous one is joined to it.
    #[inline]
    fn push(&mut self, a: &mut Analysis, text: &str, start: usize, end: usize, kind: TokenKind) {
        let mut new_paragraph = false;
        if self.break_at < start {
            let breaks = &a.paragraph_breaks;
            while self.next_break < breaks.len() && breaks[self.next_break].start < start {
                self.next_break += 1;
                new_paragraph = true;
            }
            self.break_at = breaks.get(self.next_break).map_or(usize::MAX, |b| b.start);
        }
        if let Some(prev) = a.tokens.last_mut() {
            if new_paragraph {
                self.paragraph += 1;
                self.sentence += 1;
            } else if start == prev.end + 1 && text.as_bytes()[prev.end] == b' ' {
                // The commonest gap neither ends a sentence nor breaks a phrase.
                prev.join = Join::Space;
            } else {
                let gap = &text[prev.end..start];
                prev.join = join_of(gap);
                if is_sentence_break(&text[prev.start..prev.end], gap, &text[start..]) {
                    self.sentence += 1;
                }
            }
        }
        if start >= self.quote_edge {
            self.settle_quote(&a.quotes, start);
        }
        let index = a.tokens.len() as u32;
        if let Some(q) = self.quote {
            let q = &mut a.quotes[q as usize];
            if q.tokens.is_empty() {
                q.tokens.start = index;
            }
            q.tokens.end = index + 1;
            q.words += u32::from(kind == TokenKind::Word);
        }
        let quote = self.quote;
        self.words += u32::from(kind == TokenKind::Word);
        a.tokens.push(Token {
            start,
            end,
            form: 0,
            sentence: self.sentence,
            paragraph: self.paragraph,
            quote,
            kind,
            join: Join::Break,
        });
    }

    /// Finds the quotation holding a token at `start`, and where that may change.
    fn settle_quote(&mut self, quotes: &[Quotation], start: usize) {
        while self.next_quote < quotes.len() && quotes[self.next_quote].inner.end <= start {
            self.next_quote += 1;
        }
        (self.quote, self.quote_edge) = match quotes.get(self.next_quote) {
            Some(q) if q.inner.start <= start => (Some(self.next_quote as u32), q.inner.end),
            Some(q) => (None, q.inner.start),
            None => (None, usize::MAX),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(text: &str) -> Analysis {
        let mut a = Analysis::new();
        a.analyze(text, 0);
        a
    }

    fn words(a: &Analysis, text: &str) -> Vec<String> {
        a.tokens
            .iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn counts_words_sentences_and_paragraphs() {
        let text = "Maj. Gen. Qassem Soleimani was killed. It was 2020.\n\nA new paragraph";
        let a = analyse(text);
        assert_eq!(a.words, 11);
        assert_eq!(a.tokens.len(), 12);
        assert_eq!(a.sentences, 3);
        assert_eq!(a.paragraphs, 2);
        let sentence_of: Vec<u32> = a.tokens.iter().map(|t| t.sentence).collect();
        assert_eq!(sentence_of, [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    }

    #[test]
    fn keys_fold_case_and_apostrophes() {
        let text = "It’s Iran’s";
        let a = analyse(text);
        let keys: Vec<&str> = a.tokens.iter().map(|t| a.key(t)).collect();
        assert_eq!(keys, ["it's", "iran's"]);
        assert_eq!(a.cased_key(&a.tokens[1]), "Iran's");
    }

    #[test]
    fn hyphens_and_spaces_are_joins() {
        let text = "a thinly-veiled, non military";
        let a = analyse(text);
        let joins: Vec<Join> = a.tokens.iter().map(|t| t.join).collect();
        assert_eq!(
            joins,
            [
                Join::Space,
                Join::Hyphen,
                Join::Break,
                Join::Space,
                Join::Break
            ]
        );
    }

    #[test]
    fn tokens_know_their_quotation() {
        let text = "He said “we will win” and left.";
        let a = analyse(text);
        assert_eq!(words(&a, text)[2..5], ["we", "will", "win"]);
        let quoted: Vec<bool> = a.tokens.iter().map(|t| t.quote.is_some()).collect();
        assert_eq!(quoted, [false, false, true, true, true, false, false]);
        assert_eq!(a.quotes[0].words, 3);
    }

    #[test]
    fn body_skips_the_headline() {
        let text = "A Headline Here\n\nBody text.";
        let a = analyse_from(text, 16);
        assert_eq!(words(&a, text), ["Body", "text"]);
        assert_eq!(a.paragraphs, 1);
    }

    fn analyse_from(text: &str, body: usize) -> Analysis {
        let mut a = Analysis::new();
        a.analyze(text, body);
        a
    }

    #[test]
    fn reuse_gives_the_same_result() {
        let mut a = Analysis::new();
        a.analyze("One “two three” four. Five!", 0);
        let first = (a.tokens.clone(), a.quotes.clone());
        a.analyze("Something else entirely, “quoted”.", 0);
        a.analyze("One “two three” four. Five!", 0);
        assert_eq!((a.tokens.clone(), a.quotes.clone()), first);
    }
}
