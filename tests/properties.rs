//! Invariants that hold for any text: offsets point at the matched text,
//! counts equal evidence rows, and scoring does not depend on what came before.

use framelens::evidence::QuoteCategory;
use framelens::lexicon::Lexicon;
use framelens::score::{Scorer, Workspace};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// The shipped lexicons plus a custom category, `war.txt`, graded, which
/// shares words with the built-in ones (categories are matched independently).
fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/en");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|item| {
                let path = item.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        files.push((
            "war.txt".into(),
            "war 0.6\nregime\nofficials 0.25\n~attack\nbattle* 0.9\n".into(),
        ));
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .collect();
        let lexicon = Lexicon::from_texts(&dir, &files).unwrap();
        assert_eq!(lexicon.scored().len(), 5, "war.txt is scored");
        Scorer::new(lexicon)
    })
}

/// Pieces of news-like text: lexicon words, names, numbers, quotes,
/// apostrophes, abbreviations, URLs, line breaks and non-Latin script.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "may",
            "May",
            "said",
            "according to",
            "regime",
            "so-called",
            "thinly-veiled",
            "allegedly",
            "it’s",
            "Iran’s",
            "U.S.",
            "Maj. Gen.",
            "officials",
            "told",
            "attacked",
            "Dr.",
            "Ana Ruiz",
            "a source familiar with",
            "no doubt",
            "not clear",
            "clearly",
            "“",
            "”",
            "\"",
            "‘",
            "’",
            "'",
            ".",
            ",",
            ":",
            "...",
            "…",
            "—",
            "-",
            "\n",
            "\n\n",
            "\r\n",
            "3.5",
            "2019",
            "https://example.com/a.b",
            "Café",
            "naïve",
            "Zürich",
            "日本語",
            "👍🏽",
            "e\u{301}",
            " ",
            "  ",
            "\t",
            "(",
            ")",
            "[",
            "]",
        ])
        .prop_map(String::from),
        "[a-zA-Z]{1,8}",
        "\\PC{1,4}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn offsets_slice_the_text_to_the_match(text in article()) {
        let scorer = scorer();
        let mut ws = Workspace::default();
        for e in scorer.score(&text, 0, &mut ws).evidence() {
            prop_assert!(text.is_char_boundary(e.start_byte) && text.is_char_boundary(e.end_byte));
            prop_assert_eq!(&text[e.start_byte..e.end_byte], e.matched);
            let by_chars: String = text.chars().skip(e.start_char).take(e.end_char - e.start_char).collect();
            prop_assert_eq!(by_chars.as_str(), e.matched);
        }
    }

    #[test]
    fn counts_equal_evidence_rows(text in article()) {
        let scorer = scorer();
        let mut ws = Workspace::default();
        let scored = scorer.score(&text, 0, &mut ws);
        let (score, rows) = (scored.figures(), scored.evidence());
        let lexicon = scorer.lexicon();
        for category in lexicon.scored() {
            let name = lexicon.name(category);
            let listed = rows.iter().filter(|e| e.category == name).count() as u32;
            let counts = score.counts(category);
            prop_assert_eq!(counts.total, listed);
            prop_assert_eq!(counts.author + counts.quoted, listed);
            // The weighted count is the sum of the rows' strengths.
            let strengths: u64 = rows
                .iter()
                .filter(|e| e.category == name)
                .map(|e| u64::from(e.strength_milli))
                .sum();
            prop_assert_eq!(counts.weighted_milli, strengths);
        }
        prop_assert_eq!(
            rows.len(),
            lexicon.scored().map(|c| score.counts(c).total as usize).sum::<usize>()
        );
        prop_assert!(score.quoted_words <= score.words);
    }

    #[test]
    fn quote_and_source_figures_equal_their_rows(text in article()) {
        let scorer = scorer();
        let mut ws = Workspace::default();
        let scored = scorer.score(&text, 0, &mut ws);
        let (score, rows) = (scored.figures(), scored.quote_evidence());
        let count = |c: QuoteCategory| rows.iter().filter(|r| r.category == c).count() as u32;
        prop_assert_eq!(score.scare_quotes, count(QuoteCategory::ScareQuotes));
        prop_assert_eq!(score.direct_quotes, count(QuoteCategory::DirectQuotes));
        prop_assert_eq!(score.named_sources, count(QuoteCategory::NamedSources));
        prop_assert_eq!(score.anonymous_sources, count(QuoteCategory::AnonymousSources));
        let quoted: u32 = rows
            .iter()
            .filter(|r| r.category == QuoteCategory::DirectQuotes)
            .map(|r| r.words)
            .sum();
        prop_assert_eq!(score.quoted_words, quoted);
        let mut last = 0;
        for r in &rows {
            prop_assert!(r.start_byte >= last, "rows in text order");
            last = r.start_byte;
            prop_assert_eq!(&text[r.start_byte..r.end_byte], r.matched);
            let by_chars: String = text.chars().skip(r.start_char).take(r.end_char - r.start_char).collect();
            prop_assert_eq!(by_chars.as_str(), r.matched);
            prop_assert!(!r.matched.is_empty());
        }
    }

    #[test]
    fn a_reused_workspace_scores_like_a_fresh_one(first in article(), second in article()) {
        let scorer = scorer();
        let mut reused = Workspace::default();
        scorer.score(&first, 0, &mut reused);
        let again = scorer.score(&second, 0, &mut reused).figures().clone();
        let fresh = scorer.score(&second, 0, &mut Workspace::default()).figures().clone();
        prop_assert_eq!(again, fresh);
    }

    #[test]
    fn any_text_is_scored_without_panicking(text in "\\PC{0,200}", body_at in 0usize..200) {
        let body = (0..=body_at.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
        let scorer = scorer();
        let mut ws = Workspace::default();
        let scored = scorer.score(&text, body, &mut ws);
        let (score, tokens) = (scored.figures(), scored.analysis().tokens());
        for t in tokens {
            prop_assert!(t.start >= body);
        }
        // Every sentence and paragraph holds at least one token.
        prop_assert!(score.sentences as usize <= tokens.len());
        prop_assert!(score.paragraphs <= score.sentences);
    }
}

