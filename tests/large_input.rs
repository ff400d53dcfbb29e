//! Very large input: a 100 MB single line, long sentences of quotations
//! and names, and an article of a million words.
//!
//! These take a while in a debug build, so they are ignored by a plain
//! `cargo test`; CI runs them with `cargo test --release -- --ignored`.
//! They check that framelens finishes with the right counts, not how fast.

mod common;

use common::{framelens, parse_csv};

fn score_one(text: &str) -> Vec<String> {
    score_one_with_header(text).1
}

fn score_one_with_header(text: &str) -> (Vec<String>, Vec<String>) {
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
    let (header, rows) = parse_csv(&run.stdout);
    assert_eq!(rows.len(), 1);
    (header, rows.into_iter().next().unwrap())
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

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn long_sentences_of_quotations_names_and_open_marks() {
    // Four paragraphs of one sentence each, each the shape that once made a
    // rule walk its sentence or its run once per match, quotation or cue.
    // A short quotation whose nearest cues stand beyond the window, in a
    // sentence full of them; each cue has an anonymous source.
    let (n1, n2, n3, n4) = (100_000, 300_000, 200_000, 200_000);
    let quotes = "officials said it was in a plan that a \"brazen\" scheme was set out, ";
    // One run of capitalised loaded words mid-sentence, in a paragraph that
    // is not in title case: capitalised for emphasis, every one counted.
    let run = format!("The plan was {}{}", "Brazen ".repeat(n2), "and ".repeat(n2));
    // A paragraph in title case: every cue is counted and names the word
    // before it.
    let names = "Ann Said Bob Said ";
    // Opening single marks left open, then closing double marks that have
    // no partner: no quotation at all.
    let marks = format!(
        "{}{}",
        "\u{2018}a ".repeat(n4),
        "stray \u{201d} x ".repeat(n4)
    );
    let text = format!(
        "{}\n{run}\n{}\n{marks}",
        quotes.repeat(n1),
        names.repeat(n3)
    );
    let (header, row) = score_one_with_header(&text);
    let cell = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
    let words = 14 * n1 + (3 + 2 * n2) + 4 * n3 + 3 * n4;
    assert_eq!(cell("words"), &words.to_string());
    assert_eq!(cell("sentences"), "4");
    assert_eq!(cell("paragraphs"), "4");
    assert_eq!(cell("loaded"), &(n1 + n2).to_string());
    assert_eq!(cell("attribution"), &(n1 + 2 * n3).to_string());
    assert_eq!(cell("anonymous_sources"), &n1.to_string());
    assert_eq!(cell("named_sources"), &(2 * n3).to_string());
    assert_eq!(cell("scare_quotes"), "0");
    let quote_share = format!("{:.3}", n1 as f64 / words as f64);
    assert_eq!(cell("quote_share"), &quote_share);
}
