//! Graded entries: a lexicon file whose lines give strengths gets a weighted
//! rate in `score`, `compare` and the report, and `matches` shows each row's
//! strength, so that the weighted figure is the sum of its rows.

mod common;

use common::{framelens, parse_csv, root};
use std::collections::BTreeMap;

const FIXTURES: &str = "tests/fixtures/articles";

/// The test lexicons with strengths in loaded.txt and a graded money.txt.
fn graded_lexicons() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for item in std::fs::read_dir(root().join("tests/fixtures/lexicons")).unwrap() {
        let path = item.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let files = [
        (
            "loaded.txt",
            "reckless 0.4\nbrazen\nso-called 0.25\ngiveaway* 0.9\n",
        ),
        ("money.txt", "budget 0.5\nsavings\n~tax\n"),
        ("war.txt", "gamble\nbattle\n"),
    ];
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    dir
}

fn run_ok(args: &[&str]) -> String {
    let run = framelens(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

/// The cell of `column` in `row`.
fn cell<'a>(header: &[String], row: &'a [String], column: &str) -> &'a str {
    let at = header.iter().position(|h| h == column);
    &row[at.unwrap_or_else(|| panic!("no column {column}"))]
}

#[test]
fn a_weighted_rate_is_the_sum_of_the_strengths_of_its_rows() {
    let lexicons = graded_lexicons();
    let lexicons = lexicons.path().to_str().unwrap();
    let (header, rows) = parse_csv(&run_ok(&["score", FIXTURES, "--lexicons", lexicons]));
    let weighted: Vec<&String> = header.iter().filter(|h| h.contains("weighted")).collect();
    // Graded files only: war.txt gives no strength, nor do the other lists.
    assert_eq!(
        weighted,
        ["loaded_weighted_per_1k", "money_weighted_per_1k"]
    );
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(at("loaded_weighted_per_1k"), at("loaded_per_1k") + 1);

    let (m_header, m_rows) = parse_csv(&run_ok(&["matches", FIXTURES, "--lexicons", lexicons]));
    // Thousandths of a match, summed per article and category.
    let mut sums: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    for row in &m_rows {
        let strength = cell(&m_header, row, "strength");
        let milli: u64 = strength.replace('.', "").parse().unwrap();
        let key = (
            cell(&m_header, row, "doc_id").to_string(),
            cell(&m_header, row, "category").to_string(),
        );
        let sum = sums.entry(key).or_default();
        *sum = (sum.0 + milli, sum.1 + 1);
    }
    assert!(sums.len() >= 8, "{sums:?}");
    let mut checked = 0;
    for row in &rows {
        let id = cell(&header, row, "id");
        let words: u64 = cell(&header, row, "words").parse().unwrap();
        for category in [
            "loaded",
            "hedging",
            "boosters",
            "attribution",
            "money",
            "war",
        ] {
            let (milli, count) = sums
                .get(&(id.to_string(), category.to_string()))
                .copied()
                .unwrap_or_default();
            assert_eq!(cell(&header, row, category), count.to_string());
            match header
                .iter()
                .position(|h| *h == format!("{category}_weighted_per_1k"))
            {
                Some(at) => {
                    // The rate is the thousandths over the words, to three decimals.
                    assert_eq!(row[at], format!("{:.3}", milli as f64 / words as f64));
                    checked += 1;
                }
                // An ungraded category: every row has strength 1.
                None => assert_eq!(milli, 1000 * count, "{id} {category}"),
            }
        }
    }
    assert_eq!(checked, 4);
    // Worked by hand for the Valley Post: so-called (0.25), brazen (1) and
    // giveaway (0.9) are 2.15 matches over its 30 words.
    let valley = rows.iter().find(|r| r[1] == "Valley Post").unwrap();
    assert_eq!(cell(&header, valley, "loaded"), "3");
    assert_eq!(cell(&header, valley, "loaded_weighted_per_1k"), "71.667");
}

#[test]
fn compare_and_the_report_set_the_weighted_rate_beside_the_count() {
    let lexicons = graded_lexicons();
    let lexicons = lexicons.path().to_str().unwrap();
    let compare = run_ok(&["compare", FIXTURES, "--lexicons", lexicons, "--by", "event"]);
    let (header, rows) = parse_csv(&compare);
    assert_eq!(
        header[1..4],
        ["budget-vote", "budget-vote ci_low", "budget-vote ci_high"]
    );
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    // The count rate is the headline (VALIDATION.md), the weighted rate next.
    assert_eq!(at("loaded_weighted_per_1k"), at("loaded_per_1k") + 1);
    assert_eq!(at("money_weighted_per_1k"), at("money_per_1k") + 1);
    assert!(!names.contains(&"war_weighted_per_1k"));
    let weighted = &rows[at("loaded_weighted_per_1k")];
    // Two articles: (400 + 2,150) thousandths over 51 + 30 words, with an
    // interval from resampled articles.
    let (value, low, high): (f64, f64, f64) = (
        weighted[1].parse().unwrap(),
        weighted[2].parse().unwrap(),
        weighted[3].parse().unwrap(),
    );
    assert_eq!(weighted[1], format!("{:.3}", 2550.0 / 81.0));
    assert!(low <= value && value <= high, "{weighted:?}");
    assert!(low < high, "{weighted:?}");

    let html = run_ok(&["report", FIXTURES, "--lexicons", lexicons]);
    let count = html.find("id=\"chart-loaded\"").unwrap();
    let weighted = html.find("id=\"chart-loaded-weighted\"").unwrap();
    let hedging = html.find("id=\"chart-hedging\"").unwrap();
    assert!(count < weighted && weighted < hedging);
    assert!(html.contains("Loaded language, weighted"));
    assert!(html.contains("id=\"chart-money-weighted\""));
    assert!(!html.contains("id=\"chart-war-weighted\""));
    // A highlighted word of a graded category shows its strength.
    assert!(html.contains("loaded · entry: reckless · strength 0.4 · author"));
    assert!(html.contains("loaded · entry: brazen · strength 1 · author"));
    assert!(html.contains("war · entry: gamble · author"));
}
