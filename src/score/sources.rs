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
    /// A function word, a weekday, a month or a nationality: never a name
    /// even when capitalised ("He", "The", "Saturday", "French").
    NotAName,
}

/// Quantifiers that stand for a vague group ("some say") only as a subject:
/// after a preposition ("on many issues") they are no source.
const QUANTIFIERS: &[&str] = &["some", "many", "others"];
/// Prepositions after which a quantifier is not a subject.
const PREPOSITIONS: &[&str] = &[
    "on", "of", "in", "for", "to", "from", "by", "about", "at", "among", "over",
];
/// Words that end the source after an inverted cue: what follows them is
/// what was said ("…, said it was possible some…", "…, saying that many…").
const CLAUSE_STARTS: &[&str] = &[
    "it", "that", "he", "she", "they", "we", "i", "you", "there", "this", "if", "whether",
];

/// Whether the source of the cue `first..last` is named or anonymous, and the
/// tokens that say so (empty when unresolved).
///
/// The source follows the cue in "according to X" (`source_follows`) and in
/// inverted reports ("…,” said the official"), where a comma or a closing
/// quotation mark comes right before the cue. Before the cue an anonymous
/// formula wins over a name ("sources close to Mr Hockney said"); after
/// "according to" the source is what follows, and after an inverted cue the
/// nearest candidate ("said Wang Yan, an official from…"). Of several
/// candidates the one nearest the cue is shown. `runs` keeps the runs found
/// for earlier cues of the article.
pub fn classify(
    text: &str,
    tokens: &[Token],
    marks: &[Mark],
    runs: &mut Runs,
    first: usize,
    last: usize,
    source_follows: bool,
) -> (Source, Range<usize>) {
    let before = windows::subject(tokens, first, SOURCE_WINDOW);
    let after = if source_follows || is_inverted(text, tokens, first) {
        let mut after = windows::after(tokens, last, SOURCE_WINDOW);
        // The source ends at a comma: "according to the board, many firms…".
        if let Some(stop) = after
            .clone()
            .skip(1)
            .find(|&i| text[tokens[i - 1].end..tokens[i].start].contains(','))
        {
            after.end = stop;
        }
        if !source_follows
            && let Some(stop) = after
                .clone()
                .find(|&i| is_one_of(text, &tokens[i], CLAUSE_STARTS))
        {
            after.end = stop;
        }
        after
    } else {
        last..last
    };
    let anonymous = |i: usize| is_anonymous(text, tokens, marks, i);
    let name_like = |i: usize| marks[i] == Mark::Plain && is_name_like(text, tokens, i, first);
    let before_anonymous = before.clone().rev().find(|&i| anonymous(i));
    let before_named = before.clone().rev().find(|&i| name_like(i));
    let after_any = after.clone().find(|&i| anonymous(i) || name_like(i));
    let choice = if source_follows {
        after_any.or(before_anonymous).or(before_named)
    } else {
        before_anonymous.or(after_any).or(before_named)
    };
    match choice {
        Some(i) if anonymous(i) => {
            if !runs.anonymous.contains(&i) {
                runs.anonymous = run(text, tokens, i, anonymous);
            }
            (Source::Anonymous, runs.anonymous.clone())
        }
        Some(i) => {
            // The run of capitalised words holding `i`, cut at the cue.
            if !runs.named.contains(&i) {
                runs.named = run(text, tokens, i, |j| {
                    marks[j] == Mark::Plain && is_upper(text, &tokens[j])
                });
            }
            let mut span = runs.named.clone();
            if first < last {
                if i < first {
                    span.end = span.end.min(first);
                } else {
                    span.start = span.start.max(last);
                }
            }
            (Source::Named, span)
        }
        None => (Source::Unresolved, first..first),
    }
}

/// Whether the cue at `first` follows its quotation or clause, as in
/// "“…,” said the official" or "growth will slow, said analysts": a comma
/// or a closing quotation mark right before it (not a "%" or a full stop).
fn is_inverted(text: &str, tokens: &[Token], first: usize) -> bool {
    first > 0
        && tokens[first - 1].join == Join::Break
        && text[tokens[first - 1].end..tokens[first].start]
            .trim_end()
            .ends_with([',', '"', '\u{201d}', '\u{2019}', '\''])
}

