//! Scoring one article: matches counted by category and voice, quotations
//! classed as direct or scare quotes, and sources as named or anonymous.

mod quotes;
mod rules;
mod sources;
pub mod table;
mod windows;

use crate::lexicon::{Category, Lexicon, Match, Matcher, Scratch};
use crate::text::{Analysis, Token};
use sources::Mark;

/// Whose words these are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    /// The outlet's own words, including scare quotes.
    Author,
    /// Words inside a direct quotation: the source's, not the outlet's.
    Quoted,
}

impl Voice {
    /// "author" or "quoted".
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Quoted => "quoted",
        }
    }
}

/// What a quotation is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// Reported speech: attributed, a whole sentence, or five words or more.
    Direct,
    /// A short, unattributed quotation that keeps a word at arm's length.
    Scare,
}

/// Who an attribution names as its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A person or organisation by name.
    Named,
    /// "officials", "a source familiar with", "people close to" and the like.
    Anonymous,
    /// No source near the cue, or only a pronoun.
    Unresolved,
}

/// Counts of one category, overall and by voice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// All matches.
    pub total: u32,
    /// Matches in the author's voice.
    pub author: u32,
    /// Matches inside direct quotations.
    pub quoted: u32,
}

/// The figures of one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleScore {
    /// Words of the body (numbers and URLs left out).
    pub words: u32,
    /// Words inside direct quotations.
    pub quoted_words: u32,
    /// Sentences of the body.
    pub sentences: u32,
    /// Paragraphs of the body.
    pub paragraphs: u32,
    /// Counts of the scored categories, indexed by [`Category::index`].
    pub counts: Vec<Counts>,
    /// Direct quotations.
    pub direct_quotes: u32,
    /// Scare quotes.
    pub scare_quotes: u32,
    /// Attributions whose source is named.
    pub named_sources: u32,
    /// Attributions whose source is anonymous.
    pub anonymous_sources: u32,
    /// Sentences with at least one hedging match.
    pub hedged_sentences: u32,
}

impl ArticleScore {
    /// The counts of a scored category (zero for one this score lacks).
    pub fn counts(&self, category: Category) -> Counts {
        self.counts
            .get(category.index())
            .copied()
            .unwrap_or_default()
    }

    /// Words outside direct quotations.
    pub fn author_words(&self) -> u32 {
        self.words - self.quoted_words
    }
}

/// The lexicon's indices of the categories the rules treat apart, looked up once.
#[derive(Debug)]
struct Roles {
    hedging: u16,
    boosters: u16,
    attribution: u16,
    /// The attribution entry `:`, if the lexicon has one.
    quote_colon: Option<u32>,
}

/// A compiled lexicon with the rules that turn matches into figures.
#[derive(Debug)]
pub struct Scorer {
    /// Every category but `sources`.
    matcher: Matcher,
    /// `sources` alone: its entries are the commonest words of English ("the",
    /// "he"), needed only around attribution cues, so they are matched there.
    sources: Option<Matcher>,
    roles: Roles,
}

/// Everything one thread reuses between articles; after [`Scorer::score`] it
/// holds that article's analysis, matches and classifications.
#[derive(Default)]
pub struct Workspace {
    /// Tokens, sentences and quotations of the article.
    pub analysis: Analysis,
    /// Every match, of every category, in text order.
    pub matches: Vec<Match>,
    /// The kind of each quotation of `analysis.quotes`.
    pub quote_kinds: Vec<QuoteKind>,
    /// For each attribution match (by index into `matches`), its source.
    pub sources: Vec<(u32, Source)>,
    scratch: Scratch,
    /// The same for the `sources` matcher, whose symbols differ.
    source_scratch: Scratch,
    /// Per token: inside an attribution match (reused between articles).
    cue: Vec<bool>,
    /// Per token: its part in naming a source (reused between articles).
    marks: Vec<Mark>,
    /// Matches of the `sources` lexicon near attribution cues.
    source_matches: Vec<Match>,
}

/// Whose words a token is, given the kind of each quotation.
fn voice(token: &Token, quote_kinds: &[QuoteKind]) -> Voice {
    match token.quote {
        Some(q) if quote_kinds[q as usize] == QuoteKind::Direct => Voice::Quoted,
        _ => Voice::Author,
    }
}

impl Workspace {
    /// Whose words a token is.
    pub fn voice_of(&self, token: &Token) -> Voice {
        voice(token, &self.quote_kinds)
    }

    /// Whether a negation stands just before a match.
    pub fn is_negated(&self, m: &Match) -> bool {
        rules::is_negated(&self.analysis, m)
    }

    /// Whose words a match is: the voice of its first token.
    pub fn voice(&self, m: &Match) -> Voice {
        self.voice_of(&self.analysis.tokens[m.tokens.start as usize])
    }
}

impl Scorer {
    /// Compiles `lexicon`; it must have the four scored categories.
    pub fn new(lexicon: Lexicon) -> Scorer {
        let role = |c: Category| {
            assert!(
                c.index() < lexicon.scored().len(),
                "a Lexicon always has the scored categories"
            );
            lexicon.index_of(c)
        };
        let hedging = role(Category::HEDGING);
        let boosters = role(Category::BOOSTERS);
        let attribution = role(Category::ATTRIBUTION);
        let sources = lexicon.category("sources");
        let quote_colon = rules::colon_entry(&lexicon, attribution);
        let source_matcher = sources.map(|s| Matcher::for_categories(lexicon.clone(), |c| c == s));
        Scorer {
            matcher: Matcher::for_categories(lexicon, |c| Some(c) != sources),
            sources: source_matcher,
            roles: Roles {
                hedging,
                boosters,
                attribution,
                quote_colon,
            },
        }
    }

