//! The words behind the numbers: the most frequent entries per group and
//! category, and which side of each paired label a group chooses.

use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, Match};
use crate::table::{Row, Table};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Distinct matched forms kept per entry, as examples.
const MAX_FORMS: usize = 5;

/// Counts for one lexicon entry in one group.
#[derive(Clone, Debug, Default)]
struct EntryCount {
    count: u64,
    /// Distinct lower-cased forms that matched, the first few.
    forms: BTreeSet<String>,
}

/// Term counts, gathered article by article.
#[derive(Debug, Default)]
pub struct Terms {
    groups: BTreeMap<String, Group>,
}

#[derive(Debug, Default)]
struct Group {
    words: u64,
    entries: HashMap<u32, EntryCount>,
}

/// One row of the frequent-terms table.
#[derive(Clone, Debug, PartialEq)]
pub struct TermRow {
    /// The group.
    pub group: String,
    /// The category.
    pub category: String,
    /// 1 for the most frequent entry of the category in the group.
    pub rank: usize,
    /// The lexicon entry without its syntax marks.
    pub entry: String,
    /// How the entry matches: word, cased, stem, prefix, ...
    pub entry_kind: &'static str,
    /// The entry's strength, what each of its matches adds to the weighted
    /// rate (1 in a file without strengths).
    pub strength: f64,
    /// Distinct forms matched, "; "-separated.
    pub forms: String,
    /// Matches of the entry in the group.
    pub count: u64,
    /// Matches per 1,000 words of the group.
    pub per_1k: f64,
    /// The entry's share of the category's matches in the group.
    pub share: f64,
}

/// One row of the label-choice table.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelRow {
    /// The pair, such as regime-government.
    pub pair: String,
    /// The side, such as regime.
    pub side: String,
    /// The group.
    pub group: String,
    /// Uses of this side in the group.
    pub count: u64,
    /// This side's share of the pair's uses in the group (empty when the pair is unused).
    pub share: Option<f64>,
}

impl Terms {
    /// Adds one article of `group`: its word count and matches in `text`.
    pub fn add(&mut self, group: &str, words: u32, text: &str, matches: &[Match]) {
        let g = self.groups.entry(group.to_string()).or_default();
        g.words += u64::from(words);
        for m in matches {
            let e = g.entries.entry(m.entry).or_default();
            e.count += 1;
            if e.forms.len() < MAX_FORMS {
                e.forms.insert(text[m.span()].to_lowercase());
            }
        }
    }

    /// The `top` most frequent entries per group of each category in `categories`.
    pub fn top(&self, lexicon: &Lexicon, categories: &[u16], top: usize) -> Vec<TermRow> {
        let mut rows = Vec::new();
        for (group, g) in &self.groups {
            for &category in categories {
                let mut entries: Vec<(u32, &EntryCount)> = g
                    .entries
                    .iter()
                    .filter(|(id, _)| lexicon.entries[**id as usize].category == category)
                    .map(|(id, c)| (*id, c))
                    .collect();
                let total: u64 = entries.iter().map(|(_, c)| c.count).sum();
                entries.sort_by(|a, b| {
                    b.1.count.cmp(&a.1.count).then_with(|| {
                        lexicon.entries[a.0 as usize]
                            .text
                            .cmp(&lexicon.entries[b.0 as usize].text)
                    })
                });
                for (rank, (id, c)) in entries.into_iter().take(top).enumerate() {
                    rows.push(TermRow {
                        group: group.clone(),
                        category: lexicon.categories[category as usize].name.clone(),
                        rank: rank + 1,
                        entry: lexicon.entries[id as usize].words().into_owned(),
                        entry_kind: lexicon.entries[id as usize].kind(),
                        strength: f64::from(lexicon.entries[id as usize].strength_milli()) / 1000.0,
                        forms: c.forms.iter().cloned().collect::<Vec<_>>().join("; "),
                        count: c.count,
                        per_1k: if g.words == 0 {
                            0.0
                        } else {
                            c.count as f64 * 1000.0 / g.words as f64
                        },
                        share: c.count as f64 / total as f64,
                    });
                }
            }
        }
        rows
    }

