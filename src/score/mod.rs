//! Scoring one article: matches counted by category and voice, quotations
//! classed as direct or scare quotes, and sources as named or anonymous.

mod quotes;
mod rules;
mod sources;
pub mod table;
mod windows;

use crate::evidence::Evidence;
use crate::lexicon::{Category, Lexicon, Match, Matcher, Scratch};
use crate::text::{Analysis, Quotation, Token};
pub(crate) use rules::is_negated;
use sources::Mark;
use std::ops::Range;
use std::sync::Arc;

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

/// Why a quotation is a direct quote or a scare quote: the first rule that held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteReason {
    /// Five words or more.
    Long,
    /// A sentence of its own: a capital first, a sentence end last.
    Sentence,
    /// A colon comes right before it.
    Colon,
    /// An attribution cue stands within four words of it.
    Cue,
    /// None of these: short and unattributed, a scare quote.
    Short,
}

impl QuoteReason {
    /// The kind of quotation the reason makes.
    pub fn kind(self) -> QuoteKind {
        match self {
            QuoteReason::Short => QuoteKind::Scare,
            _ => QuoteKind::Direct,
        }
    }

    /// "long", "sentence", "colon", "cue" or "short".
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteReason::Long => "long",
            QuoteReason::Sentence => "sentence",
            QuoteReason::Colon => "colon",
            QuoteReason::Cue => "cue",
            QuoteReason::Short => "short",
        }
    }
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

/// The source of one attribution cue in the author's voice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attributed {
    /// The cue: an index into [`Scored::matches`].
    pub cue: u32,
    /// Named, anonymous or unresolved.
    pub source: Source,
    /// The tokens naming the source; empty when unresolved.
    pub tokens: Range<u32>,
    /// For an anonymous source, the `sources` entry that made it so.
    pub formula: Option<u32>,
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
    /// The strengths of all matches summed, in thousandths of a match
    /// (a match of strength 0.8 adds 800): whole numbers, so that sums are
    /// exact and the same in any order.
    pub weighted_milli: u64,
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

/// No `sources` match covers the token.
const NO_FORMULA: u32 = u32::MAX;

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

/// Everything one thread reuses between articles: buffers that fill once
/// and then serve the whole run. [`Scorer::score`] lends it to the
/// [`Scored`] view of the article it scored.
#[derive(Default)]
pub struct Workspace {
    /// Tokens, sentences and quotations of the article.
    pub(crate) analysis: Analysis,
    /// Every match, of every category, in text order.
    pub(crate) matches: Vec<Match>,
    /// The kind of each quotation of `analysis.quotes`.
    pub(crate) quote_kinds: Vec<QuoteKind>,
    /// Why each quotation of `analysis.quotes` is of its kind.
    pub(crate) quote_reasons: Vec<QuoteReason>,
    /// For each attribution match in the author's voice, its source.
    pub(crate) sources: Vec<Attributed>,
    scratch: Scratch,
    /// The same for the `sources` matcher, whose symbols differ.
    source_scratch: Scratch,
    /// Per token: inside an attribution match (reused between articles).
    cue: Vec<bool>,
    /// The cues of the sentence last looked at by the quotation rules.
    sentence_cues: quotes::SentenceCues,
    /// Per token: its part in naming a source (reused between articles).
    marks: Vec<Mark>,
    /// Matches of the `sources` lexicon near attribution cues.
    source_matches: Vec<Match>,
    /// Per token: the entry of the first of `source_matches` covering it,
    /// or [`NO_FORMULA`] (reused between articles).
    formulas: Vec<u32>,
    /// The figures of the article last scored.
    figures: ArticleScore,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("tokens", &self.analysis.tokens.len())
            .field("matches", &self.matches.len())
            .finish_non_exhaustive()
    }
}

/// What scoring one article found: its figures, and the matches, quotations
/// and evidence behind them, borrowed from the workspace until it scores
/// the next article.
#[derive(Clone, Copy)]
pub struct Scored<'a> {
    text: &'a str,
    body: usize,
    scorer: &'a Scorer,
    ws: &'a Workspace,
    figures: &'a ArticleScore,
}

impl std::fmt::Debug for Scored<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scored")
            .field("figures", self.figures)
            .field("matches", &self.ws.matches.len())
            .finish_non_exhaustive()
    }
}

