//! Aligned facts: within one story, the sentences of different outlets (or
//! any groups) that report the same fact, and the facts only one tells.
//!
//! How to use it (the `align` command and the report both do this):
//!
//! 1. score each article of a story, then take its [`sentences`], its
//!    [`AlignArticle`] (the content words of each sentence) and, for the
//!    columns a reader sees, its [`SentenceNotes`] (matches, reporting verb,
//!    source class) from [`notes`];
//! 2. call [`align`] on the story's articles; it returns [`Fact`]s, each
//!    naming its sentences by article index (into the slice given) and
//!    sentence number (from 1, as in `framelens matches`).
//!
//! Two sentences are compared by the cosine of their TF-IDF vectors over
//! content-word stems, names and numbers ([`crate::similarity`]; names count
//! once here, as any word), the IDF
//! taken over the story's sentences, so that words every sentence of the
//! story uses (its protagonists) weigh little and the particular fact
//! weighs much. A pair is a candidate when the cosine reaches
//! [`AlignOptions::threshold`] and the sentences share at least
//! [`AlignOptions::min_shared`] terms. Candidates are taken best first; a
//! pair joins the facts of its two sentences unless those facts already hold
//! a sentence of the same group, so every fact has at most one sentence per
//! group and every sentence is in exactly one fact (one-to-one best matches).

use crate::lexicon::Category;
use crate::score::{Scored, Source, Voice};
use crate::similarity::{ContentWords, SparseVec, damped, dot, normalize};
use crate::text::Analysis;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The default cosine from which two sentences report the same fact.
pub const DEFAULT_THRESHOLD: f32 = 0.35;

/// The default number of terms two sentences must share.
pub const DEFAULT_MIN_SHARED: usize = 2;

/// When two sentences count as the same fact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlignOptions {
    /// The least cosine of the two sentences' vectors.
    pub threshold: f32,
    /// The fewest distinct terms the two must share.
    pub min_shared: usize,
}

impl Default for AlignOptions {
    fn default() -> AlignOptions {
        AlignOptions {
            threshold: DEFAULT_THRESHOLD,
            min_shared: DEFAULT_MIN_SHARED,
        }
    }
}

/// One sentence of an article's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Its number in the body, from 1.
    pub number: u32,
    /// Its bytes in the article's text, opening and closing marks included.
    pub range: Range<usize>,
    /// Its tokens in the analysis.
    pub tokens: Range<usize>,
}

/// The sentences of the body analysed in `analysis`, in order. A sentence
/// reaches back over the marks right before its first word (an opening
/// quotation mark) and on over those right after its last (its full stop).
pub fn sentences(text: &str, analysis: &Analysis) -> Vec<Sentence> {
    let tokens = &analysis.tokens;
    let mut out: Vec<Sentence> = Vec::new();
    let mut first = 0;
    while first < tokens.len() {
        let number = tokens[first].sentence;
        let mut last = first;
        while last + 1 < tokens.len() && tokens[last + 1].sentence == number {
            last += 1;
        }
        let floor = out.last().map_or(0, |s| s.range.end);
        let ceiling = tokens.get(last + 1).map_or(text.len(), |t| t.start);
        let mut start = tokens[first].start;
        while let Some(c) = text[floor..start].chars().next_back() {
            if c.is_whitespace() {
                break;
            }
            start -= c.len_utf8();
        }
        let mut end = tokens[last].end;
        while let Some(c) = text[end..ceiling].chars().next() {
            if c.is_whitespace() {
                break;
            }
            end += c.len_utf8();
        }
        out.push(Sentence {
            number: number + 1,
            range: start..end,
            tokens: first..last + 1,
        });
        first = last + 1;
    }
    out
}

/// One article of a story, as [`align`] compares it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlignArticle {
    /// Its group (outlet): a fact holds at most one sentence of each.
    pub group: String,
    /// For each sentence, its number (from 1) and its content terms with
    /// their counts, sorted by term.
    pub sentences: Vec<(u32, Vec<(u64, f32)>)>,
}

impl AlignArticle {
    /// The content terms, names and numbers of each of `sentences`.
    pub fn new(
        group: String,
        words: &mut ContentWords,
        analysis: &Analysis,
        sentences: &[Sentence],
    ) -> AlignArticle {
        let sentences = sentences
            .iter()
            .map(|s| {
                let mut counts: FxHashMap<u64, f32> = FxHashMap::default();
                // Names count once here: a story's names recur across
                // its facts, and a fact is told by what happened.
                words.each(analysis, s.tokens.clone(), true, |w| {
                    *counts.entry(w.term).or_default() += 1.0;
                });
                let mut terms: Vec<(u64, f32)> = counts.into_iter().collect();
                terms.sort_unstable_by_key(|t| t.0);
                (s.number, terms)
            })
            .collect();
        AlignArticle { group, sentences }
    }
}

/// One sentence of a fact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Member {
    /// The article, as an index into the slice given to [`align`].
    pub article: usize,
    /// The sentence number, from 1.
    pub sentence: u32,
    /// Its cosine with the closest other sentence of the fact (0 when alone).
    pub similarity: f32,
}