/// Runs the real binary on a JSONL corpus of `articles` and returns its output.
fn run_binary(command: &str, articles: &[String], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = articles
        .iter()
        .enumerate()
        .map(|(i, text)| serde_json::json!({"id": format!("a{i}"), "outlet": format!("o{}", i % 3), "text": text}).to_string())
        .collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_framelens"))
        .arg(command)
        .arg(&path)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Articles that are never empty, so none is skipped.
fn corpus() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(article().prop_map(|t| format!("Text {t}")), 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn output_does_not_depend_on_the_thread_count(articles in corpus()) {
        for command in ["score", "matches", "stories", "align"] {
            let one = run_binary(command, &articles, &["--threads", "1"]);
            let four = run_binary(command, &articles, &["--threads", "4"]);
            prop_assert_eq!(one, four);
        }
    }

    #[test]
    fn an_article_scores_the_same_alone_as_in_a_corpus(articles in corpus(), pick in 0usize..12) {
        let pick = pick % articles.len();
        let whole = run_binary("score", &articles, &[]);
        let alone = run_binary("score", &articles[pick..=pick], &[]);
        // Id and outlet differ (the article is a0 alone); the figures must not.
        let row_of = |csv: &str, id: &str| {
            csv.lines()
                .find(|l| l.starts_with(&format!("{id},")))
                .map(|l| l.splitn(3, ',').nth(2).unwrap().to_string())
        };
        let in_corpus = row_of(&whole, &format!("a{pick}")).unwrap();
        let by_itself = row_of(&alone, "a0").unwrap();
        prop_assert_eq!(in_corpus, by_itself);
    }
}

/// The word spans unicode-segmentation gives for `text`.
fn unicode_spans(text: &str) -> Vec<(usize, usize)> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_word_indices()
        .map(|(i, w)| (i, i + w.len()))
        .collect()
}

