//! `framelens compare` and `framelens terms`, and spreadsheet safety in every CSV command.

mod common;

use common::{assert_matches_expected, framelens, parse_csv};

const FIXTURES: &str = "tests/fixtures/articles";
const LEXICONS: &str = "tests/fixtures/lexicons";

#[test]
fn compare_by_outlet_wide_and_long() {
    let wide = framelens(&[
        "compare",
        FIXTURES,
        "--by",
        "outlet",
        "--lexicons",
        LEXICONS,
    ]);
    assert_eq!(wide.code, 0, "{}", wide.stderr);
    assert_matches_expected("fixtures_compare_wide.csv", &wide.stdout);
    let long = framelens(&[
        "compare",
        FIXTURES,
        "--by",
        "outlet",
        "--long",
        "--lexicons",
        LEXICONS,
    ]);
    assert_eq!(long.code, 0, "{}", long.stderr);
    assert_matches_expected("fixtures_compare_long.csv", &long.stdout);
}

#[test]
fn compare_within_event() {
    let run = framelens(&[
        "compare",
        FIXTURES,
        "--by",
        "outlet",
        "--within",
        "event",
        "--long",
        "--lexicons",
        LEXICONS,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_expected("fixtures_compare_within.csv", &run.stdout);
}

#[test]
fn a_group_rate_pools_its_words() {
    // Both fixture articles in one group: 4 loaded matches in 81 words.
    let run = framelens(&[
        "compare",
        FIXTURES,
        "--by",
        "event",
        "--long",
        "--lexicons",
        LEXICONS,
    ]);
    let (_, rows) = parse_csv(&run.stdout);
    let loaded = rows.iter().find(|r| r[1] == "loaded_per_1k").unwrap();
    assert_eq!(loaded[..3], ["budget-vote", "loaded_per_1k", "49.383"]);
    assert_eq!(loaded[5..7], ["2", "81"]);
    assert_eq!(
        loaded[7],
        "small group (2 articles, 81 words): read with care"
    );
}

#[test]
fn the_bootstrap_is_reproducible_with_a_seed() {
    let run = |seed: &str| {
        framelens(&[
            "compare", "seeds", "--by", "event", "--long", "--seed", seed,
        ])
        .stdout
    };
    assert_eq!(run("7"), run("7"));
    assert_ne!(run("7"), run("8"));
    let (_, rows) = parse_csv(&run("7"));
    let hedging = rows.iter().find(|r| r[1] == "hedging_per_1k").unwrap();
    let (value, low, high): (f64, f64, f64) = (
        hedging[2].parse().unwrap(),
        hedging[3].parse().unwrap(),
        hedging[4].parse().unwrap(),
    );
    assert!(low <= value && value <= high, "{low} {value} {high}");
}

#[test]
fn terms_lists_the_words_behind_each_number() {
    let run = framelens(&["terms", FIXTURES, "--by", "outlet", "--lexicons", LEXICONS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_expected("fixtures_terms.csv", &run.stdout);
    let loaded = framelens(&[
        "terms",
        FIXTURES,
        "--category",
        "loaded",
        "--top",
        "1",
        "--lexicons",
        LEXICONS,
    ]);
    let (_, rows) = parse_csv(&loaded.stdout);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r[1] == "loaded" && r[2] == "1"));
}

#[test]
fn terms_labels_counts_each_side() {
    let run = framelens(&["terms", "seeds", "--labels"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = parse_csv(&run.stdout);
    assert_eq!(header, ["pair", "side", "outlet", "count", "share"]);
    let grayzone: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[0] == "regime-government" && r[2] == "The Grayzone")
        .collect();
    assert_eq!(grayzone.len(), 2);
    let total: u64 = grayzone.iter().map(|r| r[3].parse::<u64>().unwrap()).sum();
    assert!(total > 0);
    let no_labels = framelens(&["terms", FIXTURES, "--labels", "--lexicons", LEXICONS]);
    assert_eq!(no_labels.code, 2);
    assert_eq!(
        no_labels.stderr,
        "framelens: tests/fixtures/lexicons: has no labels.txt, so there is no label table to make\n"
    );
}

#[test]
fn an_unknown_category_is_refused() {
    let run = framelens(&["terms", FIXTURES, "--category", "spin"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "framelens: spin: is not a category; choose loaded, hedging, boosters or attribution\n"
    );
}

/// Every CSV-writing command, on a corpus whose ids and metadata are formulas.
fn csv_commands(extra: &[&str]) -> Vec<(String, String)> {
    let corpus = "tests/fixtures/hostile/corpus.jsonl";
    let commands: [&[&str]; 8] = [
        &["score", corpus],
        &["matches", corpus],
        &["compare", corpus, "--by", "outlet", "--long"],
        &["compare", corpus, "--by", "outlet"],
        &["terms", corpus, "--by", "outlet"],
        &[
            "compare", corpus, "--by", "outlet", "--within", "event", "--long",
        ],
        &["terms", corpus, "--by", "outlet", "--labels"],
        &[
            "evaluate",
            "--gold",
            "tests/fixtures/hostile/gold.jsonl",
            "--output-format",
            "csv",
        ],
    ];
    commands
        .iter()
        .map(|c| {
            let args: Vec<&str> = c.iter().chain(extra).copied().collect();
            let run = framelens(&args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            (c.join(" "), run.stdout)
        })
        .collect()
}

#[test]
fn injected_formulas_are_neutralised_in_every_csv() {
    for (command, out) in csv_commands(&[]) {
        let (header, rows) = parse_csv(&out);
        for cell in header.iter().chain(rows.iter().flatten()) {
            let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(!risky || cell.parse::<f64>().is_ok(), "{command}: {cell:?}");
        }
        assert!(out.contains("'="), "{command} kept no formula text at all");
    }
}

#[test]
fn raw_keeps_cells_as_they_are_and_excel_adds_a_bom() {
    for (command, out) in csv_commands(&["--raw"]) {
        assert!(
            out.contains("=HYPERLINK") || out.contains("=cmd"),
            "{command}"
        );
        assert!(!out.contains("'="), "{command}");
    }
    let run = framelens(&["score", FIXTURES, "--excel", "--lexicons", LEXICONS]);
    assert!(run.stdout.starts_with('\u{feff}'));
    let plain = framelens(&["score", FIXTURES, "--lexicons", LEXICONS]);
    assert_eq!(&run.stdout['\u{feff}'.len_utf8()..], plain.stdout);
}
