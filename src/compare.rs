//! Comparing groups of articles (outlets, events, any metadata column): pooled
//! rates with bootstrap intervals, and the same-story view that sets each
//! outlet against the others covering the same event.

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
pub use crate::metrics::{Metric, Scope};
use crate::score::ArticleScore;
use crate::table::{Row, Table};
use std::collections::BTreeMap;
use std::path::Path;

/// Resamples drawn for each interval unless told otherwise.
pub const DEFAULT_RESAMPLES: usize = 1000;
/// The seed used unless told otherwise, so that intervals are reproducible.
pub const DEFAULT_SEED: u64 = 1;
/// A group with fewer articles than this is flagged as small.
pub const MIN_ARTICLES: usize = 3;
/// A group with fewer words than this is flagged as small.
pub const MIN_WORDS: u64 = 1000;

/// A metric's value for one group, with its 95% bootstrap interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The pooled value.
    pub value: Option<f64>,
    /// The 2.5th and 97.5th percentiles of the value over resampled articles.
    pub interval: Option<(f64, f64)>,
}

/// The figures of one group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSummary {
    /// The group's name: an outlet, an event, a column value.
    pub name: String,
    /// Articles in the group.
    pub articles: usize,
    /// Words in the group.
    pub words: u64,
    /// The metrics estimated, in order.
    pub metrics: Vec<Metric>,
    /// One estimate per metric of `metrics`.
    pub estimates: Vec<Estimate>,
    /// Named sources, anonymous sources and scare quotes, summed over the group.
    pub totals: Totals,
    /// A warning for small groups, or "".
    pub note: String,
}

/// Counts summed over a group's articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Attributions to named sources.
    pub named_sources: u64,
    /// Attributions to anonymous sources.
    pub anonymous_sources: u64,
    /// Scare quotes.
    pub scare_quotes: u64,
}

/// SplitMix64: a tiny generator whose sequence is fixed by its definition,
/// so that intervals stay the same across versions of any dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// FNV-1a: a fixed hash of a group's name, so each group draws its own
/// resamples whatever other groups there are.
fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The `q` quantile of sorted values, interpolating between neighbours.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let at = q * (sorted.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
}

/// The most resampling units a group keeps: past this many articles,
/// articles are pooled into this many buckets, and the buckets resampled.
pub const BUCKETS: usize = 1024;

/// A group's articles as the bootstrap needs them, gathered one article at
/// a time: the sums of each metric's parts over at most [`BUCKETS`]
/// buckets, so that memory and resampling time grow with the number of
/// groups, not of articles.
///
/// Up to `BUCKETS` articles every bucket holds one article, and the
/// bootstrap is the usual one over articles. Beyond, each further article
/// joins a bucket drawn at random (fixed by its number in the group), so
/// that each bucket sums a random share of the articles: resampling the
/// buckets varies a pooled rate as resampling articles with random
/// weights does (a Poisson bootstrap, valid for ratios such as rates and
/// shares), at a cost that no longer depends on how many articles there are.
#[derive(Clone, Debug)]
pub struct Group {
    metrics: Vec<Metric>,
    /// `(part, whole)` of each metric, bucket after bucket.
    buckets: Vec<(u64, u64)>,
    /// `(part, whole)` of each metric over the whole group.
    sums: Vec<(u64, u64)>,
    articles: usize,
    words: u64,
    totals: Totals,
}

impl Group {
    /// An empty group that will estimate `metrics`.
    pub fn new(metrics: &[Metric]) -> Group {
        Group {
            metrics: metrics.to_vec(),
            buckets: Vec::new(),
            sums: vec![(0, 0); metrics.len()],
            articles: 0,
            words: 0,
            totals: Totals::default(),
        }
    }

