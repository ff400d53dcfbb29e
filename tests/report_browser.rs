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
    // Five charts (loaded counted, loaded weighted, hedging, boosters,
    // attribution), one bar per outlet in each, each with a scale.
    assert_eq!(dom.matches("<div class=\"bars\"").count(), 5);
    assert_eq!(dom.matches("<span class=\"bar ").count(), 5 * 4);
    assert_eq!(dom.matches("<span class=\"track axis\">").count(), 5);

    // On a phone nothing scrolls sideways, long articles and tables included.
    let (viewport, scroll, outside) = sideways(&browser, &report, 390);
    assert!(scroll <= viewport, "{scroll} px in {viewport}: {outside}");

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

/// The 40 articles of five stories by four outlets in `tests/fixtures`.
const STORIES: &str = "tests/fixtures/stories.jsonl";

/// For each `start` in `text`, the text from it to the next `end` after it.
fn pieces<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    text.match_indices(start)
        .map(|(i, _)| {
            let rest = &text[i + start.len()..];
            &text[i..i + start.len() + rest.find(end).unwrap_or(rest.len())]
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium; .ci/run runs it with --ignored"]
fn a_class_corpus_shows_every_story_side_by_side() {
    let browser = chromium()
        .expect("the browser test needs Chromium: apt-get install chromium (see .ci/run)");
    let shots = root().join("docs/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let report = shots.join("stories.html");
    let run = framelens(&["report", STORIES, "-o", report.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let url = format!("file://{}", report.display());
    let dom = headless(&browser, &["--dump-dom", &url]);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();

    // One counted mark per row of `matches`, category by category.
    let (_, matches) = parse_csv(&framelens(&["matches", STORIES]).stdout);
    assert!(matches.len() > 100, "{} matches", matches.len());
    assert_eq!(dom.matches("<mark data-category=").count(), matches.len());
    for category in ["loaded", "hedging", "boosters", "attribution"] {
        let in_dom = dom
            .matches(&format!("<mark data-category=\"{category}\""))
            .count();
        let in_csv = matches.iter().filter(|r| r[1] == category).count();
        assert_eq!(in_dom, in_csv, "{category}");
    }

    // The heading counts outlets and stories in plain words.
    let (header, scores) = parse_csv(&framelens(&["score", STORIES]).stdout);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let distinct = |c: usize| {
        let mut values: Vec<&str> = scores.iter().map(|r| r[c].as_str()).collect();
        values.sort_unstable();
        values.dedup();
        values.len()
    };
    let (outlets, events) = (distinct(column("outlet")), distinct(column("event")));
    assert_eq!((scores.len(), outlets, events), (40, 4, 5));
    assert!(
        dom.contains("<h1>How 4 outlets frame 5 stories</h1>"),
        "{}",
        pieces(&dom, "<h1>", "</h1>")[0]
    );

    // A contents entry and a side-by-side section per story, each with
    // facts that two outlets or more tell, in one column per outlet.
    let toc = pieces(&dom, "<nav class=\"toc\"", "</nav>")[0];
    assert_eq!(toc.matches("href=\"#story-").count(), events);
    let stories = pieces(&dom, "<section class=\"story\"", "</section>");
    assert_eq!(stories.len(), events);
    for story in &stories {
        let rows = story.matches("<div class=\"fact\" role=\"row\">").count();
        assert!(rows >= 3, "{rows} aligned facts in {}", &story[..120]);
        let heads = pieces(story, "<div class=\"fact head\"", "</div>\n")[0];
        let columns = heads.matches("role=\"columnheader\"").count();
        assert!((3..=4).contains(&columns), "{columns} columns");
        assert!(
            story.contains("<mark data-sample="),
            "highlights in {}",
            &story[..120]
        );
    }
    // One story is not covered by one outlet, and says so.
    assert_eq!(
        stories
            .iter()
            .filter(|s| s.contains("not covered by"))
            .count(),
        1
    );

    // The summary: one row per article, each linking to its article, and
    // every link of the page lands on something.
    let summary = pieces(&dom, "<table class=\"summary reflow\">", "</table>")[0];
    assert_eq!(
        summary
            .matches("<tr><th scope=\"row\"><a href=\"#article-")
            .count(),
        40
    );
    for link in pieces(&dom, "href=\"#", "\"") {
        let target = &link["href=\"#".len()..];
        assert!(
            dom.contains(&format!("id=\"{target}\"")),
            "no target for #{target}"
        );
    }
    // Long labels are never cut short.
    assert!(!dom.contains('…'));
    assert!(dom.contains(">Civic Voice Weekly Community Newsletter and Review"));
    // The legend shows each example in its sentence and explains the box.
    let legend = pieces(&dom, "<section id=\"legend\"", "</section>")[0];
    assert_eq!(legend.matches("<blockquote class=\"example\">").count(), 5);
    assert!(legend.contains("<mark data-sample=\"attribution\"") && legend.contains("box"));

    // Nothing scrolls sideways, on a phone or on a desktop.
    for (width, name) in [(390, "phone"), (1280, "desktop")] {
        let (viewport, scroll, outside) = sideways(&browser, &report, width);
        assert_eq!(viewport, width, "the page was laid out {viewport} px wide");
        assert!(
            scroll <= viewport,
            "{name}: the page is {scroll} px wide in a {viewport} px window: {outside}"
        );
        let shot = shots.join(format!("stories-{name}.png"));
        let frame = framed(&report, width, 8_000);
        let screenshot = format!("--screenshot={}", shot.display());
        let window = format!("--window-size={},8000", width.max(500));
        let frame_url = format!("file://{}", frame.display());
        let out = headless(&browser, &[&screenshot, &window, &frame_url]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read(&shot).unwrap().len() > 50_000,
            "{name} screenshot"
        );
    }
}

/// A page holding the report in a frame `width` px wide, since headless
/// Chromium lays a window out at 500 px at least. With a probe, the copy in
/// the frame runs a script that writes into the page how wide the window
/// and the document are, and which elements stick out. The report itself
/// holds no script: only this copy does.
fn framed_with(report: &Path, width: usize, height: usize, probe: bool) -> PathBuf {
    let html = std::fs::read_to_string(report).unwrap();
    let html = if probe {
        html.replace(
            "</body>",
            "<script>(function () {\n\
             var d = document.documentElement, w = d.clientWidth, out = [];\n\
             document.querySelectorAll(\"body *\").forEach(function (e) {\n\
               var r = e.getBoundingClientRect();\n\
               if (r.width > 0 && r.right > w + 0.5 && out.length < 8)\n\
                 out.push(e.tagName + \".\" + e.className + \" to \" + Math.round(r.right));\n\
             });\n\
             parent.document.getElementById(\"probe\").textContent =\n\
               \"probe \" + w + \" \" + d.scrollWidth + \" \" + out.join(\"; \") + \" end\";\n\
             })();</script></body>",
        )
    } else {
        html
    };
    let srcdoc = html.replace('&', "&amp;").replace('"', "&quot;");
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body {{ margin: 0; }} \
         iframe {{ border: 0; display: block; }}</style></head><body><pre id=\"probe\"></pre>\
         <iframe width=\"{width}\" height=\"{height}\" srcdoc=\"{srcdoc}\"></iframe></body></html>"
    );
    let path = report.with_file_name(format!(
        "framed-{width}{}.html",
        if probe { "-probe" } else { "" }
    ));
    std::fs::write(&path, page).unwrap();
    path
}

/// The report framed for a screenshot.
fn framed(report: &Path, width: usize, height: usize) -> PathBuf {
    framed_with(report, width, height, false)
}

/// The window's width, the document's width and the elements that stick out
/// of the window, with the report laid out `width` px wide.
fn sideways(browser: &Path, report: &Path, width: usize) -> (usize, usize, String) {
    let page = framed_with(report, width, 900, true);
    let window = format!("--window-size={},900", width.max(500) + 20);
    let url = format!("file://{}", page.display());
    let dom = headless(browser, &["--dump-dom", &window, &url]);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    let probe = pieces(&dom, "probe ", " end")
        .into_iter()
        .find(|p| p.len() > "probe ".len())
        .unwrap_or_else(|| panic!("the probe did not run: {}", &dom[..dom.len().min(300)]))
        .to_string();
    let mut parts = probe["probe ".len()..].splitn(3, ' ');
    let mut number = || parts.next().unwrap().parse::<usize>().unwrap();
    let (viewport, scroll) = (number(), number());
    (viewport, scroll, parts.next().unwrap_or("").to_string())
}

#[test]
fn script_in_articles_and_their_fields_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("hostile.jsonl");
    let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let mut lines = String::new();
    for (n, outlet) in ["A", "B"].iter().enumerate() {
        let row = serde_json::json!({
            "id": format!("{payload}{n}"),
            "outlet": format!("{outlet}{payload}"),
            "event": payload,
            "date": payload,
            "title": payload,
            "desk": payload,
            "text": format!("Officials said the plan was brazen. {payload} \"{payload}\" it may fail."),
        });
        lines.push_str(&format!("{row}\n"));
    }
    std::fs::write(&corpus, lines).unwrap();
    for by in [["--by", "outlet"], ["--by", "desk"]] {
        let report = dir.path().join("report.html");
        let run = framelens(&[
            "report",
            corpus.to_str().unwrap(),
            by[0],
            by[1],
            "--within",
            "event",
            "-o",
            report.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = std::fs::read_to_string(&report).unwrap().to_lowercase();
        assert!(!html.contains("<script"), "a script tag got through");
        assert!(!html.contains("<img"), "an element got through");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}

#[test]
fn within_story_gives_a_section_per_story_found() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let run = framelens(&[
        "report",
        STORIES,
        "--within",
        "story",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    let (header, rows) = parse_csv(&framelens(&["stories", STORIES]).stdout);
    let story = header.iter().position(|h| h == "story").unwrap();
    let mut names: Vec<&str> = rows.iter().map(|r| r[story].as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert!(names.len() > 1);
    assert_eq!(
        html.matches("<section class=\"story\"").count(),
        names.len()
    );
    assert!(html.contains(&format!(
        "<h1>How 4 outlets frame {} stories</h1>",
        names.len()
    )));
    // A story found from the words is labelled by its first article's title.
    assert!(html.contains(&format!(
        "\">{}: Eastport dockworkers strike over pay</a>",
        names[0]
    )));
}
