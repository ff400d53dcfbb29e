//! Agreement with human annotators: the metrics defined in the validation
//! data's README (loaded-language tokens and spans, BABE sentence AUC, BASIL
//! pairwise order, hedge sentences and cues, attribution cues).
//!
//! Offsets are Unicode code points, end exclusive. A token is a run of word
//! characters (letters, digits, underscore), as Python's `\w+` finds them.

use crate::error::{Error, Result};
use crate::lexicon::Category;
use serde::Deserialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One annotated span of a gold record.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct GoldSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// What the annotators marked: loaded, hedge, attribution_cue, ...
    pub label: String,
}

/// One gold record: a text with its annotations.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldRecord {
    /// Unique id.
    pub id: String,
    /// The data set it belongs to: ptc, basil, babe, szeged_news, polnear, ...
    pub dataset: String,
    /// The text the offsets refer to.
    pub text: String,
    /// The outlet, where known.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The event (BASIL's triplet id), where known.
    #[serde(default)]
    pub event: Option<String>,
    /// Document labels.
    #[serde(default)]
    pub labels: Labels,
    /// Annotated spans.
    #[serde(default)]
    pub spans: Vec<GoldSpan>,
}

/// The document labels the metrics use.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Labels {
    /// BABE: the sentence is biased.
    #[serde(default)]
    pub biased: Option<bool>,
    /// Szeged: the sentence has an uncertainty cue.
    #[serde(default)]
    pub uncertain: Option<bool>,
}

/// Reads gold records from JSONL files; ids must be unique across all files.
///
/// A line is read whole only up to the corpus limit, a NUL byte stops the
/// file, and every span must lie inside its text: a span that is empty,
/// reversed or past the end would be counted and lower recall.
pub fn read_gold(paths: &[PathBuf]) -> Result<Vec<GoldRecord>> {
    use crate::corpus::limits::{DEFAULT_MAX_BYTES, Line, read_line, size};
    let mut records = Vec::new();
    let mut seen: HashMap<String, (usize, u64)> = HashMap::new();
    for (file, path) in paths.iter().enumerate() {
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            return Err(Error::file(path, "is a folder; --gold takes JSONL files"));
        }
        let reader = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
        let mut reader = std::io::BufReader::new(reader);
        let mut buf = Vec::new();
        let mut line_no = 0;
        loop {
            let read = read_line(&mut reader, &mut buf, DEFAULT_MAX_BYTES)
                .map_err(|e| Error::io(path, "read", e))?;
            line_no += 1;
            let fail = |message: String| Error::line(path, line_no, message);
            match read {
                Line::End => break,
                Line::Read { .. } => {}
                Line::Nul => {
                    return Err(fail(
                        "looks like a binary file (a NUL byte), not text".into(),
                    ));
                }
                Line::TooLong => {
                    return Err(fail(format!(
                        "a line longer than {}",
                        size(DEFAULT_MAX_BYTES)
                    )));
                }
            }
            let mut bytes = &buf[..];
            if line_no == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let line = std::str::from_utf8(bytes).map_err(|e| {
                fail(format!(
                    "not valid UTF-8 (byte {} of the line)",
                    e.valid_up_to()
                ))
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let record: GoldRecord =
                serde_json::from_str(line).map_err(|e| fail(format!("not a gold record ({e})")))?;
            check_spans(&record).map_err(fail)?;
            if let Some((f, l)) = seen.insert(record.id.clone(), (file, line_no)) {
                let first = format!("{}:{l}", paths[f].display());
                return Err(fail(format!(
                    "the id `{}` was used before, on {first}",
                    record.id
                )));
            }
            records.push(record);
        }
    }
    if records.is_empty() {
        let path = paths
            .first()
            .map_or(Path::new("<no gold file>"), |p| p.as_path());
        return Err(Error::file(path, "holds no gold records"));
    }
    Ok(records)
}

/// Refuses a span that is empty, reversed, or reaches past its text.
fn check_spans(record: &GoldRecord) -> Result<(), String> {
    let mut length = None;
    for span in &record.spans {
        let (start, end) = (span.start, span.end);
        if start >= end {
            let what = if start == end { "empty" } else { "reversed" };
            return Err(format!(
                "record `{}`: the {} span {start}..{end} is {what}",
                record.id, span.label
            ));
        }
        let length = *length.get_or_insert_with(|| record.text.chars().count());
        if end > length {
            return Err(format!(
                "record `{}`: the {} span {start}..{end} ends past the text ({length} characters)",
                record.id, span.label
            ));
        }
    }
    Ok(())
}

/// One predicted match, in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prediction {
    /// Its category.
    pub category: Category,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The strength of the match's entry in thousandths (1,000 when ungraded).
    pub strength_milli: u32,
}

