//! Direct quotes and scare quotes.

use super::QuoteReason;
use crate::text::{Quotation, Token};

/// How far from a quotation an attribution cue makes it a direct quote, in tokens.
const CUE_WINDOW: usize = 4;
/// Quotations longer than this many words are direct quotes whatever surrounds them.
const SCARE_QUOTE_MAX_WORDS: u32 = 4;
/// Verbs that hand the words of a short quotation in their sentence to a
/// speaker, though they are no attribution cue: they name or judge what
/// someone said or did rather than report speech ("branded the plan
/// \"a shambles\"", "likened them to \"schoolboys\"", "apologised for his
/// \"deplorable actions\""), so counting them as attribution would be wrong.
/// Lower case; compared with each token outside quotations.
const SPEAKER_VERBS: &[&str] = &[
    "branded",
    "brands",
    "branding",
    "labelled",
    "labeled",
    "labelling",
    "labeling",
    "dubbed",
    "dubbing",
    "likened",
    "likens",
    "likening",
    "termed",
    "terming",
    "apologised",
    "apologized",
    "apologises",
    "apologizes",
    "apologising",
    "apologizing",
    "concludes",
    "concluding",
    "hailed",
    "hails",
    "derided",
    "derides",
    "deriding",
    "lambasted",
    "slammed",
    "blasted",
    "ridiculed",
    "scoffed",
    "believes",
];

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
    } else if has_cue_nearby(text, tokens, cue, q) {
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
/// speaker's words however far the verb stands. Within the sentences, a
/// verb that names or judges someone's words ([`SPEAKER_VERBS`]) counts too.
fn has_cue_nearby(text: &str, tokens: &[Token], cue: &[bool], q: &Quotation) -> bool {
    let (first, end) = (q.tokens.start as usize, q.tokens.end as usize);
    let last = end.max(first + 1) - 1;
    let paragraph = tokens[first].paragraph;
    let outside = |i: usize| tokens[i].paragraph == paragraph && tokens[i].quote.is_none();
    let near = |i: usize| outside(i) && cue[i];
    let speaker_verb = |i: usize| {
        outside(i) && {
            let word = &text[tokens[i].start..tokens[i].end];
            SPEAKER_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
        }
    };
    let mut start = first.saturating_sub(CUE_WINDOW);
    while start > 0 && tokens[start - 1].sentence == tokens[first].sentence {
        start -= 1;
    }
    let mut stop = (end + CUE_WINDOW).min(tokens.len());
    while stop < tokens.len() && tokens[stop].sentence == tokens[last].sentence {
        stop += 1;
    }
    let in_sentence = |i: &usize| {
        tokens[*i].sentence == tokens[first].sentence
            || tokens[*i].sentence == tokens[last].sentence
    };
    (start..first).any(near)
        || (end..stop).any(near)
        || (start..first).filter(in_sentence).any(speaker_verb)
        || (end..stop).filter(in_sentence).any(speaker_verb)
}
