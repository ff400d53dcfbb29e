//! Context rules: the few places where a word list alone gets it wrong.
//!
//! - A negated booster is a hedge ("not clear", "not certain"), except an
//!   emphatic adverb, whose negation denies firmly ("did not in fact exist",
//!   "never actually met"); and a hedge inside a booster is not counted
//!   twice ("no doubt" boosts; "doubt" alone hedges).
//! - "actually", "in fact" and "indeed" boost only in a clause that
//!   asserts: not after "if", "whether", "unless", "how" or a "what"
//!   inside a clause ("what he actually meant"), not after an inverted
//!   "should", and not in a clause that runs to a question mark.
//! - A reporting verb right after a determiner, a possessive or a number is a
//!   noun or an adjective, not a report ("the claims", "Trump's claims",
//!   "271 pledged delegates"), and one that ends a compound is part of a
//!   word ("so-called").
//! - "could not" states inability far more often than doubt.
//! - "if" a few words after "ask" or "wonder" opens an indirect question
//!   ("asked the minister if", "asked by a reporter if"), not a hypothetical.
//! - "if" whose short subject is followed by a past perfect ("if he had
//!   known", "if Reagan had gone with Kemp") states a counterfactual: the
//!   writer knows it did not happen, so nothing is left open.
//! - "could" a few words after "before" ("before Italy could recover") is
//!   past ability or a precondition, not a possibility.
//! - "could" in a clause of purpose ("extended the curfew so he could
//!   play", "so that his father could work") says what something was for,
//!   not that it may happen. "so" after a comma ("the teams are close, so
//!   we could win") draws a conclusion and stays a hedge.
//! - "if not" inside a sentence and before a word ("difficult, if not
//!   impossible", "hundreds if not thousands") grades a claim upwards; it
//!   opens no condition. "If not, ..." and "if not reformed" (an elided
//!   clause) stay conditions.
//! - "expected" a few words after "than" ("lower than analysts had
//!   expected") measures an outcome against a forecast: the outcome is known.
//!   The list's "!than expected" cannot reach across the subject.
//! - "suggest" with "should" or "ought" a few words on ("suggested the
//!   party should cut taxes") proposes a course; it does not hedge a claim.
//! - A colon that introduces a quotation is an attribution cue, unless a
//!   reporting verb already stands just before it.
//! - An exception entry (`!grand slam`) counts nothing: where it is matched,
//!   the words it covers are no match of its category.
//! - The names guard: a word inside a run of capitalised words that is not
//!   the start of a sentence or a line is part of a name or a title ("the Lib
//!   Dems", "Grand Slam", "The Incredibles"), and so is a run of two
//!   capitalised words or more that a comma or a bracket opens in mid-sentence
//!   ("the albums Blue, Brutal Hearts and Gold"), unless its entry is
//!   case-sensitive (`=`), the paragraph is a headline in title case, or the
//!   whole run is matches of the category ("a Rigged Witch Hunt").
//! - A hedging stem entry (`~suspect`) right after a determiner, a
//!   possessive or a number is a noun ("a suspect", "its expectations"),
//!   whose plain sense is not the verb's. Loaded verbs keep their nouns ("a
//!   smear", "the devastation" are loaded too); the few plain nouns among
//!   them are exceptions in the list.
//!
//! "May" the month is handled by the lexicon itself: its `=may` entry only
//! matches the lower-case modal.

