//! `framelens score` and `framelens matches` run on fixtures and on the seeds.

mod common;

use common::{assert_matches_expected, framelens, framelens_with_stdin, parse_csv, root};
use std::collections::HashMap;

const FIXTURES: &str = "tests/fixtures/articles";
const FIXTURE_LEXICONS: &str = "tests/fixtures/lexicons";

#[test]
fn score_on_fixtures_gives_the_expected_table() {
    let run = framelens(&["score", FIXTURES, "--lexicons", FIXTURE_LEXICONS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_matches_expected("fixtures_score.csv", &run.stdout);
}

#[test]
fn matches_on_fixtures_gives_the_expected_evidence() {
    let run = framelens(&["matches", FIXTURES, "--lexicons", FIXTURE_LEXICONS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_expected("fixtures_matches.csv", &run.stdout);
}

#[test]
fn quotes_on_fixtures_gives_the_expected_rows() {
    let run = framelens(&[
        "matches",
        "--quotes",
        FIXTURES,
        "--lexicons",
        FIXTURE_LEXICONS,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_matches_expected("fixtures_quotes.csv", &run.stdout);
}

/// Every quotation and source figure of `score` is a count, or for
/// `quote_share` a sum of words, of the rows of `matches --quotes`.
#[test]
fn quotes_on_the_seeds_add_up_to_the_scores() {
    let quotes = framelens(&["matches", "--quotes", "seeds"]);
    assert_eq!(quotes.code, 0, "{}", quotes.stderr);
    let (header, rows) = parse_csv(&quotes.stdout);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut counts: HashMap<(String, String), u32> = HashMap::new();
    let mut quoted_words: HashMap<String, u32> = HashMap::new();
    for row in &rows {
        let id = row[col("doc_id")].clone();
        let text = std::fs::read_to_string(root().join("seeds").join(format!("{id}.txt"))).unwrap();
        let (sb, eb): (usize, usize) = (
            row[col("start_byte")].parse().unwrap(),
            row[col("end_byte")].parse().unwrap(),
        );
        assert_eq!(&text[sb..eb], row[col("matched")]);
        let category = row[col("category")].clone();
        if category == "direct_quotes" {
            *quoted_words.entry(id.clone()).or_default() +=
                row[col("words")].parse::<u32>().unwrap();
        }
        *counts.entry((id, category)).or_default() += 1;
    }
    let score = framelens(&["score", "seeds"]);
    let (header, rows) = parse_csv(&score.stdout);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut checked = 0;
    for row in rows {
        let id = &row[0];
        for category in ["scare_quotes", "named_sources", "anonymous_sources"] {
            let listed = counts
                .get(&(id.clone(), category.to_string()))
                .copied()
                .unwrap_or(0);
            assert_eq!(row[col(category)], listed.to_string(), "{id} {category}");
            checked += listed;
        }
        let words: u32 = row[col("words")].parse().unwrap();
        let share = f64::from(quoted_words.get(id).copied().unwrap_or(0)) / f64::from(words);
        assert_eq!(row[col("quote_share")], format!("{share:.3}"), "{id}");
    }
    assert!(checked > 50, "the seeds have sources and scare quotes");
}

#[test]
fn score_on_the_seeds_gives_the_expected_table() {
    let run = framelens(&["score", "seeds"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(rows.len(), 5);
    assert_matches_expected("seeds_score.csv", &run.stdout);
}

#[test]
fn matches_on_the_seeds_slice_the_text_and_add_up_to_the_scores() {
    let matches = framelens(&["matches", "seeds"]);
    assert_eq!(matches.code, 0, "{}", matches.stderr);
    let (header, rows) = parse_csv(&matches.stdout);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    for row in &rows {
        let id = &row[col("doc_id")];
        let text = texts.entry(id.clone()).or_insert_with(|| {
            std::fs::read_to_string(root().join("seeds").join(format!("{id}.txt"))).unwrap()
        });
        let (start, end): (usize, usize) = (
            row[col("start_char")].parse().unwrap(),
            row[col("end_char")].parse().unwrap(),
        );
        let by_chars: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(by_chars, row[col("matched")]);
        let (sb, eb): (usize, usize) = (
            row[col("start_byte")].parse().unwrap(),
            row[col("end_byte")].parse().unwrap(),
        );
        assert_eq!(&text[sb..eb], row[col("matched")]);
        *counts
            .entry((id.clone(), row[col("category")].clone()))
            .or_default() += 1;
    }
    let score = framelens(&["score", "seeds"]);
    let (header, rows) = parse_csv(&score.stdout);
    for row in rows {
        for category in ["loaded", "hedging", "boosters", "attribution"] {
            let i = header.iter().position(|h| h == category).unwrap();
            let listed = counts
                .get(&(row[0].clone(), category.to_string()))
                .copied()
                .unwrap_or(0);
            assert_eq!(row[i], listed.to_string(), "{} {category}", row[0]);
        }
    }
}

#[test]
fn output_file_equals_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.csv");
    let run = framelens(&["score", "seeds", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let printed = framelens(&["score", "seeds"]).stdout;
    assert_eq!(std::fs::read_to_string(&out).unwrap(), printed);
}

#[test]
fn standard_input_is_one_article() {
    let text = std::fs::read(root().join(FIXTURES).join("valley_post.txt")).unwrap();
    let run = framelens_with_stdin(&["score", "-", "--lexicons", FIXTURE_LEXICONS], &text);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "stdin");
    let file = framelens(&[
        "score",
        &format!("{FIXTURES}/valley_post.txt"),
        "--lexicons",
        FIXTURE_LEXICONS,
    ]);
    let (_, file_rows) = parse_csv(&file.stdout);
    // Without the manifest there is no metadata; the figures are the same.
    assert_eq!(rows[0][5..], file_rows[0][5..]);
}

#[test]
fn same_input_gives_identical_bytes() {
    let first = framelens(&["matches", "seeds"]).stdout;
    let second = framelens(&["matches", "seeds"]).stdout;
    assert_eq!(first, second);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path();
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
    }
    assert_eq!(
        framelens(&["matches", copy.to_str().unwrap()]).stdout,
        first
    );
}

#[test]
fn text_files_jsonl_and_csv_give_identical_rows() {
    let lex = ["--lexicons", FIXTURE_LEXICONS];
    let txt = framelens(&[&["score", FIXTURES][..], &lex].concat());
    let jsonl = framelens(&[&["score", "tests/fixtures/corpus.jsonl"][..], &lex].concat());
    let csv = framelens(
        &[
            &[
                "score",
                "tests/fixtures/corpus.csv",
                "--text-column",
                "body",
            ][..],
            &lex,
        ]
        .concat(),
    );
    assert_eq!(txt.code, 0, "{}", txt.stderr);
    assert_eq!(jsonl.code, 0, "{}", jsonl.stderr);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert_eq!(jsonl.stdout, txt.stdout);
    assert_eq!(csv.stdout, txt.stdout);
    let jsonl_matches =
        framelens(&[&["matches", "tests/fixtures/corpus.jsonl"][..], &lex].concat());
    let txt_matches = framelens(&[&["matches", FIXTURES][..], &lex].concat());
    assert_eq!(jsonl_matches.stdout, txt_matches.stdout);
}

#[test]
fn a_jsonl_corpus_on_standard_input_needs_its_format() {
    let corpus = std::fs::read(root().join("tests/fixtures/corpus.jsonl")).unwrap();
    let run = framelens_with_stdin(
        &[
            "score",
            "-",
            "--format",
            "jsonl",
            "--lexicons",
            FIXTURE_LEXICONS,
        ],
        &corpus,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = framelens(&[
        "score",
        "tests/fixtures/corpus.jsonl",
        "--lexicons",
        FIXTURE_LEXICONS,
    ]);
    assert_eq!(run.stdout, file.stdout);
}

#[test]
fn the_readme_example_table_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (header, rows) = parse_csv(&framelens(&["score", "seeds"]).stdout);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let shown = [
        "id",
        "outlet",
        "words",
        "loaded_per_1k",
        "hedging_per_1k",
        "boosters_per_1k",
        "attribution_per_1k",
        "quote_share",
        "scare_quotes",
        "named_sources",
        "anonymous_sources",
    ];
    for row in rows {
        let line = format!(
            "| {} |",
            shown
                .iter()
                .map(|c| row[col(c)].as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        );
        assert!(
            readme.contains(&line),
            "README.md lacks the current row:\n{line}"
        );
    }
}

#[test]
fn no_header_rows_concatenate_to_the_whole_table() {
    let lex = ["--lexicons", FIXTURE_LEXICONS];
    let corpus = std::fs::read_to_string(root().join("tests/fixtures/corpus.jsonl")).unwrap();
    let whole = framelens(&[&["score", "tests/fixtures/corpus.jsonl"][..], &lex].concat()).stdout;
    let mut pieces = String::new();
    for line in corpus.lines() {
        let run = framelens_with_stdin(
            &[
                &["score", "-", "--format", "jsonl", "--no-header"][..],
                &lex,
            ]
            .concat(),
            line.as_bytes(),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        pieces.push_str(&run.stdout);
    }
    let header_end = whole.find('\n').unwrap() + 1;
    assert_eq!(pieces, whole[header_end..]);
}

#[test]
fn a_large_article_gives_the_rows_a_small_one_does() {
    // Above 1 MB the rows are written one by one from the article's
    // workspace rather than gathered first; the rows must not differ.
    let piece = "Officials said the brazen plan may clearly fail, critics claimed. ";
    let small = piece.repeat(50);
    let large = piece.repeat(20_000);
    assert!(large.len() > 1 << 20);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), &small).unwrap();
    std::fs::write(dir.path().join("b.txt"), &large).unwrap();
    let run = |name: &str| {
        let path = dir.path().join(name);
        let run = framelens(&["matches", path.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        parse_csv(&run.stdout).1
    };
    let (small, large) = (run("a.txt"), run("b.txt"));
    let score = framelens(&["score", dir.path().join("b.txt").to_str().unwrap()]);
    let (header, rows) = parse_csv(&score.stdout);
    let counts: u64 = ["loaded", "hedging", "boosters", "attribution"]
        .iter()
        .map(|c| header.iter().position(|h| h == c).unwrap())
        .map(|i| rows[0][i].parse::<u64>().unwrap())
        .sum();
    assert_eq!(large.len() as u64, counts);
    // Rows away from the end of the small article, whose context it cuts.
    let check = small.len() - 10;
    for (s, l) in small[..check].iter().zip(&large[..check]) {
        assert_eq!(s[1..], l[1..]);
    }
}