    /// How often each group uses each side of each pair of `category`, whose
    /// sections are named `pair:side`.
    pub fn labels(&self, lexicon: &Lexicon, category: u16) -> Vec<LabelRow> {
        // Every pair and side in lexicon order, so unused sides still show as 0.
        let mut sides: Vec<(&str, &str)> = Vec::new();
        for e in lexicon.entries.iter().filter(|e| e.category == category) {
            if let Some((pair, side)) = e.subcategory.split_once(':')
                && !sides.contains(&(pair, side))
            {
                sides.push((pair, side));
            }
        }
        let mut rows: Vec<LabelRow> = Vec::new();
        for (group, g) in &self.groups {
            let mut counts: HashMap<(&str, &str), u64> = HashMap::new();
            for (id, c) in &g.entries {
                let e = &lexicon.entries[*id as usize];
                if e.category == category
                    && let Some((pair, side)) = e.subcategory.split_once(':')
                {
                    *counts.entry((pair, side)).or_default() += c.count;
                }
            }
            for &(pair, side) in &sides {
                let count = counts.get(&(pair, side)).copied().unwrap_or(0);
                let pair_total: u64 = counts
                    .iter()
                    .filter(|((p, _), _)| *p == pair)
                    .map(|(_, n)| n)
                    .sum();
                rows.push(LabelRow {
                    pair: pair.to_string(),
                    side: side.to_string(),
                    group: group.clone(),
                    count,
                    share: (pair_total > 0).then(|| count as f64 / pair_total as f64),
                });
            }
        }
        // A pair no group uses says nothing about any of them.
        let used: BTreeSet<String> = rows
            .iter()
            .filter(|r| r.count > 0)
            .map(|r| r.pair.clone())
            .collect();
        rows.retain(|r| used.contains(&r.pair));
        rows.sort_by(|a, b| (&a.pair, &a.group).cmp(&(&b.pair, &b.group)));
        rows
    }
}

/// `header` with the group column at `at` named after the field, or
/// `FIELD_group` where the field's name is another column's (`--by category`).
pub fn with_group_column(header: &[&str], at: usize, by: &str) -> Vec<String> {
    let name = if header.contains(&by) {
        format!("{by}_group")
    } else {
        by.to_string()
    };
    let mut header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    header[at] = name;
    header
}

/// What the `terms` table shows, checked against the lexicon before any
/// article is read.
#[derive(Clone, Debug)]
pub struct Selection {
    /// The field groups are named by, the header of their column.
    by: String,
    /// The categories of the frequent-terms table.
    categories: Vec<u16>,
    /// The labels category, when the label-choice table is asked for.
    labels: Option<u16>,
    /// Entries per group and category.
    top: usize,
}

impl Selection {
    /// Frequent terms of `category` (every scored one if `None`), or the
    /// label-choice table if `labels`; `lexicon_dir` names the lexicons in
    /// the message when they have no labels.
    pub fn new(
        lexicon: &Lexicon,
        lexicon_dir: &Path,
        by: &str,
        category: Option<&str>,
        top: usize,
        labels: bool,
    ) -> Result<Selection> {
        let categories: Vec<u16> = match category {
            Some(name) => match lexicon.scored_named(name) {
                Some(c) => vec![lexicon.index_of(c)],
                None => {
                    let names: Vec<&str> = lexicon.scored().map(|c| lexicon.name(c)).collect();
                    let (last, rest) = names.split_last().unwrap_or((&"", &[]));
                    return Err(Error::file(
                        Path::new(name),
                        format!("is not a category; choose {} or {last}", rest.join(", ")),
                    ));
                }
            },
            None => lexicon.scored().map(|c| lexicon.index_of(c)).collect(),
        };
        let labels = match (labels, lexicon.category("labels")) {
            (true, None) => {
                return Err(Error::file(
                    lexicon_dir,
                    "has no labels.txt, so there is no label table to make",
                ));
            }
            (true, labels) => labels,
            (false, _) => None,
        };
        Ok(Selection {
            by: by.to_string(),
            categories,
            labels,
            top,
        })
    }

