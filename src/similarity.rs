//! Content words as weighted terms, the common ground of `stories` and
//! `align`: two texts are alike when they share rare content words.
//!
//! A term is the English Snowball stem of a word's key, after function words
//! are dropped, so that *sanctions* and *sanctioned* meet. A name (a
//! capitalised word that does not open its sentence) counts twice: names
//! carry most of what tells one story from another. Numbers are terms only
//! where asked for, since a figure ties two sentences together but rarely two
//! articles. Vectors are sparse, sorted by term, and compared by cosine.

use crate::text::{Analysis, Token, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::hash::Hasher;

/// A sparse vector: (term, weight) pairs sorted by term.
pub type SparseVec = Vec<(u32, f32)>;

/// The function words of English, which say nothing of what a text is about.
/// Sorted, for a binary search.
const STOPWORDS: [&str; 173] = [
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "rather",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Whether `key` (lower case) is a function word.
pub fn is_stopword(key: &str) -> bool {
    STOPWORDS.binary_search(&key).is_ok()
}

/// A 64-bit identity of a stem; two stems colliding is as likely as not at
/// all in any corpus this tool will see (one in 2^64 per pair).
fn term_hash(stem: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(stem.as_bytes());
    // FxHasher leaves short inputs poorly mixed in the low bits.
    let h = hasher.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 31)
}

/// One content word of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContentWord {
    /// Index of the token in the analysis.
    pub token: usize,
    /// The identity of its stem.
    pub term: u64,
    /// Whether it reads as a name.
    pub name: bool,
}

impl ContentWord {
    /// Its weight as one occurrence: 2 for a name, 1 otherwise.
    pub fn weight(&self) -> f32 {
        if self.name { 2.0 } else { 1.0 }
    }
}

/// Finds content words, remembering the stem of each word form it has seen
/// (stemming is the costly step, and a text repeats its words).
pub struct ContentWords {
    stemmer: Stemmer,
    /// The term of each form id of the analysis's vocabulary, `None` for a
    /// function word; valid for the vocabulary generation `generation`.
    by_form: Vec<Option<Option<u64>>>,
    generation: u64,
    by_key: FxHashMap<String, Option<u64>>,
}

impl Default for ContentWords {
    fn default() -> ContentWords {
        ContentWords {
            stemmer: Stemmer::create(Algorithm::English),
            by_form: Vec::new(),
            generation: u64::MAX,
            by_key: FxHashMap::default(),
        }
    }
}

/// Keys remembered before the memo of keys is emptied: enough for any
/// language's working vocabulary, few enough to bound memory.
const KEY_MEMO: usize = 1 << 20;

impl ContentWords {
    /// The term of a lower-cased key, or `None` for a function word or a
    /// single letter.
    pub fn term_of_key(&mut self, key: &str) -> Option<u64> {
        if let Some(&term) = self.by_key.get(key) {
            return term;
        }
        let term = if key.chars().nth(1).is_none() || is_stopword(key) {
            None
        } else {
            let key = key.strip_suffix("'s").unwrap_or(key);
            Some(term_hash(&self.stemmer.stem(key)))
        };
        if self.by_key.len() >= KEY_MEMO {
            self.by_key.clear();
        }
        self.by_key.insert(key.to_string(), term);
        term
    }

    /// Calls `emit` for each content word of `analysis` among `tokens`; with
    /// `numbers`, numbers are content words too.
    pub fn each(
        &mut self,
        analysis: &Analysis,
        tokens: std::ops::Range<usize>,
        numbers: bool,
        mut emit: impl FnMut(ContentWord),
    ) {
        if analysis.vocabulary.generation() != self.generation {
            self.by_form.clear();
            self.generation = analysis.vocabulary.generation();
        }
        let mut previous_sentence = None;
        for index in tokens {
            let token = &analysis.tokens[index];
            let opens = previous_sentence != Some(token.sentence);
            previous_sentence = Some(token.sentence);
            if token.kind == TokenKind::Number && !numbers {
                continue;
            }
            let form = token.form as usize;
            if form >= self.by_form.len() {
                self.by_form.resize(form + 1, None);
            }
            let term = match self.by_form[form] {
                Some(term) => term,
                None => {
                    let term = self.term_of_key(analysis.key(token));
                    self.by_form[form] = Some(term);
                    term
                }
            };
            if let Some(term) = term {
                let name = !opens && is_capitalised(analysis, token);
                emit(ContentWord {
                    token: index,
                    term,
                    name,
                });
            }
        }
    }
}

fn is_capitalised(analysis: &Analysis, token: &Token) -> bool {
    analysis
        .cased_key(token)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The dot product of two sparse vectors.
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Scales `v` to unit length (a zero vector stays zero).
pub fn normalize(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// A term frequency damped so that a word said ten times is not ten times
/// the evidence of a word said once.
pub fn damped(count: f32) -> f32 {
    if count <= 0.0 { 0.0 } else { 1.0 + count.ln() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_unique() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    fn words(text: &str, numbers: bool) -> Vec<(String, bool)> {
        let mut analysis = Analysis::new();
        analysis.analyze(text, 0);
        let mut cw = ContentWords::default();
        let mut out = Vec::new();
        cw.each(&analysis, 0..analysis.tokens.len(), numbers, |w| {
            let t = &analysis.tokens[w.token];
            out.push((text[t.start..t.end].to_string(), w.name));
        });
        out
    }

    #[test]
    fn keeps_content_words_and_marks_names() {
        let got = words("The Mayor of Springfield said 40 buses were late.", false);
        let want = [
            ("Mayor", true),
            ("Springfield", true),
            ("buses", false),
            ("late", false),
        ];
        assert_eq!(got, want.map(|(w, n)| (w.to_string(), n)));
        assert_eq!(words("It cost 40 dollars.", true).len(), 3);
    }

    #[test]
    fn inflections_share_a_term() {
        let mut cw = ContentWords::default();
        assert_eq!(cw.term_of_key("sanctions"), cw.term_of_key("sanctioned"));
        assert_eq!(cw.term_of_key("iran's"), cw.term_of_key("iran"));
        assert_ne!(cw.term_of_key("sanctions"), cw.term_of_key("iran"));
        assert_eq!(cw.term_of_key("the"), None);
    }

    #[test]
    fn cosine_of_unit_vectors() {
        let mut a = vec![(1, 1.0), (3, 1.0)];
        let mut b = vec![(3, 2.0), (7, 2.0)];
        normalize(&mut a);
        normalize(&mut b);
        assert!((dot(&a, &b) - 0.5).abs() < 1e-6);
        assert!((dot(&a, &a) - 1.0).abs() < 1e-6);
    }
}
