//! Tokenizer, sentence splitter, quote finder and scorer on arbitrary bytes:
//! no panic, every match's offsets slice the text to the matched words, and
//! a workspace that has scored every earlier input (its vocabulary and
//! caches warm) gives the same figures as a fresh one.
#![no_main]

use framelens::lexicon::Lexicon;
use framelens::score::{Scorer, Workspace};
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| Scorer::new(Lexicon::builtin().expect("built-in lexicons parse")))
}

fuzz_target!(|data: &[u8]| {
    let (body_hint, bytes) = match data.split_first() {
        Some((first, rest)) => (*first as usize, rest),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(bytes);
    let body = (0..=body_hint.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
    let mut ws = Workspace::default();
    let scored = scorer().score(&text, body, &mut ws);
    let score = scored.figures();
    static WARM: Mutex<Option<Workspace>> = Mutex::new(None);
    let mut warm = WARM.lock().unwrap();
    let warm = warm.get_or_insert_with(Workspace::default);
    assert_eq!(scorer().score(&text, body, warm).figures(), score);
    assert!(score.quoted_words <= score.words);
    let rows = scored.evidence();
    for e in &rows {
        assert_eq!(&text[e.start_byte..e.end_byte], e.matched);
        assert!(e.start_byte >= body);
    }
    let listed: u32 = rows.len() as u32;
    let counted: u32 = score.counts.iter().map(|c| c.total).sum();
    assert_eq!(listed, counted);
});
