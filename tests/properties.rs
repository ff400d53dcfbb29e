//! Invariants that hold for any text: offsets point at the matched text,
//! counts equal evidence rows, and scoring does not depend on what came before.

use framelens::evidence::evidence;
use framelens::lexicon::Lexicon;
use framelens::score::{Scorer, Workspace};
use proptest::prelude::*;
use std::sync::OnceLock;

fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| Scorer::new(Lexicon::builtin().unwrap()))
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
        scorer.score(&text, 0, &mut ws);
        for e in evidence(&text, 0, scorer, &ws) {
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
        let score = scorer.score(&text, 0, &mut ws);
        let rows = evidence(&text, 0, scorer, &ws);
        for (i, name) in framelens::lexicon::SCORED.iter().enumerate() {
            let listed = rows.iter().filter(|e| e.category == *name).count() as u32;
            prop_assert_eq!(score.counts[i].total, listed);
            prop_assert_eq!(score.counts[i].author + score.counts[i].quoted, listed);
        }
        prop_assert!(score.quoted_words <= score.words);
    }

    #[test]
    fn a_reused_workspace_scores_like_a_fresh_one(first in article(), second in article()) {
        let scorer = scorer();
        let mut reused = Workspace::default();
        scorer.score(&first, 0, &mut reused);
        let again = scorer.score(&second, 0, &mut reused);
        let fresh = scorer.score(&second, 0, &mut Workspace::default());
        prop_assert_eq!(again, fresh);
    }

    #[test]
    fn any_text_is_scored_without_panicking(text in "\\PC{0,200}", body_at in 0usize..200) {
        let body = (0..=body_at.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
        let scorer = scorer();
        let mut ws = Workspace::default();
        let score = scorer.score(&text, body, &mut ws);
        for t in &ws.analysis.tokens {
            prop_assert!(t.start >= body);
        }
        // Every sentence and paragraph holds at least one token.
        prop_assert!(score.sentences as usize <= ws.analysis.tokens.len());
        prop_assert!(score.paragraphs <= score.sentences);
    }
}
