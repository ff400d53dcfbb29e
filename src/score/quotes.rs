//! Direct quotes and scare quotes.

use super::QuoteReason;
use crate::text::{Quotation, Token};

/// How far from a quotation an attribution cue makes it a direct quote, in tokens.
const CUE_WINDOW: usize = 4;
/// Quotations longer than this many words are direct quotes whatever surrounds them.
const SCARE_QUOTE_MAX_WORDS: u32 = 4;

/// Classes a quotation; `cue` marks the tokens inside attribution matches.
///
/// A quotation is a direct quote when it is long, is a sentence of its own,
/// follows a colon, or stands next to an attribution cue; otherwise it is a
/// scare quote, which keeps a word at arm's length. A cue counts when it
/// stands in the quotation's sentence or within a few tokens of it.
pub fn classify(text: &str, tokens: &[Token], cue: &[bool], q: &Quotation) -> QuoteReason {
    if q.words > SCARE_QUOTE_MAX_WORDS {
        QuoteReason::Long
    } else if is_a_sentence(&text[q.inner.clone()]) {
        QuoteReason::Sentence
    } else if introduced_by_colon(text, q) {
        QuoteReason::Colon
    } else if has_cue_nearby(tokens, cue, q) {
        QuoteReason::Cue
    } else {
        QuoteReason::Short
    }
}

/// A quoted sentence: a capital first, a full stop, question or exclamation
/// mark last. American style puts the full stop inside the closing mark
/// whatever the quote, so a lower-case "talking shop." stays a scare quote.
fn is_a_sentence(inner: &str) -> bool {
    let inner = inner.trim();
    inner.starts_with(char::is_uppercase) && inner.ends_with(['.', '!', '?', '…'])
}

/// Whether a colon, then only white space, comes right before the quotation.
pub fn introduced_by_colon(text: &str, q: &Quotation) -> bool {
    text[..q.outer.start].trim_end().ends_with(':')
}

/// Whether an attribution cue outside quotations stands within a few tokens
/// of the quotation, or anywhere in the sentences it is part of: a short
/// quotation inside "Mr Howard said the plan was a \"shambles\"" is the
/// speaker's words however far the verb stands.
fn has_cue_nearby(tokens: &[Token], cue: &[bool], q: &Quotation) -> bool {
    let (first, end) = (q.tokens.start as usize, q.tokens.end as usize);
    let last = end.max(first + 1) - 1;
    let paragraph = tokens[first].paragraph;
    let near = |i: usize| tokens[i].paragraph == paragraph && tokens[i].quote.is_none() && cue[i];
    let mut start = first.saturating_sub(CUE_WINDOW);
    while start > 0 && tokens[start - 1].sentence == tokens[first].sentence {
        start -= 1;
    }
    let mut stop = (end + CUE_WINDOW).min(tokens.len());
    while stop < tokens.len() && tokens[stop].sentence == tokens[last].sentence {
        stop += 1;
    }
    (start..first).any(near) || (end..stop).any(near)
}
