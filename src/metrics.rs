//! The metric table: every figure's name and formula, in one place, used by
//! the `score` columns, the `compare` rows and the report's charts.
//!
//! A figure is a ratio of two sums over articles, so that an article's value
//! and a group's pooled value come from one formula: the group's loaded rate
//! is its loaded matches over its words, not a mean of article rates.

use crate::lexicon::{Category, Lexicon};
use crate::score::ArticleScore;

/// Which words a rate counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// All words.
    All,
    /// Words outside direct quotations.
    Author,
    /// Words inside direct quotations.
    Quoted,
}

/// One figure of an article or a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Words of the body.
    Words,
    /// Sentences of the body.
    Sentences,
    /// Paragraphs of the body.
    Paragraphs,
    /// Matches of a scored category.
    Count(Category),
    /// Matches of a scored category per 1,000 words of a scope.
    Rate(Category, Scope),
    /// The strengths of a graded category's matches summed, per 1,000 words:
    /// each match counts as much as its entry's strength.
    Weighted(Category),
    /// Words inside direct quotations / words.
    QuoteShare,
    /// Scare quotes.
    ScareQuotes,
    /// Attributions to named sources.
    NamedSources,
    /// Attributions to anonymous sources.
    AnonymousSources,
    /// Anonymous sources / (named + anonymous sources).
    AnonymousShare,
    /// Sentences with a hedge / sentences.
    HedgedSentenceShare,
}

/// Whether a graded category's headline figure is its weighted rate rather
/// than its count rate: the one that tracks human annotators better on the
/// validation data (VALIDATION.md, "Graded entries").
pub const WEIGHTED_HEADLINE: bool = false;

/// An article's figure: a whole number, or a ratio written with three decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A count.
    Count(u64),
    /// A rate or a share; `None` where it is undefined.
    Ratio(Option<f64>),
}

impl Metric {
    /// The figures of the `score` table, in column order, after the article's
    /// id and metadata and before the lexicon version.
    pub fn score_columns(lexicon: &Lexicon) -> Vec<Metric> {
        let mut columns = vec![Metric::Words, Metric::Sentences, Metric::Paragraphs];
        for c in lexicon.scored() {
            columns.push(Metric::Count(c));
            columns.push(Metric::Rate(c, Scope::All));
            if lexicon.is_graded(c) {
                columns.push(Metric::Weighted(c));
            }
            for scope in [Scope::Author, Scope::Quoted] {
                columns.push(Metric::Rate(c, scope));
            }
        }
        columns.extend([
            Metric::QuoteShare,
            Metric::ScareQuotes,
            Metric::NamedSources,
            Metric::AnonymousSources,
            Metric::HedgedSentenceShare,
        ]);
        columns
    }

    /// The figures `compare` and the report set side by side, in row order.
    pub fn compared(lexicon: &Lexicon) -> Vec<Metric> {
        let mut all = Vec::new();
        for c in lexicon.scored() {
            // The headline first, the other overall rate beside it.
            let headline = Metric::headline(lexicon, c);
            all.push(headline);
            if lexicon.is_graded(c) {
                all.push(match headline {
                    Metric::Weighted(_) => Metric::Rate(c, Scope::All),
                    _ => Metric::Weighted(c),
                });
            }
            for scope in [Scope::Author, Scope::Quoted] {
                all.push(Metric::Rate(c, scope));
            }
        }
        all.extend([
            Metric::QuoteShare,
            Metric::AnonymousShare,
            Metric::HedgedSentenceShare,
        ]);
        all
    }

    /// A category's headline figure, the first of its rows in `compare` and
    /// its bars in the report: the weighted rate of a graded category when
    /// [`WEIGHTED_HEADLINE`] says it tracks annotators better, else the
    /// count rate.
    pub fn headline(lexicon: &Lexicon, category: Category) -> Metric {
        if WEIGHTED_HEADLINE && lexicon.is_graded(category) {
            Metric::Weighted(category)
        } else {
            Metric::Rate(category, Scope::All)
        }
    }

    /// The column or row name.
    pub fn name(self, lexicon: &Lexicon) -> String {
        let category = |c| lexicon.name(c);
        match self {
            Metric::Words => "words".into(),
            Metric::Sentences => "sentences".into(),
            Metric::Paragraphs => "paragraphs".into(),
            Metric::Count(c) => category(c).into(),
            Metric::Rate(c, Scope::All) => format!("{}_per_1k", category(c)),
            Metric::Rate(c, Scope::Author) => format!("{}_author_per_1k", category(c)),
            Metric::Rate(c, Scope::Quoted) => format!("{}_quoted_per_1k", category(c)),
            Metric::Weighted(c) => format!("{}_weighted_per_1k", category(c)),
            Metric::QuoteShare => "quote_share".into(),
            Metric::ScareQuotes => "scare_quotes".into(),
            Metric::NamedSources => "named_sources".into(),
            Metric::AnonymousSources => "anonymous_sources".into(),
            Metric::AnonymousShare => "anonymous_share".into(),
            Metric::HedgedSentenceShare => "hedged_sentence_share".into(),
        }
    }

    /// Whether the figure is a whole number rather than a ratio.
    pub fn is_count(self) -> bool {
        self.scale().is_none()
    }

    /// What a ratio's quotient is multiplied by; `None` for a count.
    fn scale(self) -> Option<f64> {
        match self {
            Metric::Rate(..) => Some(1000.0),
            // Thousandths of a match over words: already per 1,000 words.
            Metric::Weighted(_) => Some(1.0),
            Metric::QuoteShare | Metric::AnonymousShare | Metric::HedgedSentenceShare => Some(1.0),
            _ => None,
        }
    }

