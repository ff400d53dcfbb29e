//! The compiled matcher: a trie over entry words, walked once per token.

use super::{Lexicon, Step};
use crate::text::{Analysis, Join, Vocabulary};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
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
    /// Byte offset where the match starts.
    pub start: usize,
    /// Byte offset where the match ends.
    pub end: usize,
}

/// The symbols of the trie: one number per distinct step, by kind of step.
///
/// A token's form is turned into the symbols it can take (its key, its base
/// without "'s", its stem, the wildcard prefixes it starts with) once per
/// thread, and the trie is then walked on numbers alone.
#[derive(Default, Debug)]
struct Symbols {
    words: FxHashMap<Box<str>, u32>,
    cased: FxHashMap<Box<str>, u32>,
    prefixes: FxHashMap<Box<str>, u32>,
    /// The lengths of the prefixes, shortest first.
    prefix_lens: Vec<usize>,
    stems: FxHashMap<Box<str>, u32>,
    /// The first bytes of every stem: a form that begins like none of them
    /// is not worth stemming.
    stem_starts: FxHashSet<Box<[u8]>>,
    count: u32,
}

/// How many leading bytes [`Symbols::stem_starts`] keeps.
const STEM_START: usize = 3;

/// Snowball English words whose stem does not begin like the word itself.
const STEM_EXCEPTIONS: [(&str, &str); 4] = [
    ("skies", "sky"),
    ("dying", "die"),
    ("lying", "lie"),
    ("tying", "tie"),
];

fn start_of(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(STEM_START)]
}

impl Symbols {
    fn add(&mut self, step: &Step) -> u32 {
        let (map, key) = match step {
            Step::Word(k) => (&mut self.words, k),
            Step::Cased(k) => (&mut self.cased, k),
            Step::Stem(k) => {
                let stem = start_of(k.as_bytes());
                self.stem_starts.insert(stem.into());
                // Snowball turns a final y after a consonant into i: the
                // stem "cri" begins "cry" too.
                if let [head @ .., b'i'] = stem {
                    self.stem_starts.insert([head, b"y"].concat().into());
                }
                for (word, stem) in STEM_EXCEPTIONS {
                    if **k == *stem {
                        self.stem_starts.insert(start_of(word.as_bytes()).into());
                    }
                }
                (&mut self.stems, k)
            }
            Step::Prefix(k) => {
                if !self.prefix_lens.contains(&k.len()) {
                    self.prefix_lens.push(k.len());
                    self.prefix_lens.sort_unstable();
                }
                (&mut self.prefixes, k)
            }
            Step::Hyphen | Step::QuoteColon => unreachable!("not a step over a token"),
        };
        let fresh = self.count;
        let symbol = *map.entry(key.clone()).or_insert(fresh);
        if symbol == fresh {
            self.count += 1;
        }
        symbol
    }

    /// Whether `key` begins like some stem; Snowball drops a leading apostrophe.
    fn may_stem(&self, key: &str) -> bool {
        let key = start_of(key.trim_start_matches('\'').as_bytes());
        (1..=key.len()).any(|n| self.stem_starts.contains(&key[..n]))
    }

    /// Appends to `out` every symbol a form with this key and cased key can take.
    fn of_form(&self, key: &str, cased: &str, stemmer: &Stemmer, out: &mut Vec<u32>) {
        let start = out.len();
        let base = key.strip_suffix("'s").filter(|b| !b.is_empty());
        out.extend(self.words.get(key));
        out.extend(base.and_then(|b| self.words.get(b)));
        if !self.cased.is_empty() {
            out.extend(self.cased.get(cased));
            out.extend(cased.strip_suffix("'s").and_then(|b| self.cased.get(b)));
        }
        for &len in &self.prefix_lens {
            if len > key.len() {
                break;
            }
            if key.is_char_boundary(len) {
                out.extend(self.prefixes.get(&key[..len]));
            }
        }
        if self.may_stem(key) {
            out.extend(self.stems.get(&*stemmer.stem(key)));
        }
        out[start..].sort_unstable();
        let mut kept = start;
        for i in start..out.len() {
            if kept == start || out[kept - 1] != out[i] {
                out[kept] = out[i];
                kept += 1;
            }
        }
        out.truncate(kept);
    }
}

/// Gives every matcher its own number, so that a [`Scratch`] can tell whose
/// symbols it holds.
static MATCHERS: AtomicU64 = AtomicU64::new(1);

