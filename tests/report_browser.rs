//! The classroom report, rendered by a real browser (headless Chromium).
//!
//! The browser test is ignored by a plain `cargo test`, which lists it as
//! ignored with its reason; `.ci/run` installs Debian's chromium and runs it
//! with `--ignored`, and there a missing browser is a failure.

mod common;

use common::{framelens, parse_csv, root};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Runs headless Chromium with the flags this closed network needs.
fn headless(browser: &Path, args: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let profile_flag = format!("--user-data-dir={}", profile.path().display());
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            &profile_flag,
        ])
        .args(args)
        .output()
        .expect("chromium runs")
}

#[test]
#[ignore = "needs Chromium; .ci/run runs it with --ignored"]
fn the_report_renders_with_one_mark_per_match_and_its_charts() {
    let browser = chromium()
        .expect("the browser test needs Chromium: apt-get install chromium (see .ci/run)");
    let shots = root().join("docs/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let report = shots.join("report.html");
    let run = framelens(&["report", "seeds", "-o", report.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let url = format!("file://{}", report.display());
    let dom = headless(&browser, &["--dump-dom", &url]);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();

    let (_, matches) = parse_csv(&framelens(&["matches", "seeds"]).stdout);
    assert_eq!(dom.matches("<mark data-category=").count(), matches.len());
    for category in ["loaded", "hedging", "boosters", "attribution"] {
        let in_dom = dom
            .matches(&format!("<mark data-category=\"{category}\""))
            .count();
        let in_csv = matches.iter().filter(|r| r[1] == category).count();
        assert_eq!(in_dom, in_csv, "{category}");
    }
    // Four charts, one bar per outlet in each, every bar with a text label.
    assert_eq!(dom.matches("<svg class=\"bars\"").count(), 4);
    assert_eq!(dom.matches("<rect class=\"bar ").count(), 4 * 4);
    assert_eq!(dom.matches("<text class=\"value\"").count(), 4 * 4);

    // Printed, every article starts a page of its own after the overview.
    let pdf = shots.join("report.pdf");
    let print = format!("--print-to-pdf={}", pdf.display());
    let out = headless(&browser, &[&print, "--no-pdf-header-footer", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = page_count(&std::fs::read(&pdf).unwrap());
    let articles = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert!(
        pages > articles,
        "{pages} printed pages for {articles} articles"
    );

    let shot = shots.join("report.png");
    let screenshot = format!("--screenshot={}", shot.display());
    let out = headless(&browser, &[&screenshot, "--window-size=1280,1800", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG was written");
    // A blank page compresses to a few kilobytes; a rendered report does not.
    assert!(
        png.len() > 50_000,
        "the screenshot looks blank ({} bytes)",
        png.len()
    );
}

/// The page count a PDF's page tree declares: the largest `/Count`.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Count ")
        .filter_map(|(i, m)| {
            let digits: String = text[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn the_report_fetches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let run = framelens(&["report", "seeds", "-o", report.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    for outside in [
        "src=",
        "<link",
        "@import",
        "url(",
        "<script src",
        "http://",
        "https://",
    ] {
        assert!(
            !html.contains(outside),
            "the page refers to something outside it: {outside}"
        );
    }
    assert!(html.contains("@media print") && html.contains("break-before: page"));
    assert!(html.contains("<h1>") && html.contains("<h2 id=\"overview-h\">"));
}