use super::{Roles, quotes, windows};
use crate::lexicon::{Lexicon, Match, Step};
use crate::text::{Analysis, Join, Token, TokenKind};

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
/// Words for numbers, after which a stem entry is a noun ("two suspects");
/// not used for reporting verbs, where "the two said" reports.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
];
/// Modals whose negation states ability rather than doubt.
const ABILITY_MODALS: &[&str] = &["could"];
/// Verbs after which "if" opens an indirect question.
const QUESTION_VERBS: &[&str] = &[
    "ask",
    "asks",
    "asked",
    "asking",
    "wonder",
    "wonders",
    "wondered",
    "wondering",
    "inquired",
    "enquired",
];
/// Words that end the search for a question verb before "if": a question
/// word or another "if" opens a clause of its own ("wondered what would
/// happen if").
const CLAUSE_OPENERS: &[&str] = &[
    "what", "how", "where", "when", "why", "whether", "if", "who",
];
/// How far before "if" a question verb may stand, in tokens.
const QUESTION_WINDOW: usize = 5;
/// The longest subject between "if" and the "had" of a past perfect, in tokens.
const COUNTERFACTUAL_SUBJECT: usize = 4;
/// Words that may stand between "had" and its participle ("had not known").
const PERFECT_ADVERBS: &[&str] = &[
    "not", "never", "only", "already", "just", "ever", "really", "all", "somehow", "actually",
    "also",
];
/// Past participles that do not end in "-ed", common in news.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "built",
    "rebuilt",
    "repaid",
    "been",
    "done",
    "known",
    "gone",
    "seen",
    "made",
    "taken",
    "given",
    "won",
    "lost",
    "got",
    "gotten",
    "had",
    "said",
    "told",
    "come",
    "become",
    "kept",
    "left",
    "met",
    "run",
    "put",
    "thought",
    "heard",
    "paid",
    "sent",
    "spent",
    "held",
    "brought",
    "bought",
    "found",
    "shown",
    "written",
    "chosen",
    "fallen",
    "taught",
    "stood",
    "understood",
    "sold",
    "begun",
    "driven",
    "grown",
    "spoken",
    "broken",
    "beaten",
    "hit",
    "let",
    "felt",
    "read",
];
/// How far before "could" a "before" makes it past ability, in tokens.
const BEFORE_WINDOW: usize = 3;
/// Words after "so" that measure a degree ("so much could change"), not
/// the subject of a clause of purpose.
const DEGREE_WORDS: &[&str] = &["much", "many", "few", "little", "far", "long", "well"];
/// The longest subject between "so (that)" and "could", in tokens.
const PURPOSE_SUBJECT: usize = 2;
/// Forms of "suggest" that can propose a course of action.
const SUGGEST_FORMS: &[&str] = &["suggest", "suggests", "suggested", "suggesting"];
/// Modals of duty that make a "suggest" clause a proposal.
const DUTY_MODALS: &[&str] = &["should", "ought"];
/// How far after "suggest" a modal of duty may stand, in tokens ("suggested
/// that the new studios should").
const PROPOSAL_WINDOW: usize = 5;
/// How far before "expected" a "than" makes it a comparison, in tokens.
const THAN_WINDOW: usize = 4;
/// Boosters that a negation before them does not turn into doubt: "did
/// not in fact exist", "was not actually plugged in" deny emphatically.
/// "Not certain", "not clear that", "not necessarily" do hedge.
const EMPHATIC_ADVERBS: &[&str] = &["in fact", "actually", "indeed", "of course", "naturally"];
/// Emphatic adverbs that assert only in a clause that asserts: "if he is
/// actually leading", "how many actually voted" and "could we actually
/// win?" mean "in reality" and commit the writer to nothing.
const ASSERTING_ADVERBS: &[&str] = &["in fact", "actually", "indeed"];
/// Words that open a clause asserting nothing: a condition or an indirect
/// question. "when", "where" and "why" are left out: "when in fact",
/// "to the point where they actually believe" and "explained why it is
/// actually a compliment" contrast or assert.
const NON_ASSERTING_OPENERS: &[&str] = &["if", "whether", "unless", "what", "how"];
/// How far before an emphatic adverb such an opener may stand, in tokens
/// ("if he is close or is actually leading").
const NON_ASSERTING_WINDOW: usize = 6;
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

    let covered = covering_categories(lexicon, matches, tokens.len());
    let mut run = CapitalRun::default();
    let mut title_case = TitleCase::default();
    matches.retain(|m| {
        let entry = &lexicon.entries[m.entry as usize];
        // Most matches are in no name, and their paragraph's case is not
        // looked at (a match in a name has a token).
        if entry.exception
            || (in_a_name(text, analysis, entry, m, &covered, &mut run)
                && !title_case.of(text, tokens, m.tokens.start as usize))
        {
            return false;
        }
        let first = m.tokens.start as usize;
        let stem_noun = m.category == hedging
            && matches!(entry.steps.first(), Some(Step::Stem(_)))
            && first > 0
            && (after_determiner(analysis, first)
                || NUMBER_WORDS.contains(&key(first - 1)) && tokens[first - 1].join == Join::Space);
        if stem_noun {
            return false;
        }
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
        if m.category == hedging && m.tokens.len() == 1 && key(first) == "if" {
            let asked = windows::before(tokens, first, QUESTION_WINDOW)
                .rev()
                .take_while(|&i| !CLAUSE_OPENERS.contains(&key(i)))
                .any(|i| QUESTION_VERBS.contains(&key(i)));
            if asked {
                return false;
            }
        }
        if m.category == hedging
            && m.tokens.len() == 1
            && key(first) == "if"
            && (counterfactual(analysis, first) || if_not_grades(analysis, first))
        {
            return false;
        }
        if m.category == hedging && m.tokens.len() == 1 && ABILITY_MODALS.contains(&key(first)) {
            let before = windows::before(tokens, first, BEFORE_WINDOW)
                .rev()
                .take_while(|&i| tokens[i].join != Join::Break)
                .any(|i| key(i) == "before");
            if before {
                return false;
            }
            // "could not", and "could n't" as some corpora split it.
            let next_is_not = tokens
                .get(first + 1)
                .is_some_and(|_| matches!(key(first + 1), "not" | "n't"))
                && tokens[first].join == Join::Space;
            if next_is_not || purpose_clause(analysis, first) {
                return false;
            }
        }
        if m.category == hedging
            && m.tokens.len() == 1
            && key(first) == "expected"
            && windows::before(tokens, first, THAN_WINDOW)
                .rev()
                .take_while(|&i| tokens[i].join == Join::Space && key(i) != "that")
                .any(|i| key(i) == "than")
        {
            return false;
        }
        if m.category == hedging
            && m.tokens.len() == 1
            && SUGGEST_FORMS.contains(&key(first))
            && proposes(analysis, first)
        {
            return false;
        }
        if m.category == boosters
            && ASSERTING_ADVERBS.contains(&&*entry.words())
            && asserts_nothing(text, analysis, m)
        {
            return false;
        }
        true
    });

    for m in matches.iter_mut() {
        if m.category == boosters
            && is_negated(analysis, m)
            && !EMPHATIC_ADVERBS.contains(&&*lexicon.entries[m.entry as usize].words())
        {
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

/// Whether the clause of `m` asserts nothing: a conditional or
/// interrogative word opens it a few tokens before with no punctuation
/// between, an inverted "should" opens it ("should there ever actually be
/// one"), or it runs unbroken to a question mark. A "what" that opens a
/// sentence or follows punctuation starts a pseudo-cleft ("What we are
/// actually doing is ..."), which asserts.
fn asserts_nothing(text: &str, analysis: &Analysis, m: &Match) -> bool {
    let tokens = &analysis.tokens;
    let key = |i: usize| analysis.key(&tokens[i]);
    let clause_start = |i: usize| {
        i == 0
            || tokens[i - 1].join == Join::Break
            || tokens[i - 1].sentence != tokens[i].sentence
            || tokens[i - 1].quote != tokens[i].quote
    };
    let first = m.tokens.start as usize;
    let opened = windows::before(tokens, first, NON_ASSERTING_WINDOW)
        .rev()
        .take_while(|&i| tokens[i].join != Join::Break)
        .any(|i| match key(i) {
            "should" => clause_start(i),
            "what" => !clause_start(i),
            word => NON_ASSERTING_OPENERS.contains(&word),
        });
    opened || ends_in_a_question(text, analysis, m)
}

/// Whether the words from `m` on run with no punctuation to a question mark.
fn ends_in_a_question(text: &str, analysis: &Analysis, m: &Match) -> bool {
    let tokens = &analysis.tokens;
    let sentence = tokens[m.tokens.start as usize].sentence;
    let last = (m.tokens.end as usize - 1..tokens.len())
        .take_while(|&i| tokens[i].sentence == sentence)
        .find(|&i| tokens[i].join == Join::Break);
    let Some(last) = last else {
        return false;
    };
    text[tokens[last].end..]
        .trim_start_matches(|c: char| c.is_whitespace() || "\"'\u{201d}\u{2019})]".contains(c))
        .starts_with('?')
}

/// Whether the "if" at `at` opens a past perfect ("if he had known", "if
/// the deal had not been signed"): a short subject joined by spaces, then
/// "had" or "hadn't", at most one adverb, and a past participle.
fn counterfactual(analysis: &Analysis, at: usize) -> bool {
    let tokens = &analysis.tokens;
    let key = |i: usize| analysis.key(&tokens[i]);
    let joined = |i: usize| tokens[i].join == Join::Space;
    if !joined(at) {
        return false;
    }
    let Some(had) = (at + 2..=at + 1 + COUNTERFACTUAL_SUBJECT)
        .take_while(|&i| i < tokens.len() && joined(i - 1))
        .find(|&i| matches!(key(i), "had" | "hadn't"))
    else {
        return false;
    };
    let mut next = had + 1;
    if next < tokens.len() && joined(next - 1) && PERFECT_ADVERBS.contains(&key(next)) {
        next += 1;
    }
    next < tokens.len() && joined(next - 1) && is_participle(key(next))
}

/// Whether `word` can be a past participle: a listed irregular form, or a
/// regular one in "-ed".
fn is_participle(word: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&word) || (word.len() > 4 && word.ends_with("ed"))
}

/// Whether the "if" at `at` is the "if not" of "X, if not Y": not the first
/// word of its sentence, "not" right after it, and a word after "not" that
/// is neither punctuation ("if not, ...") nor a participle ("if not
/// reformed", an elided condition).
fn if_not_grades(analysis: &Analysis, at: usize) -> bool {
    let tokens = &analysis.tokens;
    let key = |i: usize| analysis.key(&tokens[i]);
    at > 0
        && tokens[at - 1].sentence == tokens[at].sentence
        && tokens[at].join == Join::Space
        && at + 2 < tokens.len()
        && key(at + 1) == "not"
        && tokens[at + 1].join == Join::Space
        && tokens[at + 2].sentence == tokens[at].sentence
        && !is_participle(key(at + 2))
}

/// Whether the "could" at `at` ends "so (that) SUBJECT", a clause of
/// purpose: "so" follows a word with no punctuation between, and the
/// subject is one word ("so he", "so relatives") or a determiner and a noun
/// ("so that his father"), all joined by spaces.
fn purpose_clause(analysis: &Analysis, at: usize) -> bool {
    let tokens = &analysis.tokens;
    let key = |i: usize| analysis.key(&tokens[i]);
    (1..=PURPOSE_SUBJECT).any(|len| {
        let Some(subject) = at.checked_sub(len) else {
            return false;
        };
        let so = if subject >= 2 && key(subject - 1) == "that" && key(subject - 2) == "so" {
            subject - 2
        } else if subject >= 1 && key(subject - 1) == "so" {
            subject - 1
        } else {
            return false;
        };
        let subject_fits = if len == 1 {
            !DEGREE_WORDS.contains(&key(subject)) && key(subject) != "that"
        } else {
            DETERMINERS.contains(&key(subject))
        };
        so > 0
            && subject_fits
            && (so - 1..at)
                .all(|i| tokens[i].join == Join::Space && tokens[i].sentence == tokens[at].sentence)
    })
}

/// Whether the "suggest" at `at` has "should" or "ought" a few words on,
/// all joined by spaces: a proposal, not a hedged claim.
fn proposes(analysis: &Analysis, at: usize) -> bool {
    let tokens = &analysis.tokens;
    (at + 1..tokens.len().min(at + 1 + PROPOSAL_WINDOW))
        .take_while(|&i| tokens[i - 1].join == Join::Space)
        .any(|i| DUTY_MODALS.contains(&analysis.key(&tokens[i])))
}

/// Per token, the categories whose matches (exceptions left out) cover it.
fn covering_categories(lexicon: &Lexicon, matches: &[Match], tokens: usize) -> Vec<u32> {
    let mut covered = vec![0u32; tokens];
    for m in matches {
        if !lexicon.entries[m.entry as usize].exception {
            for c in &mut covered[m.tokens.start as usize..m.tokens.end as usize] {
                *c |= category_bit(m.category);
            }
        }
    }
    covered
}

/// Whether the token before `first` is a determiner, a possessive or a
/// number, joined to it by a space.
fn after_determiner(analysis: &Analysis, first: usize) -> bool {
    let prev = &analysis.tokens[first - 1];
    let key = analysis.key(prev);
    prev.join == Join::Space
        && (prev.kind == TokenKind::Number || DETERMINERS.contains(&key) || key.ends_with("'s"))
}

/// Whether a token's text begins with a capital letter.
#[inline]
fn capitalised(text: &str, token: &Token) -> bool {
    let first = text.as_bytes()[token.start];
    if first.is_ascii() {
        first.is_ascii_uppercase()
    } else {
        text[token.start..token.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// The names guard: whether match `m` of `entry` lies inside a run of
/// capitalised words that is not the start of a sentence or a line.
///
/// The run is followed back over words joined by a space in the same
/// sentence. The match is in a name when its first word is capitalised and
/// is not the run's first word ("the Lib «Dems»", "The Lib «Dems»"), or when
/// the run itself starts after a word in mid-sentence ("Arsenal v «Stoke»"),
/// or it has two words or more and follows a comma or an opening bracket in
/// mid-sentence ("Blue, «Brutal» Hearts"; see [`opens_a_title`]).
/// A run that starts a sentence, follows other punctuation or a quotation mark, or
/// starts a line is read as ordinary capitals, and so is every word of a
/// paragraph in title case (a headline); so is a run of two words or
/// more whose every word is a match of the same category (`covered`), which
/// is capitalised for emphasis ("a Rigged Witch Hunt"), not a name.
///
/// `run` keeps the last run found: matches come in text order, and a long
/// run holding many of them is walked once, not once per match.
fn in_a_name(
    text: &str,
    analysis: &Analysis,
    entry: &crate::lexicon::Entry,
    m: &Match,
    covered: &[u32],
    run: &mut CapitalRun,
) -> bool {
    let tokens = &analysis.tokens;
    let first = m.tokens.start as usize;
    if m.tokens.is_empty()
        || !capitalised(text, &tokens[first])
        || entry.steps.iter().any(|s| matches!(s, Step::Cased(_)))
    {
        return false;
    }
    let joined = |i: usize| {
        let prev = &tokens[i - 1];
        prev.join == Join::Space && prev.sentence == tokens[i].sentence
    };
    if !run.span.contains(&first) {
        // A capitalised word belongs to one run, whichever word of it the
        // walk starts from.
        let mut start = first;
        while start > 0 && joined(start) && capitalised(text, &tokens[start - 1]) {
            start -= 1;
        }
        let mut end = first + 1;
        while end < tokens.len() && joined(end) && capitalised(text, &tokens[end]) {
            end += 1;
        }
        let all = covered[start..end].iter().fold(u32::MAX, |all, &c| all & c);
        *run = CapitalRun {
            span: start..end,
            covered_by_all: all,
        };
    }
    let (start, end) = (run.span.start, run.span.end);
    if end - start > 1 && run.covered_by_all & category_bit(m.category) != 0 {
        return false;
    }
    start < first || (start > 0 && joined(start)) || opens_a_title(text, tokens, start, end)
}

/// Whether a run of two capitalised words or more starts right after a comma
/// or an opening bracket in mid-sentence: a title or a name in a list or an
/// aside ("the albums Blue, «Brutal» Hearts and Gold", "Jo Hodge («Brutal»
/// Show)"), where an ordinary word would not be capitalised. A colon, a
/// dash or a quotation mark opens speech or a slogan instead (a shirt
/// reading "Brutal Hoax Now"), so they do not count.
fn opens_a_title(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    if end - start < 2 || start == 0 {
        return false;
    }
    let prev = &tokens[start - 1];
    prev.join == Join::Break
        && prev.sentence == tokens[start].sentence
        && matches!(text[prev.end..tokens[start].start].trim(), "," | "(")
}

/// A run of capitalised words the names guard has walked.
#[derive(Default)]
struct CapitalRun {
    /// Its tokens.
    span: std::ops::Range<usize>,
    /// The category bits that cover every one of its tokens.
    covered_by_all: u32,
}

/// Whether a paragraph is written in title case, as headlines often are
/// ("Senator Slams Plan As Reckless"): three words or more, at least 60% of
/// them capitalised. The names guard cannot tell names there.
///
/// Only the paragraphs of matches in a name are looked at, each once while
/// its matches follow one another; the last one is kept.
#[derive(Default)]
struct TitleCase {
    paragraph: Option<u32>,
    title: bool,
}

impl TitleCase {
    /// Whether the paragraph of token `at` is in title case.
    fn of(&mut self, text: &str, tokens: &[Token], at: usize) -> bool {
        let paragraph = tokens[at].paragraph;
        if self.paragraph != Some(paragraph) {
            let (mut words, mut capitals) = (0u32, 0u32);
            for token in tokens[windows::around(tokens, at, |t| t.paragraph)]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
            {
                words += 1;
                capitals += u32::from(capitalised(text, token));
            }
            self.title = words >= 3 && capitals * 5 >= words * 3;
            self.paragraph = Some(paragraph);
        }
        self.title
    }
}

/// Per paragraph, whether it is written in title case: the whole article at
/// once, the reference of [`TitleCase`] in the tests.
#[cfg(test)]
fn title_case_paragraphs(text: &str, analysis: &Analysis) -> Vec<bool> {
    let mut counts = vec![(0u32, 0u32); analysis.paragraphs as usize + 1];
    for token in analysis.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let (words, capitals) = &mut counts[token.paragraph as usize];
        *words += 1;
        *capitals += u32::from(capitalised(text, token));
    }
    counts
        .into_iter()
        .map(|(words, capitals)| words >= 3 && capitals * 5 >= words * 3)
        .collect()
}

/// The bit of a category in a per-token mask of covering categories; the
/// 32nd category and beyond share the last bit.
fn category_bit(category: u16) -> u32 {
    1 << category.min(31)
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
                start: crate::lexicon::offset(colon),
                end: crate::lexicon::offset(colon + 1),
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

    /// Each attribution cue's source class and the words naming it.
    fn sources_of(text: &str) -> Vec<(Source, &str)> {
        let mut ws = Workspace::default();
        scorer().score(text, 0, &mut ws);
        let tokens = &ws.analysis.tokens;
        ws.sources
            .iter()
            .map(|a| {
                let span = match (a.tokens.start as usize, a.tokens.end as usize) {
                    (s, e) if s < e => &text[tokens[s].start..tokens[e - 1].end],
                    _ => "",
                };
                (a.source, span)
            })
            .collect()
    }
    #[test]
    fn negation_turns_certainty_into_doubt() {
        check(
            "hedging",
            &[
                (
                    "It is not clear whether the talks will resume.",
                    &["not clear"],
                ),
                ("Officials are not certain of the date.", &["not certain"]),
                ("There is no doubt about the outcome.", &[]),
                ("It is not obvious who benefits.", &["obvious"]),
                ("Some doubt the plan will work.", &["doubt"]),
                ("The account did not in fact exist.", &[]),
                ("They have never actually met.", &[]),
            ],
        );
        check(
            "boosters",
            &[
                ("The account did not in fact exist.", &["in fact"]),
                ("They have never actually met.", &["actually"]),
                ("There is no doubt about the outcome.", &["no doubt"]),
                ("It is not obvious who benefits.", &[]),
                ("It is obvious who benefits.", &["It is obvious"]),
            ],
        );
    }

    #[test]
    fn emphatic_adverbs_boost_only_in_a_clause_that_asserts() {
        check(
            "boosters",
            &[
                ("The tax cut actually reduced revenue.", &["actually"]),
                ("He is actually leading in the polls.", &["actually"]),
                ("If he is close or is actually leading, he wins.", &[]),
                ("Nobody knows whether the plan will in fact work.", &[]),
                ("The board asked how many of them indeed attended.", &[]),
                ("The voters wondered what the mayor actually meant.", &[]),
                ("Should there ever actually be a vote, it will pass.", &[]),
                ("Will the senator actually vote for the bill?", &[]),
                // A comma ends the clause before the question tag.
                ("You actually like the plan, don't you?", &["actually"]),
                // A pseudo-cleft and a contrastive "when" assert.
                (
                    "What we are actually doing is cutting costs.",
                    &["actually"],
                ),
                ("He said it was new, when in fact it was old.", &["in fact"]),
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
                ("Before Italy could recover, Wales scored.", &[]),
                ("The pier closed before the ferry could dock.", &[]),
                ("Rates could rise before the summer.", &["could"]),
                ("Before long, prices could fall.", &["could"]),
                ("They moved the match so fans could travel.", &[]),
                ("He stayed late so he could finish.", &[]),
                ("She saved so that her son could study.", &[]),
                ("They left early so that the crew could rest.", &[]),
                ("The teams are close, so we could win.", &["could"]),
                ("So we could lose the lot.", &["could"]),
                ("The storm was so bad it could flood the pier.", &["could"]),
                ("Prices rose so much that shares could fall.", &["could"]),
            ],
        );
    }

    /// The shipped list's exceptions for senses no rule needs: trusting a
    /// person, a flat impossibility, an expectation the text has overtaken.
    #[test]
    fn credence_impossibility_and_overtaken_forecasts_are_not_hedges() {
        check(
            "hedging",
            &[
                ("Believe me, the pier will hold.", &[]),
                ("Nobody should believe them.", &[]),
                ("Every witness should be believed.", &[]),
                ("Many believe the pier is safe.", &["believe"]),
                ("The pier is believed to be safe.", &["believed"]),
                ("Nothing could save the pier.", &[]),
                ("No one could have seen it.", &[]),
                ("The storm could damage the pier.", &["could"]),
                ("The closure had been expected.", &[]),
                ("The ferry had been expected to sail, but it stayed.", &[]),
                ("The ferry is expected to sail.", &["expected to"]),
            ],
        );
    }

    /// "fear" with its clause but without "that" is the listed "fear that";
    /// a trader is no guess.
    #[test]
    fn fear_without_that_hedges_and_speculators_do_not() {
        check(
            "hedging",
            &[
                ("Critics fear it will close.", &["fear it"]),
                ("She feared he would leave.", &["feared he"]),
                ("Residents fear that the pier will close.", &["fear that"]),
                ("Currency speculators sold the pound.", &[]),
                ("Some speculate that the pier will close.", &["speculate"]),
            ],
        );
    }

    /// The shipped list's exceptions for a wish, a withheld answer, an
    /// enabling cause, a concession and a counter-expectation.
    #[test]
    fn wishes_withheld_answers_and_enabling_causes_are_not_hedges() {
        check(
            "hedging",
            &[
                ("It would be nice if the ferry ran.", &[]),
                ("It would have been far better if he had stayed.", &[]),
                ("The ferry will run if it is calm.", &["if"]),
                ("The council did not say if the pier would close.", &[]),
                ("She refused to confirm if the pier was safe.", &[]),
                ("They say if it rains the pier will close.", &["if"]),
                ("Cheap steel made possible the new pier.", &[]),
                ("The crossing is possible thanks to the ferry.", &[]),
                ("Together we showed what's possible.", &[]),
                ("A closure is possible next year.", &["possible"]),
                ("It does not matter if it rains.", &[]),
                ("It cost more than if it had stayed open.", &[]),
                ("You would think the pier was new.", &[]),
                ("You'd think the pier was new.", &[]),
                ("Nobody should presume to speak for us.", &[]),
                ("I presume the pier is safe.", &["presume"]),
            ],
        );
    }

    #[test]
    fn expected_after_than_is_a_known_outcome() {
        check(
            "hedging",
            &[
                ("Profits were lower than analysts had expected.", &[]),
                ("It went faster than we expected.", &[]),
                (
                    "No one said more than that he expected rain.",
                    &["expected"],
                ),
                ("Rather than rain, he expected snow.", &["expected"]),
                ("Analysts expected a fall.", &["expected"]),
            ],
        );
    }

    #[test]
    fn suggest_with_should_is_a_proposal() {
        check(
            "hedging",
            &[
                ("The data suggest the pier is unsafe.", &["suggest"]),
                ("He suggested the council should close the pier.", &[]),
                ("She suggests that ferries ought to run later.", &[]),
                ("The report suggested that the mayor should resign.", &[]),
                (
                    "Tests suggested that, in time, the pier should hold.",
                    &["suggested"],
                ),
            ],
        );
    }

    #[test]
    fn if_after_ask_is_an_indirect_question() {
        check(
            "hedging",
            &[
                (
                    "The mayor asked the ferry crew if they had seen the gulls.",
                    &[],
                ),
                (
                    "Asked by a local reporter if he would stand again, he smiled.",
                    &[],
                ),
                ("They will sail if the wind drops.", &["if"]),
                (
                    "She wondered what would happen if the pier closed.",
                    &["if"],
                ),
            ],
        );
    }

    #[test]
    fn if_not_that_grades_a_claim_is_no_condition() {
        check(
            "hedging",
            &[
                ("The repair is hard, if not impossible.", &[]),
                ("Hundreds if not thousands of gulls came.", &[]),
                ("If not, the pier will close.", &["If"]),
                ("The ferry may sail. If not, we wait.", &["may", "If"]),
                ("The pier, if not repaired, will close.", &["if"]),
                ("The pier, if not rebuilt, will close.", &["if"]),
                ("The loan, if not repaid soon, will default.", &["if"]),
                ("We go if the wind drops.", &["if"]),
            ],
        );
    }

    #[test]
    fn if_with_a_past_perfect_is_a_counterfactual() {
        check(
            "hedging",
            &[
                ("If he had known, he would have stayed.", &[]),
                ("We would have won if the keeper had not slipped.", &[]),
                ("If the ferry had been late, nobody noticed.", &[]),
                (
                    "If the council hadn't acted, the pier would have gone.",
                    &[],
                ),
                ("If they had to pay more, they would leave.", &["If"]),
                ("If we had a choice, we would stay.", &["If"]),
                ("If the gulls return, the pier will close.", &["If"]),
                (
                    "If, as the mayor had hoped, it rains, the fire ends.",
                    &["If"],
                ),
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

    /// Named is a source a reader could check; a weekday, a nationality or a
    /// description is not one, and a spokesman or analyst before a name is
    /// that name's.
    #[test]
    fn sources_a_reader_could_check_are_named() {
        use Source::{Anonymous, Named, Unresolved};
        let cases: &[(&str, &[(Source, &str)])] = &[
            (
                "Ms Hale's official spokesman said the plan was dropped.",
                &[(Named, "Ms Hale's")],
            ),
            (
                "The official Tallin News Agency said the bridge reopened.",
                &[(Named, "Tallin News Agency")],
            ),
            (
                "Sales will fall, according to research from analysts Brightline.",
                &[(Named, "Brightline")],
            ),
            (
                "Brightline analysts said sales will fall.",
                &[(Anonymous, "analysts")],
            ),
            (
                "Some charities said the fund was too small.",
                &[(Anonymous, "Some")],
            ),
            (
                "Supporters say the law is fair.",
                &[(Anonymous, "Supporters")],
            ),
            (
                "Sources close to Mr Orme said he would quit.",
                &[(Anonymous, "Sources close to")],
            ),
            (
                "Critics, speaking privately, said Mr Orme would quit.",
                &[(Anonymous, "Critics")],
            ),
            (
                "The mayor, Jon Reed, on Saturday called the plan a failure.",
                &[(Unresolved, "")],
            ),
            (
                "On Wednesday the council said the road would close.",
                &[(Unresolved, "")],
            ),
            (
                "“We are ready,” said Lena Ortiz, an official from the port authority.",
                &[(Named, "Lena Ortiz")],
            ),
            (
                "“We are ready,” said French trade minister Lena Ortiz.",
                &[(Named, "Lena Ortiz")],
            ),
            (
                "The pan-European exchange said it may bid.",
                &[(Unresolved, "")],
            ),
            (
                "Town hall budgets, it was said, are cut.",
                &[(Unresolved, "")],
            ),
            (
                "The group backs the rules, saying that many firms agree.",
                &[(Unresolved, "")],
            ),
            (
                "Half of the cards were new, while 30% said only some were.",
                &[(Unresolved, "")],
            ),
            (
                "The rail union, which campaigns on many issues, said fares rose.",
                &[(Unresolved, "")],
            ),
            (
                "According to the rail board, many firms had found the fares high.",
                &[(Unresolved, "")],
            ),
            (
                "The format has more fans, according to its backers.",
                &[(Anonymous, "backers")],
            ),
            (
                "Fares rose by 4%, according to figures released by the Rail Board.",
                &[(Named, "Rail Board")],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(sources_of(text), *want, "{text:?}");
        }
    }

    /// A short quotation in a sentence whose speaker is named is the
    /// speaker's words, however far the reporting verb stands.
    #[test]
    fn a_cue_anywhere_in_the_sentence_makes_a_direct_quote() {
        use crate::score::QuoteKind::{Direct, Scare};
        let kinds = |text: &str| {
            let mut ws = Workspace::default();
            scorer().score(text, 0, &mut ws);
            ws.quote_kinds.clone()
        };
        let cases: &[(&str, &[crate::score::QuoteKind])] = &[
            (
                "Ms Hale said the new rules for the harbour had been a “shambles”.",
                &[Direct],
            ),
            (
                "The “shambles” at the harbour cost the town dearly, the mayor told the council.",
                &[Direct],
            ),
            ("The harbour rules were a “shambles” for years.", &[Scare]),
            (
                "Ms Hale spoke. The harbour rules were a “shambles” for years.",
                &[Scare],
            ),
            // A verb that names or judges someone's words is no attribution
            // cue, but the quoted words are still the speaker's.
            (
                "The ferry captain branded the new harbour rules “a farce”.",
                &[Direct],
            ),
            (
                "Councillor Reed likened the two rival harbour masters to “sulking pupils”.",
                &[Direct],
            ),
            (
                "Later the skipper apologised at length for his “thoughtless remarks”.",
                &[Direct],
            ),
            // Only in the quotation's own sentence.
            (
                "The skipper apologised. His “thoughtless remarks” were forgotten.",
                &[Scare],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(kinds(text), *want, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// The names guard keeps the last run it walked: its verdicts are
        /// those of a walk from each match afresh.
        #[test]
        fn the_names_guard_gives_a_fresh_walks_verdicts(text in crate::score::testing::article()) {
            use super::{CapitalRun, covering_categories, in_a_name};
            let scorer = scorer();
            let mut ws = Workspace::default();
            ws.analysis.analyze(&text, 0);
            scorer.matcher.find(&ws.analysis, &mut ws.scratch, &mut ws.matches);
            let lexicon = scorer.lexicon();
            let covered = covering_categories(lexicon, &ws.matches, ws.analysis.tokens.len());
            let mut kept = CapitalRun::default();
            for m in &ws.matches {
                let entry = &lexicon.entries[m.entry as usize];
                let fresh = in_a_name(&text, &ws.analysis, entry, m, &covered, &mut CapitalRun::default());
                let reused = in_a_name(&text, &ws.analysis, entry, m, &covered, &mut kept);
                proptest::prop_assert_eq!(reused, fresh, "{:?}", &text[m.span()]);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Paragraphs looked at one by one are in title case when the
        /// whole article's count says so.
        #[test]
        fn title_case_one_paragraph_at_a_time(text in crate::score::testing::article()) {
            use super::{TitleCase, title_case_paragraphs};
            let mut analysis = crate::text::Analysis::new();
            analysis.analyze(&text, 0);
            let whole = title_case_paragraphs(&text, &analysis);
            let mut kept = TitleCase::default();
            for (at, token) in analysis.tokens.iter().enumerate() {
                proptest::prop_assert_eq!(
                    kept.of(&text, &analysis.tokens, at),
                    whole[token.paragraph as usize]
                );
            }
        }
    }

    /// The matches of one category in `text`, with a lexicon written for the test.
    fn found_with(scorer: &Scorer, text: &str, category: &str) -> Vec<String> {
        let mut ws = Workspace::default();
        scorer
            .score(text, 0, &mut ws)
            .evidence()
            .into_iter()
            .filter(|e| e.category == category)
            .map(|e| e.matched.to_string())
            .collect()
    }

    fn test_scorer() -> Scorer {
        let lexicon = Lexicon::from_texts(
            std::path::Path::new("test"),
            &[
                (
                    "loaded.txt",
                    "slam\n!grand slam\ndems\nbrutal\n~stoke\n=Hell\n~hammer\nhoax\n",
                ),
                (
                    "hedging.txt",
                    "~suspect\nif\n!as if\n!even if\n~expect\n!expectations\n",
                ),
                ("boosters.txt", "clearly\n"),
                ("attribution.txt", "said\n"),
            ],
        )
        .unwrap();
        Scorer::new(lexicon)
    }

    #[test]
    fn the_names_guard() {
        let scorer = test_scorer();
        let cases: &[(&str, &[&str])] = &[
            ("Serena Williams won the Slam Dunk contest.", &[]),
            ("The Brutal Truth tour sold out.", &[]),
            ("Critics slam the plan.", &["slam"]),
            ("Slam poetry is loud.", &["Slam"]),
            ("The Lib Dems called it a hoax.", &["hoax"]),
            ("He voted for the Lib Dems.", &[]),
            ("Dems won.", &["Dems"]),
            ("“Brutal,” he said.", &["Brutal"]),
            ("He said: Brutal times lie ahead.", &["Brutal"]),
            (
                "It was brutal. Brutal times followed.",
                &["brutal", "Brutal"],
            ),
            ("Arsenal v Stoke ended 2-0.", &[]),
            ("The fans stoke tension.", &["stoke"]),
            ("Beck Answers With One Brutal Line\nHe spoke.", &["Brutal"]),
            ("It was, he said, a Brutal Truth tour.", &[]),
            // A run opened by a comma or a bracket is a title in a list or an aside.
            ("The list named Gandhi, Brutal Harry and several more.", &[]),
            (
                "The best actor award went to Jo Hodge (Brutal Show) this year.",
                &[],
            ),
            ("It was, Brutal as it sounds, fine.", &["Brutal"]),
            ("It was slow, Brutal and long.", &["Brutal"]),
            ("He said: Brutal Times Ahead.", &["Brutal"]),
            ("Rivals, Stoke Tension Now\nHe spoke.", &["Stoke"]),
            ("What the Hell Is This was released.", &["Hell"]),
            ("It is a Brutal Hoax, he wrote.", &["Brutal", "Hoax"]),
        ];
        for (text, want) in cases {
            assert_eq!(found_with(&scorer, text, "loaded"), *want, "{text:?}");
        }
    }

    #[test]
    fn exceptions_cancel_what_they_cover() {
        let scorer = test_scorer();
        let cases: &[(&str, &str, &[&str])] = &[
            ("loaded", "He won a grand slam of titles.", &[]),
            ("loaded", "Serena Williams won the Grand Slam title.", &[]),
            ("loaded", "They slam grand plans.", &["slam"]),
            ("hedging", "He acted as if nothing happened.", &[]),
            ("hedging", "Even if it rains, we go.", &[]),
            ("hedging", "Sales beat expectations.", &[]),
            ("hedging", "We expect rain.", &["expect"]),
            ("hedging", "If it rains, we stay.", &["If"]),
        ];
        for (category, text, want) in cases {
            assert_eq!(found_with(&scorer, text, category), *want, "{text:?}");
        }
    }

    #[test]
    fn a_stem_after_a_determiner_is_a_noun() {
        let scorer = test_scorer();
        let cases: &[(&str, &str, &[&str])] = &[
            ("hedging", "Police held a suspect.", &[]),
            ("hedging", "Police held two suspects.", &[]),
            ("hedging", "We suspect a leak.", &["suspect"]),
            (
                "loaded",
                "He hammered the plan, a hammer blow.",
                &["hammered", "hammer"],
            ),
        ];
        for (category, text, want) in cases {
            assert_eq!(found_with(&scorer, text, category), *want, "{text:?}");
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
            assert_eq!(sources_of(text), *want, "{text:?}");
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

    /// The regular forms of an English verb: base, third person, past, -ing;
    /// with both spellings of a doubled final l (backpedaled, backpedalled).
    fn inflections(verb: &str) -> Vec<String> {
        let vowel = |c: char| "aeiou".contains(c);
        let chars: Vec<char> = verb.chars().collect();
        let n = chars.len();
        let last = chars[n - 1];
        let third =
            if verb.ends_with(['s', 'x', 'z', 'o']) || verb.ends_with("sh") || verb.ends_with("ch")
            {
                format!("{verb}es")
            } else if last == 'y' && !vowel(chars[n - 2]) {
                format!("{}ies", &verb[..n - 1])
            } else {
                format!("{verb}s")
            };
        // One-syllable consonant-vowel-consonant verbs double the consonant
        // (slam, slammed); a final l after one vowel may double (British).
        let cvc = n >= 3
            && !vowel(last)
            && !"wxy".contains(last)
            && vowel(chars[n - 2])
            && !vowel(chars[n - 3]);
        let last_part = verb.rsplit('-').next().unwrap_or(verb);
        let one_syllable = last_part.chars().filter(|&c| vowel(c)).count() == 1;
        let mut stems = vec![verb.to_string()];
        if cvc && (one_syllable || last == 'l') {
            let doubled = format!("{verb}{last}");
            if one_syllable {
                stems = vec![doubled];
            } else {
                stems.push(doubled);
            }
        }
        let mut forms = vec![verb.to_string(), third];
        for stem in stems {
            if last == 'e' {
                forms.push(format!("{verb}d"));
                forms.push(format!("{}ing", &verb[..n - 1]));
            } else if last == 'y' && !vowel(chars[n - 2]) {
                forms.push(format!("{}ied", &verb[..n - 1]));
                forms.push(format!("{verb}ing"));
            } else {
                forms.push(format!("{stem}ed"));
                forms.push(format!("{stem}ing"));
            }
        }
        forms
    }

    /// Every shipped stem entry (`~slam`, `~tear into`) matches the regular
    /// forms of its verb, and irregular forms are listed as alternates (or
    /// as entries of their own), so "tore into" and "scoffed" are found. A
    /// form that its list cancels by name (`!suspects`, a noun far more
    /// often than a verb) is a written choice, not a gap.
    #[test]
    fn stem_entries_reach_every_form_of_their_verb() {
        let lexicon = scorer().lexicon();
        let irregular: &[(&str, &[&str])] = &[
            ("tear", &["tore", "torn"]),
            ("think", &["thought that", "thought to"]),
            ("feel", &["felt"]),
            ("rip", &["ripped"]),
        ];
        let mut missing = Vec::new();
        for entry in lexicon.entries() {
            let Some(body) = entry.text.strip_prefix('~') else {
                continue;
            };
            let category = lexicon.categories()[entry.category as usize].name.clone();
            // Paired labels (labels.txt) are counted by `terms`, not matched here.
            if lexicon.scored_named(&category).is_none() {
                continue;
            }
            let mut words = body.split_whitespace();
            let verb = words.next().unwrap();
            let rest: Vec<&str> = words.collect();
            let mut forms = inflections(verb);
            if let Some((_, extra)) = irregular.iter().find(|(v, _)| *v == verb) {
                forms.extend(extra.iter().map(|f| f.to_string()));
            }
            for form in forms {
                let cancelled = format!("!{form}");
                if lexicon
                    .entries()
                    .iter()
                    .any(|e| e.exception && e.category == entry.category && *e.text == *cancelled)
                {
                    continue;
                }
                let phrase = std::iter::once(form.as_str())
                    .chain(rest.iter().copied())
                    .collect::<Vec<_>>()
                    .join(" ");
                let text = format!("They {phrase} now.");
                let got = found(&text, &category);
                if !got.iter().any(|m| m.starts_with(form.as_str())) {
                    missing.push(format!("{}: {phrase}", entry.text));
                }
            }
        }
        assert!(missing.is_empty(), "forms not matched: {missing:#?}");
    }
}
