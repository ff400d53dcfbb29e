//! Direct quotes and scare quotes.

use super::QuoteReason;
use super::windows;
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

/// Classes a quotation; `cue` marks the tokens inside attribution matches,
/// and `cues` carries what earlier quotations of the article learnt about
/// their sentences (quotations come in text order).
///
/// A quotation is a direct quote when it is long, is a sentence of its own,
/// follows a colon, or stands next to an attribution cue; otherwise it is a
/// scare quote, which keeps a word at arm's length. A cue counts when it
/// stands in the quotation's sentence or within a few tokens of it.
pub fn classify(
    text: &str,
    tokens: &[Token],
    cue: &[bool],
    cues: &mut SentenceCues,
    q: &Quotation,
) -> QuoteReason {
    if q.words > SCARE_QUOTE_MAX_WORDS {
        QuoteReason::Long
    } else if is_a_sentence(&text[q.inner.clone()]) {
        QuoteReason::Sentence
    } else if introduced_by_colon(text, q) {
        QuoteReason::Colon
    } else if has_cue_nearby(text, tokens, cue, cues, q) {
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
///
/// The few tokens either side are looked at directly; the rest of the
/// sentences through `cues`, which lists each sentence's cues once, so that
/// a sentence of thousands of quotations is not walked once for each.
fn has_cue_nearby(
    text: &str,
    tokens: &[Token],
    cue: &[bool],
    cues: &mut SentenceCues,
    q: &Quotation,
) -> bool {
    let (first, end) = (q.tokens.start as usize, q.tokens.end as usize);
    let last = end.max(first + 1) - 1;
    let paragraph = tokens[first].paragraph;
    let near = |i: usize| tokens[i].paragraph == paragraph && tokens[i].quote.is_none() && cue[i];
    let window_before = first.saturating_sub(CUE_WINDOW)..first;
    let window_after = end..(end + CUE_WINDOW).min(tokens.len());
    if window_before.into_iter().any(near) || window_after.into_iter().any(near) {
        return true;
    }
    // Paragraphs only grow along the text, so the cue nearest the quotation
    // on each side is the one that can share its paragraph.
    let before = cues.of_sentence(text, tokens, cue, first);
    if let Some(&i) = before[..before.partition_point(|&i| i < first)].last()
        && tokens[i].paragraph == paragraph
    {
        return true;
    }
    let after = cues.of_sentence(text, tokens, cue, last);
    after[after.partition_point(|&i| i < end)..]
        .first()
        .is_some_and(|&i| tokens[i].paragraph == paragraph)
}

/// The attribution cues and speaker verbs outside quotations of one
/// sentence, in token order:
/// the sentence last asked about, kept for the next quotation, which most
/// often stands in the same one.
#[derive(Debug, Default)]
pub struct SentenceCues {
    /// The sentence listed, if any.
    sentence: Option<u32>,
    /// Token indices of its cues and speaker verbs.
    cues: Vec<usize>,
}

impl SentenceCues {
    /// Forgets the sentence listed: a new article begins.
    pub fn clear(&mut self) {
        self.sentence = None;
        self.cues.clear();
    }

    /// The cues and speaker verbs outside quotations in the sentence of token `at`.
    fn of_sentence(&mut self, text: &str, tokens: &[Token], cue: &[bool], at: usize) -> &[usize] {
        let sentence = tokens[at].sentence;
        if self.sentence != Some(sentence) {
            self.cues.clear();
            let speaker_verb = |i: usize| {
                let word = &text[tokens[i].start..tokens[i].end];
                SPEAKER_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
            };
            self.cues.extend(
                windows::around(tokens, at, |t| t.sentence)
                    .filter(|&i| tokens[i].quote.is_none() && (cue[i] || speaker_verb(i))),
            );
            self.sentence = Some(sentence);
        }
        &self.cues
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Workspace;
    use crate::score::testing::{article, scorer};

    /// The rule as first written: the whole of the quotation's sentences
    /// walked for each quotation.
    fn has_cue_nearby_walked(text: &str, tokens: &[Token], cue: &[bool], q: &Quotation) -> bool {
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Cues listed once per sentence find what walking the sentence
        /// for every quotation finds.
        #[test]
        fn listed_cues_find_what_a_walk_finds(text in article()) {
            let mut ws = Workspace::default();
            scorer().score(&text, 0, &mut ws);
            let tokens = &ws.analysis.tokens;
            let mut cues = SentenceCues::default();
            for q in &ws.analysis.quotes {
                proptest::prop_assert_eq!(
                    has_cue_nearby(&text, tokens, &ws.cue, &mut cues, q),
                    has_cue_nearby_walked(&text, tokens, &ws.cue, q),
                    "{:?}", &text[q.outer.clone()]
                );
            }
        }
    }
}
