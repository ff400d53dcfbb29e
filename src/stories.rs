//! Stories: articles that report the same events, found from their words
//! alone, for corpora without an `event` column.
//!
//! Each article becomes a TF-IDF vector over its content-word stems, names
//! counting twice ([`crate::similarity`]); it keeps its [`KEPT_TERMS`]
//! heaviest terms. Two articles are linked when the cosine of their vectors
//! reaches the threshold (and, when both have dates, they lie within the date
//! window). Links are taken strongest first, and two stories merge only while
//! the mean cosine over all pairs of their articles (average linkage, found
//! from the sums of their members' vectors) still reaches the threshold, so
//! a chain of loosely linked articles does not become one story.
//!
//! Candidate pairs come from an inverted index: only terms found in at most
//! [`posting_cap`] articles are walked, since a word in thousands of articles
//! says nothing of a story and would make the search quadratic. Memory holds
//! each article's distinct terms (about 6 bytes each) while reading, then its
//! kept terms: a few kilobytes an article, whatever its length.

use crate::similarity::{ContentWords, SparseVec, damped, dot, normalize};
use crate::text::Analysis;
use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuildError};
use rustc_hash::FxHashMap;

/// The default cosine an article must have with another to share its story.
pub const DEFAULT_THRESHOLD: f32 = 0.25;

/// The default date window, in days: articles further apart are never one story.
pub const DEFAULT_DAYS: u32 = 7;

/// Terms kept of each article's vector: its heaviest ones.
pub const KEPT_TERMS: usize = 64;

/// Terms of a story's centre that make its label.
const LABEL_TERMS: usize = 4;

/// Terms kept in a story's centre while merging.
const CENTRE_TERMS: usize = 256;

/// How stories are told apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StoryOptions {
    /// The cosine from which two articles (and the mean cosine from which
    /// two stories) are one story.
    pub threshold: f32,
    /// Articles whose dates lie more than this many days apart are never one story.
    pub days: u32,
}

impl Default for StoryOptions {
    fn default() -> StoryOptions {
        StoryOptions {
            threshold: DEFAULT_THRESHOLD,
            days: DEFAULT_DAYS,
        }
    }
}

/// The most articles a term may appear in and still be used to find
/// candidate pairs: rarer terms are the ones that tell stories apart.
pub fn posting_cap(articles: usize) -> usize {
    200 + articles / 1000
}

/// What stories need of one article: its content-word counts, one written
/// form of each, and its date. Made on any thread, then added in input order.
#[derive(Clone, Debug, Default)]
pub struct ArticleTerms {
    /// (term, count) pairs; a name counts 2 an occurrence.
    counts: Vec<(u64, u16)>,
    /// The written forms of the terms, one after the other.
    forms: String,
    /// Where each term's form ends in `forms`.
    form_ends: Vec<u32>,
    /// The first and last day the date may mean, as days since 1970-01-01.
    days: Option<(i32, i32)>,
}

impl ArticleTerms {
    /// The terms of the analysed `text` (headline included) dated `date`
    /// (YYYY, YYYY-MM or YYYY-MM-DD, anything after the day ignored; any
    /// other value counts as no date).
    pub fn new(
        words: &mut ContentWords,
        analysis: &Analysis,
        text: &str,
        date: &str,
    ) -> ArticleTerms {
        let mut seen: FxHashMap<u64, (u16, &str)> = FxHashMap::default();
        words.each(analysis, 0..analysis.tokens.len(), false, |w| {
            let token = &analysis.tokens[w.token];
            let form = if w.name {
                &text[token.start..token.end]
            } else {
                analysis.key(token)
            };
            let entry = seen.entry(w.term).or_insert((0, form));
            entry.0 = entry.0.saturating_add(w.weight() as u16);
            // The same form comes back as the same slice of the vocabulary.
            if !std::ptr::eq(form, entry.1) && preferred(form, entry.1) {
                entry.1 = form;
            }
        });
        let mut terms: Vec<(u64, u16, &str)> =
            seen.into_iter().map(|(t, (c, f))| (t, c, f)).collect();
        terms.sort_unstable_by_key(|t| t.0);
        let mut out = ArticleTerms {
            counts: terms.iter().map(|t| (t.0, t.1)).collect(),
            days: parse_date(date),
            ..ArticleTerms::default()
        };
        for (_, _, form) in terms {
            out.forms.push_str(form);
            out.form_ends.push(out.forms.len() as u32);
        }
        out
    }
}

/// Whether `a` is a better label word than `b`: shorter, then first in
/// byte order. The choice does not depend on which article came first.
fn preferred(a: &str, b: &str) -> bool {
    (a.len(), a) < (b.len(), b)
}

