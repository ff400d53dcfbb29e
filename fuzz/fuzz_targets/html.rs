//! The web-page path on arbitrary bytes: decoding (byte-order marks, the
//! page's charset), article extraction and scoring never panic; a page gives
//! either an article whose headline is kept apart and whose every match
//! lies inside the extracted text, or a reason it was skipped.
#![no_main]

use framelens::corpus::html;
use framelens::corpus::{decode_page, Next};
use framelens::lexicon::Lexicon;
use framelens::score::{Scorer, Workspace};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| Scorer::new(Lexicon::builtin().expect("built-in lexicons parse")))
}

fuzz_target!(|data: &[u8]| {
    let article = match decode_page("page.html", data) {
        Next::Article(article) => article,
        Next::Skip(e) => {
            assert!(e.to_string().starts_with("page.html"), "{e}");
            return;
        }
    };
    let text = &article.text;
    assert!(article.body <= text.len() && text.is_char_boundary(article.body));
    assert!(text[article.body..].split_whitespace().count() >= html::MIN_WORDS);
    let mut ws = Workspace::default();
    let scored = scorer().score(text, article.body, &mut ws);
    for e in scored.evidence() {
        assert!(e.start_byte >= article.body && e.end_byte <= text.len());
        assert_eq!(&text[e.start_byte..e.end_byte], e.matched);
    }
    let score = scored.figures();
    assert!(score.quoted_words <= score.words);
});
