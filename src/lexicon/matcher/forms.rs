//! The symbols of the trie, and what each word form of a document does in it.
//!
//! An entry's steps (a key, a cased key, a stem, a wildcard prefix) are
//! numbered once, when the lexicon is compiled ([`Symbols`]). A document's
//! forms are turned into those numbers once per thread and vocabulary
//! ([`FormSymbols`]), so the trie walk compares numbers only.
//!
//! Layout of [`FormSymbols`], for a form `f` whose lists start at `at`:
//!
//! ```text
//! index[f] = at | BEGINS?          (NOT_YET until first met)
//!                 │
//! pool:  … │ n │ s1 … sn │ r │ c1 … cr │ …
//!            └ symbols ─┘   └ root children ┘
//! ```
//!
//! `n` symbols of the form, then `r` nodes the root leads to over them;
//! `BEGINS` is set when `r > 0`. Offset 0 holds the two empty lists that
//! most forms share.

use super::{Matcher, edge};
use crate::lexicon::Step;
use crate::text::Vocabulary;
use rust_stemmers::Stemmer;
use rustc_hash::{FxHashMap, FxHashSet};

/// The symbols of the trie: one number per distinct step, by kind of step.
///
/// A token's form is turned into the symbols it can take (its key, its base
/// without "'s", its stem, the wildcard prefixes it starts with) once per
/// thread, and the trie is then walked on numbers alone.
#[derive(Default, Debug)]
pub(super) struct Symbols {
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
    pub(super) fn add(&mut self, step: &Step) -> u32 {
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
                // A word drops a final e before -ing ("using" of "use"): when
                // the e lies within the bytes kept, the start without it counts.
                if let [head @ .., b'e'] = stem
                    && !head.is_empty()
                {
                    self.stem_starts.insert(head.into());
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

/// Not yet worked out, in [`FormSymbols::index`].
const NOT_YET: u32 = u32::MAX;
/// Set in [`FormSymbols::index`] when some entry begins with one of the form's symbols.
const BEGINS: u32 = 1 << 31;

/// What each form of one vocabulary does in one matcher's trie, worked out
/// when a form is first met.
pub(super) struct FormSymbols {
    /// Per form id: where its lists start in `pool`, with [`BEGINS`] set
    /// when an entry can begin there; or [`NOT_YET`].
    pub(super) index: Vec<u32>,
    /// At each start, two counted lists: the form's symbols, then the
    /// children of the root it leads to, so that a walk's first step is a copy.
    pub(super) pool: Vec<u32>,
    /// The matcher and the vocabulary generation the ids belong to.
    pub(super) made_for: (u64, u64),
    pub(super) stemmer: Stemmer,
}

impl FormSymbols {
    /// Forgets everything when the matcher or the vocabulary's ids changed.
    pub(super) fn prepare(&mut self, matcher: &Matcher, vocabulary: &Vocabulary) {
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
    pub(super) fn begins(&mut self, matcher: &Matcher, vocabulary: &Vocabulary, form: u32) -> bool {
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
    pub(super) fn symbols(
        &mut self,
        matcher: &Matcher,
        vocabulary: &Vocabulary,
        form: u32,
    ) -> &[u32] {
        let at = (self.place(matcher, vocabulary, form) & !BEGINS) as usize;
        self.list(at)
    }

    /// The nodes a walk reaches from the root over a token of `form`, in order.
    #[inline]
    pub(super) fn roots(
        &mut self,
        matcher: &Matcher,
        vocabulary: &Vocabulary,
        form: u32,
    ) -> &[u32] {
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