    /// Adds one article.
    pub fn add(&mut self, a: &ArticleScore) {
        let width = self.metrics.len();
        // The first articles fill the buckets in order; later ones go to a
        // bucket drawn from their number, so that no order in the input
        // (by date, by length) puts like articles together and narrows
        // the interval. The draw is fixed: the same input, the same buckets.
        let bucket = if self.articles < BUCKETS {
            self.articles
        } else {
            SplitMix64(self.articles as u64).below(BUCKETS)
        };
        if bucket * width == self.buckets.len() {
            self.buckets.resize((bucket + 1) * width, (0, 0));
        }
        let row = &mut self.buckets[bucket * width..(bucket + 1) * width];
        for ((metric, cell), sum) in self.metrics.iter().zip(row).zip(&mut self.sums) {
            let (part, whole) = metric.parts(a);
            *cell = (cell.0 + part, cell.1 + whole);
            *sum = (sum.0 + part, sum.1 + whole);
        }
        self.articles += 1;
        self.words += u64::from(a.words);
        self.totals.named_sources += u64::from(a.named_sources);
        self.totals.anonymous_sources += u64::from(a.anonymous_sources);
        self.totals.scare_quotes += u64::from(a.scare_quotes);
    }

    /// Articles added.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Words of the articles added.
    pub fn words(&self) -> u64 {
        self.words
    }

    /// The pooled value of `metric` over the group, if it is one of its metrics.
    pub fn pooled(&self, metric: Metric) -> Option<f64> {
        let at = self.metrics.iter().position(|&m| m == metric)?;
        let (part, whole) = self.sums[at];
        metric.number(part, whole)
    }

    /// Pooled values, bootstrap intervals and a small-group note.
    ///
    /// The same seed and the same articles in the same order always give
    /// the same intervals.
    pub fn summarize(&self, name: &str, resamples: usize, seed: u64) -> GroupSummary {
        let width = self.metrics.len();
        let units = self.buckets.len() / width.max(1);
        let mut draws: Vec<Vec<f64>> = vec![Vec::new(); width];
        // One article cannot vary under resampling: no interval rather
        // than a false one, and no time spent drawing it.
        if self.articles > 1 && width > 0 {
            for d in &mut draws {
                d.reserve(resamples);
            }
            let mut rng = SplitMix64(seed ^ name_hash(name));
            let mut picks = vec![0usize; units];
            let mut sums = vec![(0u64, 0u64); width];
            for _ in 0..resamples {
                for pick in picks.iter_mut() {
                    *pick = rng.below(units);
                }
                sums.fill((0, 0));
                for &pick in &picks {
                    let row = &self.buckets[pick * width..(pick + 1) * width];
                    for (sum, cell) in sums.iter_mut().zip(row) {
                        *sum = (sum.0 + cell.0, sum.1 + cell.1);
                    }
                }
                for ((metric, draws), &(part, whole)) in
                    self.metrics.iter().zip(&mut draws).zip(&sums)
                {
                    draws.extend(metric.number(part, whole));
                }
            }
        }
        let estimates = self
            .metrics
            .iter()
            .zip(&self.sums)
            .zip(draws.iter_mut())
            .map(|((metric, &(part, whole)), draws)| {
                draws.sort_by(f64::total_cmp);
                Estimate {
                    value: metric.number(part, whole),
                    interval: (self.articles > 1 && !draws.is_empty())
                        .then(|| (quantile(draws, 0.025), quantile(draws, 0.975))),
                }
            })
            .collect();
        let mut small = Vec::new();
        if self.articles < MIN_ARTICLES {
            small.push(format!(
                "{} article{}",
                self.articles,
                if self.articles == 1 { "" } else { "s" }
            ));
        }
        if self.words < MIN_WORDS {
            small.push(format!("{} words", self.words));
        }
        let note = if small.is_empty() {
            String::new()
        } else {
            format!("small group ({}): read with care", small.join(", "))
        };
        GroupSummary {
            name: name.to_string(),
            articles: self.articles,
            words: self.words,
            metrics: self.metrics.clone(),
            estimates,
            totals: self.totals,
            note,
        }
    }
}

