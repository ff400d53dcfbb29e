//! The compiled matcher: a trie over entry words, walked once per token.

use super::{Lexicon, Step};
use crate::text::{Analysis, Join, Token};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// One lexicon entry found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the entry in [`Lexicon::entries`].
    pub entry: u32,
    /// Index of the entry's category.
    pub category: u16,
    /// The tokens matched.
    pub tokens: Range<u32>,
    /// Byte offset where the match starts.
    pub start: usize,
    /// Byte offset where the match ends.
    pub end: usize,
}

/// The ways on from a trie node, one map per kind of step.
#[derive(Default, Debug)]
struct Edges {
    words: FxHashMap<Box<str>, u32>,
    cased: FxHashMap<Box<str>, u32>,
    prefixes: FxHashMap<Box<str>, u32>,
    prefix_lens: Vec<usize>,
    stems: FxHashMap<Box<str>, u32>,
}

impl Edges {
    fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.cased.is_empty()
            && self.prefixes.is_empty()
            && self.stems.is_empty()
    }
}

#[derive(Default, Debug)]
struct Node {
    /// Steps taken after a space or a hyphen.
    any: Edges,
    /// Steps taken only after a hyphen, from entries written with one ("would-be").
    hyphen: Edges,
    /// Entries that end at this node, in lexicon order.
    ends: Vec<u32>,
}

/// A quick test that rules out most tokens before a costlier look-up: the
/// first bytes of every stem (or wildcard prefix) in the trie, packed in a
/// `u32` so that a test is one integer hash. It may let through a token that
/// then matches nothing, never the reverse.
#[derive(Default, Debug)]
struct Gate {
    starts: FxHashSet<u32>,
    /// Whether some start is shorter than [`GATE_BYTES`].
    short: bool,
}

/// How many leading bytes a gate compares.
const GATE_BYTES: usize = 3;

/// Snowball English words whose stem does not begin like the word itself.
const STEM_EXCEPTIONS: [(&str, &str); 4] = [
    ("skies", "sky"),
    ("dying", "die"),
    ("lying", "lie"),
    ("tying", "tie"),
];

/// Up to three leading bytes and their count, in one integer.
fn pack(bytes: &[u8]) -> u32 {
    let n = bytes.len().min(GATE_BYTES);
    bytes[..n]
        .iter()
        .fold(n as u32, |acc, &b| (acc << 8) | u32::from(b))
}

impl Gate {
    /// Adds the start of something a longer key may begin with (a stem, a prefix).
    fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        self.short |= bytes.len() < GATE_BYTES;
        self.starts.insert(pack(bytes));
    }

    /// Adds a whole word, which only a key of the same length can equal: a
    /// short word ("a", "he") then lets through that word alone.
    fn add_word(&mut self, word: &str) {
        self.starts.insert(pack(word.as_bytes()));
    }

    /// Whether `key` may begin like one of the starts.
    fn admits(&self, key: &str) -> bool {
        let bytes = key.as_bytes();
        if self.starts.contains(&pack(bytes)) {
            return true;
        }
        self.short
            && (1..GATE_BYTES.min(bytes.len())).any(|n| self.starts.contains(&pack(&bytes[..n])))
    }
}

/// A lexicon compiled for matching; immutable and shared between threads.
#[derive(Debug)]
pub struct Matcher {
    lexicon: Lexicon,
    nodes: Vec<Node>,
    /// Tokens this rejects have no stem in the trie: they are never stemmed.
    stem_gate: Gate,
    /// Tokens this rejects start no wildcard prefix of the trie.
    prefix_gate: Gate,
    /// Tokens this rejects can begin no entry at all: most tokens of a text.
    first_gate: Gate,
    /// Tokens this rejects equal no case-sensitive entry (compared lower-cased).
    cased_gate: Gate,
}

/// Buffers one thread reuses from document to document.
pub struct Scratch {
    frontier: Vec<u32>,
    next: Vec<u32>,
    best: Vec<Option<(u32, u32)>>,
    covered: Vec<u32>,
    stems: FxHashMap<Box<str>, Box<str>>,
    stemmer: Stemmer,
}