fn is_one_of(text: &str, t: &Token, words: &[&str]) -> bool {
    let word = &text[t.start..t.end];
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// An anonymous formula that stands for the source here: not a title before
/// a name ("analysts Gartner", "the official Xinhua News Agency"), and not a
/// quantifier inside a prepositional phrase ("on many issues").
fn is_anonymous(text: &str, tokens: &[Token], marks: &[Mark], i: usize) -> bool {
    if marks[i] != Mark::Anonymous {
        return false;
    }
    let single = (i == 0 || marks[i - 1] != Mark::Anonymous)
        && marks.get(i + 1).is_none_or(|&m| m != Mark::Anonymous);
    let quantifier = is_one_of(text, &tokens[i], QUANTIFIERS);
    if quantifier {
        let after_preposition = i > 0
            && tokens[i - 1].sentence == tokens[i].sentence
            && tokens[i - 1].join == Join::Space
            && is_one_of(text, &tokens[i - 1], PREPOSITIONS);
        return !after_preposition;
    }
    // A single-word description right before a capitalised name, perhaps
    // after "the", is that name's title.
    let titles = |j: usize| {
        j < tokens.len()
            && tokens[j - 1].join == Join::Space
            && tokens[j].sentence == tokens[i].sentence
            && is_upper(text, &tokens[j])
            && marks[j] == Mark::Plain
    };
    let names_follow = titles(i + 1)
        || (i + 2 < tokens.len()
            && tokens[i].join == Join::Space
            && text[tokens[i + 1].start..tokens[i + 1].end].eq_ignore_ascii_case("the")
            && titles(i + 2));
    !(single && names_follow)
}

/// The last run of anonymous words and of capitalised words that named a
/// source, kept from one cue to the next: a token belongs to one run
/// whichever of its tokens the walk starts from, so a long run near many
/// cues is walked once, not once per cue.
#[derive(Debug, Default)]
pub struct Runs {
    anonymous: Range<usize>,
    named: Range<usize>,
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
    // Half of a compound with a plain word is an adjective: "pan-European",
    // "Linux-based".
    let lower_neighbour = |j: usize| !upper(&tokens[j]) && tokens[j].kind == TokenKind::Word;
    if (i > 0 && tokens[i - 1].join == Join::Hyphen && lower_neighbour(i - 1))
        || (t.join == Join::Hyphen && i + 1 < tokens.len() && lower_neighbour(i + 1))
    {
        return false;
    }
    let opens_sentence = i == 0 || tokens[i - 1].sentence != t.sentence;
    !opens_sentence
        || i + 1 == cue
        || tokens
            .get(i + 1)
            .is_some_and(|n| n.sentence == t.sentence && upper(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::{article, scorer};
    use crate::score::{Voice, Workspace};

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Runs kept from cue to cue give each cue the source a fresh walk
        /// gives it, and that source is the whole run of its kind around
        /// its first token, cut at the cue.
        #[test]
        fn kept_runs_give_a_fresh_walks_sources(text in article()) {
            let scorer = scorer();
            let mut ws = Workspace::default();
            scorer.score(&text, 0, &mut ws);
            let tokens = &ws.analysis.tokens;
            let marks = &ws.marks;
            let mut kept = Runs::default();
            for m in &ws.matches {
                if !scorer.is_attribution(m) || ws.voice(m) == Voice::Quoted {
                    continue;
                }
                let (first, last) = if m.tokens.is_empty() {
                    (m.tokens.start as usize + 1, m.tokens.start as usize + 1)
                } else {
                    (m.tokens.start as usize, m.tokens.end as usize)
                };
                let entry = &scorer.lexicon().entries[m.entry as usize];
                let follows = &*entry.subcategory == "source-follows";
                let fresh =
                    classify(&text, tokens, marks, &mut Runs::default(), first, last, follows);
                let reused = classify(&text, tokens, marks, &mut kept, first, last, follows);
                proptest::prop_assert_eq!(&reused, &fresh);
                let (source, span) = fresh;
                let anonymous = |j: usize| is_anonymous(&text, tokens, marks, j);
                let named = |j: usize| {
                    marks[j] == Mark::Plain
                        && (j < first || j >= last)
                        && is_upper(&text, &tokens[j])
                };
                let (whole, kept) = match source {
                    Source::Anonymous => (
                        run(&text, tokens, span.start, anonymous),
                        span.clone().all(anonymous),
                    ),
                    Source::Named => (
                        run(&text, tokens, span.start, named),
                        span.clone().all(named),
                    ),
                    Source::Unresolved => (span.clone(), true),
                };
                proptest::prop_assert!(kept, "{:?}", span);
                proptest::prop_assert_eq!(span, whole);
            }
        }
    }
}