/// A lexicon compiled for matching; immutable and shared between threads.
#[derive(Debug)]
pub struct Matcher {
    lexicon: Lexicon,
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

fn edge(node: u32, symbol: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(symbol)
}

/// Not yet worked out, in [`FormSymbols::index`].
const NOT_YET: u32 = u32::MAX;
/// Set in [`FormSymbols::index`] when some entry begins with one of the form's symbols.
const BEGINS: u32 = 1 << 31;

/// What each form of one vocabulary does in one matcher's trie, worked out
/// when a form is first met.
struct FormSymbols {
    /// Per form id: where its lists start in `pool`, with [`BEGINS`] set
    /// when an entry can begin there; or [`NOT_YET`].
    index: Vec<u32>,
    /// At each start, two counted lists: the form's symbols, then the
    /// children of the root it leads to, so that a walk's first step is a copy.
    pool: Vec<u32>,
    /// The matcher and the vocabulary generation the ids belong to.
    made_for: (u64, u64),
    stemmer: Stemmer,
}

impl FormSymbols {
    /// Forgets everything when the matcher or the vocabulary's ids changed.
    fn prepare(&mut self, matcher: &Matcher, vocabulary: &Vocabulary) {
        let made_for = (matcher.id, vocabulary.generation());
        if self.made_for != made_for {
            self.made_for = made_for;
            // Fresh buffers, not cleared ones: after a huge document the old
            // ones would keep its size for the rest of the run.
            self.index = Vec::new();
            // Offset 0 holds the two empty lists that most forms share.
            self.pool = vec![0, 0];
        }
        if self.index.len() < vocabulary.len() {
            self.index.resize(vocabulary.len(), NOT_YET);
        }
    }

    /// Where the lists of `form` are, with [`BEGINS`] set if an entry can begin there.
    #[inline]
    fn place(&mut self, matcher: &Matcher, vocabulary: &Vocabulary, form: u32) -> u32 {
        match self.index[form as usize] {
            NOT_YET => self.add(matcher, vocabulary, form),
            at => at,
        }
    }

    /// Whether an entry can begin at a token of `form`: the test most tokens stop at.
    #[inline]
    fn begins(&mut self, matcher: &Matcher, vocabulary: &Vocabulary, form: u32) -> bool {
        self.place(matcher, vocabulary, form) & BEGINS != 0
    }

    /// The counted list at `at` in the pool.
    #[inline]
    fn list(&self, at: usize) -> &[u32] {
        let count = self.pool[at] as usize;
        &self.pool[at + 1..at + 1 + count]
    }

    /// The symbols of `form`.
    #[inline]
    fn symbols(&mut self, matcher: &Matcher, vocabulary: &Vocabulary, form: u32) -> &[u32] {
        let at = (self.place(matcher, vocabulary, form) & !BEGINS) as usize;
        self.list(at)
    }

    /// The nodes a walk reaches from the root over a token of `form`, in order.
    #[inline]
    fn roots(&mut self, matcher: &Matcher, vocabulary: &Vocabulary, form: u32) -> &[u32] {
        let at = (self.place(matcher, vocabulary, form) & !BEGINS) as usize;
        self.list(at + 1 + self.pool[at] as usize)
    }

    #[cold]
    fn add(&mut self, matcher: &Matcher, vocabulary: &Vocabulary, form: u32) -> u32 {
        let at = self.pool.len();
        self.pool.push(0);
        let (key, cased) = (vocabulary.key(form), vocabulary.cased_key(form));
        matcher
            .symbols
            .of_form(key, cased, &self.stemmer, &mut self.pool);
        let count = self.pool.len() - at - 1;
        self.pool[at] = count as u32;
        let mut roots: Vec<u32> = self.pool[at + 1..]
            .iter()
            .filter_map(|&s| matcher.edges.get(&edge(0, s)).copied())
            .collect();
        roots.sort_unstable();
        roots.dedup();
        self.pool.push(roots.len() as u32);
        self.pool.extend(&roots);
        let at = if count == 0 {
            self.pool.truncate(at);
            0
        } else {
            at as u32
        };
        // A few symbols per form: only a document of hundreds of millions
        // of distinct forms could reach the flag bit.
        assert!(at < BEGINS, "too many distinct word forms in one document");
        let place = if roots.is_empty() { at } else { at | BEGINS };
        self.index[form as usize] = place;
        place
    }
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
    pub fn new(lexicon: Lexicon) -> Matcher {
        Matcher::for_categories(lexicon, |_| true)
    }

    /// Compiles only the entries of the categories `keep` accepts; match
    /// ids still index the whole lexicon.
    pub fn for_categories(lexicon: Lexicon, keep: impl Fn(u16) -> bool) -> Matcher {
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
                    start: tokens[i].start,
                    end: tokens[last].end,
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
                (category.clone(), text[m.start..m.end].to_string())
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
        Matcher::new(lexicon)
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
            let found: Vec<String> = out.iter().map(|m| text[m.start..m.end].into()).collect();
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
}