/// A metric's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A ratio, or none when its denominator is empty.
    Ratio(Option<f64>),
    /// A count.
    Count(u64),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Value::Ratio(Some(v)) => write!(f, "{v:.4}"),
            Value::Ratio(None) => write!(f, "n/a"),
            Value::Count(n) => write!(f, "{n}"),
        }
    }
}

/// The metrics of one data set, in a fixed order.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetMetrics {
    /// The data set.
    pub dataset: String,
    /// (metric, value) pairs.
    pub metrics: Vec<(&'static str, Value)>,
}

/// A non-negative fraction, compared exactly.
#[derive(Clone, Copy, Debug)]
struct Fraction {
    num: u64,
    den: u64,
}

impl Fraction {
    fn density(count: usize, tokens: usize) -> Fraction {
        Fraction {
            num: 1000 * count as u64,
            den: tokens as u64,
        }
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Fraction) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Fraction {}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Fraction) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Fraction) -> Ordering {
        (u128::from(self.num) * u128::from(other.den))
            .cmp(&(u128::from(other.num) * u128::from(self.den)))
    }
}

/// One record prepared for scoring: its tokens and spans in code points.
struct Doc<'a> {
    record: &'a GoldRecord,
    chars: usize,
    tokens: Vec<(usize, usize)>,
    predictions: &'a [Prediction],
}

impl Doc<'_> {
    fn gold(&self, label: &str) -> Vec<(usize, usize)> {
        self.record
            .spans
            .iter()
            .filter(|s| s.label == label)
            .map(|s| (s.start, s.end))
            .collect()
    }

    /// Predicted matches of `category` per 1,000 word tokens, as a
    /// fraction: each match counts 1, or its strength when `weighted`.
    fn predicted_density(&self, category: Category, weighted: bool) -> Fraction {
        let of = self.predictions.iter().filter(|p| p.category == category);
        let num = if weighted {
            of.map(|p| u64::from(p.strength_milli)).sum()
        } else {
            1000 * of.count() as u64
        };
        Fraction {
            num,
            den: self.tokens.len() as u64,
        }
    }

    fn predicted(&self, category: Category) -> Vec<(usize, usize)> {
        self.predictions
            .iter()
            .filter(|p| p.category == category)
            .map(|p| (p.start, p.end))
            .collect()
    }
}

/// Code point spans of the runs of word characters of `text`.
fn word_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        let word = c == '_' || c.is_alphanumeric();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            _ => {}
        }
        count = i + 1;
    }
    if let Some(s) = start {
        tokens.push((s, count));
    }
    tokens
}

/// The union of intervals over a text, answering "does [s, e) overlap it?".
struct Coverage {
    covered: Vec<u32>,
}

impl Coverage {
    fn new(len: usize, intervals: &[(usize, usize)]) -> Coverage {
        let mut diff = vec![0i64; len + 1];
        for &(s, e) in intervals {
            let (s, e) = (s.min(len), e.min(len));
            if s < e {
                diff[s] += 1;
                diff[e] -= 1;
            }
        }
        let mut covered = vec![0u32; len + 1];
        let (mut run, mut total) = (0i64, 0u32);
        for i in 0..len {
            run += diff[i];
            total += u32::from(run > 0);
            covered[i + 1] = total;
        }
        Coverage { covered }
    }

