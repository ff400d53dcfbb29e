//! Scoring one article: matches counted by category and voice, quotations
//! classed as direct or scare quotes, and sources as named or anonymous.

use crate::lexicon::{Lexicon, Match, Matcher, SCORED, Scratch};
use crate::text::{Analysis, Join, Quotation, Token, TokenKind};
use std::ops::Range;

/// How far around a quotation or a reporting verb to look, in tokens.
const WINDOW: usize = 4;
/// How far from a reporting verb its source may stand, in tokens.
const SOURCE_WINDOW: usize = 6;
/// Marks of tokens inside a match of the `sources` lexicon.
const ANONYMOUS: u8 = 1;
const NOT_A_NAME: u8 = 2;

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
    /// Counts of the scored categories, in the order of [`SCORED`].
    pub counts: [Counts; 4],
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

/// `count` per 1,000 of `words`; 0 when there are no words.
pub fn per_1k(count: u32, words: u32) -> f64 {
    if words == 0 {
        0.0
    } else {
        f64::from(count) * 1000.0 / f64::from(words)
    }
}

impl ArticleScore {
    /// Words outside direct quotations.
    pub fn author_words(&self) -> u32 {
        self.words - self.quoted_words
    }

    /// The share of words inside direct quotations, from 0 to 1.
    pub fn quote_share(&self) -> f64 {
        share(self.quoted_words, self.words)
    }

    /// The share of sentences with a hedge, from 0 to 1.
    pub fn hedged_sentence_share(&self) -> f64 {
        share(self.hedged_sentences, self.sentences)
    }
}