/// Sentences of different groups that report the same fact, or a sentence
/// no other group matches.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Its sentences, in the order of their articles.
    pub members: Vec<Member>,
}

impl Fact {
    /// Whether only one group tells it.
    pub fn is_alone(&self) -> bool {
        self.members.len() == 1
    }
}

/// The facts of one story: every sentence of `articles` in exactly one
/// fact, facts in the order of their first sentence (by article, then
/// sentence number).
pub fn align(articles: &[AlignArticle], options: &AlignOptions) -> Vec<Fact> {
    // Every sentence, numbered in order.
    let mut place: Vec<(usize, usize)> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        place.extend((0..article.sentences.len()).map(|s| (a, s)));
    }
    let vectors = vectors(articles, &place);
    let mut groups: FxHashMap<&str, u32> = FxHashMap::default();
    let group_of: Vec<u32> = articles
        .iter()
        .map(|a| {
            let next = groups.len() as u32;
            *groups.entry(a.group.as_str()).or_insert(next)
        })
        .collect();
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for x in 0..place.len() {
        for y in x + 1..place.len() {
            if group_of[place[x].0] == group_of[place[y].0] {
                continue;
            }
            let (vx, vy) = (&vectors[x], &vectors[y]);
            if shared(vx, vy) < options.min_shared {
                continue;
            }
            let cosine = dot(vx, vy);
            if cosine >= options.threshold {
                pairs.push((cosine, x, y));
            }
        }
    }
    pairs.sort_unstable_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    // Union-find over sentences; each root knows its fact's groups.
    let mut parent: Vec<usize> = (0..place.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..place.len()).map(|x| vec![x]).collect();
    let mut best = vec![0f32; place.len()];
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (cosine, x, y) in pairs {
        let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
        if rx == ry {
            best[x] = best[x].max(cosine);
            best[y] = best[y].max(cosine);
            continue;
        }
        let clash = members[rx].iter().any(|&m| {
            members[ry]
                .iter()
                .any(|&n| group_of[place[m].0] == group_of[place[n].0])
        });
        if clash {
            continue;
        }
        let (keep, gone) = if rx < ry { (rx, ry) } else { (ry, rx) };
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        parent[gone] = keep;
        best[x] = best[x].max(cosine);
        best[y] = best[y].max(cosine);
    }
    let mut facts: Vec<Fact> = Vec::new();
    for (root, list) in members.iter_mut().enumerate() {
        if parent[root] != root {
            continue;
        }
        list.sort_unstable();
        facts.push(Fact {
            members: list
                .iter()
                .map(|&x| {
                    let (a, s) = place[x];
                    Member {
                        article: a,
                        sentence: articles[a].sentences[s].0,
                        similarity: best[x],
                    }
                })
                .collect(),
        });
    }
    // The root is a fact's smallest sentence, so facts are already in order.
    facts
}