/// Summarises one group: pooled values, bootstrap intervals, a small-group note.
pub fn summarize(
    name: &str,
    articles: &[ArticleScore],
    metrics: &[Metric],
    resamples: usize,
    seed: u64,
) -> GroupSummary {
    let mut group = Group::new(metrics);
    for a in articles {
        group.add(a);
    }
    group.summarize(name, resamples, seed)
}

impl GroupSummary {
    /// The estimate of `metric`, if it was estimated.
    pub fn estimate(&self, metric: Metric) -> Option<&Estimate> {
        let at = self.metrics.iter().position(|&m| m == metric)?;
        self.estimates.get(at)
    }
}

/// One outlet's figure for one event, set against the other outlets covering it.
#[derive(Clone, Debug, PartialEq)]
pub struct WithinRow {
    /// The event.
    pub event: String,
    /// The outlet (or other group).
    pub group: String,
    /// The metric.
    pub metric: Metric,
    /// This outlet's pooled value on this event.
    pub value: Option<f64>,
    /// The mean of the other outlets' values on this event.
    pub others_mean: Option<f64>,
    /// `value - others_mean`: above zero, more than the others covering the same story.
    pub difference: Option<f64>,
    /// Articles of this outlet on this event.
    pub articles: usize,
    /// Their words.
    pub words: u64,
}

/// The same-story view: for each event, each group's value minus the mean of
/// the other groups that cover that event. `cells` maps (event, group) to
/// its articles, gathered in a [`Group`].
pub fn within(cells: &BTreeMap<(String, String), Group>, metrics: &[Metric]) -> Vec<WithinRow> {
    let mut by_event: BTreeMap<&str, Vec<(&str, &Group)>> = BTreeMap::new();
    for ((event, group), articles) in cells {
        by_event.entry(event).or_default().push((group, articles));
    }
    let mut rows = Vec::new();
    for (event, groups) in by_event {
        for &metric in metrics {
            let values: Vec<Option<f64>> = groups.iter().map(|(_, g)| g.pooled(metric)).collect();
            for (i, (group, articles)) in groups.iter().enumerate() {
                let others: Vec<f64> = values
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .filter_map(|(_, v)| *v)
                    .collect();
                let others_mean =
                    (!others.is_empty()).then(|| others.iter().sum::<f64>() / others.len() as f64);
                let value = values[i];
                rows.push(WithinRow {
                    event: event.to_string(),
                    group: group.to_string(),
                    metric,
                    value,
                    others_mean,
                    difference: value.zip(others_mean).map(|(v, m)| v - m),
                    articles: articles.articles(),
                    words: articles.words(),
                });
            }
        }
    }
    rows
}

/// Where `metric` stands in `metrics`.
fn position(metrics: &[Metric], metric: Metric) -> usize {
    metrics.iter().position(|m| *m == metric).unwrap_or(0)
}

/// How `compare` lays out its table and draws its intervals.
#[derive(Clone, Debug)]
pub struct Layout {
    /// One row per group and metric instead of one column per group.
    pub long: bool,
    /// Resamples drawn for each interval.
    pub resamples: usize,
    /// Seed of the resampling.
    pub seed: u64,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            long: false,
            resamples: DEFAULT_RESAMPLES,
            seed: DEFAULT_SEED,
        }
    }
}

/// Articles' figures gathered by group, and by the field of the same-story
/// view when there is one: what `compare` turns into its table.
#[derive(Clone, Debug)]
pub struct Grouping {
    by: String,
    within: Option<String>,
    /// The metrics every cell estimates.
    metrics: Vec<Metric>,
    /// (value of `within`, or "", and group) to the sums of its articles:
    /// memory grows with the groups, not the articles.
    cells: BTreeMap<(String, String), Group>,
    /// Whether any article had a value for `by`.
    known: bool,
}

