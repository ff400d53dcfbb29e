//! The `score` table: one row of figures per article, its columns taken
//! from the metric table.

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::metrics::{Metric, Scope, Value};
use crate::output::Cells;
use crate::score::ArticleScore;
use crate::table::Row;

/// The article columns before the figures.
const ARTICLE_COLUMNS: [&str; 5] = ["id", "outlet", "event", "date", "title"];

/// The columns of the `score` table for one lexicon.
#[derive(Clone, Debug)]
pub struct ScoreTable {
    figures: Vec<Metric>,
    names: Vec<String>,
    version: String,
}

impl ScoreTable {
    /// The table of `lexicon`'s scored categories.
    pub fn new(lexicon: &Lexicon) -> ScoreTable {
        let figures = Metric::score_columns(lexicon);
        let names = figures.iter().map(|m| m.name(lexicon)).collect();
        ScoreTable {
            figures,
            names,
            version: lexicon.version.clone(),
        }
    }

    /// Refuses a lexicon whose custom category would give a column the same
    /// name as another (a `words.txt`, or a `loaded_author.txt` whose rate
    /// would be `loaded_author_per_1k`): tables must stay unambiguous. The
    /// score table holds every category column that any output names.
    pub fn check(lexicon: &Lexicon) -> Result<()> {
        let table = ScoreTable::new(lexicon);
        let header = table.header();
        for category in lexicon.scored().skip(crate::lexicon::SCORED.len()) {
            let rates =
                [Scope::All, Scope::Author, Scope::Quoted].map(|s| Metric::Rate(category, s));
            let figures = [Metric::Count(category), Metric::Weighted(category)];
            for figure in figures.into_iter().chain(rates) {
                let name = figure.name(lexicon);
                if header.iter().filter(|h| **h == name).count() > 1 {
                    return Err(Error::file(
                        lexicon.path(category),
                        format!(
                            "would give the column `{name}`, which another figure already has; rename the file"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The header row.
    pub fn header(&self) -> Vec<String> {
        let mut header: Vec<String> = ARTICLE_COLUMNS.map(String::from).to_vec();
        header.extend(self.names.iter().cloned());
        header.push("lexicon_version".into());
        header
    }

    /// One article's row as CSV cells, in the order of [`ScoreTable::header`].
    pub fn row(&self, article: &Article, score: &ArticleScore) -> Cells {
        let mut row = Cells::with_capacity(self.width(), 256);
        self.fill(article, score, &mut row);
        row
    }

    /// How many columns the table has.
    pub fn width(&self) -> usize {
        ARTICLE_COLUMNS.len() + self.figures.len() + 1
    }

    /// Fills `row` with one article's cells, in the order of [`ScoreTable::header`].
    pub fn fill(&self, article: &Article, score: &ArticleScore, row: &mut impl Row) {
        let m = &article.meta;
        for text in [&article.id, &m.outlet, &m.event, &m.date, &m.title] {
            row.text(text);
        }
        for figure in &self.figures {
            match figure.of(score) {
                Value::Count(n) => row.integer(n),
                Value::Ratio(r) => row.figure(r.unwrap_or(0.0)),
            }
        }
        row.text(&self.version);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixed;
    use crate::score::Counts;

    #[test]
    fn header_and_row_line_up() {
        let lexicon = Lexicon::builtin().unwrap();
        let table = ScoreTable::new(&lexicon);
        let article = Article::new(
            "a".into(),
            "a.txt".into(),
            Default::default(),
            "x".into(),
            false,
        );
        let score = ArticleScore {
            words: 3,
            counts: vec![Counts::default(); 4],
            ..Default::default()
        };
        let row = table.row(&article, &score);
        assert_eq!(table.header().len(), row.len());
        // loaded.txt is graded: its weighted rate stands beside its rate.
        assert_eq!(table.header().len(), 31);
        assert_eq!(
            table.header()[8..13],
            [
                "loaded",
                "loaded_per_1k",
                "loaded_weighted_per_1k",
                "loaded_author_per_1k",
                "loaded_quoted_per_1k"
            ]
        );
        assert_eq!(table.header()[13..15], ["hedging", "hedging_per_1k"]);
        assert_eq!(fixed(2.0 / 3.0), "0.667");
    }
}
