//! Named and anonymous sources: who each attribution cue hands its words to.

use super::{Source, windows};
use crate::text::{Join, Token, TokenKind};
use std::ops::Range;

/// How far from a cue its source may stand, in tokens.
pub const SOURCE_WINDOW: usize = 6;

/// How a token takes part in naming a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Nothing known: a capitalised word here may be a name.
    Plain,
    /// Part of an anonymous-source formula ("officials", "a source familiar with").
    Anonymous,
    /// A function word, never a name even when capitalised ("He", "The").
    NotAName,
}

/// Whether the source of the cue `first..last` is named or anonymous, and the
/// tokens that say so (empty when unresolved).
///
/// The source follows the cue in "according to X" (`source_follows`) and in
/// inverted reports ("…,” said the official"), where punctuation comes right
/// before the cue. Of several candidates the one nearest the cue is shown.
pub fn classify(
    text: &str,
    tokens: &[Token],
    marks: &[Mark],
    first: usize,
    last: usize,
    source_follows: bool,
) -> (Source, Range<usize>) {
    let before = windows::subject(tokens, first, SOURCE_WINDOW);
    let inverted = first > 0 && tokens[first - 1].join == Join::Break;
    let after = if source_follows || inverted {
        windows::after(tokens, last, SOURCE_WINDOW)
    } else {
        last..last
    };
    // Nearest first: back from the cue, then on from it.
    let nearest = || before.clone().rev().chain(after.clone());
    if let Some(i) = nearest().find(|&i| marks[i] == Mark::Anonymous) {
        return (
            Source::Anonymous,
            run(text, tokens, i, |j| marks[j] == Mark::Anonymous),
        );
    }
    let name_like = |i: usize| marks[i] == Mark::Plain && is_name_like(text, tokens, i, first);
    match nearest().find(|&i| name_like(i)) {
        Some(i) => {
            let span = run(text, tokens, i, |j| {
                marks[j] == Mark::Plain && (j < first || j >= last) && is_upper(text, &tokens[j])
            });
            (Source::Named, span)
        }
        None => (Source::Unresolved, first..first),
    }
}

/// The tokens around `i` that pass `keep`, joined by spaces, hyphens or the
/// full stop of a title within the sentence (*Dr. Lee Park*).
fn run(text: &str, tokens: &[Token], i: usize, keep: impl Fn(usize) -> bool) -> Range<usize> {
    let joined = |j: usize| {
        let (t, next) = (&tokens[j], &tokens[j + 1]);
        t.join != Join::Break
            || (t.sentence == next.sentence
                && text[t.end..next.start]
                    .strip_prefix('.')
                    .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace)))
    };
    let mut start = i;
    while start > 0 && joined(start - 1) && keep(start - 1) {
        start -= 1;
    }
    let mut end = i + 1;
    while end < tokens.len() && joined(end - 1) && keep(end) {
        end += 1;
    }
    start..end
}

fn is_upper(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word && text[t.start..].starts_with(char::is_uppercase)
}

/// A capitalised word, not merely capitalised for opening its sentence.
///
/// A sentence's first word counts when the next word is capitalised too
/// ("Benny Gantz said") or is the cue itself ("Gantz said").
fn is_name_like(text: &str, tokens: &[Token], i: usize, cue: usize) -> bool {
    let upper = |t: &Token| is_upper(text, t);
    let t = &tokens[i];
    if !upper(t) {
        return false;
    }
    let opens_sentence = i == 0 || tokens[i - 1].sentence != t.sentence;
    !opens_sentence
        || i + 1 == cue
        || tokens
            .get(i + 1)
            .is_some_and(|n| n.sentence == t.sentence && upper(n))
}