    /// The lexicon being scored with.
    pub fn lexicon(&self) -> &Lexicon {
        self.matcher.lexicon()
    }

    /// The scored category of a match's category, if it is scored.
    #[inline]
    pub fn scored_category(&self, category: u16) -> Option<Category> {
        self.lexicon().scored_category(category)
    }

    /// Scores `text[body..]`, leaving the evidence in `ws`.
    pub fn score(&self, text: &str, body: usize, ws: &mut Workspace) -> ArticleScore {
        ws.analysis.analyze(text, body);
        self.matcher
            .find(&ws.analysis, &mut ws.scratch, &mut ws.matches);
        rules::apply(
            text,
            &ws.analysis,
            self.lexicon(),
            &self.roles,
            &mut ws.matches,
        );
        self.classify_quotes(text, ws);
        self.classify_sources(text, ws);

        let a = &ws.analysis;
        let mut score = ArticleScore {
            words: a.words,
            sentences: a.sentences,
            paragraphs: a.paragraphs,
            counts: vec![Counts::default(); self.lexicon().scored().len()],
            ..ArticleScore::default()
        };
        for (q, kind) in a.quotes.iter().zip(&ws.quote_kinds) {
            match kind {
                QuoteKind::Direct => {
                    score.direct_quotes += 1;
                    score.quoted_words += q.words;
                }
                QuoteKind::Scare => score.scare_quotes += 1,
            }
        }
        let hedging = self.roles.hedging;
        let mut last_hedged = None;
        for m in &ws.matches {
            let Some(category) = self.scored_category(m.category) else {
                continue;
            };
            let counts = &mut score.counts[category.index()];
            counts.total += 1;
            match ws.voice(m) {
                Voice::Author => counts.author += 1,
                Voice::Quoted => counts.quoted += 1,
            }
            if m.category == hedging {
                let sentence = a.tokens[m.tokens.start as usize].sentence;
                if last_hedged != Some(sentence) {
                    score.hedged_sentences += 1;
                    last_hedged = Some(sentence);
                }
            }
        }
        for (_, source) in &ws.sources {
            match source {
                Source::Named => score.named_sources += 1,
                Source::Anonymous => score.anonymous_sources += 1,
                Source::Unresolved => {}
            }
        }
        score
    }

    fn is_attribution(&self, m: &Match) -> bool {
        m.category == self.roles.attribution
    }

    /// Classes each quotation as direct or scare quote.
    fn classify_quotes(&self, text: &str, ws: &mut Workspace) {
        let tokens = &ws.analysis.tokens;
        ws.cue.clear();
        ws.cue.resize(tokens.len(), false);
        for m in ws.matches.iter().filter(|m| self.is_attribution(m)) {
            ws.cue[m.tokens.start as usize..m.tokens.end as usize].fill(true);
        }
        ws.quote_kinds.clear();
        let kinds = ws
            .analysis
            .quotes
            .iter()
            .map(|q| quotes::classify(text, tokens, &ws.cue, q));
        ws.quote_kinds.extend(kinds);
    }

    /// Decides for each attribution cue in the author's voice whether its
    /// source is named or anonymous. Cues inside direct quotations are the
    /// source's own reporting, not the outlet's, and are left out.
    fn classify_sources(&self, text: &str, ws: &mut Workspace) {
        ws.sources.clear();
        let tokens = &ws.analysis.tokens;
        let lexicon = self.lexicon();
        ws.marks.clear();
        ws.marks.resize(tokens.len(), Mark::Plain);
        if let Some(matcher) = &self.sources {
            // Each cue's neighbourhood, wide enough for a phrase that starts
            // before the window and ends inside it.
            let reach = sources::SOURCE_WINDOW + 4;
            let mut source_matches = std::mem::take(&mut ws.source_matches);
            source_matches.clear();
            let mut done_to = 0;
            // Only cues in the author's voice are classed (see below).
            let author = |m: &Match| {
                voice(&tokens[m.tokens.start as usize], &ws.quote_kinds) == Voice::Author
            };
            let cues = ws
                .matches
                .iter()
                .filter(|m| self.is_attribution(m) && author(m));
            for m in cues {
                let from = (m.tokens.start as usize).saturating_sub(reach).max(done_to);
                let to = (m.tokens.end as usize + reach).min(tokens.len());
                if from < to {
                    matcher.find_in(
                        &ws.analysis,
                        from..to,
                        &mut ws.source_scratch,
                        &mut source_matches,
                    );
                    done_to = to;
                }
            }
            for m in &source_matches {
                let mark = match &*lexicon.entries[m.entry as usize].subcategory {
                    "anonymous" => Mark::Anonymous,
                    "function-word" => Mark::NotAName,
                    _ => continue,
                };
                ws.marks[m.tokens.start as usize..m.tokens.end as usize].fill(mark);
            }
            ws.source_matches = source_matches;
        }
        for (index, m) in ws.matches.iter().enumerate() {
            if !self.is_attribution(m) || ws.voice(m) == Voice::Quoted {
                continue;
            }
            // A quote colon has no token of its own: its subject ends at the
            // token before it.
            let (first, last) = if m.tokens.is_empty() {
                (m.tokens.start as usize + 1, m.tokens.start as usize + 1)
            } else {
                (m.tokens.start as usize, m.tokens.end as usize)
            };
            let follows = &*lexicon.entries[m.entry as usize].subcategory == "source-follows";
            let source = sources::classify(text, tokens, &ws.marks, first, last, follows);
            ws.sources.push((index as u32, source));
        }
    }
}