impl Grouping {
    /// Groups by the field `by`, within the field `within` if given, for
    /// the metrics `compare` shows with `lexicon`.
    pub fn new(by: &str, within: Option<&str>, lexicon: &Lexicon) -> Grouping {
        Grouping {
            by: by.to_string(),
            within: within.map(str::to_string),
            metrics: Metric::compared(lexicon),
            cells: BTreeMap::new(),
            known: false,
        }
    }

    /// Where an article goes: its `within` value (or "") and its group.
    pub fn keys(&self, article: &Article) -> (String, String) {
        let outer = self
            .within
            .as_deref()
            .map(|f| article.group(f))
            .unwrap_or_default();
        (outer, article.group(&self.by))
    }

    /// Adds an article's figures under the keys [`Grouping::keys`] gave.
    pub fn add(&mut self, keys: (String, String), score: ArticleScore) {
        self.known |= keys.1 != "(none)";
        let metrics = &self.metrics;
        self.cells
            .entry(keys)
            .or_insert_with(|| Group::new(metrics))
            .add(&score);
    }

    /// The `compare` table. It is an error when no article has the field to
    /// group by; `input` names the input in that message.
    pub fn table(&self, lexicon: &Lexicon, layout: &Layout, input: &Path) -> Result<Table> {
        if !self.known {
            return Err(Error::file(
                input,
                format!(
                    "no article has a `{}` field for --by: give the articles one (a manifest column or a JSON field), or try --by event or --by id",
                    self.by
                ),
            ));
        }
        let metrics = Metric::compared(lexicon);
        let names: Vec<String> = metrics.iter().map(|m| m.name(lexicon)).collect();
        Ok(match (&self.within, layout.long) {
            (Some(outer), true) => self.within_long(outer, &metrics, &names),
            (Some(outer), false) => self.within_wide(outer, &metrics, &names),
            (None, true) => self.groups_long(layout, &names),
            (None, false) => self.groups_wide(layout, &names),
        })
    }

    fn summaries(&self, layout: &Layout) -> Vec<GroupSummary> {
        self.cells
            .iter()
            .map(|((_, name), group)| group.summarize(name, layout.resamples, layout.seed))
            .collect()
    }

    fn groups_long(&self, layout: &Layout, names: &[String]) -> Table {
        let mut table = Table::new(&[
            "group", "metric", "value", "ci_low", "ci_high", "articles", "words", "note",
        ]);
        for s in &self.summaries(layout) {
            for (name, e) in names.iter().zip(&s.estimates) {
                let mut row = table.row();
                row.text(&s.name);
                row.text(name);
                row.maybe_figure(e.value);
                row.maybe_figure(e.interval.map(|i| i.0));
                row.maybe_figure(e.interval.map(|i| i.1));
                row.integer(s.articles as u64);
                row.integer(s.words);
                row.text(&s.note);
                table.push(row);
            }
        }
        table
    }

    fn groups_wide(&self, layout: &Layout, names: &[String]) -> Table {
        let summaries = self.summaries(layout);
        let mut header = vec!["metric".to_string()];
        for s in &summaries {
            header.extend([
                s.name.clone(),
                format!("{} ci_low", s.name),
                format!("{} ci_high", s.name),
            ]);
        }
        let mut table = Table::new(&header);
        let plain = |table: &mut Table, label: &str, cell: &dyn Fn(&GroupSummary, &mut Vec<_>)| {
            let mut row = table.row();
            row.text(label);
            for s in &summaries {
                cell(s, &mut row);
                row.missing();
                row.missing();
            }
            table.push(row);
        };
        plain(&mut table, "articles", &|s, row| {
            row.integer(s.articles as u64)
        });
        plain(&mut table, "words", &|s, row| row.integer(s.words));
        for (m, name) in names.iter().enumerate() {
            let mut row = table.row();
            row.text(name);
            for s in &summaries {
                let e = &s.estimates[m];
                row.maybe_figure(e.value);
                row.maybe_figure(e.interval.map(|i| i.0));
                row.maybe_figure(e.interval.map(|i| i.1));
            }
            table.push(row);
        }
        plain(&mut table, "note", &|s, row| row.text(&s.note));
        table
    }