/// The days a date may mean: a whole month or year when only those are given.
fn parse_date(date: &str) -> Option<(i32, i32)> {
    let date = date.trim();
    let number = |s: Option<&str>, len: usize| -> Option<i32> {
        s.filter(|s| s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse().ok())
    };
    let year = number(date.get(0..4), 4)?;
    let rest = date.get(4..).unwrap_or("");
    if rest.is_empty() {
        return Some((days_from_civil(year, 1, 1), days_from_civil(year, 12, 31)));
    }
    let month = number(rest.strip_prefix('-').and_then(|r| r.get(0..2)), 2)
        .filter(|m| (1..=12).contains(m))?;
    let rest = &rest[3..];
    if rest.is_empty() {
        let next = if month == 12 {
            days_from_civil(year + 1, 1, 1)
        } else {
            days_from_civil(year, month + 1, 1)
        };
        return Some((days_from_civil(year, month, 1), next - 1));
    }
    let day = number(rest.strip_prefix('-').and_then(|r| r.get(0..2)), 2)
        .filter(|d| (1..=31).contains(d))?;
    let day = days_from_civil(year, month, day);
    Some((day, day))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// well-known algorithm).
fn days_from_civil(year: i32, month: i32, day: i32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Whether two date ranges lie within `days` of each other (or either is unknown).
fn close_in_time(a: Option<(i32, i32)>, b: Option<(i32, i32)>, days: u32) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let gap = (b.0 - a.1).max(a.0 - b.1);
            gap <= days as i32
        }
        _ => true,
    }
}

/// Collects articles in input order, then groups them into stories.
#[derive(Debug, Default)]
pub struct StoryBuilder {
    ids: FxHashMap<u64, u32>,
    forms: Vec<Box<str>>,
    /// Every article's terms (by dense id) and counts, one after the other.
    terms: Vec<u32>,
    counts: Vec<u16>,
    /// Where each article's terms end.
    ends: Vec<usize>,
    days: Vec<Option<(i32, i32)>>,
}

/// The story of each article.
#[derive(Clone, Debug, PartialEq)]
pub struct Stories {
    /// For each article in input order, its story, numbered from 0 in the
    /// order of each story's first article.
    pub story: Vec<u32>,
    /// For each article, the cosine of its vector with its story's centre.
    pub similarity: Vec<f32>,
    /// For each story, its most characteristic words, separated by spaces.
    pub labels: Vec<String>,
}

impl Stories {
    /// The name of story `s` (from 0): "s" and its number from 1,
    /// zero-padded to the width of the count, so that names sort in order.
    pub fn name(&self, s: u32) -> String {
        let width = self.labels.len().to_string().len();
        format!("s{:0width$}", s + 1)
    }
}

impl StoryBuilder {
    /// An empty builder.
    pub fn new() -> StoryBuilder {
        StoryBuilder::default()
    }

    /// Adds the next article.
    pub fn add(&mut self, article: ArticleTerms) {
        let mut start = 0;
        for (&(term, count), &end) in article.counts.iter().zip(&article.form_ends) {
            let form = &article.forms[start..end as usize];
            start = end as usize;
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(term).or_insert(next);
            if id == next {
                self.forms.push(form.into());
            } else if preferred(form, &self.forms[id as usize]) {
                self.forms[id as usize] = form.into();
            }
            self.terms.push(id);
            self.counts.push(count);
        }
        self.ends.push(self.terms.len());
        self.days.push(article.days);
    }

    /// How many articles were added.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no article was added.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The stories of the articles added.
    pub fn group(self, options: &StoryOptions) -> Stories {
        let n = self.len();
        let (vectors, edges) = on_threads(rayon::ThreadPoolBuilder::new().build(), || {
            let vectors = self.vectors();
            let edges = links(&vectors, &self.days, options);
            (vectors, edges)
        });
        let mut forest = Forest::new(&vectors);
        for (_, a, b) in edges {
            forest.join(a, b, options.threshold);
        }
        // Stories numbered in the order of their first article.
        let mut number: FxHashMap<usize, u32> = FxHashMap::default();
        let mut story = Vec::with_capacity(n);
        let mut roots = Vec::new();
        for article in 0..n {
            let root = forest.find(article);
            let next = number.len() as u32;
            let s = *number.entry(root).or_insert(next);
            if s == next {
                roots.push(root);
            }
            story.push(s);
        }
        let centres: Vec<SparseVec> = roots
            .iter()
            .map(|&r| {
                let mut c = forest.centre[r].clone();
                normalize(&mut c);
                c
            })
            .collect();
        let similarity = (0..n)
            .map(|a| dot(&vectors[a], &centres[story[a] as usize]).min(1.0))
            .collect();
        let labels = centres.iter().map(|c| self.label(c)).collect();
        Stories {
            story,
            similarity,
            labels,
        }
    }