    /// The `terms` table of everything added to `terms`.
    pub fn table(&self, terms: &Terms, lexicon: &Lexicon) -> Table {
        if let Some(labels) = self.labels {
            let header = with_group_column(&["pair", "side", "", "count", "share"], 2, &self.by);
            let mut table = Table::new(&header);
            for r in terms.labels(lexicon, labels) {
                let mut row = table.row();
                row.text(&r.pair);
                row.text(&r.side);
                row.text(&r.group);
                row.integer(r.count);
                row.maybe_figure(r.share);
                table.push(row);
            }
            return table;
        }
        let header = [
            "",
            "category",
            "rank",
            "entry",
            "entry_kind",
            "strength",
            "forms",
            "count",
            "per_1k",
            "share",
        ];
        let mut table = Table::new(&with_group_column(&header, 0, &self.by));
        for r in terms.top(lexicon, &self.categories, self.top) {
            let mut row = table.row();
            row.text(&r.group);
            row.text(&r.category);
            row.integer(r.rank as u64);
            row.text(&r.entry);
            row.text(r.entry_kind);
            row.figure(r.strength);
            row.text(&r.forms);
            row.integer(r.count);
            row.figure(r.per_1k);
            row.figure(r.share);
            table.push(row);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Matcher;
    use crate::lexicon::Scratch;
    use crate::text::Analysis;

    fn lexicon(dir: &std::path::Path) -> Lexicon {
        for (name, content) in [
            ("loaded.txt", "brazen\nslam*\n"),
            ("hedging.txt", "may\n"),
            ("boosters.txt", "clearly\n"),
            ("attribution.txt", "said\n"),
            (
                "labels.txt",
                "[regime-government:regime]\nregime\n[regime-government:government]\ngovernment\n",
            ),
        ] {
            std::fs::write(dir.join(name), content).unwrap();
        }
        Lexicon::from_dir(dir).unwrap()
    }

    fn add(terms: &mut Terms, matcher: &Matcher, group: &str, text: &str) {
        let mut analysis = Analysis::new();
        analysis.analyze(text, 0);
        let mut matches = Vec::new();
        matcher.find(&analysis, &mut Scratch::default(), &mut matches);
        terms.add(group, analysis.words, text, &matches);
    }

    #[test]
    fn counts_entries_and_labels_per_group() {
        let dir = tempfile::tempdir().unwrap();
        let matcher = Matcher::new(lexicon(dir.path()));
        let lexicon = matcher.lexicon();
        let mut terms = Terms::default();
        add(
            &mut terms,
            &matcher,
            "A",
            "The brazen regime slammed the regime, brazen again. Slams.",
        );
        add(&mut terms, &matcher, "B", "The government said so.");
        let loaded = lexicon.category("loaded").unwrap();
        let rows = terms.top(lexicon, &[loaded], 10);
        let got: Vec<(&str, &str, u64, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.group.as_str(),
                    r.entry.as_str(),
                    r.count,
                    r.forms.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A", "brazen", 2, "brazen"),
                ("A", "slam", 2, "slammed; slams")
            ]
        );
        assert_eq!(rows[1].entry_kind, "prefix");
        assert_eq!(rows[0].share, 0.5);
        let labels = terms.labels(lexicon, lexicon.category("labels").unwrap());
        let got: Vec<(&str, &str, u64, Option<f64>)> = labels
            .iter()
            .map(|r| (r.group.as_str(), r.side.as_str(), r.count, r.share))
            .collect();
        assert_eq!(
            got,
            [
                ("A", "regime", 2, Some(1.0)),
                ("A", "government", 0, Some(0.0)),
                ("B", "regime", 0, Some(0.0)),
                ("B", "government", 1, Some(1.0))
            ]
        );
    }
}