fn fast_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    framelens::text::word_spans(text, 0, |s, e| spans.push((s, e)));
    spans
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_ascii_fast_path_equals_unicode_segmentation(text in "[a-zA-Z0-9_.,;:'\"!?()\\- \\t\\n\\r\\x0b\\x0c/@#$%&*+=<>\\[\\]]{0,300}") {
        prop_assert_eq!(fast_spans(&text), unicode_spans(&text));
    }

    #[test]
    fn mixed_text_equals_unicode_segmentation(text in "[a-zA-Z0-9_.,;:' \\n’‘“”éßΩ日本\\u{301}\\u{200d}\\u{a0}—-]{0,200}") {
        prop_assert_eq!(fast_spans(&text), unicode_spans(&text));
    }

    /// Runs of 64 bytes and more without white space take another path
    /// than the 64-byte blocks: both must give what the rules give.
    #[test]
    fn long_chunks_equal_unicode_segmentation(text in "[a-z0-9_.,;:'é]{0,150}( [a-z0-9_.,;:'\"]{0,90}){0,3}") {
        prop_assert_eq!(fast_spans(&text), unicode_spans(&text));
    }
}

/// Invisible characters web pages leave inside words.
const IGNORABLES: [char; 7] = [
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}',
];

/// `text` with the ignorables of `picks` put between two ASCII letters or
/// digits (inside a word), away from URLs and e-mail addresses.
fn with_ignorables(text: &str, picks: &[(usize, usize)]) -> String {
    let inside: Vec<usize> = text
        .char_indices()
        .zip(text.chars().skip(1))
        .filter(|&((i, a), b)| {
            let chunk_start = text[..i]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(s, c)| s + c.len_utf8());
            let chunk_end = text[i..]
                .find(char::is_whitespace)
                .map_or(text.len(), |e| i + e);
            let chunk = &text[chunk_start..chunk_end];
            a.is_ascii_alphanumeric()
                && b.is_ascii_alphanumeric()
                && !chunk.contains("://")
                && !chunk.contains('@')
        })
        .map(|((i, a), _)| i + a.len_utf8())
        .collect();
    if inside.is_empty() {
        return text.to_string();
    }
    let mut at: Vec<(usize, char)> = picks
        .iter()
        .map(|&(p, c)| (inside[p % inside.len()], IGNORABLES[c % IGNORABLES.len()]))
        .collect();
    at.sort_unstable();
    let mut out = String::with_capacity(text.len() + 3 * at.len());
    let mut last = 0;
    for (i, c) in at {
        out.push_str(&text[last..i]);
        out.push(c);
        last = i;
    }
    out.push_str(&text[last..]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Soft hyphens, zero-width spaces and joiners inside words change
    /// neither what is matched nor any count.
    #[test]
    fn ignorables_inside_words_change_no_count(
        text in article(),
        picks in prop::collection::vec((0usize..10_000, 0usize..100), 1..8),
    ) {
        let scorer = scorer();
        let marked = with_ignorables(&text, &picks);
        let (mut plain_ws, mut marked_ws) = (Workspace::default(), Workspace::default());
        let plain = scorer.score(&text, 0, &mut plain_ws);
        let hidden = scorer.score(&marked, 0, &mut marked_ws);
        prop_assert_eq!(plain.figures(), hidden.figures(), "{:?}", marked);
        fn entries(rows: Vec<framelens::evidence::Evidence<'_>>) -> Vec<(String, String)> {
            rows.iter().map(|e| (e.category.to_string(), e.entry.to_string())).collect()
        }
        prop_assert_eq!(entries(plain.evidence()), entries(hidden.evidence()));
        for e in hidden.evidence() {
            prop_assert_eq!(&marked[e.start_byte..e.end_byte], e.matched);
        }
    }
}
