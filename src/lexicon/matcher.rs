//! The compiled matcher: a trie over entry words, walked once per token.
//!
//! The numbering of steps and the per-form cache live in `forms.rs`; this
//! file builds the trie and walks it, leftmost-longest per category.

mod forms;
#[cfg(test)]
mod reference;

use super::{Lexicon, Step};
use crate::text::{Analysis, Join};
use forms::{FormSymbols, Symbols};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// One lexicon entry found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the entry in [`Lexicon::entries`].
    pub entry: u32,
    /// Index of the entry's category.
    pub category: u16,
    /// The tokens matched.
    pub tokens: Range<u32>,
    /// Byte offset where the match starts (texts are under 4 GiB, see
    /// [`MAX_TEXT_BYTES`]; 32 bits keep dense articles' matches small).
    pub start: u32,
    /// Byte offset where the match ends.
    pub end: u32,
}

/// The longest text the matcher takes, in bytes: offsets are kept in 32 bits.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

impl Match {
    /// The byte range of the matched text.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A byte offset as a match keeps it.
pub(crate) fn offset(at: usize) -> u32 {
    debug_assert!(
        at <= MAX_TEXT_BYTES,
        "a text over 4 GiB reached the matcher"
    );
    at as u32
}

/// Gives every matcher its own number, so that a [`Scratch`] can tell whose
/// symbols it holds.
static MATCHERS: AtomicU64 = AtomicU64::new(1);

/// A lexicon compiled for matching; immutable and shared between threads.
#[derive(Debug)]
pub struct Matcher {
    lexicon: Arc<Lexicon>,
    symbols: Symbols,
    /// Child of (node, symbol), keyed `node << 32 | symbol`.
    edges: FxHashMap<u64, u32>,
    /// Children taken only after a hyphen, from entries written with one
    /// ("would-be"): kept apart so that a phrase written with a space still
    /// matches over a hyphen, while one written with a hyphen needs it.
    hyphen_edges: FxHashMap<u64, u32>,
    /// Per node, where its entries lie in `ends`.
    node_ends: Vec<Range<u32>>,
    /// Entries that end at each node, in lexicon order, with their categories.
    ends: Vec<(u32, u16)>,
    id: u64,
}

pub(super) fn edge(node: u32, symbol: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(symbol)
}

/// Buffers one thread reuses from document to document, for one matcher.
pub struct Scratch {
    frontier: Vec<u32>,
    next: Vec<u32>,
    best: Vec<Option<(u32, u32)>>,
    covered: Vec<u32>,
    forms: FormSymbols,
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            frontier: Vec::new(),
            next: Vec::new(),
            best: Vec::new(),
            covered: Vec::new(),
            forms: FormSymbols {
                index: Vec::new(),
                pool: Vec::new(),
                made_for: (0, 0),
                stemmer: Stemmer::create(Algorithm::English),
            },
        }
    }
}

impl Matcher {
    /// Compiles `lexicon` into a trie.
    pub fn new(lexicon: impl Into<Arc<Lexicon>>) -> Matcher {
        Matcher::for_categories(lexicon, |_| true)
    }