    fn overlaps(&self, s: usize, e: usize) -> bool {
        let n = self.covered.len() - 1;
        let (s, e) = (s.min(n), e.min(n));
        s < e && self.covered[e] > self.covered[s]
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Precision, recall and F1 from counts, as the reference scorer gives them.
fn prf(tp: u64, fp: u64, fn_: u64) -> [Value; 3] {
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    [Value::Ratio(p), Value::Ratio(r), Value::Ratio(f1(p, r))]
}

fn f1(p: Option<f64>, r: Option<f64>) -> Option<f64> {
    match (p, r) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    }
}

/// Average ranks from 1, ties sharing the mean rank.
fn ranks<T: Ord>(xs: &[T]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            r[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

fn spearman<T: Ord>(xs: &[T], ys: &[T]) -> Option<f64> {
    if xs.len() < 3 {
        return None;
    }
    let (rx, ry) = (ranks(xs), ranks(ys));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let sxy: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
    let syy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
    (sxx != 0.0 && syy != 0.0).then(|| sxy / (sxx * syy).sqrt())
}

fn roc_auc(scores: &[Fraction], labels: &[bool]) -> Option<f64> {
    let pos = labels.iter().filter(|&&y| y).count() as f64;
    let neg = labels.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return None;
    }
    let r = ranks(scores);
    let sum_pos: f64 = r
        .iter()
        .zip(labels)
        .filter(|(_, y)| **y)
        .map(|(r, _)| r)
        .sum();
    Some((sum_pos - pos * (pos + 1.0) / 2.0) / (pos * neg))
}

fn token_counts(docs: &[Doc], label: &str, category: Category) -> (u64, u64, u64) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for d in docs {
        let gold = Coverage::new(d.chars, &d.gold(label));
        let pred = Coverage::new(d.chars, &d.predicted(category));
        for &(s, e) in &d.tokens {
            match (gold.overlaps(s, e), pred.overlaps(s, e)) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
    }
    (tp, fp, fn_)
}

/// (gold spans hit, gold spans, predictions hitting gold, predictions).
fn span_counts(docs: &[Doc], label: &str, category: Category) -> (u64, u64, u64, u64) {
    let (mut g_hit, mut g_all, mut p_hit, mut p_all) = (0, 0, 0, 0);
    for d in docs {
        let (g, p) = (d.gold(label), d.predicted(category));
        let (gc, pc) = (Coverage::new(d.chars, &g), Coverage::new(d.chars, &p));
        g_all += g.len() as u64;
        p_all += p.len() as u64;
        g_hit += g.iter().filter(|&&(s, e)| pc.overlaps(s, e)).count() as u64;
        p_hit += p.iter().filter(|&&(s, e)| gc.overlaps(s, e)).count() as u64;
    }
    (g_hit, g_all, p_hit, p_all)
}

/// Spearman's correlation of gold and predicted densities over documents;
/// `weighted` counts each prediction by its strength.
fn density_spearman(docs: &[Doc], label: &str, category: Category, weighted: bool) -> Option<f64> {
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for d in docs.iter().filter(|d| !d.tokens.is_empty()) {
        gold.push(Fraction::density(d.gold(label).len(), d.tokens.len()));
        pred.push(d.predicted_density(category, weighted));
    }
    spearman(&gold, &pred)
}

fn loaded_metrics(docs: &[Doc], out: &mut Vec<(&'static str, Value)>) {
    let (tp, fp, fn_) = token_counts(docs, "loaded", Category::LOADED);
    let [p, r, f] = prf(tp, fp, fn_);
    let (g_hit, g_all, p_hit, p_all) = span_counts(docs, "loaded", Category::LOADED);
    out.extend([
        ("loaded_token_p", p),
        ("loaded_token_r", r),
        ("loaded_token_f1", f),
        ("loaded_span_recall", Value::Ratio(ratio(g_hit, g_all))),
        ("loaded_match_precision", Value::Ratio(ratio(p_hit, p_all))),
        (
            "loaded_density_spearman",
            Value::Ratio(density_spearman(docs, "loaded", Category::LOADED, false)),
        ),
        (
            "loaded_weighted_density_spearman",
            Value::Ratio(density_spearman(docs, "loaded", Category::LOADED, true)),
        ),
        ("n_docs", Value::Count(docs.len() as u64)),
        ("n_gold_loaded_spans", Value::Count(g_all)),
        ("n_pred_loaded", Value::Count(p_all)),
        ("n_gold_pos_tokens", Value::Count(tp + fn_)),
    ]);
}

fn basil_pairwise(docs: &[Doc], out: &mut Vec<(&'static str, Value)>) {
    let (accuracy, pairs) = pairwise_order(docs, false);
    let (weighted, _) = pairwise_order(docs, true);
    out.extend([
        ("basil_pairwise_accuracy", Value::Ratio(accuracy)),
        ("basil_weighted_pairwise_accuracy", Value::Ratio(weighted)),
        ("basil_pairs", Value::Count(pairs)),
    ]);
}

/// Within each event, the share of article pairs whose predicted loaded
/// densities are in the annotators' order (a tie in prediction counts half),
/// and the number of pairs the annotators order.
fn pairwise_order(docs: &[Doc], weighted: bool) -> (Option<f64>, u64) {
    let mut by_event: BTreeMap<&str, Vec<(Fraction, Fraction)>> = BTreeMap::new();
    for d in docs {
        let (Some(event), false) = (d.record.event.as_deref(), d.tokens.is_empty()) else {
            continue;
        };
        let n = d.tokens.len();
        let gold = Fraction::density(d.gold("loaded").len(), n);
        let pred = d.predicted_density(Category::LOADED, weighted);
        by_event.entry(event).or_default().push((gold, pred));
    }
    let (mut score, mut pairs) = (0.0, 0u64);
    for docs in by_event.values() {
        for (i, &(ga, pa)) in docs.iter().enumerate() {
            for &(gb, pb) in &docs[i + 1..] {
                if ga == gb {
                    continue;
                }
                pairs += 1;
                if pa == pb {
                    score += 0.5;
                } else if (pa > pb) == (ga > gb) {
                    score += 1.0;
                }
            }
        }
    }
    ((pairs > 0).then(|| score / pairs as f64), pairs)
}

fn babe_metrics(docs: &[Doc], out: &mut Vec<(&'static str, Value)>) {
    let (mut scores, mut weighted, mut labels) = (Vec::new(), Vec::new(), Vec::new());
    for d in docs {
        let Some(biased) = d.record.labels.biased else {
            continue;
        };
        let zero = Fraction { num: 0, den: 1 };
        let empty = d.tokens.is_empty();
        for (list, by_strength) in [(&mut scores, false), (&mut weighted, true)] {
            list.push(if empty {
                zero
            } else {
                d.predicted_density(Category::LOADED, by_strength)
            });
        }
        labels.push(biased);
    }
    let (tp, fp, fn_) = token_counts(docs, "loaded", Category::LOADED);
    let [p, r, f] = prf(tp, fp, fn_);
    out.extend([
        ("babe_sentence_auc", Value::Ratio(roc_auc(&scores, &labels))),
        (
            "babe_weighted_sentence_auc",
            Value::Ratio(roc_auc(&weighted, &labels)),
        ),
        ("babe_word_p", p),
        ("babe_word_r", r),
        ("babe_word_f1", f),
        ("n_docs", Value::Count(labels.len() as u64)),
        (
            "n_biased",
            Value::Count(labels.iter().filter(|&&b| b).count() as u64),
        ),
        ("n_gold_word_tokens", Value::Count(tp + fn_)),
    ]);
}

fn hedge_metrics(docs: &[Doc], out: &mut Vec<(&'static str, Value)>) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for d in docs {
        let gold = d.record.labels.uncertain.unwrap_or(false);
        let pred = d
            .predictions
            .iter()
            .any(|p| p.category == Category::HEDGING);
        match (gold, pred) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
    }
    let [sp, sr, sf] = prf(tp, fp, fn_);
    let (g_hit, g_all, p_hit, p_all) = span_counts(docs, "hedge", Category::HEDGING);
    let (p, r) = (ratio(p_hit, p_all), ratio(g_hit, g_all));
    out.extend([
        ("hedge_sentence_p", sp),
        ("hedge_sentence_r", sr),
        ("hedge_sentence_f1", sf),
        ("hedge_cue_p", Value::Ratio(p)),
        ("hedge_cue_r", Value::Ratio(r)),
        ("hedge_cue_f1", Value::Ratio(f1(p, r))),
        ("n_docs", Value::Count(docs.len() as u64)),
        ("n_uncertain", Value::Count(tp + fn_)),
        ("n_gold_cues", Value::Count(g_all)),
        ("n_pred_hedging", Value::Count(p_all)),
    ]);
}

fn attribution_metrics(docs: &[Doc], out: &mut Vec<(&'static str, Value)>) {
    let (g_hit, g_all, p_hit, p_all) = span_counts(docs, "attribution_cue", Category::ATTRIBUTION);
    let (p, r) = (ratio(p_hit, p_all), ratio(g_hit, g_all));
    out.extend([
        ("attribution_cue_p", Value::Ratio(p)),
        ("attribution_cue_r", Value::Ratio(r)),
        ("attribution_cue_f1", Value::Ratio(f1(p, r))),
        (
            "attribution_density_spearman",
            Value::Ratio(density_spearman(
                docs,
                "attribution_cue",
                Category::ATTRIBUTION,
                false,
            )),
        ),
        ("n_docs", Value::Count(docs.len() as u64)),
        ("n_gold_cues", Value::Count(g_all)),
        ("n_pred_attribution", Value::Count(p_all)),
    ]);
}

/// The metrics of every data set in `records`, given each record's predictions
/// (`predictions[i]` belongs to `records[i]`), data sets in name order.
pub fn evaluate(records: &[GoldRecord], predictions: &[Vec<Prediction>]) -> Vec<DatasetMetrics> {
    let mut by_dataset: BTreeMap<&str, Vec<Doc>> = BTreeMap::new();
    for (record, predictions) in records.iter().zip(predictions) {
        by_dataset.entry(&record.dataset).or_default().push(Doc {
            record,
            chars: record.text.chars().count(),
            tokens: word_tokens(&record.text),
            predictions,
        });
    }
    by_dataset
        .into_iter()
        .map(|(dataset, docs)| {
            let mut metrics = Vec::new();
            if matches!(dataset, "ptc" | "basil") {
                loaded_metrics(&docs, &mut metrics);
            }
            if dataset == "basil" {
                basil_pairwise(&docs, &mut metrics);
            }
            if dataset == "babe" {
                babe_metrics(&docs, &mut metrics);
            }
            if matches!(dataset, "szeged_news" | "szeged_wiki") {
                hedge_metrics(&docs, &mut metrics);
            }
            if dataset == "polnear" {
                attribution_metrics(&docs, &mut metrics);
            }
            let with_any = docs.iter().filter(|d| !d.predictions.is_empty()).count() as u64;
            metrics.push(("docs_with_any_prediction", Value::Count(with_any)));
            DatasetMetrics {
                dataset: dataset.to_string(),
                metrics,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_runs_of_word_characters() {
        assert_eq!(
            word_tokens("It’s a_b, 3.5 é!"),
            [(0, 2), (3, 4), (5, 8), (10, 11), (12, 13), (14, 15)]
        );
    }

    #[test]
    fn coverage_counts_overlap_not_touching() {
        let c = Coverage::new(10, &[(2, 4), (3, 6)]);
        assert!(c.overlaps(5, 7));
        assert!(!c.overlaps(6, 8));
        assert!(!c.overlaps(0, 2));
        assert!(c.overlaps(0, 3));
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10, 20, 20, 5]), [2.0, 3.5, 3.5, 1.0]);
    }

    #[test]
    fn auc_counts_ties_as_half() {
        let f = |num| Fraction { num, den: 1 };
        assert_eq!(
            roc_auc(&[f(2), f(1), f(1), f(0)], &[true, true, false, false]),
            Some(0.875)
        );
        assert_eq!(roc_auc(&[f(1)], &[true]), None);
    }

    #[test]
    fn spearman_of_a_perfect_order_is_one() {
        assert_eq!(spearman(&[1, 2, 3, 4], &[10, 20, 30, 40]), Some(1.0));
        assert_eq!(spearman(&[1, 2], &[1, 2]), None);
        assert_eq!(spearman(&[1, 1, 1], &[1, 2, 3]), None);
    }

    #[test]
    fn f1_is_zero_when_nothing_is_right() {
        assert_eq!(
            prf(0, 3, 2),
            [
                Value::Ratio(Some(0.0)),
                Value::Ratio(Some(0.0)),
                Value::Ratio(Some(0.0))
            ]
        );
        assert_eq!(prf(0, 0, 2)[0], Value::Ratio(None));
    }
}