/// More cached stems than this and the cache starts afresh, to bound memory.
const STEM_CACHE_LIMIT: usize = 100_000;

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            frontier: Vec::new(),
            next: Vec::new(),
            best: Vec::new(),
            covered: Vec::new(),
            stems: FxHashMap::default(),
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Matcher {
    /// Compiles `lexicon` into a trie.
    pub fn new(lexicon: Lexicon) -> Matcher {
        Matcher::for_categories(lexicon, |_| true)
    }

    /// Compiles only the entries of the categories `keep` accepts; match
    /// ids still index the whole lexicon.
    pub fn for_categories(lexicon: Lexicon, keep: impl Fn(u16) -> bool) -> Matcher {
        let mut nodes = vec![Node::default()];
        let (mut stem_gate, mut prefix_gate) = (Gate::default(), Gate::default());
        let (mut first_gate, mut cased_gate) = (Gate::default(), Gate::default());
        for (id, entry) in lexicon.entries.iter().enumerate() {
            if entry.steps.contains(&Step::QuoteColon) || !keep(entry.category) {
                continue;
            }
            match &entry.steps[0] {
                Step::Word(k) => first_gate.add_word(k),
                Step::Prefix(k) => first_gate.add(k),
                Step::Cased(k) => first_gate.add_word(&crate::text::normalize_key(k)),
                Step::Stem(k) => {
                    first_gate.add(k);
                    for (word, stem) in STEM_EXCEPTIONS {
                        if **k == *stem {
                            first_gate.add(word);
                        }
                    }
                }
                Step::Hyphen | Step::QuoteColon => {}
            }
            let mut at = 0usize;
            let mut after_hyphen = false;
            for step in &entry.steps {
                let fresh = nodes.len() as u32;
                let node = &mut nodes[at];
                let edges = if after_hyphen {
                    &mut node.hyphen
                } else {
                    &mut node.any
                };
                after_hyphen = false;
                let (map, key) = match step {
                    Step::Word(k) => (&mut edges.words, k),
                    Step::Cased(k) => {
                        cased_gate.add_word(&crate::text::normalize_key(k));
                        (&mut edges.cased, k)
                    }
                    Step::Stem(k) => {
                        stem_gate.add(k);
                        for (word, stem) in STEM_EXCEPTIONS {
                            if **k == *stem {
                                stem_gate.add(word);
                            }
                        }
                        (&mut edges.stems, k)
                    }
                    Step::Hyphen => {
                        after_hyphen = true;
                        continue;
                    }
                    Step::QuoteColon => unreachable!("rule entries are skipped above"),
                    Step::Prefix(k) => {
                        prefix_gate.add(k);
                        if !edges.prefix_lens.contains(&k.len()) {
                            edges.prefix_lens.push(k.len());
                            edges.prefix_lens.sort_unstable();
                        }
                        (&mut edges.prefixes, k)
                    }
                };
                let child = *map.entry(key.clone()).or_insert(fresh);
                if child == fresh {
                    nodes.push(Node::default());
                }
                at = child as usize;
            }
            nodes[at].ends.push(id as u32);
        }
        Matcher {
            lexicon,
            nodes,
            stem_gate,
            prefix_gate,
            first_gate,
            cased_gate,
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
        scratch.covered.clear();
        scratch.covered.resize(categories, starts.start as u32);
        scratch.best.clear();
        scratch.best.resize(categories, None);
        let tokens = &analysis.tokens;
        for i in starts.start..starts.end.min(tokens.len()) {
            if !self.may_begin_an_entry(analysis.key(&tokens[i])) {
                continue;
            }
            scratch.frontier.clear();
            scratch.frontier.push(0);
            let mut found = false;
            let mut j = i;
            while j < tokens.len() {
                let after_hyphen = j > i && tokens[j - 1].join == Join::Hyphen;
                self.step(analysis, &tokens[j], after_hyphen, scratch);
                if scratch.next.is_empty() {
                    break;
                }
                let length = (j - i + 1) as u32;
                for &node in &scratch.next {
                    for &entry in &self.nodes[node as usize].ends {
                        let category = self.lexicon.entries[entry as usize].category as usize;
                        let best = &mut scratch.best[category];
                        if best.is_none_or(|(len, e)| length > len || (length == len && entry < e))
                        {
                            *best = Some((length, entry));
                            found = true;
                        }
                    }
                }
                std::mem::swap(&mut scratch.frontier, &mut scratch.next);
                if tokens[j].join == Join::Break {
                    break;
                }
                j += 1;
            }
            if !found {
                continue;
            }
            for category in 0..categories {
                let Some((length, entry)) = scratch.best[category].take() else {
                    continue;
                };
                if scratch.covered[category] > i as u32 {
                    continue;
                }
                let last = i + length as usize - 1;
                scratch.covered[category] = last as u32 + 1;
                out.push(Match {
                    entry,
                    category: category as u16,
                    tokens: i as u32..last as u32 + 1,
                    start: tokens[i].start,
                    end: tokens[last].end,
                });
            }
        }
    }

    /// Whether any entry can start at a token with this key (or its base
    /// without "'s", or, for stems, without a leading apostrophe).
    fn may_begin_an_entry(&self, key: &str) -> bool {
        self.first_gate.admits(key)
            || key
                .strip_suffix("'s")
                .is_some_and(|base| self.first_gate.admits(base))
            || key
                .strip_prefix('\'')
                .is_some_and(|rest| self.first_gate.admits(rest))
    }

    /// Moves every node of `scratch.frontier` over `token` into `scratch.next`.
    fn step(&self, analysis: &Analysis, token: &Token, after_hyphen: bool, scratch: &mut Scratch) {
        let Scratch {
            frontier,
            next,
            stems,
            stemmer,
            ..
        } = scratch;
        next.clear();
        let key = analysis.key(token);
        let base = key.strip_suffix("'s").filter(|b| !b.is_empty());
        let edge_sets = |at: u32| {
            let node = &self.nodes[at as usize];
            std::iter::once(&node.any).chain(after_hyphen.then_some(&node.hyphen))
        };
        // Snowball drops a leading apostrophe before stemming.
        let wants_stem = self.stem_gate.admits(key.trim_start_matches('\''))
            && frontier
                .iter()
                .any(|&at| edge_sets(at).any(|e| !e.stems.is_empty()));
        let wants_prefix = self.prefix_gate.admits(key);
        let wants_cased =
            self.cased_gate.admits(key) || base.is_some_and(|b| self.cased_gate.admits(b));
        if wants_stem && !stems.contains_key(key) {
            if stems.len() >= STEM_CACHE_LIMIT {
                stems.clear();
            }
            stems.insert(key.into(), stemmer.stem(key).into());
        }
        let stem = if wants_stem {
            stems.get(key).map(|s| &**s)
        } else {
            None
        };
        for &at in frontier.iter() {
            for edges in edge_sets(at).filter(|e| !e.is_empty()) {
                next.extend(edges.words.get(key));
                if let Some(base) = base {
                    next.extend(edges.words.get(base));
                }
                if !edges.cased.is_empty() && wants_cased {
                    let cased = analysis.cased_key(token);
                    next.extend(edges.cased.get(cased));
                    if let Some(base) = cased.strip_suffix("'s") {
                        next.extend(edges.cased.get(base));
                    }
                }
                for &len in edges.prefix_lens.iter().filter(|_| wants_prefix) {
                    if len > key.len() {
                        break;
                    }
                    if key.is_char_boundary(len) {
                        next.extend(edges.prefixes.get(&key[..len]));
                    }
                }
                if let Some(stem) = stem {
                    next.extend(edges.stems.get(stem));
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
        let stemmer = Stemmer::create(Algorithm::English);
        let mut entries = Vec::new();
        let mut categories = Vec::new();
        for (i, (name, content)) in files.iter().enumerate() {
            parse_file(Path::new(name), content, i as u16, &stemmer, &mut entries).unwrap();
            categories.push(crate::lexicon::Category {
                name: name.to_string(),
                path: name.into(),
            });
        }
        let lexicon = Lexicon {
            categories,
            entries,
            version: String::new(),
        };
        let matcher = Matcher::new(lexicon);
        let mut analysis = Analysis::new();
        analysis.analyze(text, 0);
        let mut out = Vec::new();
        matcher.find(&analysis, &mut Scratch::default(), &mut out);
        out.iter()
            .map(|m| {
                let category = &matcher.lexicon().categories[m.category as usize].name;
                (category.clone(), text[m.start..m.end].to_string())
            })
            .collect()
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
    fn gates_admit_what_may_match() {
        let mut gate = Gate::default();
        for start in ["alleg", "ab", "dé"] {
            gate.add(start);
        }
        for key in ["allegedly", "all", "ab", "abc", "défini"] {
            assert!(gate.admits(key), "{key}");
        }
        for key in ["al", "a", "", "b", "dex", "ac"] {
            assert!(!gate.admits(key), "{key}");
        }
    }

    #[test]
    fn short_words_open_the_gate_for_themselves_only() {
        let mut gate = Gate::default();
        gate.add_word("a");
        gate.add_word("he");
        assert!(gate.admits("a") && gate.admits("he"));
        assert!(!gate.admits("and") && !gate.admits("her") && !gate.admits("hex"));
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
}