    /// The article's numerator and denominator (1 for a count).
    pub fn parts(self, a: &ArticleScore) -> (u64, u64) {
        let counts = |c: Category| a.counts(c);
        let (part, whole) = match self {
            Metric::Words => (a.words, 1),
            Metric::Sentences => (a.sentences, 1),
            Metric::Paragraphs => (a.paragraphs, 1),
            Metric::Count(c) => (counts(c).total, 1),
            Metric::Rate(c, Scope::All) => (counts(c).total, a.words),
            Metric::Rate(c, Scope::Author) => (counts(c).author, a.author_words()),
            Metric::Rate(c, Scope::Quoted) => (counts(c).quoted, a.quoted_words),
            Metric::Weighted(c) => {
                return (counts(c).weighted_milli, u64::from(a.words));
            }
            Metric::QuoteShare => (a.quoted_words, a.words),
            Metric::ScareQuotes => (a.scare_quotes, 1),
            Metric::NamedSources => (a.named_sources, 1),
            Metric::AnonymousSources => (a.anonymous_sources, 1),
            Metric::AnonymousShare => (a.anonymous_sources, a.anonymous_sources + a.named_sources),
            Metric::HedgedSentenceShare => (a.hedged_sentences, a.sentences),
        };
        (u64::from(part), u64::from(whole))
    }

    /// The value of summed parts; a ratio is `None` where it is undefined.
    pub fn value(self, part: u64, whole: u64) -> Value {
        let Some(scale) = self.scale() else {
            return Value::Count(part);
        };
        Value::Ratio(match whole {
            // No sources at all: the anonymous share is unknown, not zero.
            0 if self == Metric::AnonymousShare => None,
            // No words of a kind: nothing was said that way.
            0 => Some(0.0),
            _ => Some(part as f64 * scale / whole as f64),
        })
    }

    /// The article's figure.
    pub fn of(self, article: &ArticleScore) -> Value {
        let (part, whole) = self.parts(article);
        self.value(part, whole)
    }

    /// The pooled value over `articles` (total matches / total words) as a number.
    pub fn pooled(self, articles: &[ArticleScore]) -> Option<f64> {
        let (part, whole) = articles
            .iter()
            .map(|a| self.parts(a))
            .fold((0, 0), |s, p| (s.0 + p.0, s.1 + p.1));
        self.number(part, whole)
    }

    /// [`Metric::value`] as a number, counts included.
    pub fn number(self, part: u64, whole: u64) -> Option<f64> {
        match self.value(part, whole) {
            Value::Count(n) => Some(n as f64),
            Value::Ratio(r) => r,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Counts;

    #[test]
    fn score_and_compare_share_names_and_formulas() {
        let lexicon = Lexicon::builtin().unwrap();
        let names: Vec<String> = Metric::compared(&lexicon)
            .iter()
            .map(|m| m.name(&lexicon))
            .collect();
        // The headline first, the other overall rate of a graded category beside it.
        let (first, second) = if WEIGHTED_HEADLINE {
            ("loaded_weighted_per_1k", "loaded_per_1k")
        } else {
            ("loaded_per_1k", "loaded_weighted_per_1k")
        };
        assert_eq!(
            names[..4],
            [
                first,
                second,
                "loaded_author_per_1k",
                "loaded_quoted_per_1k"
            ]
        );
        assert_eq!(names[4], "hedging_per_1k");
        assert_eq!(names.len(), 16);
        let mut a = ArticleScore {
            words: 200,
            quoted_words: 50,
            counts: vec![Counts::default(); 4],
            ..ArticleScore::default()
        };
        a.counts[0] = Counts {
            total: 3,
            author: 2,
            quoted: 1,
            weighted_milli: 2400,
        };
        let author = Metric::Rate(Category::LOADED, Scope::Author);
        assert_eq!(author.of(&a), Value::Ratio(Some(2.0 * 1000.0 / 150.0)));
        assert_eq!(
            author.pooled(&[a.clone(), a.clone()]),
            Some(2.0 * 1000.0 / 150.0)
        );
        assert_eq!(Metric::Count(Category::LOADED).of(&a), Value::Count(3));
        assert_eq!(Metric::AnonymousShare.of(&a), Value::Ratio(None));
        assert_eq!(Metric::QuoteShare.of(&a), Value::Ratio(Some(0.25)));
        // Strengths 0.8 + 0.8 + 0.8 = 2.4 matches over 200 words.
        let weighted = Metric::Weighted(Category::LOADED);
        assert_eq!(weighted.of(&a), Value::Ratio(Some(12.0)));
        assert_eq!(weighted.name(&lexicon), "loaded_weighted_per_1k");
        let mut b = a.clone();
        b.words = 600;
        b.counts[0].weighted_milli = 600;
        // Pooled: (2,400 + 600) thousandths over 800 words.
        assert_eq!(weighted.pooled(&[a, b]), Some(3.75));
    }

    #[test]
    fn only_graded_categories_have_weighted_columns() {
        let files = [
            ("loaded.txt", "slam 0.5\nbrazen\n"),
            ("hedging.txt", "may\n"),
            ("boosters.txt", "clearly\n"),
            ("attribution.txt", "said\n"),
            ("war.txt", "battle 0.4\n"),
            ("peace.txt", "truce\n"),
        ];
        let lexicon = Lexicon::from_texts(std::path::Path::new("x"), &files).unwrap();
        let names: Vec<String> = Metric::score_columns(&lexicon)
            .iter()
            .map(|m| m.name(&lexicon))
            .filter(|n| n.contains("weighted"))
            .collect();
        assert_eq!(names, ["loaded_weighted_per_1k", "war_weighted_per_1k"]);
    }
}