fn share(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

/// Category indices the scorer needs, looked up once.
#[derive(Debug)]
struct Roles {
    scored: [u16; 4],
    sources: Option<u16>,
}

/// A compiled lexicon with the rules that turn matches into figures.
#[derive(Debug)]
pub struct Scorer {
    matcher: Matcher,
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
    /// For each match, whether a negation stands just before it.
    pub negated: Vec<bool>,
    scratch: Scratch,
}

impl Workspace {
    /// Whose words a token is.
    pub fn voice_of(&self, token: &Token) -> Voice {
        match token.quote {
            Some(q) if self.quote_kinds[q as usize] == QuoteKind::Direct => Voice::Quoted,
            _ => Voice::Author,
        }
    }

    /// Whose words a match is: the voice of its first token.
    pub fn voice(&self, m: &Match) -> Voice {
        self.voice_of(&self.analysis.tokens[m.tokens.start as usize])
    }
}

impl Scorer {
    /// Compiles `lexicon`; it must have the four scored categories.
    pub fn new(lexicon: Lexicon) -> Scorer {
        let scored = SCORED.map(|name| {
            lexicon
                .category(name)
                .expect("a Lexicon always has the scored categories")
        });
        let sources = lexicon.category("sources");
        Scorer {
            matcher: Matcher::new(lexicon),
            roles: Roles { scored, sources },
        }
    }

    /// The lexicon being scored with.
    pub fn lexicon(&self) -> &Lexicon {
        self.matcher.lexicon()
    }

    /// The index of a scored category in [`SCORED`], if `category` is one.
    pub fn scored_index(&self, category: u16) -> Option<usize> {
        self.roles.scored.iter().position(|&c| c == category)
    }

    /// Scores `text[body..]`, leaving the evidence in `ws`.
    pub fn score(&self, text: &str, body: usize, ws: &mut Workspace) -> ArticleScore {
        ws.analysis.analyze(text, body);
        self.matcher
            .find(&ws.analysis, &mut ws.scratch, &mut ws.matches);
        self.classify_quotes(text, ws);
        self.classify_sources(text, ws);
        find_negations(ws);

        let a = &ws.analysis;
        let mut score = ArticleScore {
            words: a.words,
            sentences: a.sentences,
            paragraphs: a.paragraphs,
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
        let hedging = self.roles.scored[1];
        let mut last_hedged = None;
        for m in &ws.matches {
            let Some(index) = self.scored_index(m.category) else {
                continue;
            };
            let counts = &mut score.counts[index];
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
        m.category == self.roles.scored[3]
    }

    /// Classes each quotation as direct or scare quote.
    fn classify_quotes(&self, text: &str, ws: &mut Workspace) {
        ws.quote_kinds.clear();
        let tokens = &ws.analysis.tokens;
        let mut cue = vec![false; tokens.len()];
        for m in ws.matches.iter().filter(|m| self.is_attribution(m)) {
            cue[m.tokens.start as usize..m.tokens.end as usize].fill(true);
        }
        for q in &ws.analysis.quotes {
            let direct = q.words > WINDOW as u32
                || ends_a_sentence(text, q)
                || introduced_by_colon(text, q)
                || has_cue_nearby(tokens, &cue, q);
            ws.quote_kinds.push(if direct {
                QuoteKind::Direct
            } else {
                QuoteKind::Scare
            });
        }
    }

    /// Decides for each attribution cue whether its source is named or anonymous.
    fn classify_sources(&self, text: &str, ws: &mut Workspace) {
        ws.sources.clear();
        let tokens = &ws.analysis.tokens;
        let mut marks = vec![0u8; tokens.len()];
        for m in &ws.matches {
            if Some(m.category) != self.roles.sources {
                continue;
            }
            let lexicon = self.lexicon();
            let mark = match &*lexicon.entries[m.entry as usize].subcategory {
                "anonymous" => ANONYMOUS,
                "function-word" => NOT_A_NAME,
                _ => continue,
            };
            marks[m.tokens.start as usize..m.tokens.end as usize].fill(mark);
        }
        for (index, m) in ws.matches.iter().enumerate() {
            if !self.is_attribution(m) {
                continue;
            }
            let subcategory = &*self.lexicon().entries[m.entry as usize].subcategory;
            let first = m.tokens.start as usize;
            let last = m.tokens.end as usize;
            let before = subject_window(tokens, first);
            // The source follows the cue in "according to X", and in inverted
            // reports such as "…,” said the official".
            let inverted = first > 0 && tokens[first - 1].join == Join::Break;
            let after = if subcategory == "source-follows" || inverted {
                window_after(tokens, last, SOURCE_WINDOW)
            } else {
                last..last
            };
            let source = classify_source(text, tokens, &marks, first, [before, after]);
            ws.sources.push((index as u32, source));
        }
    }
}

/// Token indices up to `n` before `at`, in its sentence and its quotation (or
/// outside quotations, like `at`).
fn window_before(tokens: &[Token], at: usize, n: usize) -> Range<usize> {
    let (sentence, quote) = (tokens[at].sentence, tokens[at].quote);
    let mut start = at;
    while start > 0
        && at - start < n
        && tokens[start - 1].sentence == sentence
        && tokens[start - 1].quote == quote
    {
        start -= 1;
    }
    start..at
}

/// Where the subject of a reporting verb at `cue` can stand: the tokens back
/// to the previous punctuation ("in late August, both sides confirmed"), or
/// across one appositive when the verb follows a comma ("Mike Pompeo, the
/// secretary of state, said").
fn subject_window(tokens: &[Token], cue: usize) -> Range<usize> {
    let within = window_before(tokens, cue, SOURCE_WINDOW);
    let mut breaks_allowed = if cue > 0 && tokens[cue - 1].join == Join::Break {
        2
    } else {
        0
    };
    let mut start = cue;
    while start > within.start {
        if tokens[start - 1].join == Join::Break && start < cue {
            if breaks_allowed == 0 {
                break;
            }
            breaks_allowed -= 1;
        }
        start -= 1;
    }
    start..cue
}

/// Token indices up to `n` from `at`, in the sentence of `at - 1`, outside quotations.
fn window_after(tokens: &[Token], at: usize, n: usize) -> Range<usize> {
    let Some(sentence) = at.checked_sub(1).map(|i| tokens[i].sentence) else {
        return at..at;
    };
    let mut end = at;
    while end < tokens.len()
        && end - at < n
        && tokens[end].sentence == sentence
        && tokens[end].quote.is_none()
    {
        end += 1;
    }
    at..end
}

fn classify_source(
    text: &str,
    tokens: &[Token],
    marks: &[u8],
    cue: usize,
    window: [Range<usize>; 2],
) -> Source {
    let mut window = window.into_iter().flatten();
    if window.clone().any(|i| marks[i] == ANONYMOUS) {
        return Source::Anonymous;
    }
    if window.any(|i| marks[i] == 0 && is_name_like(text, tokens, i, cue)) {
        Source::Named
    } else {
        Source::Unresolved
    }
}

/// A capitalised word, not merely capitalised for opening its sentence.
///
/// A sentence's first word counts when the next word is capitalised too
/// ("Benny Gantz said") or is the cue itself ("Gantz said").
fn is_name_like(text: &str, tokens: &[Token], i: usize, cue: usize) -> bool {
    let upper =
        |t: &Token| t.kind == TokenKind::Word && text[t.start..].starts_with(char::is_uppercase);
    let t = &tokens[i];
    if !upper(t) {
        return false;
    }
    let opens_sentence = i == 0 || tokens[i - 1].sentence != t.sentence;
    !opens_sentence
        || i + 1 == cue
        || tokens
            .get(i + 1)
            .is_some_and(|n| n.sentence == t.sentence && upper(n))
}

/// Words that negate what follows them closely.
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "without", "cannot", "hardly", "barely",
];
/// How many tokens before a match a negator may stand.
const NEGATION_WINDOW: usize = 3;

/// Marks each match that a negator precedes within its sentence.
fn find_negations(ws: &mut Workspace) {
    let tokens = &ws.analysis.tokens;
    ws.negated.clear();
    for m in &ws.matches {
        let first = m.tokens.start as usize;
        let window = window_before(tokens, first, NEGATION_WINDOW);
        let negated = window.into_iter().any(|i| {
            let key = ws.analysis.key(&tokens[i]);
            NEGATORS.contains(&key) || key.ends_with("n't")
        });
        ws.negated.push(negated);
    }
}

fn ends_a_sentence(text: &str, q: &Quotation) -> bool {
    text[q.inner.clone()]
        .trim_end()
        .ends_with(['.', '!', '?', '…'])
}

fn introduced_by_colon(text: &str, q: &Quotation) -> bool {
    text[..q.outer.start].trim_end().ends_with(':')
}

fn has_cue_nearby(tokens: &[Token], cue: &[bool], q: &Quotation) -> bool {
    let (first, end) = (q.tokens.start as usize, q.tokens.end as usize);
    let paragraph = tokens[first].paragraph;
    let near =
        |i: &usize| tokens[*i].paragraph == paragraph && tokens[*i].quote.is_none() && cue[*i];
    let before = first.saturating_sub(WINDOW)..first;
    let after = end..(end + WINDOW).min(tokens.len());
    before.into_iter().any(|i| near(&i)) || after.into_iter().any(|i| near(&i))
}
