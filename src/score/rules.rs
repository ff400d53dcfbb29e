//! Context rules: the few places where a word list alone gets it wrong.
//!
//! - A negated booster is a hedge ("not clear", "not certain"), and a hedge
//!   inside a booster is not counted twice ("no doubt" boosts; "doubt" alone hedges).
//! - A reporting verb right after a determiner, a possessive or a number is a
//!   noun or an adjective, not a report ("the claims", "Trump's claims",
//!   "271 pledged delegates"), and one that ends a compound is part of a
//!   word ("so-called").
//! - "could not" states inability far more often than doubt.
//! - A colon that introduces a quotation is an attribution cue, unless a
//!   reporting verb already stands just before it.
//!
//! "May" the month is handled by the lexicon itself: its `=may` entry only
//! matches the lower-case modal.

use super::{Roles, quotes, windows};
use crate::lexicon::{Lexicon, Match, Step};
use crate::text::{Analysis, Join, TokenKind};

/// Words that negate what follows them closely.
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "without", "cannot", "hardly", "barely",
];
/// How many tokens before a match a negator may stand.
const NEGATION_WINDOW: usize = 3;
/// Words after which a verb form is a noun or an adjective.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "whose", "such", "every", "each", "any",
];
/// Modals whose negation states ability rather than doubt.
const ABILITY_MODALS: &[&str] = &["could"];
/// How far before a quote colon a reporting verb makes the colon redundant, in tokens.
const COLON_CUE_WINDOW: usize = 4;

/// Whether a negator stands within a few tokens before `m`, in its sentence.
pub fn is_negated(analysis: &Analysis, m: &Match) -> bool {
    let tokens = &analysis.tokens;
    let first = m.tokens.start as usize;
    windows::before(tokens, first, NEGATION_WINDOW).any(|i| {
        let key = analysis.key(&tokens[i]);
        NEGATORS.contains(&key) || key.ends_with("n't")
    })
}

/// Applies the rules to the raw matches of one document, leaving them in text order.
pub fn apply(
    text: &str,
    analysis: &Analysis,
    lexicon: &Lexicon,
    roles: &Roles,
    matches: &mut Vec<Match>,
) {
    let (hedging, boosters, attribution) = (roles.hedging, roles.boosters, roles.attribution);
    let tokens = &analysis.tokens;
    let key = |i: usize| analysis.key(&tokens[i]);

    matches.retain(|m| {
        let first = m.tokens.start as usize;
        if m.category == attribution && reports_by_position(lexicon, m) && first > 0 {
            let prev = &tokens[first - 1];
            // The second half of a compound ("so-called") reports nothing.
            if prev.join == Join::Hyphen {
                return false;
            }
            let qualifies = prev.join != Join::Break
                && (prev.kind == TokenKind::Number
                    || DETERMINERS.contains(&key(first - 1))
                    || key(first - 1).ends_with("'s"));
            if qualifies {
                return false;
            }
        }
        if m.category == hedging && m.tokens.len() == 1 && ABILITY_MODALS.contains(&key(first)) {
            let next_is_not = tokens
                .get(first + 1)
                .is_some_and(|_| key(first + 1) == "not")
                && tokens[first].join == Join::Space;
            if next_is_not {
                return false;
            }
        }
        true
    });

    for m in matches.iter_mut() {
        if m.category == boosters && is_negated(analysis, m) {
            m.category = hedging;
        }
    }
    // Booster matches do not overlap one another, so sorted by start their
    // ends are sorted too, and one binary search finds any overlap.
    let booster_spans: Vec<_> = matches
        .iter()
        .filter(|m| m.category == boosters)
        .map(|m| m.tokens.clone())
        .collect();
    matches.retain(|m| {
        if m.category != hedging {
            return true;
        }
        let first_ending_after = booster_spans.partition_point(|b| b.end <= m.tokens.start);
        booster_spans
            .get(first_ending_after)
            .is_none_or(|b| b.start >= m.tokens.end)
    });

    if let Some(colon) = roles.quote_colon {
        add_quote_colons(text, analysis, attribution, colon, matches);
    }
    matches.sort_by_key(|m| (m.start, m.category, m.end));
}

/// Whether an attribution entry is a verb whose position decides if it reports
/// (not a quote colon, not a cue followed by its source such as "according to").
fn reports_by_position(lexicon: &Lexicon, m: &Match) -> bool {
    let entry = &lexicon.entries[m.entry as usize];
    &*entry.subcategory != "source-follows" && !entry.steps.contains(&Step::QuoteColon)
}

