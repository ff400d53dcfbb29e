//! A lexicon folder with a file of its own (`money.txt`) gets a category of
//! its own, named after the file, in every output.

mod common;

use common::{assert_matches_expected, framelens, root};
use std::path::PathBuf;

const FIXTURES: &str = "tests/fixtures/articles";

/// The test lexicons with `money.txt` added, in a folder of their own.
fn lexicons_with(extra: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for item in std::fs::read_dir(root().join("tests/fixtures/lexicons")).unwrap() {
        let path = item.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let money = root().join("tests/fixtures/custom_lexicon/money.txt");
    std::fs::copy(&money, dir.path().join("money.txt")).unwrap();
    for (name, content) in extra {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    let path = dir.path().to_path_buf();
    (dir, path)
}

fn run_ok(args: &[&str]) -> String {
    let run = framelens(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    assert_eq!(run.stderr, "", "{args:?}");
    run.stdout
}

#[test]
fn a_custom_category_appears_in_score_matches_compare_and_terms() {
    let (_dir, lexicons) = lexicons_with(&[]);
    let lexicons = lexicons.to_str().unwrap();
    let score = run_ok(&["score", FIXTURES, "--lexicons", lexicons]);
    // lexicon_version hashes the files' names and contents, not their folder.
    assert_matches_expected("custom_score.csv", &score);
    let matches = run_ok(&["matches", FIXTURES, "--lexicons", lexicons]);
    assert_matches_expected("custom_matches.csv", &matches);
    let compare = run_ok(&["compare", FIXTURES, "--lexicons", lexicons]);
    assert_matches_expected("custom_compare.csv", &compare);
    let terms = run_ok(&[
        "terms",
        FIXTURES,
        "--lexicons",
        lexicons,
        "--category",
        "money",
    ]);
    assert_matches_expected("custom_terms.csv", &terms);
}

#[test]
fn a_custom_category_appears_in_the_report() {
    let (_dir, lexicons) = lexicons_with(&[]);
    let html = run_ok(&["report", FIXTURES, "--lexicons", lexicons.to_str().unwrap()]);
    for part in [
        "<figure class=\"chart\" id=\"chart-money\"><figcaption><span class=\"swatch custom\"></span>Money ",
        "<span class=\"bar custom\"",
        "<span class=\"swatch custom\"></span>Money</dt><dd><p>Money: words from money.txt",
        "<th scope=\"col\" class=\"num\">Money</th>",
        "attribution 58.8, money 39.2 per 1,000 words",
        "<mark data-category=\"money\" data-entry=\"savings\"",
    ] {
        assert!(html.contains(part), "{part}");
    }
}

#[test]
fn a_custom_category_whose_columns_clash_is_refused() {
    for (file, column) in [
        ("words.txt", "words"),
        ("loaded_author.txt", "loaded_author_per_1k"),
    ] {
        let (_dir, lexicons) = lexicons_with(&[(file, "word\n")]);
        let run = framelens(&["score", FIXTURES, "--lexicons", lexicons.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{file}");
        assert_eq!(
            run.stderr,
            format!(
                "framelens: {}: would give the column `{column}`, which another figure already has; rename the file\n",
                lexicons.join(file).display()
            )
        );
        assert_eq!(run.stdout, "");
    }
}
