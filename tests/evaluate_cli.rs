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

#[test]
fn weighted_metrics_count_each_match_by_its_strength() {
    // `slam` is weak (0.2), `brazen` full (no strength, 1). Worked by hand:
    // BABE: the biased sentence scores 1/3 a word, the unbiased "slam" one
    // 1/3 counted (a tie: AUC 0.75) but 0.2/3 weighted (AUC 1). BASIL, one
    // event of three articles with 1, 0 and 0 annotated spans: counted, the
    // first two tie (pairs 0.5 + 1, Spearman 0.5); weighted, every pair is
    // in order (1.0) and the Spearman of ranks (3, 1.5, 1.5) and (3, 2, 1)
    // is 1.5 / sqrt(3).
    let dir = tempfile::tempdir().unwrap();
    let lexicons = dir.path().join("lex");
    std::fs::create_dir(&lexicons).unwrap();
    for (name, content) in [
        ("loaded.txt", "brazen\nslam 0.2\n"),
        ("hedging.txt", "may\n"),
        ("boosters.txt", "clearly\n"),
        ("attribution.txt", "said\n"),
    ] {
        write(&lexicons, name, content.as_bytes());
    }
    let record = |dataset: &str, id: &str, text: &str, extra: &str| {
        format!(r#"{{"id": "{id}", "dataset": "{dataset}", "text": "{text}", {extra}}}"#)
    };
    let span = r#""spans": [{"start": 2, "end": 8, "label": "loaded", "type": null}]"#;
    let babe = [
        record(
            "babe",
            "b1",
            "They slam it.",
            r#""labels": {"biased": false}"#,
        ),
        record(
            "babe",
            "b2",
            "A brazen plan.",
            r#""labels": {"biased": true}"#,
        ),
        record(
            "babe",
            "b3",
            "Nothing here today.",
            r#""labels": {"biased": false}"#,
        ),
    ];
    let basil = [
        record(
            "basil",
            "s1",
            "A brazen plan.",
            &format!(r#""event": "e", {span}"#),
        ),
        record(
            "basil",
            "s2",
            "They slam it.",
            r#""event": "e", "spans": []"#,
        ),
        record(
            "basil",
            "s3",
            "Nothing here today.",
            r#""event": "e", "spans": []"#,
        ),
    ];
    let gold = write(
        dir.path(),
        "gold.jsonl",
        format!("{}\n{}\n", babe.join("\n"), basil.join("\n")).as_bytes(),
    );
    let lexicons = lexicons.to_string_lossy().into_owned();
    let run = framelens(&[
        "evaluate",
        "--gold",
        &gold,
        "--lexicons",
        &lexicons,
        "--output-format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = common::parse_csv(&run.stdout);
    let get = |m: &str| {
        rows.iter()
            .find(|r| r[1] == m)
            .map(|r| r[2].clone())
            .unwrap()
    };
    let pairs = [
        ("babe_sentence_auc", "0.7500"),
        ("babe_weighted_sentence_auc", "1.0000"),
        ("basil_pairwise_accuracy", "0.7500"),
        ("basil_weighted_pairwise_accuracy", "1.0000"),
        ("loaded_density_spearman", "0.5000"),
        ("loaded_weighted_density_spearman", "0.8660"),
    ];
    for (metric, want) in pairs {
        assert_eq!(get(metric), want, "{metric}");
    }
}