    /// The heaviest terms of a centre, as words.
    fn label(&self, centre: &[(u32, f32)]) -> String {
        let mut terms: Vec<&(u32, f32)> = centre.iter().collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        terms
            .iter()
            .take(LABEL_TERMS)
            .map(|(t, _)| &*self.forms[*t as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Each article's unit TF-IDF vector of its heaviest terms. A term found
    /// in one article only links it to nothing and is left out.
    fn vectors(&self) -> Vec<SparseVec> {
        let n = self.len();
        let mut df = vec![0u32; self.forms.len()];
        for &t in &self.terms {
            df[t as usize] += 1;
        }
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (n as f32 / d.max(1) as f32).ln())
            .collect();
        (0..n)
            .into_par_iter()
            .map(|a| {
                let from = if a == 0 { 0 } else { self.ends[a - 1] };
                let range = from..self.ends[a];
                let mut v: SparseVec = self.terms[range.clone()]
                    .iter()
                    .zip(&self.counts[range])
                    .filter(|(t, _)| df[**t as usize] > 1)
                    .map(|(&t, &c)| (t, damped(f32::from(c)) * idf[t as usize]))
                    .filter(|(_, w)| *w > 0.0)
                    .collect();
                keep_heaviest(&mut v, KEPT_TERMS);
                normalize(&mut v);
                v
            })
            .collect()
    }
}

thread_local! {
    /// A pool of the calling thread alone, kept for the thread's life (a
    /// pool that holds its caller cannot be ended and made again).
    static HERE: Option<ThreadPool> = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .use_current_thread()
        .build()
        .ok();
}

/// Runs `work`, whose parallel iterators then use `pool`. Where the pool
/// could not start its threads (under a process limit, `ulimit -u`) they
/// run on the calling thread alone, rather than panic as rayon's global
/// pool does when it cannot start.
fn on_threads<R: Send>(
    pool: Result<ThreadPool, ThreadPoolBuildError>,
    work: impl FnOnce() -> R + Send,
) -> R {
    if let Ok(pool) = pool {
        return pool.install(work);
    }
    HERE.with(|here| match here {
        Some(here) => here.install(work),
        // The caller is a thread of another pool already, which `work` uses.
        None => work(),
    })
}

/// Keeps the `k` heaviest entries of `v`, sorted by term again.
fn keep_heaviest(v: &mut SparseVec, k: usize) {
    if v.len() > k {
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(k);
    }
    v.sort_unstable_by_key(|e| e.0);
}

/// Every pair of articles whose cosine reaches the threshold, strongest first.
fn links(
    vectors: &[SparseVec],
    days: &[Option<(i32, i32)>],
    options: &StoryOptions,
) -> Vec<(f32, usize, usize)> {
    let n = vectors.len();
    let terms = vectors
        .iter()
        .flat_map(|v| v.iter().map(|e| e.0 as usize + 1))
        .max()
        .unwrap_or(0);
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
    for (a, v) in vectors.iter().enumerate() {
        for &(t, w) in v {
            postings[t as usize].push((a as u32, w));
        }
    }
    let cap = posting_cap(n);
    for p in &mut postings {
        if p.len() > cap {
            *p = Vec::new();
        }
    }
    // The partial cosine over the walked terms only misses common terms of
    // little weight; a pair that comes near the threshold on it is then
    // measured in full.
    let near = options.threshold * 0.5;
    let mut edges: Vec<(f32, usize, usize)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], Vec::new()),
            |(sums, touched), a| {
                for &(t, w) in &vectors[a] {
                    // Postings are in article order: only later articles
                    // are looked at, each pair once.
                    let list = &postings[t as usize];
                    let after = list.partition_point(|&(b, _)| b as usize <= a);
                    for &(b, wb) in &list[after..] {
                        let b = b as usize;
                        if sums[b] == 0.0 {
                            touched.push(b);
                        }
                        sums[b] += w * wb;
                    }
                }
                let mut found = Vec::new();
                for &b in touched.iter() {
                    if sums[b] >= near && close_in_time(days[a], days[b], options.days) {
                        let cosine = dot(&vectors[a], &vectors[b]);
                        if cosine >= options.threshold {
                            found.push((cosine, a, b));
                        }
                    }
                    sums[b] = 0.0;
                }
                touched.clear();
                found
            },
        )
        .flatten()
        .collect();
    edges.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    edges
}

/// Stories being merged: a union-find whose roots hold their story's centre.
struct Forest {
    parent: Vec<usize>,
    /// At a root, the sum of its members' vectors (its heaviest terms).
    centre: Vec<SparseVec>,
    /// At a root, how many articles it holds.
    size: Vec<u32>,
}

impl Forest {
    fn new(vectors: &[SparseVec]) -> Forest {
        Forest {
            parent: (0..vectors.len()).collect(),
            centre: vectors.to_vec(),
            size: vec![1; vectors.len()],
        }
    }

