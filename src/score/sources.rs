//! Named and anonymous sources: who each attribution cue hands its words to.

use super::{Source, windows};
use crate::text::{Join, Token, TokenKind};

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

/// Where the source of the cue `first..last` may stand, and whether to look after it.
///
/// The source follows the cue in "according to X" (`source_follows`) and in
/// inverted reports ("…,” said the official"), where punctuation comes right
/// before the cue.
pub fn classify(
    text: &str,
    tokens: &[Token],
    marks: &[Mark],
    first: usize,
    last: usize,
    source_follows: bool,
) -> Source {
    let before = windows::subject(tokens, first, SOURCE_WINDOW);
    let inverted = first > 0 && tokens[first - 1].join == Join::Break;
    let after = if source_follows || inverted {
        windows::after(tokens, last, SOURCE_WINDOW)
    } else {
        last..last
    };
    let window = || before.clone().chain(after.clone());
    if window().any(|i| marks[i] == Mark::Anonymous) {
        return Source::Anonymous;
    }
    if window().any(|i| marks[i] == Mark::Plain && is_name_like(text, tokens, i, first)) {
        Source::Named
    } else {
        Source::Unresolved
    }
}

/// A capitalised word, not merely capitalised for opening its sentence.
///
/// A sentence's first word counts when the next word is capitalised too
/// ("Benny Gantz said") or is the cue itself ("Gantz said").
fn is_name_like(text: &str, tokens: &[Token], i: usize, cue: usize) -> bool {
    let upper =
        |t: &Token| t.kind == TokenKind::Word && text[t.start..].starts_with(char::is_uppercase);
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