/// The attribution entry `:`, if the lexicon has one.
pub(super) fn colon_entry(lexicon: &Lexicon, attribution: u16) -> Option<u32> {
    lexicon
        .entries
        .iter()
        .position(|e| e.category == attribution && e.steps == [Step::QuoteColon])
        .map(|i| i as u32)
}

fn add_quote_colons(
    text: &str,
    analysis: &Analysis,
    attribution: u16,
    entry: u32,
    matches: &mut Vec<Match>,
) {
    let tokens = &analysis.tokens;
    // Attribution matches in token order, for one binary search per quotation.
    let cues: Vec<(usize, usize)> = matches
        .iter()
        .filter(|m| m.category == attribution)
        .map(|m| (m.tokens.start as usize, m.tokens.end as usize))
        .collect();
    let mut added = Vec::new();
    for q in &analysis.quotes {
        if !quotes::introduced_by_colon(text, q) {
            continue;
        }
        let colon = text[..q.outer.start].trim_end().len() - 1;
        // The token just before the colon: the last one ending at or before it.
        let Some(before) = tokens.partition_point(|t| t.end <= colon).checked_sub(1) else {
            continue;
        };
        let near = windows::before(tokens, before, COLON_CUE_WINDOW).start..before + 1;
        let first_ending_after = cues.partition_point(|&(_, end)| end <= near.start);
        let verb_near = cues
            .get(first_ending_after)
            .is_some_and(|&(start, _)| start < near.end);
        if !verb_near {
            added.push(Match {
                entry,
                category: attribution,
                tokens: before as u32..before as u32,
                start: colon,
                end: colon + 1,
            });
        }
    }
    matches.extend(added);
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;
    use crate::score::{Scorer, Source, Workspace};
    use std::sync::OnceLock;

    fn scorer() -> &'static Scorer {
        static SCORER: OnceLock<Scorer> = OnceLock::new();
        SCORER.get_or_init(|| Scorer::new(Lexicon::builtin().unwrap()))
    }

    /// The matches of one category in `text`, as the matched strings.
    fn found(text: &str, category: &str) -> Vec<String> {
        let mut ws = Workspace::default();
        scorer()
            .score(text, 0, &mut ws)
            .evidence()
            .into_iter()
            .filter(|e| e.category == category)
            .map(|e| e.matched.to_string())
            .collect()
    }

    fn check(category: &str, cases: &[(&str, &[&str])]) {
        for (text, want) in cases {
            assert_eq!(found(text, category), *want, "{category} in {text:?}");
        }
    }

    #[test]
    fn negation_turns_certainty_into_doubt() {
        check(
            "hedging",
            &[
                (
                    "It is not clear whether the talks will resume.",
                    &["not clear", "whether"],
                ),
                ("Officials are not certain of the date.", &["not certain"]),
                ("There is no doubt about the outcome.", &[]),
                ("It is not obvious who benefits.", &["obvious"]),
                ("Some doubt the plan will work.", &["doubt"]),
            ],
        );
        check(
            "boosters",
            &[
                ("There is no doubt about the outcome.", &["no doubt"]),
                ("It is not obvious who benefits.", &[]),
                ("It is obvious who benefits.", &["It is obvious"]),
            ],
        );
    }

    #[test]
    fn may_the_month_is_not_a_hedge() {
        check(
            "hedging",
            &[
                ("The vote took place in May 2019.", &[]),
                ("May was a hard month.", &[]),
                ("The vote may take place in May.", &["may"]),
            ],
        );
    }

    #[test]
    fn could_hedges_only_when_it_is_not_inability() {
        check(
            "hedging",
            &[
                ("The talks could collapse.", &["could"]),
                ("She could not attend the meeting.", &[]),
                ("It could have been worse.", &["could"]),
            ],
        );
    }

    #[test]
    fn reporting_verbs_count_only_when_they_report() {
        check(
            "attribution",
            &[
                ("The minister claims the plan works.", &["claims"]),
                ("The claims were false.", &[]),
                ("Trump's claims were false.", &[]),
                ("Clinton leads by 271 pledged delegates.", &[]),
                ("Clinton pledged to act.", &["pledged"]),
                ("The so-called “working group” met.", &[]),
                ("Costs rose, according to officials.", &["according to"]),
            ],
        );
    }

    #[test]
    fn a_colon_before_a_quotation_is_a_cue_once() {
        check(
            "attribution",
            &[
                ("Ravid continues: “The team met twice.”", &[":"]),
                ("Gantz said at the time: “We will act.”", &["said"]),
                ("He said: “We will act.”", &["said"]),
                ("The agenda: lunch, then talks.", &[]),
            ],
        );
    }

    #[test]
    fn inverted_and_passive_reports_mark_the_verb() {
        check(
            "attribution",
            &[
                ("“We will win,” said the official.", &["said"]),
                (
                    "The mayor was quoted as saying the plan works.",
                    &["was quoted as saying"],
                ),
            ],
        );
        let text = "“We will win,” said the official.";
        let mut ws = Workspace::default();
        scorer().score(text, 0, &mut ws);
        assert_eq!(
            ws.sources.iter().map(|s| s.source).collect::<Vec<_>>(),
            [Source::Anonymous]
        );
    }

    #[test]
    fn scare_quotes_stay_scare_quotes() {
        let kinds = |text: &str| {
            let mut ws = Workspace::default();
            scorer().score(text, 0, &mut ws);
            ws.quote_kinds.clone()
        };
        use crate::score::QuoteKind::{Direct, Scare};
        assert_eq!(
            kinds("The council is a “talking shop.” Nobody disagrees."),
            [Scare]
        );
        assert_eq!(kinds("The so-called “working group” met."), [Scare]);
        assert_eq!(kinds("He paused. “We will win.” Then he left."), [Direct]);
        assert_eq!(kinds("Ravid continues: “The team met.”"), [Direct]);
    }

    #[test]
    fn sources_are_named_anonymous_or_unresolved() {
        let cases: &[(&str, &[Source])] = &[
            (
                "Mayor Ana Ruiz told reporters the plan works.",
                &[Source::Named],
            ),
            (
                "Two officials told reporters the plan works.",
                &[Source::Anonymous],
            ),
            (
                "A source familiar with the talks said they failed.",
                &[Source::Anonymous],
            ),
            ("He said the plan works.", &[Source::Unresolved]),
            ("Gantz said the plan works.", &[Source::Named]),
            (
                "In late August, both sides confirmed the plan.",
                &[Source::Unresolved],
            ),
            (
                "Mike Pompeo, the secretary of state, said it works.",
                &[Source::Named],
            ),
            ("“Two officials told me so,” Ravid wrote.", &[Source::Named]),
        ];
        for (text, want) in cases {
            let mut ws = Workspace::default();
            scorer().score(text, 0, &mut ws);
            let got: Vec<Source> = ws.sources.iter().map(|s| s.source).collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    /// Each counted source is shown by the words that name it, the nearest
    /// to the cue.
    #[test]
    fn sources_show_the_words_that_name_them() {
        let cases: &[(&str, &[(Source, &str)])] = &[
            (
                "Mayor Ana Ruiz told reporters the plan works.",
                &[(Source::Named, "Mayor Ana Ruiz")],
            ),
            (
                "The plan works, according to Dr. Lee Park of the board.",
                &[(Source::Named, "Dr. Lee Park")],
            ),
            (
                "Tory leader Michael Howard said it works.",
                &[(Source::Named, "Michael Howard")],
            ),
            (
                "A source familiar with the talks said they failed.",
                &[(Source::Anonymous, "source familiar with the talks")],
            ),
            (
                "“It works,” said two senior officials on Monday.",
                &[(Source::Anonymous, "officials")],
            ),
            ("He said the plan works.", &[(Source::Unresolved, "")]),
        ];
        for (text, want) in cases {
            let mut ws = Workspace::default();
            scorer().score(text, 0, &mut ws);
            let tokens = &ws.analysis.tokens;
            let got: Vec<(Source, &str)> = ws
                .sources
                .iter()
                .map(|a| {
                    let span = match (a.tokens.start as usize, a.tokens.end as usize) {
                        (s, e) if s < e => &text[tokens[s].start..tokens[e - 1].end],
                        _ => "",
                    };
                    (a.source, span)
                })
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    /// A quotation run on into a paragraph whose line break was lost keeps
    /// the quoted words quoted and the author's words the author's.
    #[test]
    fn run_on_quotations_keep_their_voice() {
        let text = "Ms Vale said: \"I am ready. \"I think we can win,\" she said. \
                    Perhaps it will rain.";
        let mut ws = Workspace::default();
        let voices: Vec<(&str, &str)> = scorer()
            .score(text, 0, &mut ws)
            .evidence()
            .into_iter()
            .filter(|e| e.category == "hedging")
            .map(|e| (e.matched, e.voice.as_str()))
            .collect();
        assert_eq!(voices, [("think", "quoted"), ("Perhaps", "author")]);
    }
}
