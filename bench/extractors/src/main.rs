//! Word-level precision and recall of main-content extractors on web pages
//! whose article text is known: `PAGES/NAME.html` holds the article whose
//! body is `TEXT/NAME.txt` (paragraphs separated by blank lines).
//!
//! `cargo run --release -- ../../tests/fixtures/html/pages ../../tests/fixtures/html/text`
//! prints, per page, precision/recall/paragraphs found whole for each
//! candidate, then the totals. Words are compared as bags (lower case,
//! curly apostrophes straight), after a first line equal to the headline
//! is dropped, as framelens keeps the headline apart.
use std::collections::HashMap;
use std::time::Instant;

fn words(text: &str) -> Vec<String> {
    text.replace(['’', '‘'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn overlap(got: &[String], gold: &[String]) -> usize {
    let mut bag: HashMap<&str, i64> = HashMap::new();
    for w in gold {
        *bag.entry(w).or_default() += 1;
    }
    let mut n = 0;
    for w in got {
        if let Some(c) = bag.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                n += 1;
            }
        }
    }
    n
}

/// Drops a first line equal to the headline, as framelens keeps it apart.
fn without_title(text: &str, title: &str) -> String {
    let t = text.trim_start();
    let end = t.find('\n').unwrap_or(t.len());
    if words(&t[..end]) == words(title) {
        t[end..].to_string()
    } else {
        t.to_string()
    }
}

/// Gold paragraphs found whole, each on a line of its own.
fn paragraphs(text: &str, gold: &str) -> usize {
    let lines: std::collections::HashSet<Vec<String>> = text.lines().map(words).collect();
    gold.split("\n\n")
        .filter(|p| lines.contains(&words(p)))
        .count()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, text_dir) = match &args[..] {
        [_, pages, text] => (pages, std::path::PathBuf::from(text)),
        _ => panic!("usage: framelens-extractors PAGES TEXT"),
    };
    let gold_of = |p: &std::path::Path| text_dir.join(p.file_name().unwrap()).with_extension("txt");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html") && gold_of(p).exists())
        .collect();
    names.sort();
    let cands = [
        "rs-trafilatura",
        "rs-trafilatura/precision",
        "dom_smoothie",
        "dom_smoothie/mode2",
        "readability",
        "framelens",
    ];
    let mut tot = vec![(0usize, 0usize, 0usize, 0u128, 0usize); cands.len()];
    let mut gold_paras_total = 0;
    for path in &names {
        let html = std::fs::read_to_string(path).unwrap();
        let gold_text = std::fs::read_to_string(gold_of(path)).unwrap();
        let gold = words(&gold_text);
        gold_paras_total += gold_text.trim().split("\n\n").count();
        print!("{:24}", path.file_stem().unwrap().to_string_lossy());
        for (k, name) in cands.iter().enumerate() {
            let t0 = Instant::now();
            let (title, text) = match *name {
                "framelens" => match framelens::corpus::html::extract(&html) {
                    Ok(p) => (p.headline, p.body),
                    Err(e) => {
                        eprintln!("{name}: {e}");
                        (String::new(), String::new())
                    }
                },
                "rs-trafilatura/precision" => match rs_trafilatura::extract_with_options(
                    &html,
                    &rs_trafilatura::Options {
                        favor_precision: true,
                        ..Default::default()
                    },
                ) {
                    Ok(r) => (r.metadata.title.unwrap_or_default(), r.content_text),
                    Err(e) => {
                        eprintln!("{name}: {e}");
                        (String::new(), String::new())
                    }
                },
                "rs-trafilatura" => match rs_trafilatura::extract(&html) {
                    Ok(r) => (r.metadata.title.unwrap_or_default(), r.content_text),
                    Err(e) => {
                        eprintln!("{name}: {e}");
                        (String::new(), String::new())
                    }
                },
                "dom_smoothie" | "dom_smoothie/mode2" => {
                    let mode = if *name == "dom_smoothie" {
                        dom_smoothie::CandidateSelectMode::Readability
                    } else {
                        dom_smoothie::CandidateSelectMode::DomSmoothie
                    };
                    let cfg = dom_smoothie::Config {
                        text_mode: dom_smoothie::TextMode::Formatted,
                        candidate_select_mode: mode,
                        ..Default::default()
                    };
                    match dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
                        .unwrap()
                        .parse()
                    {
                        Ok(a) => {
                            if std::env::var("META").is_ok() && *name == "dom_smoothie" {
                                eprintln!(
                                    "{}: title {:?} byline {:?} site {:?} date {:?} url {:?}",
                                    path.display(),
                                    a.title,
                                    a.byline,
                                    a.site_name,
                                    a.published_time,
                                    a.url
                                );
                            }
                            (a.title, a.text_content.to_string())
                        }
                        Err(e) => {
                            eprintln!("{name}: {e}");
                            (String::new(), String::new())
                        }
                    }
                }
                _ => {
                    let url = url::Url::parse("https://example.com/").unwrap();
                    match readability::extractor::extract(&mut html.as_bytes(), &url) {
                        Ok(p) => (p.title, p.text),
                        Err(e) => {
                            eprintln!("{name}: {e:?}");
                            (String::new(), String::new())
                        }
                    }
                }
            };
            let us = t0.elapsed().as_micros();
            let text = without_title(&text, &title);
            if std::env::var("SHOW").is_ok_and(|s| s == *name) {
                eprintln!("=== {} {name}\ntitle: {title}\n{text}\n", path.display());
            }
            let got = words(&text);
            let o = overlap(&got, &gold);
            let paras_ok = paragraphs(&text, &gold_text);
            tot[k].0 += o;
            tot[k].1 += got.len();
            tot[k].2 += gold.len();
            tot[k].3 += us;
            tot[k].4 += paras_ok;
            let p = if got.is_empty() {
                0.0
            } else {
                o as f64 / got.len() as f64
            };
            print!(
                "  {:.2}/{:.2}/{}",
                p,
                o as f64 / gold.len() as f64,
                paras_ok
            );
        }
        println!();
    }
    println!();
    for (k, name) in cands.iter().enumerate() {
        let (o, g, gl, us, pk) = tot[k];
        let p = o as f64 / g as f64;
        let r = o as f64 / gl as f64;
        println!(
            "{name:26} precision {p:.3} recall {r:.3} F1 {:.3} paragraphs kept {pk}/{gold_paras_total} time {} ms",
            2.0 * p * r / (p + r),
            us / 1000
        );
    }
}
