//! `framelens stories`, `framelens align` and `--within story`, on a small
//! corpus of invented articles: three outlets, two shared stories and one
//! story that one outlet alone tells.

mod common;

use common::{assert_matches_expected, framelens, parse_csv};

/// The header and the rows of a CSV text, the header first.
fn table_of(text: &str) -> Vec<Vec<String>> {
    let (header, mut rows) = parse_csv(text);
    rows.insert(0, header);
    rows
}

const CORPUS: &str = "tests/fixtures/stories/corpus.jsonl";

#[test]
fn stories_recover_the_invented_events() {
    let run = framelens(&["stories", CORPUS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_expected("stories_stories.csv", &run.stdout);
    // The stories are the corpus's events, which the grouping never reads.
    let rows = table_of(&run.stdout);
    let story: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(story, ["s1", "s1", "s1", "s2", "s2", "s3"]);
}

#[test]
fn stories_are_the_same_on_any_number_of_threads() {
    let one = framelens(&["stories", CORPUS, "--threads", "1"]);
    let two = framelens(&["stories", CORPUS, "--threads", "2"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn a_date_window_keeps_stories_apart() {
    // The flood articles lie up to a day apart: a window of 0 days splits them.
    let run = framelens(&["stories", CORPUS, "--days", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = table_of(&run.stdout);
    let story: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_ne!(story[0], story[1]);
    assert_eq!(story[0], story[2]);
}

#[test]
fn align_within_found_stories() {
    let run = framelens(&["align", CORPUS, "--by", "outlet", "--within", "story"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_expected("stories_align.csv", &run.stdout);
    let rows = table_of(&run.stdout);
    // Every sentence of the two shared stories, once; the comet is left out.
    assert_eq!(rows.len() - 1, 13 + 10);
    assert!(rows.iter().all(|r| r[3] != "comet"));
    // Each fact holds at most one sentence per outlet.
    let mut seen = std::collections::HashSet::new();
    for r in &rows[1..] {
        assert!(
            seen.insert((r[0].clone(), r[1].clone(), r[2].clone())),
            "{r:?}"
        );
    }
}

#[test]
fn align_within_event_names_the_field() {
    let run = framelens(&["align", CORPUS, "--within", "event"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = table_of(&run.stdout);
    assert_eq!(rows[0][0], "event");
    let by_story = framelens(&["align", CORPUS, "--within", "story"]);
    let story_rows = table_of(&by_story.stdout);
    // The same facts, under the event's name instead of the story's.
    assert_eq!(rows.len(), story_rows.len());
    for (a, b) in rows[1..].iter().zip(&story_rows[1..]) {
        assert_eq!(a[1..], b[1..]);
    }
}

#[test]
fn a_higher_threshold_pairs_fewer_sentences() {
    let count = |threshold: &str| {
        let run = framelens(&[
            "align",
            CORPUS,
            "--within",
            "event",
            "--threshold",
            threshold,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        table_of(&run.stdout)[1..]
            .iter()
            .filter(|r| r[13].is_empty())
            .count()
    };
    assert_eq!(count("0.35"), 11);
    assert_eq!(count("0.9"), 2);
}

#[test]
fn compare_within_story_read_from_a_file() {
    let by_event = framelens(&["compare", CORPUS, "--within", "event", "--long"]);
    let by_file = framelens(&[
        "compare",
        CORPUS,
        "--within",
        "story",
        "--stories",
        "tests/fixtures/stories/by_hand.csv",
        "--long",
    ]);
    assert_eq!(by_event.code, 0, "{}", by_event.stderr);
    assert_eq!(by_file.code, 0, "{}", by_file.stderr);
    let body = |s: &str| s.split_once('\n').unwrap().1.to_string();
    assert_eq!(body(&by_event.stdout), body(&by_file.stdout));
    assert!(by_file.stdout.starts_with("story,group,"));
}

#[test]
fn compare_within_found_stories() {
    let run = framelens(&["compare", CORPUS, "--within", "story", "--long"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let by_event = framelens(&["compare", CORPUS, "--within", "event", "--long"]);
    let names =
        |s: &str| -> Vec<String> { table_of(s)[1..].iter().map(|r| r[1..].join(",")).collect() };
    // Found stories s1, s2, s3 are the events flood, budget, comet; the
    // rows come in the order of the names, so they are compared as sets.
    let (mut a, mut b) = (names(&run.stdout), names(&by_event.stdout));
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn a_stories_file_without_an_article_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aligned.csv");
    let run = framelens(&[
        "align",
        CORPUS,
        "--within",
        "story",
        "--stories",
        "tests/fixtures/stories/incomplete.csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("incomplete.csv") && run.stderr.contains("flood-courier"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn align_needs_the_field_it_groups_by() {
    let run = framelens(&["align", CORPUS, "--by", "desk"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("`desk`"), "{}", run.stderr);
}
