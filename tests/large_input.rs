//! Very large input: a 100 MB single line and an article of a million words.
//!
//! These take a while in a debug build, so they are ignored by a plain
//! `cargo test`; CI runs them with `cargo test --release -- --ignored`.
//! They check that framelens finishes with the right counts, not how fast.

mod common;

use common::{framelens, parse_csv};

fn score_one(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, text).unwrap();
    let run = framelens(&[
        "score",
        path.to_str().unwrap(),
        "--lexicons",
        "tests/fixtures/lexicons",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(rows.len(), 1);
    rows.into_iter().next().unwrap()
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_100_mb_single_line() {
    // 40 bytes and 7 words a piece, no line break anywhere.
    let piece = "It was a brazen plan, officials said. ";
    let pieces = 100_000_000 / piece.len();
    let row = score_one(&piece.repeat(pieces));
    assert_eq!(row[5], (7 * pieces).to_string(), "words");
    assert_eq!(row[6], pieces.to_string(), "sentences");
    assert_eq!(row[7], "1", "paragraphs");
    assert_eq!(row[8], pieces.to_string(), "loaded");
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn an_article_of_a_million_words() {
    let paragraph =
        "The council may vote “on the clearly reckless plan” today, according to sources.\n";
    let words_per_paragraph = 13;
    let paragraphs = 1_000_000 / words_per_paragraph + 1;
    let row = score_one(&paragraph.repeat(paragraphs));
    assert_eq!(
        row[5],
        (words_per_paragraph * paragraphs).to_string(),
        "words"
    );
    assert_eq!(row[7], paragraphs.to_string(), "paragraphs");
    assert_eq!(row[8], paragraphs.to_string(), "loaded");
}
