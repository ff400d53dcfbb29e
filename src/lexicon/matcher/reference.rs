//! A plain matcher to check the compiled one against: every entry tried at
//! every token, every step compared as the lexicon format defines it, and
//! every key stemmed, with no trie, no cache and no shortcut.

use super::Match;
use crate::lexicon::{Lexicon, Step};
use crate::text::{Analysis, Join, Token};
use rust_stemmers::{Algorithm, Stemmer};

/// Whether `token` satisfies one step of an entry.
fn step_matches(step: &Step, analysis: &Analysis, token: &Token, stemmer: &Stemmer) -> bool {
    let key = analysis.key(token);
    let cased = analysis.cased_key(token);
    // A possessive matches its base word: "Iran's" is "iran".
    let base = key.strip_suffix("'s").filter(|b| !b.is_empty());
    match step {
        Step::Word(k) => key == &**k || base == Some(&**k),
        Step::Cased(k) => cased == &**k || cased.strip_suffix("'s") == Some(&**k),
        Step::Prefix(k) => key.starts_with(&**k),
        Step::Stem(k) => stemmer.stem(key) == **k,
        Step::Hyphen | Step::QuoteColon => false,
    }
}

/// How many tokens `entry` covers when it starts at token `i`, if it matches there.
fn length_at(steps: &[Step], analysis: &Analysis, i: usize, stemmer: &Stemmer) -> Option<usize> {
    let tokens = &analysis.tokens;
    let mut j = i;
    let mut need_hyphen = false;
    for step in steps {
        if *step == Step::Hyphen {
            need_hyphen = true;
            continue;
        }
        if j > i {
            // Phrases run over white space and hyphens, never over punctuation.
            match tokens[j - 1].join {
                Join::Break => return None,
                Join::Space if need_hyphen => return None,
                _ => {}
            }
        }
        need_hyphen = false;
        let token = tokens.get(j)?;
        if !step_matches(step, analysis, token, stemmer) {
            return None;
        }
        j += 1;
    }
    Some(j - i)
}

/// Every match of `lexicon` in `analysis`: per category, leftmost, then
/// longest, then first in the lexicon, with no token counted twice.
pub fn find(lexicon: &Lexicon, analysis: &Analysis) -> Vec<Match> {
    let stemmer = Stemmer::create(Algorithm::English);
    let categories = lexicon.categories.len();
    let mut covered = vec![0; categories];
    let mut out = Vec::new();
    for i in 0..analysis.tokens.len() {
        for (category, covered) in covered.iter_mut().enumerate() {
            let mut best: Option<(usize, usize)> = None;
            for (id, entry) in lexicon.entries.iter().enumerate() {
                if usize::from(entry.category) != category
                    || entry.steps.contains(&Step::QuoteColon)
                {
                    continue;
                }
                if let Some(len) = length_at(&entry.steps, analysis, i, &stemmer)
                    && best.is_none_or(|(l, _)| len > l)
                {
                    best = Some((len, id));
                }
            }
            let Some((len, id)) = best else { continue };
            if *covered > i {
                continue;
            }
            *covered = i + len;
            let tokens = &analysis.tokens;
            out.push(Match {
                entry: id as u32,
                category: category as u16,
                tokens: i as u32..(i + len) as u32,
                start: super::offset(tokens[i].start),
                end: super::offset(tokens[i + len - 1].end),
            });
        }
    }
    out
}