    /// Compiles only the entries of the categories `keep` accepts; match
    /// ids still index the whole lexicon.
    pub fn for_categories(lexicon: impl Into<Arc<Lexicon>>, keep: impl Fn(u16) -> bool) -> Matcher {
        let lexicon = lexicon.into();
        let mut symbols = Symbols::default();
        let mut edges = FxHashMap::default();
        let mut hyphen_edges = FxHashMap::default();
        let mut ends = vec![Vec::new()];
        for (id, entry) in lexicon.entries.iter().enumerate() {
            if entry.steps.contains(&Step::QuoteColon) || !keep(entry.category) {
                continue;
            }
            let mut at = 0u32;
            let mut after_hyphen = false;
            for step in &entry.steps {
                if *step == Step::Hyphen {
                    after_hyphen = true;
                    continue;
                }
                let symbol = symbols.add(step);
                let map = if after_hyphen {
                    &mut hyphen_edges
                } else {
                    &mut edges
                };
                after_hyphen = false;
                let fresh = ends.len() as u32;
                at = *map.entry(edge(at, symbol)).or_insert(fresh);
                if at == fresh {
                    ends.push(Vec::new());
                }
            }
            ends[at as usize].push(id as u32);
        }
        let mut node_ends = Vec::with_capacity(ends.len());
        let mut flat = Vec::new();
        for entries in ends {
            let start = flat.len() as u32;
            flat.extend(
                entries
                    .iter()
                    .map(|&e| (e, lexicon.entries[e as usize].category)),
            );
            node_ends.push(start..flat.len() as u32);
        }
        Matcher {
            lexicon,
            symbols,
            edges,
            hyphen_edges,
            node_ends,
            ends: flat,
            id: MATCHERS.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The lexicon this matcher was compiled from.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Finds every match in an analysed document, replacing the contents of `out`.
    ///
    /// Within a category the leftmost match wins, then the longest, and no
    /// token is counted twice; categories are matched independently. Phrases
    /// run over white space and hyphens but not over punctuation.
    pub fn find(&self, analysis: &Analysis, scratch: &mut Scratch, out: &mut Vec<Match>) {
        out.clear();
        self.find_in(analysis, 0..analysis.tokens.len(), scratch, out);
    }

    /// Appends to `out` the matches that start at the tokens `starts`, found
    /// as [`Matcher::find`] finds them.
    pub fn find_in(
        &self,
        analysis: &Analysis,
        starts: Range<usize>,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) {
        let categories = self.lexicon.categories.len();
        let Scratch {
            frontier,
            next,
            best,
            covered,
            forms,
        } = scratch;
        covered.clear();
        covered.resize(categories, starts.start as u32);
        best.clear();
        best.resize(categories, None);
        let vocabulary = &analysis.vocabulary;
        forms.prepare(self, vocabulary);
        let tokens = &analysis.tokens;
        for i in starts.start..starts.end.min(tokens.len()) {
            // Most tokens begin no entry: nothing to walk.
            if !forms.begins(self, vocabulary, tokens[i].form) {
                continue;
            }
            let mut found = false;
            let mut j = i;
            while j < tokens.len() {
                if j == i {
                    next.clear();
                    next.extend_from_slice(forms.roots(self, vocabulary, tokens[i].form));
                } else {
                    let after_hyphen = tokens[j - 1].join == Join::Hyphen;
                    let symbols = forms.symbols(self, vocabulary, tokens[j].form);
                    self.step(frontier, symbols, after_hyphen, next);
                    if next.is_empty() {
                        break;
                    }
                }
                let length = (j - i + 1) as u32;
                for &node in next.iter() {
                    let ends = &self.ends[self.node_ends[node as usize].start as usize
                        ..self.node_ends[node as usize].end as usize];
                    for &(entry, category) in ends {
                        let best = &mut best[category as usize];
                        // Longest first; on a tie an exception, then the
                        // entry listed first.
                        let rank = |e: u32| (!self.lexicon.entries[e as usize].exception, e);
                        if best.is_none_or(|(len, e)| {
                            length > len || (length == len && rank(entry) < rank(e))
                        }) {
                            *best = Some((length, entry));
                            found = true;
                        }
                    }
                }
                std::mem::swap(frontier, next);
                if tokens[j].join == Join::Break {
                    break;
                }
                j += 1;
            }
            if !found {
                continue;
            }
            for category in 0..categories {
                let Some((length, entry)) = best[category].take() else {
                    continue;
                };
                if covered[category] > i as u32 {
                    continue;
                }
                let last = i + length as usize - 1;
                covered[category] = last as u32 + 1;
                out.push(Match {
                    entry,
                    category: category as u16,
                    tokens: i as u32..last as u32 + 1,
                    start: offset(tokens[i].start),
                    end: offset(tokens[last].end),
                });
            }
        }
    }

    /// Moves every node of `frontier` over a token with `symbols` into `next`.
    #[inline]
    fn step(&self, frontier: &[u32], symbols: &[u32], after_hyphen: bool, next: &mut Vec<u32>) {
        next.clear();
        for &node in frontier {
            for &symbol in symbols {
                next.extend(self.edges.get(&edge(node, symbol)));
                if after_hyphen {
                    next.extend(self.hyphen_edges.get(&edge(node, symbol)));
                }
            }
        }
        if next.len() > 1 {
            next.sort_unstable();
            next.dedup();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse::parse_file;
    use std::path::Path;

    /// Matches `text` against one-file lexicons given as (category, content).
    fn find(files: &[(&str, &str)], text: &str) -> Vec<(String, String)> {
        let matcher = compile(files);
        let mut analysis = Analysis::new();
        analysis.analyze(text, 0);
        let mut out = Vec::new();
        matcher.find(&analysis, &mut Scratch::default(), &mut out);
        out.iter()
            .map(|m| {
                let category = &matcher.lexicon().categories[m.category as usize].name;
                (category.clone(), text[m.span()].to_string())
            })
            .collect()
    }

    /// A matcher for one-file lexicons given as (category, content).
    fn compile(files: &[(&str, &str)]) -> Matcher {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut entries = Vec::new();
        let mut categories = Vec::new();
        for (i, (name, content)) in files.iter().enumerate() {
            parse_file(Path::new(name), content, i as u16, &stemmer, &mut entries).unwrap();
            categories.push(crate::lexicon::CategoryFile {
                name: name.to_string(),
                path: name.into(),
            });
        }
        Matcher::new(Lexicon::assemble(categories, entries, String::new()))
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn longest_phrase_wins_over_its_words() {
        let lex = [("a", "according\naccording to\nto")];
        assert_eq!(
            find(&lex, "according to him, to"),
            pairs(&[("a", "according to"), ("a", "to")])
        );
    }

    #[test]
    fn hyphenated_entries_need_the_hyphen() {
        let lex = [("l", "would-be\nthinly-veiled")];
        let text = "a would-be leader would be; thinly-veiled, thinly veiled";
        assert_eq!(
            find(&lex, text),
            pairs(&[("l", "would-be"), ("l", "thinly-veiled")])
        );
    }

    #[test]
    fn phrases_match_over_hyphens_and_spaces_not_punctuation() {
        let lex = [("l", "thinly veiled\nveiled")];
        let text = "a thinly-veiled threat, thinly veiled; thinly, veiled";
        assert_eq!(
            find(&lex, text),
            pairs(&[
                ("l", "thinly-veiled"),
                ("l", "thinly veiled"),
                ("l", "veiled")
            ])
        );
    }

    #[test]
    fn compounds_match_whole_and_by_parts() {
        let lex = [("l", "pro-revolutionary\nmilitary")];
        let text = "pro-revolutionary rhetoric by non-military means";
        assert_eq!(
            find(&lex, text),
            pairs(&[("l", "pro-revolutionary"), ("l", "military")])
        );
    }

    #[test]
    fn wildcards_match_prefixes() {
        let lex = [("l", "destabiliz*\nanti*")];
        let text = "destabilizing, destabilization, stabilize, anti, antiwar, anti-regime";
        assert_eq!(
            find(&lex, text),
            pairs(&[
                ("l", "destabilizing"),
                ("l", "destabilization"),
                ("l", "anti"),
                ("l", "antiwar"),
                ("l", "anti")
            ])
        );
    }

    #[test]
    fn stems_match_inflections() {
        let lex = [("h", "~allege")];
        let text = "alleged, alleges, allegedly, allegation, all, allergy";
        assert_eq!(
            find(&lex, text),
            pairs(&[
                ("h", "alleged"),
                ("h", "alleges"),
                ("h", "allegedly"),
                ("h", "allegation")
            ])
        );
    }

    #[test]
    fn short_words_match_only_themselves() {
        let lex = [("s", "a\nhe\nan*")];
        assert_eq!(
            find(&lex, "a he an and her"),
            pairs(&[("s", "a"), ("s", "he"), ("s", "an"), ("s", "and")])
        );
    }

    #[test]
    fn stems_that_begin_unlike_their_words_still_match() {
        let lex = [("h", "~die\n~sky")];
        assert_eq!(
            find(&lex, "dying skies"),
            pairs(&[("h", "dying"), ("h", "skies")])
        );
    }

    #[test]
    fn case_sensitive_entries_keep_case() {
        let lex = [("l", "=US\nregime")];
        let text = "the US told us; the Regime’s REGIME";
        assert_eq!(
            find(&lex, text),
            pairs(&[("l", "US"), ("l", "Regime’s"), ("l", "REGIME")])
        );
    }

    #[test]
    fn apostrophes_are_one_key() {
        let lex = [("h", "it's possible")];
        assert_eq!(
            find(&lex, "it’s possible and it's possible"),
            pairs(&[("h", "it’s possible"), ("h", "it's possible")])
        );
    }

    #[test]
    fn categories_match_independently() {
        let lex = [("a", "reportedly"), ("h", "reportedly\nmay")];
        assert_eq!(
            find(&lex, "it reportedly may"),
            pairs(&[("a", "reportedly"), ("h", "reportedly"), ("h", "may")])
        );
    }

    #[test]
    fn no_token_is_counted_twice_in_a_category() {
        let lex = [("l", "regime change\nchange agents\nagents")];
        assert_eq!(
            find(&lex, "regime change agents"),
            pairs(&[("l", "regime change"), ("l", "agents")])
        );
    }

    #[test]
    fn cached_symbols_follow_the_vocabulary_when_it_starts_afresh() {
        let matcher = compile(&[("h", "~allege\nmay be")]);
        let (mut analysis, mut scratch, mut out) =
            (Analysis::new(), Scratch::default(), Vec::new());
        let mut found = |text: &str| {
            analysis.analyze(text, 0);
            matcher.find(&analysis, &mut scratch, &mut out);
            let found: Vec<String> = out.iter().map(|m| text[m.span()].into()).collect();
            (found, analysis.vocabulary.generation())
        };
        let (first, generation) = found("it may be alleged");
        assert_eq!(first, ["may be", "alleged"]);
        // Enough new forms that the next document starts a fresh vocabulary,
        // in which the ids of the first document name other forms.
        let many: String = (0..70_000).map(|n| format!("w{n} ")).collect();
        assert_eq!(found(&many), (vec![], generation));
        let (again, fresh) = found("alleged, it may be");
        assert_eq!(again, ["alleged", "may be"]);
        assert_ne!(fresh, generation);
    }

    #[test]
    fn stems_ending_in_y_match_their_bare_words() {
        let lex = [("h", "~cry\n~try")];
        assert_eq!(
            find(&lex, "I cry, they try; cries and tried"),
            pairs(&[("h", "cry"), ("h", "try"), ("h", "cries"), ("h", "tried")])
        );
    }

    #[test]
    fn three_letter_stems_that_drop_an_e_match() {
        let lex = [("h", "~use\n~age\n~owe")];
        assert_eq!(
            find(&lex, "using, aging and owing; uses, aged, owed"),
            pairs(&[
                ("h", "using"),
                ("h", "aging"),
                ("h", "owing"),
                ("h", "uses"),
                ("h", "aged"),
                ("h", "owed")
            ])
        );
    }

    mod against_the_reference {
        use super::*;
        use proptest::prelude::*;

        /// Words chosen to meet every rule: stems whose words begin
        /// otherwise, possessives, apostrophes, prefixes, case.
        const POOL: &[&str] = &[
            "use",
            "using",
            "used",
            "age",
            "aging",
            "aged",
            "owe",
            "owing",
            "die",
            "dying",
            "lie",
            "lying",
            "tie",
            "sky",
            "skies",
            "cry",
            "cries",
            "try",
            "tried",
            "allege",
            "alleged",
            "allegedly",
            "may",
            "be",
            "it's",
            "it’s",
            "regime",
            "Regime's",
            "US",
            "us",
            "the",
            "thinly",
            "veiled",
            "would",
            "anti",
            "antiwar",
            "a",
            "an",
            "and",
            "he",
            "her",
            "Iran's",
            "iran",
            "ease",
            "easing",
            "see",
            "seeing",
            "eye",
            "eying",
            "axe",
        ];

        fn chunk() -> impl Strategy<Value = String> {
            let word = prop::sample::select(POOL);
            (prop::collection::vec(word, 1..=2), 0..5u8, 1..4usize).prop_map(
                |(words, mark, cut)| {
                    let joined = words.join("-");
                    match mark {
                        0 => format!("~{joined}"),
                        1 => {
                            let cut = cut.min(joined.len());
                            match joined.get(..cut) {
                                Some(head) => format!("{head}*"),
                                None => joined,
                            }
                        }
                        _ => joined,
                    }
                },
            )
        }

        fn entry() -> impl Strategy<Value = String> {
            (prop::collection::vec(chunk(), 1..=3), 0..6u8).prop_map(|(chunks, cased)| {
                let text = chunks.join(" ");
                if cased == 0 {
                    format!("={}", text.replace(['~', '*'], ""))
                } else {
                    text
                }
            })
        }

        fn text() -> impl Strategy<Value = String> {
            let word = (prop::sample::select(POOL), 0..3u8).prop_map(|(w, case)| match case {
                0 => w.to_uppercase(),
                1 => {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                _ => w.to_string(),
            });
            let gap = prop::sample::select(&[" ", " ", " ", "-", ", ", ". ", "\n\n", " - "][..]);
            prop::collection::vec((word, gap), 0..40)
                .prop_map(|parts| parts.into_iter().map(|(w, g)| format!("{w}{g}")).collect())
        }

        /// One file per category, each entry kept once whatever its spelling.
        fn lexicon(files: &[Vec<String>]) -> Vec<(String, String)> {
            let stemmer = Stemmer::create(Algorithm::English);
            files
                .iter()
                .enumerate()
                .map(|(i, entries)| {
                    let mut seen = Vec::new();
                    let mut content = String::new();
                    for e in entries {
                        if let Ok(steps) = crate::lexicon::parse_entry(e, &stemmer)
                            && !seen.contains(&steps)
                        {
                            seen.push(steps);
                            content.push_str(e);
                            content.push('\n');
                        }
                    }
                    (format!("c{i}"), content)
                })
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]
            #[test]
            fn the_matcher_finds_what_the_reference_finds(
                files in prop::collection::vec(prop::collection::vec(entry(), 1..8), 1..3),
                text in text(),
            ) {
                let files = lexicon(&files);
                let files: Vec<(&str, &str)> =
                    files.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
                let matcher = compile(&files);
                let mut analysis = Analysis::new();
                analysis.analyze(&text, 0);
                let mut out = Vec::new();
                matcher.find(&analysis, &mut Scratch::default(), &mut out);
                let want = reference::find(matcher.lexicon(), &analysis);
                prop_assert_eq!(out, want);
            }
        }
    }
}
