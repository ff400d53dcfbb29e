//! Where the time of `framelens score` goes, stage by stage, on one thread.
//!
//! Each line times a run that does one more stage than the line before it:
//! reading and parsing the corpus, then finding its words by the Unicode
//! rules, then looking each word form up, then the whole text analysis
//! (sentences, paragraphs, quotations), then scoring. The full command adds
//! only writing the rows; `bench/run.sh` times that. Run it with
//! `cargo bench --bench stages [corpus.jsonl]`; `bench/run.sh --stages`
//! builds the 100 MB corpus first.

use framelens::corpus::{Corpus, Input, Next, Options};
use framelens::lexicon::Lexicon;
use framelens::score::{Scorer, Workspace};
use framelens::text::{Analysis, Vocabulary, word_spans};
use std::time::{Duration, Instant};

/// The stages, each timed together with every stage above it.
const STAGES: [&str; 5] = [
    "read + parse records",
    "+ words (Unicode rules)",
    "+ form look-ups",
    "analysis (tokens, sentences, quotes)",
    "score (matching, rules, sources)",
];

/// Runs of each stage; the fastest counts, as the least disturbed.
const RUNS: usize = 3;

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "target/bench/corpus-100mb.jsonl".into());
    if !std::path::Path::new(&corpus).exists() {
        eprintln!("stages: {corpus} does not exist; bench/make_corpus.py makes one");
        std::process::exit(2);
    }
    let scorer = Scorer::new(Lexicon::builtin().expect("the built-in lexicon loads"));
    let (_, bytes) = run(&corpus, 0, &scorer);
    let bytes = bytes as f64;
    println!("{corpus}: {:.1} MB, one thread", bytes / 1e6);
    println!(
        "{:<38} {:>8} {:>8} {:>16}",
        "stage", "seconds", "MB/s", "of 200 MB/s"
    );
    // At 200 MB/s the whole command may take this long.
    let budget = bytes / 200e6;
    for (stage, name) in STAGES.iter().enumerate() {
        let best = (0..RUNS)
            .map(|_| run(&corpus, stage, &scorer).0)
            .min()
            .expect("at least one run");
        let seconds = best.as_secs_f64();
        println!(
            "{name:<38} {seconds:>8.3} {:>8.1} {:>15.0}%",
            bytes / 1e6 / seconds,
            100.0 * seconds / budget
        );
    }
}

/// Times one pass over the corpus up to and including `stage`; also gives
/// the bytes of input read.
fn run(corpus: &str, stage: usize, scorer: &Scorer) -> (Duration, usize) {
    let start = Instant::now();
    let articles = Corpus::open(&[Input::parse(corpus)], Options::default())
        .expect("the corpus opens")
        .articles();
    let mut vocabulary = Vocabulary::default();
    let mut analysis = Analysis::new();
    let mut workspace = Workspace::default();
    let mut spans = Vec::new();
    // Something from every stage is kept, so that no stage is optimised away.
    let mut kept = 0u64;
    let mut bytes = 0;
    for next in articles {
        let Next::Article(article) = next.expect("the corpus reads") else {
            continue;
        };
        bytes += article.input_bytes;
        let (text, body) = (article.text.as_str(), article.body);
        match stage {
            0 => kept += text.len() as u64,
            1 | 2 => {
                spans.clear();
                word_spans(text, body, |s, e| spans.push((s, e)));
                kept += spans.len() as u64;
                if stage == 2 {
                    if vocabulary.len() > 1 << 16 {
                        vocabulary = Vocabulary::default();
                    }
                    for &(s, e) in &spans {
                        kept += u64::from(vocabulary.intern(text, s, e));
                    }
                }
            }
            3 => {
                analysis.analyze(text, body);
                kept += analysis.tokens().len() as u64;
            }
            _ => kept += u64::from(scorer.score(text, body, &mut workspace).figures().words),
        }
    }
    std::hint::black_box(kept);
    (start.elapsed(), bytes)
}
