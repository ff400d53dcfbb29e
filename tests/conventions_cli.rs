//! Conventions of command-line tools: a closed pipe, the same error for a
//! field no article has in every grouping command, headers without
//! duplicate names, examples in the help.

mod common;

use common::{framelens, parse_csv, write};
use std::io::Read;
use std::process::{Command, Stdio};

const FIXTURES: &str = "tests/fixtures/articles";
const LEXICONS: &str = "tests/fixtures/lexicons";

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Officials said the brazen plan may reportedly fail. ".repeat(40);
    let corpus: String = (0..2000)
        .map(|i| format!("{{\"id\": \"a{i}\", \"text\": \"{line}\"}}\n"))
        .collect();
    let path = write(dir.path(), "big.jsonl", corpus.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_framelens"))
        .args(["matches", &path, "--threads", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reading end is dropped here, as `head` closes it.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_field_no_article_has_is_the_same_error_everywhere() {
    let want = "framelens: tests/fixtures/articles: no article has a `desk` field for --by: \
                give the articles one (a manifest column or a JSON field), or try --by outlet \
                or --by event or --by id\n";
    for command in ["compare", "terms", "report"] {
        let run = framelens(&[command, FIXTURES, "--lexicons", LEXICONS, "--by", "desk"]);
        assert_eq!((run.code, run.stderr.as_str()), (2, want), "{command}");
        assert_eq!(run.stdout, "", "{command}");
    }
    let run = framelens(&[
        "compare",
        FIXTURES,
        "--lexicons",
        LEXICONS,
        "--within",
        "desk",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no article has a `desk` field for --within"),
        "{}",
        run.stderr
    );
}

#[test]
fn grouping_by_category_gives_no_duplicate_column() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(
        dir.path(),
        "c.jsonl",
        b"{\"id\": \"a\", \"category\": \"news\", \"text\": \"It was a brazen plan.\"}\n",
    );
    let run = framelens(&["terms", &corpus, "--by", "category"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (header, rows) = parse_csv(&run.stdout);
    assert_eq!(header[..2], ["category_group", "category"]);
    let mut names = header.clone();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), header.len());
    assert_eq!(rows[0][..5], ["news", "loaded", "1", "brazen", "prefix"]);
}

#[test]
fn every_csv_command_can_leave_out_its_header() {
    for command in [
        &["score", FIXTURES][..],
        &["matches", FIXTURES],
        &["compare", FIXTURES, "--long"],
        &["terms", FIXTURES],
    ] {
        let mut args = command.to_vec();
        args.extend(["--lexicons", LEXICONS]);
        let with = framelens(&args);
        args.push("--no-header");
        let without = framelens(&args);
        assert_eq!(without.code, 0, "{command:?}: {}", without.stderr);
        let first_line = with.stdout.find('\n').unwrap() + 1;
        assert_eq!(without.stdout, with.stdout[first_line..], "{command:?}");
    }
}

#[test]
fn report_refuses_table_options() {
    let run = framelens(&["report", FIXTURES, "--raw"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--raw"), "{}", run.stderr);
}

#[test]
fn help_ends_with_examples_and_clap_writes_completions_and_a_man_page() {
    for command in [
        "score", "matches", "compare", "terms", "report", "evaluate", "stories", "align",
    ] {
        let run = framelens(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}");
        let examples = run.stdout.split("Examples:\n").nth(1).unwrap_or_default();
        let lines = examples
            .lines()
            .filter(|l| l.starts_with("  framelens") || l.contains("| framelens"));
        assert!(lines.count() >= 2, "{command}: {}", run.stdout);
    }
    let bash = framelens(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("_framelens()") && bash.stdout.contains("matches"));
    let man = framelens(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH framelens 1") && man.stdout.contains("score"));
}