/// How many terms two sparse vectors share.
fn shared(a: &[(u32, f32)], b: &[(u32, f32)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Unit TF-IDF vectors of the sentences, the IDF over the story's sentences.
fn vectors(articles: &[AlignArticle], place: &[(usize, usize)]) -> Vec<SparseVec> {
    let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut dense: Vec<Vec<(u32, f32)>> = Vec::with_capacity(place.len());
    for &(a, s) in place {
        let terms = &articles[a].sentences[s].1;
        let mut v: Vec<(u32, f32)> = terms
            .iter()
            .map(|&(t, c)| {
                let next = ids.len() as u32;
                let id = *ids.entry(t).or_insert(next);
                if id == next {
                    df.push(0);
                }
                df[id as usize] += 1;
                (id, c)
            })
            .collect();
        v.sort_unstable_by_key(|e| e.0);
        dense.push(v);
    }
    let n = place.len() as f32;
    for v in &mut dense {
        for (t, w) in v.iter_mut() {
            *w = damped(*w) * ((n + 1.0) / df[*t as usize] as f32).ln();
        }
        normalize(v);
    }
    dense
}

/// What a reader sees of one sentence besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceNotes {
    /// The words matched in each built-in category, in the order of
    /// [`Category::BUILTIN`] (loaded, hedging, boosters, attribution), as
    /// printed, in text order.
    pub matches: [Vec<String>; 4],
    /// The first attribution cue in the author's voice with a source class,
    /// as printed (*said*, *claimed*), or empty.
    pub reporting_verb: String,
    /// That cue's source: "named", "anonymous", or empty when unresolved or none.
    pub source: &'static str,
}

/// The notes of every sentence of a scored article, by sentence number
/// from 1 (index 0 is sentence 1).
pub fn notes(scored: &Scored<'_>) -> Vec<SentenceNotes> {
    let (text, analysis) = (scored.text(), scored.analysis());
    let tokens = &analysis.tokens;
    let mut out = vec![SentenceNotes::default(); analysis.sentences as usize];
    let sentence_of = |m: &crate::lexicon::Match| {
        tokens
            .get(m.tokens.start as usize)
            .or_else(|| tokens.last())
            .map(|t| t.sentence as usize)
    };
    for e in scored.evidence() {
        let builtin = Category::BUILTIN
            .iter()
            .position(|c| c.builtin_name() == Some(e.category));
        let Some(words) = builtin.and_then(|i| {
            out.get_mut((e.sentence as usize).wrapping_sub(1))
                .map(|n| &mut n.matches[i])
        }) else {
            continue;
        };
        words.push(e.matched.to_string());
    }
    let matches = scored.matches();
    for attributed in scored.sources() {
        let (m, source) = (&matches[attributed.cue as usize], attributed.source);
        let Some(notes) = sentence_of(m).and_then(|s| out.get_mut(s)) else {
            continue;
        };
        if !notes.reporting_verb.is_empty() || scored.voice(m) != Voice::Author {
            continue;
        }
        let class = match source {
            Source::Named => "named",
            Source::Anonymous => "anonymous",
            Source::Unresolved => "",
        };
        notes.reporting_verb = text[m.span()].to_string();
        notes.source = class;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(group: &str, text: &str) -> (AlignArticle, Vec<Sentence>) {
        let mut analysis = Analysis::new();
        analysis.analyze(text, 0);
        let s = sentences(text, &analysis);
        let mut words = ContentWords::default();
        (
            AlignArticle::new(group.to_string(), &mut words, &analysis, &s),
            s,
        )
    }

    #[test]
    fn sentences_keep_their_marks() {
        let text = "“Floods came,” she said. Then (at 9) rain fell!\n\nEnd";
        let mut analysis = Analysis::new();
        analysis.analyze(text, 0);
        let got: Vec<&str> = sentences(text, &analysis)
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect();
        assert_eq!(
            got,
            ["“Floods came,” she said.", "Then (at 9) rain fell!", "End"]
        );
    }

    #[test]
    fn pairs_the_same_fact_one_to_one() {
        let (a, _) = article(
            "A",
            "The Riverton dam broke on Monday, flooding 300 homes. \
             Mayor Lena Ortiz blasted the state engineers. Schools stay shut.",
        );
        let (b, _) = article(
            "B",
            "Mayor Lena Ortiz criticised state engineers over the dam. \
             About 300 homes were flooded when the Riverton dam broke on Monday.",
        );
        let (c, _) = article("A", "The Riverton dam broke on Monday, flooding 300 homes.");
        let facts = align(&[a, b, c], &AlignOptions::default());
        let pairs: Vec<Vec<(usize, u32)>> = facts
            .iter()
            .map(|f| f.members.iter().map(|m| (m.article, m.sentence)).collect())
            .collect();
        // A's first sentence and B's second tell the flood; A's second and
        // B's first the mayor; the second A article's copy finds B taken.
        assert_eq!(
            pairs,
            [
                vec![(0, 1), (1, 2)],
                vec![(0, 2), (1, 1)],
                vec![(0, 3)],
                vec![(2, 1)],
            ]
        );
        assert!(facts[0].members.iter().all(|m| m.similarity >= 0.3));
        assert!(facts[2].is_alone() && facts[2].members[0].similarity == 0.0);
    }

    #[test]
    fn one_shared_word_is_not_a_fact() {
        let (a, _) = article("A", "Ortiz spoke.");
        let (b, _) = article("B", "Ortiz left.");
        let facts = align(&[a, b], &AlignOptions::default());
        assert_eq!(facts.len(), 2);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Sentences from a small vocabulary, so that many pairs share words.
    fn text() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "dam",
            "Riverton",
            "flood",
            "mayor",
            "Ortiz",
            "homes",
            "300",
            "engineers",
            "broke",
            "warned",
            "budget",
            "vote",
            "tax",
        ]);
        let sentence = prop::collection::vec(word, 1..8).prop_map(|w| w.join(" ") + ".");
        prop::collection::vec(sentence, 1..6).prop_map(|s| s.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn every_sentence_once_and_one_per_group_in_a_fact(
            texts in prop::collection::vec((0..3usize, text()), 1..6),
            threshold in 0.0f32..1.0,
        ) {
            let mut words = ContentWords::default();
            let mut analysis = Analysis::new();
            let articles: Vec<AlignArticle> = texts
                .iter()
                .map(|(group, text)| {
                    analysis.analyze(text, 0);
                    let s = sentences(text, &analysis);
                    AlignArticle::new(group.to_string(), &mut words, &analysis, &s)
                })
                .collect();
            let options = AlignOptions { threshold, min_shared: 1 };
            let facts = align(&articles, &options);
            let mut seen = std::collections::HashSet::new();
            for fact in &facts {
                let mut groups = std::collections::HashSet::new();
                for m in &fact.members {
                    prop_assert!(seen.insert((m.article, m.sentence)));
                    prop_assert!(groups.insert(&articles[m.article].group));
                    if !fact.is_alone() {
                        prop_assert!(m.similarity >= threshold);
                    }
                }
            }
            let total: usize = articles.iter().map(|a| a.sentences.len()).sum();
            prop_assert_eq!(seen.len(), total);
        }
    }
}