    fn find(&mut self, mut a: usize) -> usize {
        while self.parent[a] != a {
            self.parent[a] = self.parent[self.parent[a]];
            a = self.parent[a];
        }
        a
    }

    /// Merges the stories of `a` and `b` if their articles are alike enough
    /// on average: the mean cosine over every pair of an article of one and
    /// an article of the other, which is the dot product of the two sums of
    /// unit vectors over the number of pairs.
    fn join(&mut self, a: usize, b: usize, threshold: f32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let pairs = self.size[ra] as f32 * self.size[rb] as f32;
        if dot(&self.centre[ra], &self.centre[rb]) / pairs < threshold {
            return;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        let merged = add(&self.centre[keep], &self.centre[gone]);
        self.centre[keep] = merged;
        self.centre[gone] = Vec::new();
        self.size[keep] += self.size[gone];
        self.parent[gone] = keep;
    }
}

/// The sum of two sparse vectors, cut to its heaviest [`CENTRE_TERMS`].
fn add(a: &[(u32, f32)], b: &[(u32, f32)]) -> SparseVec {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i >= a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    keep_heaviest(&mut out, CENTRE_TERMS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stories(texts: &[(&str, &str)], options: &StoryOptions) -> Stories {
        let mut words = ContentWords::default();
        let mut analysis = Analysis::new();
        let mut builder = StoryBuilder::new();
        for (text, date) in texts {
            analysis.analyze(text, 0);
            builder.add(ArticleTerms::new(&mut words, &analysis, text, date));
        }
        builder.group(options)
    }

    const FLOOD: &str = "Floods hit Riverton after the dam at Lake Mora broke; \
        the Riverton mayor ordered an evacuation of low streets.";
    const FLOOD2: &str = "The Lake Mora dam gave way and floods swept Riverton. \
        Its mayor ordered the low streets evacuated.";
    const VOTE: &str = "Parliament passed the budget of finance minister Okafor \
        after a late vote on fuel taxes.";
    const VOTE2: &str = "Minister Okafor won the budget vote in parliament; \
        fuel taxes rise next year.";

    #[test]
    fn parallel_work_runs_on_the_calling_thread_when_no_thread_starts() {
        let caller = std::thread::current().id();
        let work = || {
            let sum: u64 = (0..1000u64).into_par_iter().sum();
            let threads: std::collections::HashSet<_> = (0..1000)
                .into_par_iter()
                .map(|_| std::thread::current().id())
                .collect();
            (sum, threads)
        };
        // Twice: the second time finds the calling thread's pool made.
        for _ in 0..2 {
            let no_thread = rayon::ThreadPoolBuilder::new()
                .num_threads(4)
                .spawn_handler(|_| Err(std::io::Error::other("no thread may start")))
                .build();
            assert!(no_thread.is_err());
            let (sum, threads) = on_threads(no_thread, work);
            assert_eq!(sum, 499_500);
            assert_eq!(threads, [caller].into());
        }
        let two = rayon::ThreadPoolBuilder::new().num_threads(2).build();
        assert_eq!(on_threads(two, work).0, 499_500);
    }

    #[test]
    fn groups_by_shared_words() {
        let s = stories(
            &[
                (FLOOD, ""),
                (VOTE, ""),
                (FLOOD2, ""),
                (VOTE2, ""),
                ("Cats purr.", ""),
            ],
            &StoryOptions::default(),
        );
        assert_eq!(s.story, [0, 1, 0, 1, 2]);
        assert_eq!(s.labels.len(), 3);
        assert!(s.labels[0].contains("Riverton"), "{:?}", s.labels);
        assert!(s.similarity.iter().take(4).all(|&x| x > 0.5 && x <= 1.0));
    }

    #[test]
    fn dates_far_apart_keep_stories_apart() {
        let texts = [
            (FLOOD, "2020-03-01"),
            (FLOOD2, "2020-05-01"),
            (VOTE, "2020-03"),
            (VOTE2, "2020-03-30"),
        ];
        let s = stories(&texts, &StoryOptions::default());
        assert_eq!(s.story, [0, 1, 2, 2]);
    }

    #[test]
    fn dates_are_read_at_their_precision() {
        assert_eq!(parse_date("1970-01-02"), Some((1, 1)));
        assert_eq!(parse_date("2020-02"), Some((18293, 18321)));
        assert_eq!(parse_date("2021"), Some((18628, 18992)));
        assert_eq!(parse_date("2020-02-03T10:00"), Some((18295, 18295)));
        assert_eq!(parse_date("March 2020"), None);
        assert_eq!(parse_date("2020-13"), None);
        assert!(close_in_time(Some((0, 0)), Some((7, 7)), 7));
        assert!(!close_in_time(Some((0, 0)), Some((8, 8)), 7));
        assert!(close_in_time(None, Some((8, 8)), 7));
    }
}
