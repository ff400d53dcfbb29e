//! Token windows around a position, the unit every context rule looks at.

use crate::text::{Join, Token};
use std::ops::Range;

/// Token indices up to `n` before `at`, in its sentence and its quotation (or
/// outside quotations, like `at`).
pub fn before(tokens: &[Token], at: usize, n: usize) -> Range<usize> {
    let (sentence, quote) = (tokens[at].sentence, tokens[at].quote);
    let mut start = at;
    while start > 0
        && at - start < n
        && tokens[start - 1].sentence == sentence
        && tokens[start - 1].quote == quote
    {
        start -= 1;
    }
    start..at
}

/// Token indices of the whole group of `at`: the tokens around it for which
/// `group` (its sentence, its paragraph) gives what it gives for `at`.
pub fn around<G: PartialEq>(
    tokens: &[Token],
    at: usize,
    group: impl Fn(&Token) -> G,
) -> Range<usize> {
    let of_at = group(&tokens[at]);
    let mut start = at;
    while start > 0 && group(&tokens[start - 1]) == of_at {
        start -= 1;
    }
    let mut end = at + 1;
    while end < tokens.len() && group(&tokens[end]) == of_at {
        end += 1;
    }
    start..end
}

/// Token indices up to `n` from `at`, in the sentence of `at - 1`, outside quotations.
pub fn after(tokens: &[Token], at: usize, n: usize) -> Range<usize> {
    let Some(sentence) = at.checked_sub(1).map(|i| tokens[i].sentence) else {
        return at..at;
    };
    let mut end = at;
    while end < tokens.len()
        && end - at < n
        && tokens[end].sentence == sentence
        && tokens[end].quote.is_none()
    {
        end += 1;
    }
    at..end
}

/// Where the subject of a reporting verb at `cue` can stand: up to `n` tokens
/// back to the previous punctuation ("in late August, both sides
/// confirmed"), or across one appositive when the verb follows a comma
/// ("Mike Pompeo, the secretary of state, said").
pub fn subject(tokens: &[Token], cue: usize, n: usize) -> Range<usize> {
    let within = before(tokens, cue, n);
    let mut breaks_allowed = if cue > 0 && tokens[cue - 1].join == Join::Break {
        2
    } else {
        0
    };
    let mut start = cue;
    while start > within.start {
        if tokens[start - 1].join == Join::Break && start < cue {
            if breaks_allowed == 0 {
                break;
            }
            breaks_allowed -= 1;
        }
        start -= 1;
    }
    start..cue
}