    fn within_long(&self, outer: &str, metrics: &[Metric], names: &[String]) -> Table {
        let mut table = Table::new(&[
            outer,
            "group",
            "metric",
            "value",
            "others_mean",
            "difference",
            "articles",
            "words",
        ]);
        for r in &within(&self.cells, metrics) {
            let mut row = table.row();
            row.text(&r.event);
            row.text(&r.group);
            row.text(&names[position(metrics, r.metric)]);
            row.maybe_figure(r.value);
            row.maybe_figure(r.others_mean);
            row.maybe_figure(r.difference);
            row.integer(r.articles as u64);
            row.integer(r.words);
            table.push(row);
        }
        table
    }

    /// One row per (event, metric), one column per group holding its difference.
    fn within_wide(&self, outer: &str, metrics: &[Metric], names: &[String]) -> Table {
        let groups: Vec<&str> = {
            let mut g: Vec<&str> = self.cells.keys().map(|(_, g)| g.as_str()).collect();
            g.sort_unstable();
            g.dedup();
            g
        };
        let mut header = vec![outer.to_string(), "metric".to_string()];
        header.extend(groups.iter().map(|g| g.to_string()));
        let mut table = Table::new(&header);
        let mut by_row: BTreeMap<(String, usize), Vec<Option<f64>>> = BTreeMap::new();
        for r in within(&self.cells, metrics) {
            let differences = by_row
                .entry((r.event.clone(), position(metrics, r.metric)))
                .or_insert_with(|| vec![None; groups.len()]);
            if let Ok(g) = groups.binary_search(&r.group.as_str()) {
                differences[g] = r.difference;
            }
        }
        for ((event, m), differences) in by_row {
            let mut row = table.row();
            row.text(&event);
            row.text(&names[m]);
            for difference in differences {
                row.maybe_figure(difference);
            }
            table.push(row);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Category, Lexicon};
    use crate::score::Counts;

    const LOADED: Category = Category::LOADED;

    fn metrics() -> Vec<Metric> {
        Metric::compared(&Lexicon::builtin().unwrap())
    }

    fn article(words: u32, loaded: u32) -> ArticleScore {
        let mut a = ArticleScore {
            words,
            sentences: 10,
            counts: vec![Counts::default(); 4],
            ..ArticleScore::default()
        };
        a.counts[0] = Counts {
            total: loaded,
            author: loaded,
            quoted: 0,
            ..Counts::default()
        };
        a
    }

    #[test]
    fn rates_pool_the_words_of_a_group() {
        let group = [article(1000, 10), article(3000, 10)];
        assert_eq!(Metric::Rate(LOADED, Scope::All).pooled(&group), Some(5.0));
        assert_eq!(
            Metric::Rate(LOADED, Scope::Quoted).pooled(&group),
            Some(0.0)
        );
        assert_eq!(Metric::AnonymousShare.pooled(&group), None);
    }

    #[test]
    fn intervals_are_reproducible_and_hold_the_value() {
        let group: Vec<ArticleScore> = (1..=20).map(|i| article(500 + 10 * i, i)).collect();
        let one = summarize("Outlet", &group, &metrics(), 500, 7);
        let again = summarize("Outlet", &group, &metrics(), 500, 7);
        let other_seed = summarize("Outlet", &group, &metrics(), 500, 8);
        assert_eq!(one, again);
        assert_ne!(one.estimates[0].interval, other_seed.estimates[0].interval);
        let (low, high) = one.estimates[0].interval.unwrap();
        let value = one.estimates[0].value.unwrap();
        assert!(low < value && value < high, "{low} {value} {high}");
        assert_eq!(one.note, "");
    }

    #[test]
    fn small_groups_are_flagged() {
        let s = summarize(
            "Tiny",
            &[article(400, 2), article(300, 1)],
            &metrics(),
            100,
            1,
        );
        assert_eq!(
            s.note,
            "small group (2 articles, 700 words): read with care"
        );
        let single = summarize("One", &[article(2000, 2)], &metrics(), 100, 1);
        assert_eq!(single.estimates[0].value, Some(1.0));
        assert_eq!(single.estimates[0].interval, None);
    }

    #[test]
    fn within_sets_each_outlet_against_the_others() {
        let mut cells = BTreeMap::new();
        for (event, group, loaded) in [
            ("e1", "A", 10),
            ("e1", "B", 4),
            ("e1", "C", 6),
            ("e2", "A", 1),
        ] {
            let mut g = Group::new(&metrics());
            g.add(&article(1000, loaded));
            cells.insert((event.to_string(), group.to_string()), g);
        }
        let rows = within(&cells, &metrics());
        let loaded = |event: &str, group: &str| {
            rows.iter()
                .find(|r| {
                    r.event == event
                        && r.group == group
                        && r.metric == Metric::Rate(LOADED, Scope::All)
                })
                .map(|r| (r.value, r.others_mean, r.difference))
                .unwrap()
        };
        assert_eq!(loaded("e1", "A"), (Some(10.0), Some(5.0), Some(5.0)));
        assert_eq!(loaded("e1", "B"), (Some(4.0), Some(8.0), Some(-4.0)));
        assert_eq!(loaded("e2", "A"), (Some(1.0), None, None));
    }

    #[test]
    fn quantiles_interpolate() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.5), 3.0);
        assert_eq!(quantile(&[0.0, 10.0], 0.25), 2.5);
    }

    #[test]
    fn large_groups_resample_buckets_with_the_same_seed_the_same_way() {
        let articles: Vec<ArticleScore> = (0..5000)
            .map(|i| article(200 + (i * 37 % 300), i * 7 % 11))
            .collect();
        let a = summarize("Big", &articles, &metrics(), 200, 1);
        let b = summarize("Big", &articles, &metrics(), 200, 1);
        assert_eq!(a, b);
        let loaded = a.estimates[0];
        let (low, high) = loaded.interval.unwrap();
        let value = loaded.value.unwrap();
        assert!(low < value && value < high, "{low} {value} {high}");
        // The interval of a pooled rate over 5,000 articles is narrow; the
        // normal approximation's half-width is about 2 standard errors.
        let words: Vec<f64> = articles.iter().map(|a| f64::from(a.words)).collect();
        let rates: Vec<f64> = articles
            .iter()
            .map(|a| f64::from(a.counts[0].total) * 1000.0)
            .collect();
        let total: f64 = words.iter().sum();
        let residual: f64 = rates
            .iter()
            .zip(&words)
            .map(|(r, w)| (r - value * w).powi(2))
            .sum();
        let se = residual.sqrt() / total;
        let half = (high - low) / 2.0;
        assert!(half > 1.5 * se && half < 2.5 * se, "{half} against {se}");
    }

    #[test]
    fn small_groups_resample_articles_as_before() {
        // Up to BUCKETS articles each bucket is one article: the same draws
        // as resampling the articles themselves.
        let articles: Vec<ArticleScore> = (0..40).map(|i| article(300 + i * 10, i % 5)).collect();
        let summary = summarize("Small", &articles, &metrics(), 300, 9);
        let mut rng = SplitMix64(9 ^ name_hash("Small"));
        let mut draws: Vec<f64> = (0..300)
            .map(|_| {
                let (mut part, mut whole) = (0, 0);
                for _ in 0..articles.len() {
                    let a = &articles[rng.below(articles.len())];
                    part += u64::from(a.counts[0].total);
                    whole += u64::from(a.words);
                }
                part as f64 * 1000.0 / whole as f64
            })
            .collect();
        draws.sort_by(f64::total_cmp);
        let want = (quantile(&draws, 0.025), quantile(&draws, 0.975));
        assert_eq!(summary.estimates[0].interval, Some(want));
    }
}
