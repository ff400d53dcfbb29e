//! The lexicon parser and matcher on arbitrary file contents: either a clear
//! error naming a line, or a lexicon that compiles and matches without panic.
#![no_main]

use framelens::lexicon::{Lexicon, Matcher, Scratch};
use framelens::text::Analysis;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(content) = std::str::from_utf8(data) else {
        return;
    };
    let files = [("loaded.txt", content), ("hedging.txt", "may\n"), ("boosters.txt", "clearly\n"), ("attribution.txt", "said\n:\n")];
    match Lexicon::from_texts(Path::new("fuzz"), &files) {
        Ok(lexicon) => {
            let matcher = Matcher::new(lexicon);
            let text = "The so-called “plan” may well be a brazen, thinly-veiled plot, officials said: “No.”";
            let mut analysis = Analysis::new();
            analysis.analyze(text, 0);
            let mut out = Vec::new();
            matcher.find(&analysis, &mut Scratch::default(), &mut out);
            for m in &out {
                assert!(text.is_char_boundary(m.span().start) && text.is_char_boundary(m.span().end) && m.start <= m.end);
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz/loaded.txt:"), "{message}");
        }
    }
});
