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
/// scare quote, which keeps a word at arm's length.
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

fn has_cue_nearby(tokens: &[Token], cue: &[bool], q: &Quotation) -> bool {
    let (first, end) = (q.tokens.start as usize, q.tokens.end as usize);
    let paragraph = tokens[first].paragraph;
    let near = |i: usize| tokens[i].paragraph == paragraph && tokens[i].quote.is_none() && cue[i];
    let before = first.saturating_sub(CUE_WINDOW)..first;
    let after = end..(end + CUE_WINDOW).min(tokens.len());
    before.into_iter().any(near) || after.into_iter().any(near)
}