impl<'a> Scored<'a> {
    /// The article's figures: words, counts by category and voice, quotations, sources.
    pub fn figures(&self) -> &'a ArticleScore {
        self.figures
    }

    /// The evidence rows of the scored categories, in text order, each with
    /// its offsets, voice and negation; [`crate::evidence::context`] gives
    /// its surroundings when wanted.
    pub fn evidence(&self) -> Vec<Evidence<'a>> {
        crate::evidence::rows(self.text, self.scorer, self.ws)
    }

    /// The evidence behind the quotation and source figures: one row per
    /// direct quotation, scare quote and named or anonymous source, in text order.
    pub fn quote_evidence(&self) -> Vec<crate::evidence::QuoteEvidence<'a>> {
        crate::evidence::quote_rows(self.text, self.scorer, self.ws)
    }

    /// Every match, of every category (labels, which are not scored,
    /// included), in text order.
    pub fn matches(&self) -> &'a [Match] {
        &self.ws.matches
    }

    /// Each attribution cue in the author's voice with its source, in text order.
    pub fn sources(&self) -> &'a [Attributed] {
        &self.ws.sources
    }

    /// The quotations of the body, in text order, each with its kind.
    pub fn quotes(&self) -> impl ExactSizeIterator<Item = (&'a Quotation, QuoteKind)> + 'a {
        let ws = self.ws;
        ws.analysis
            .quotes
            .iter()
            .zip(ws.quote_kinds.iter().copied())
    }

    /// Whose words a match is: the voice of its first token.
    pub fn voice(&self, m: &Match) -> Voice {
        self.ws.voice(m)
    }

    /// Whether a negation stands just before a match.
    pub fn is_negated(&self, m: &Match) -> bool {
        rules::is_negated(&self.ws.analysis, m)
    }

    /// The tokens, sentences and quotations the article was cut into.
    pub fn analysis(&self) -> &'a Analysis {
        &self.ws.analysis
    }

    /// The text scored.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Where the body starts in [`Scored::text`], after any headline.
    pub fn body(&self) -> usize {
        self.body
    }
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
    fn voice_of(&self, token: &Token) -> Voice {
        voice(token, &self.quote_kinds)
    }

    /// Whose words a match is: the voice of its first token.
    pub(crate) fn voice(&self, m: &Match) -> Voice {
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
        // Both matchers share the one lexicon.
        let lexicon = Arc::new(lexicon);
        let source_matcher =
            sources.map(|s| Matcher::for_categories(Arc::clone(&lexicon), |c| c == s));
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

    /// Scores `text[body..]`; the view returned holds the figures and lends
    /// the evidence, which lives in `ws` until it scores the next article.
    pub fn score<'a>(&'a self, text: &'a str, body: usize, ws: &'a mut Workspace) -> Scored<'a> {
        ws.figures = self.figures(text, body, ws);
        let ws: &'a Workspace = ws;
        Scored {
            text,
            body,
            scorer: self,
            ws,
            figures: &ws.figures,
        }
    }

    /// Finds the matches of `text[body..]` and counts them.
    fn figures(&self, text: &str, body: usize, ws: &mut Workspace) -> ArticleScore {
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
        let lexicon = self.lexicon();
        let mut last_hedged = None;
        for m in &ws.matches {
            let Some(category) = self.scored_category(m.category) else {
                continue;
            };
            let counts = &mut score.counts[category.index()];
            counts.total += 1;
            counts.weighted_milli += u64::from(lexicon.entries[m.entry as usize].strength_milli());
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
        for attributed in &ws.sources {
            match attributed.source {
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
        ws.quote_reasons.clear();
        ws.sentence_cues.clear();
        let reasons = ws
            .analysis
            .quotes
            .iter()
            .map(|q| quotes::classify(text, tokens, &ws.cue, &mut ws.sentence_cues, q));
        ws.quote_reasons.extend(reasons);
        ws.quote_kinds.clear();
        ws.quote_kinds
            .extend(ws.quote_reasons.iter().map(|r| r.kind()));
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
        ws.formulas.clear();
        ws.source_matches.clear();
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
            if !source_matches.is_empty() {
                ws.formulas.resize(tokens.len(), NO_FORMULA);
            }
            for m in &source_matches {
                // The first match covering a token names its formula; one
                // pass here, not a search of every match for every source.
                for f in &mut ws.formulas[m.tokens.start as usize..m.tokens.end as usize] {
                    if *f == NO_FORMULA {
                        *f = m.entry;
                    }
                }
                let entry = &lexicon.entries[m.entry as usize];
                // An exception ("!official spokesman") leaves its words plain.
                if entry.exception {
                    continue;
                }
                let mark = match &*entry.subcategory {
                    "anonymous" => Mark::Anonymous,
                    "function-word" | "not-a-name" => Mark::NotAName,
                    _ => continue,
                };
                ws.marks[m.tokens.start as usize..m.tokens.end as usize].fill(mark);
            }
            ws.source_matches = source_matches;
        }
        let mut runs = sources::Runs::default();
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
            let (source, span) =
                sources::classify(text, tokens, &ws.marks, &mut runs, first, last, follows);
            // The formula is the sources match that covers the span's first token.
            let formula = (source == Source::Anonymous)
                .then(|| ws.formulas.get(span.start).copied())
                .flatten()
                .filter(|&f| f != NO_FORMULA);
            ws.sources.push(Attributed {
                cue: index as u32,
                source,
                tokens: span.start as u32..span.end as u32,
                formula,
            });
        }
    }
}

/// What the property tests of the rules share: the built-in lexicon, and
/// articles with long sentences, capitalised runs, cues, anonymous
/// formulas and quotation marks.
#[cfg(test)]
pub(crate) mod testing {
    use super::Scorer;
    use crate::lexicon::Lexicon;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// The scorer of the built-in lexicon.
    pub fn scorer() -> &'static Scorer {
        static SCORER: OnceLock<Scorer> = OnceLock::new();
        SCORER.get_or_init(|| Scorer::new(Lexicon::builtin().unwrap()))
    }

    const WORDS: &[&str] = &[
        "said",
        "Said",
        "told",
        "say",
        "according",
        "to",
        "officials",
        "Officials",
        "sources",
        "critics",
        "some",
        "on",
        "the",
        "The",
        "he",
        "it",
        "that",
        "Ann",
        "Lee",
        "Reed",
        "Mr",
        "Board",
        "Rail",
        "analysts",
        "spokesman",
        "official",
        "brazen",
        "Brazen",
        "slammed",
        "Witch",
        "Hunt",
        "witch",
        "hunt",
        "plan",
        "Plan",
        "was",
        "a",
        "may",
        "clearly",
        "Monday",
    ];
    const GAPS: &[&str] = &[
        " ", " ", " ", " ", " ", ", ", ". ", "\n", ": ", "-", " \"", "\" ", "\", ", " “", "” ",
        ",” ", " ‘", "’ ", "'s ",
    ];

    /// An article of up to 80 words and the gaps between them.
    pub fn article() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (prop::sample::select(WORDS), prop::sample::select(GAPS)),
            0..80,
        )
        .prop_map(|parts| parts.into_iter().map(|(w, g)| format!("{w}{g}")).collect())
    }
}
