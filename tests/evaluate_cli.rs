//! `framelens evaluate` on small gold files whose metrics were worked out by hand.

mod common;

use common::{framelens, write};

const GOLD: [&str; 5] = [
    "tests/fixtures/gold/babe.jsonl",
    "tests/fixtures/gold/basil.jsonl",
    "tests/fixtures/gold/polnear.jsonl",
    "tests/fixtures/gold/ptc.jsonl",
    "tests/fixtures/gold/szeged_news.jsonl",
];

fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["evaluate", "--gold"];
    args.extend(GOLD);
    args.extend(["--lexicons", "tests/fixtures/lexicons"]);
    args.extend(extra);
    args
}

#[test]
fn metrics_on_hand_scored_gold_files() {
    // Every figure in the expected file was computed by hand from the fixture
    // texts and the fixture lexicons (see the comments in tests/fixtures/gold).
    let run = framelens(&args(&[]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected =
        std::fs::read_to_string(common::root().join("tests/expected/fixtures_evaluate.txt"))
            .unwrap();
    assert_eq!(run.stdout, expected);
}

#[test]
fn csv_format_has_the_same_figures() {
    let run = framelens(&args(&["--output-format", "csv"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = common::parse_csv(&run.stdout);
    assert_eq!(header, ["dataset", "metric", "value"]);
    let get = |d: &str, m: &str| {
        rows.iter()
            .find(|r| r[0] == d && r[1] == m)
            .map(|r| r[2].clone())
            .unwrap()
    };
    assert_eq!(get("babe", "babe_sentence_auc"), "0.6250");
    assert_eq!(get("basil", "basil_pairwise_accuracy"), "0.6667");
    assert_eq!(get("polnear", "attribution_cue_f1"), "0.8571");
    assert_eq!(get("ptc", "loaded_density_spearman"), "n/a");
    assert_eq!(get("szeged_news", "hedge_cue_f1"), "0.4000");
}

#[test]
fn a_duplicate_gold_id_is_named_with_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"id": "x", "dataset": "ptc", "text": "Some text.", "spans": []}"#;
    let path = write(
        dir.path(),
        "g.jsonl",
        format!("{line}\n{line}\n").as_bytes(),
    );
    let run = framelens(&["evaluate", "--gold", &path]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!("framelens: {path}:2: the id `x` was used before, on {path}:1\n")
    );
}

#[test]
fn a_broken_gold_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "g.jsonl", b"{\"id\": \"x\", \"text\": \"t\"}\n");
    let run = framelens(&["evaluate", "--gold", &path]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(&format!(
            "framelens: {path}:1: not a gold record (missing field `dataset`"
        )),
        "{}",
        run.stderr
    );
}
