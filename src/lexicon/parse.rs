//! The lexicon file format: one entry a line, `[section]` lines for subcategories.
//!
//! ```text
//! # a comment
//! [loaded-verb]        every entry below has subcategory loaded-verb
//! slam                 a word, in any case
//! thinly veiled        a phrase; it also matches thinly-veiled
//! would-be             written with a hyphen: only the hyphenated form
//! destabiliz*          a wildcard: any word that starts so
//! ~allege              a stem: alleged, alleges, allegedly
//! =US                  case-sensitive: US but not us
//! tear|tore|torn into  alternates: tear into, tore into, torn into
//! !grand slam          an exception: where it is matched, it counts nothing
//! slam 0.8             a strength from 0 to 1 (default 1), for weighted rates
//! ```

use crate::error::{Error, Result};
use crate::text::{cased_key, normalize_key};
use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// How one word of an entry is compared with a token.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// The token's lower-cased key equals this.
    Word(Box<str>),
    /// The token, case kept, equals this.
    Cased(Box<str>),
    /// The token's lower-cased key starts with this.
    Prefix(Box<str>),
    /// The token's stem equals this.
    Stem(Box<str>),
    /// Not a word: the next word must follow a hyphen, as in the entry "would-be".
    Hyphen,
    /// Not a word: a colon that introduces a quotation (the entry `:`),
    /// found by the scorer, which knows where quotations are.
    QuoteColon,
}

/// The most words an entry may have: matching costs time in proportion to
/// the text times the entry's length, and no phrase worth listing is longer.
pub const MAX_ENTRY_WORDS: usize = 32;

/// One line of a lexicon file.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The entry as written in the file, without its strength.
    pub text: Box<str>,
    /// Index of the category (the file) in the lexicon.
    pub category: u16,
    /// The `[section]` the entry stands in, or "" before any section.
    pub subcategory: Box<str>,
    /// Line number in the file, from 1.
    pub line: u32,
    /// The words to match, in order.
    pub steps: Vec<Step>,
    /// An exception (`!grand slam`): where it is matched, the words it covers
    /// count for nothing in its category.
    pub exception: bool,
    /// How strongly the entry belongs to its category, from 0 to 1 (1 when
    /// the line gives no strength): the weight of a match in weighted rates.
    pub strength: f32,
    /// Whether the line gives a strength: a category with one such line is
    /// graded, and gets weighted rates.
    pub graded: bool,
}

impl Entry {
    /// The strength in thousandths, the unit weighted counts are summed in,
    /// so that sums are exact whatever their order.
    pub fn strength_milli(&self) -> u32 {
        // A strength has at most three decimals, so this is exact.
        (self.strength * 1000.0).round() as u32
    }

    /// The entry without its syntax marks (`=`, `~`, `*`, an exception's `!`,
    /// a strength): the words as a
    /// reader would look for them, exact and safe in a spreadsheet cell.
    pub fn words(&self) -> std::borrow::Cow<'_, str> {
        let text = &*self.text;
        // The line without an exception's `!` or a strength.
        let body = split_line(text).map_or(text, |(body, _, _)| body);
        if !body.contains(['=', '~', '*']) || self.steps == [Step::QuoteColon] {
            return body.into();
        }
        let body = body.strip_prefix('=').unwrap_or(body);
        let chunks: Vec<&str> = body
            .split_whitespace()
            .map(|c| c.strip_prefix('~').unwrap_or(c))
            .map(|c| c.strip_suffix('*').unwrap_or(c))
            .collect();
        chunks.join(" ").into()
    }

    /// How the entry matches, the marks [`Entry::words`] leaves out: `word`,
    /// `cased` (=), `stem` (~), `prefix` (*), `stem+prefix`, or `quote-colon`.
    pub fn kind(&self) -> &'static str {
        let has = |f: fn(&Step) -> bool| self.steps.iter().any(f);
        let stem = has(|s| matches!(s, Step::Stem(_)));
        let prefix = has(|s| matches!(s, Step::Prefix(_)));
        if has(|s| *s == Step::QuoteColon) {
            "quote-colon"
        } else if has(|s| matches!(s, Step::Cased(_))) {
            "cased"
        } else if stem && prefix {
            "stem+prefix"
        } else if stem {
            "stem"
        } else if prefix {
            "prefix"
        } else {
            "word"
        }
    }
}

/// Parses one lexicon file whose entries belong to category `category`.
pub fn parse_file(
    path: &Path,
    content: &str,
    category: u16,
    stemmer: &Stemmer,
    entries: &mut Vec<Entry>,
) -> Result<()> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let mut subcategory: Box<str> = "".into();
    let mut seen: FxHashMap<Vec<Step>, u32> = FxHashMap::default();
    for (n, raw) in content.lines().enumerate() {
        let line = n as u32 + 1;
        let text = strip_comment(raw).trim();
        if text.is_empty() {
            continue;
        }
        let fail = |message: String| Error::line(path, line.into(), message);
        if let Some(rest) = text.strip_prefix('[') {
            subcategory = parse_section(rest).map_err(fail)?.into();
            continue;
        }
        let (body, exception, given) = split_line(text).map_err(fail)?;
        for alternative in expand_alternates(body).map_err(fail)? {
            let steps = parse_entry(&alternative, stemmer).map_err(fail)?;
            if let Some(first) = seen.insert(steps.clone(), line) {
                return Err(fail(format!("`{text}` repeats the entry of line {first}")));
            }
            entries.push(Entry {
                // The strength is shown apart (`matches`' strength column).
                text: if given.is_some() { body } else { text }.into(),
                category,
                subcategory: subcategory.clone(),
                line,
                steps,
                exception,
                strength: given.unwrap_or(1.0),
                graded: given.is_some(),
            });
        }
    }
    Ok(())
}

/// Splits a line into its entry, whether it is an exception (`!`), and its
/// strength (a trailing number), if it gives one.
fn split_line(text: &str) -> Result<(&str, bool, Option<f32>), String> {
    let (exception, body) = match text.strip_prefix('!') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let mut strength = None;
    let mut body = body;
    if let Some((head, last)) = body.rsplit_once(char::is_whitespace)
        && last.starts_with(|c: char| c.is_ascii_digit() || c == '.')
    {
        let value: f32 = last
            .parse()
            .map_err(|_| format!("`{text}`: the strength `{last}` is not a number"))?;
        if !(value > 0.0 && value <= 1.0) {
            return Err(format!(
                "`{text}`: a strength must be above 0 and at most 1"
            ));
        }
        // Weighted counts are summed in thousandths: more decimals would be lost.
        if last.split_once('.').is_some_and(|(_, d)| d.len() > 3) {
            return Err(format!("`{text}`: a strength has at most three decimals"));
        }
        if exception {
            return Err(format!("`{text}`: an exception (!) has no strength"));
        }
        strength = Some(value);
        body = head.trim_end();
    }
    Ok((body, exception, strength))
}

/// Every phrase an entry with alternates stands for: `tear|tore into` is
/// "tear into" and "tore into"; an entry without `|` stands for itself.
fn expand_alternates(body: &str) -> Result<Vec<String>, String> {
    let mut phrases = vec![String::new()];
    for chunk in body.split_whitespace() {
        let options: Vec<&str> = chunk.split('|').collect();
        if options.iter().any(|o| o.is_empty()) {
            return Err(format!("`{body}`: `|` must stand between two words"));
        }
        if options.len() > 1 && options.iter().any(|o| o.starts_with(['~', '='])) {
            return Err(format!(
                "`{body}`: alternates are written out in full, without `~` or `=`"
            ));
        }
        phrases = phrases
            .iter()
            .flat_map(|p| {
                options.iter().map(move |o| {
                    if p.is_empty() {
                        o.to_string()
                    } else {
                        format!("{p} {o}")
                    }
                })
            })
            .collect();
    }
    Ok(phrases)
}

fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #").or_else(|| line.find("\t#")) {
        Some(i) => &line[..i],
        None => line,
    }
}

fn parse_section(rest: &str) -> Result<&str, String> {
    let name = rest
        .strip_suffix(']')
        .ok_or_else(|| format!("section line `[{rest}` has no closing `]`"))?
        .trim();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | ':'));
    if !valid {
        return Err(format!(
            "section name `{name}` must be lower-case letters, digits, `-`, `_` or `:`"
        ));
    }
    Ok(name)
}

/// Parses one entry into the steps that match it.
pub fn parse_entry(text: &str, stemmer: &Stemmer) -> Result<Vec<Step>, String> {
    if text == ":" {
        return Ok(vec![Step::QuoteColon]);
    }
    let (cased, body) = match text.strip_prefix('=') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut steps = Vec::new();
    for chunk in body.split_whitespace() {
        let (stem, chunk) = match chunk.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, chunk),
        };
        let (wildcard, chunk) = match chunk.strip_suffix('*') {
            Some(rest) => (true, rest),
            None => (false, chunk),
        };
        if chunk.contains('*') {
            return Err(format!("`{text}`: a `*` may only end a word"));
        }
        if chunk.contains('~') {
            return Err(format!("`{text}`: a `~` may only begin a word"));
        }
        if stem && wildcard {
            return Err(format!(
                "`{text}`: a word cannot be both a stem (~) and a wildcard (*)"
            ));
        }
        if cased && (stem || wildcard) {
            return Err(format!(
                "`{text}`: a case-sensitive entry (=) cannot use `~` or `*`"
            ));
        }
        let words: Vec<(usize, &str)> = chunk.unicode_word_indices().collect();
        let Some(&(last_at, last)) = words.last() else {
            return Err(format!("`{text}`: `{chunk}` holds no word"));
        };
        if wildcard && last_at + last.len() != chunk.len() {
            return Err(format!("`{text}`: a `*` must follow a letter or digit"));
        }
        for (n, &(at, word)) in words.iter().enumerate() {
            if n > 0 {
                let (before_at, before) = words[n - 1];
                if matches!(
                    &chunk[before_at + before.len()..at],
                    "-" | "\u{2010}" | "\u{2011}"
                ) {
                    steps.push(Step::Hyphen);
                }
            }
            let key = normalize_key(word);
            steps.push(if cased {
                Step::Cased(cased_key(word).into())
            } else if stem {
                Step::Stem(stemmer.stem(&key).into())
            } else {
                Step::Word(key.into())
            });
        }
        if wildcard && let Some(Step::Word(key)) = steps.pop() {
            steps.push(Step::Prefix(key));
        }
    }
    if steps.is_empty() {
        return Err(format!("`{text}` holds no word"));
    }
    let words = steps.iter().filter(|s| !matches!(s, Step::Hyphen)).count();
    if words > MAX_ENTRY_WORDS {
        return Err(format!(
            "an entry of {words} words; an entry has at most {MAX_ENTRY_WORDS}"
        ));
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    fn steps(text: &str) -> Result<Vec<Step>, String> {
        parse_entry(text, &Stemmer::create(Algorithm::English))
    }

    fn word(s: &str) -> Step {
        Step::Word(s.into())
    }

    #[test]
    fn parses_entries() {
        assert_eq!(steps("Slam"), Ok(vec![word("slam")]));
        assert_eq!(
            steps("thinly veiled"),
            Ok(vec![word("thinly"), word("veiled")])
        );
        assert_eq!(
            steps("thinly-veiled"),
            Ok(vec![word("thinly"), Step::Hyphen, word("veiled")])
        );
        assert_eq!(
            steps("destabiliz*"),
            Ok(vec![Step::Prefix("destabiliz".into())])
        );
        assert_eq!(steps("~allege"), Ok(vec![Step::Stem("alleg".into())]));
        assert_eq!(steps("=US"), Ok(vec![Step::Cased("US".into())]));
        assert_eq!(steps("it’s"), Ok(vec![word("it's")]));
        assert_eq!(steps("U.S."), Ok(vec![word("u.s")]));
        assert_eq!(steps(":"), Ok(vec![Step::QuoteColon]));
        assert_eq!(
            steps("so-called regime*"),
            Ok(vec![
                word("so"),
                Step::Hyphen,
                word("called"),
                Step::Prefix("regime".into())
            ])
        );
    }

    #[test]
    fn rejects_malformed_entries() {
        let bad = [
            ("de*stabilize", "may only end a word"),
            ("non-*", "must follow a letter"),
            ("~alleg*", "both a stem"),
            ("=Iran*", "case-sensitive"),
            ("al~lege", "may only begin a word"),
            ("--", "holds no word"),
        ];
        for (text, want) in bad {
            let err = steps(text).unwrap_err();
            assert!(err.contains(want), "{text}: {err}");
        }
    }

    #[test]
    fn file_errors_name_path_and_line() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut entries = Vec::new();
        let content = "# header\n[loaded-verb]\nslam\n\nbad*word\n";
        let err = parse_file(
            Path::new("x/loaded.txt"),
            content,
            0,
            &stemmer,
            &mut entries,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x/loaded.txt:5: `bad*word`: a `*` may only end a word"
        );
        let err = parse_file(Path::new("l.txt"), "[oops\n", 0, &stemmer, &mut entries).unwrap_err();
        assert_eq!(
            err.to_string(),
            "l.txt:1: section line `[oops` has no closing `]`"
        );
        let err = parse_file(
            Path::new("l.txt"),
            "slam\nSlam\n",
            0,
            &stemmer,
            &mut entries,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "l.txt:2: `Slam` repeats the entry of line 1"
        );
    }

    #[test]
    fn sections_and_comments() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut entries = Vec::new();
        let content = "# header\nfirst  # why it is here\n[hedge-verb]\nsuggest\n";
        parse_file(Path::new("h.txt"), content, 3, &stemmer, &mut entries).unwrap();
        let got: Vec<(&str, &str, u32, u16)> = entries
            .iter()
            .map(|e| (&*e.text, &*e.subcategory, e.line, e.category))
            .collect();
        assert_eq!(got, [("first", "", 2, 3), ("suggest", "hedge-verb", 4, 3)]);
    }

    #[test]
    fn entries_are_shown_without_their_marks_and_with_their_kind() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut entries = Vec::new();
        let content = "=may\n~allege\ndestabiliz*\nwould-be\nthinly veiled\n~cast doubt*\n:\n";
        parse_file(Path::new("h.txt"), content, 0, &stemmer, &mut entries).unwrap();
        let shown: Vec<(String, &str)> = entries
            .iter()
            .map(|e| (e.words().into_owned(), e.kind()))
            .collect();
        let want = [
            ("may", "cased"),
            ("allege", "stem"),
            ("destabiliz", "prefix"),
            ("would-be", "word"),
            ("thinly veiled", "word"),
            ("cast doubt", "stem+prefix"),
            (":", "quote-colon"),
        ];
        assert_eq!(shown, want.map(|(w, k)| (w.to_string(), k)));
        let mut marked = Vec::new();
        parse_file(
            Path::new("l.txt"),
            "!~grand slam\nslam* 0.5\n",
            0,
            &stemmer,
            &mut marked,
        )
        .unwrap();
        let shown: Vec<String> = marked.iter().map(|e| e.words().into_owned()).collect();
        assert_eq!(shown, ["grand slam", "slam"]);
    }

    #[test]
    fn exceptions_alternates_and_strengths() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut entries = Vec::new();
        let content = "slam 0.8\n!grand slam\ntear|tore|torn into\n";
        parse_file(Path::new("l.txt"), content, 0, &stemmer, &mut entries).unwrap();
        let got: Vec<(&str, Vec<Step>, bool, u32, bool)> = entries
            .iter()
            .map(|e| {
                let strength = e.strength_milli();
                (&*e.text, e.steps.clone(), e.exception, strength, e.graded)
            })
            .collect();
        let into = |w: &str| vec![word(w), word("into")];
        assert_eq!(
            got,
            [
                ("slam", vec![word("slam")], false, 800, true),
                (
                    "!grand slam",
                    vec![word("grand"), word("slam")],
                    true,
                    1000,
                    false
                ),
                ("tear|tore|torn into", into("tear"), false, 1000, false),
                ("tear|tore|torn into", into("tore"), false, 1000, false),
                ("tear|tore|torn into", into("torn"), false, 1000, false),
            ]
        );
        let bad = [
            ("slam 1.5\n", "at most 1"),
            ("slam 0\n", "above 0"),
            ("slam 0.x\n", "not a number"),
            ("slam 0.3333\n", "three decimals"),
            ("!grand slam 0.5\n", "no strength"),
            ("tear||tore\n", "between two words"),
            ("~tear|tore\n", "without `~`"),
            ("tear|tore\ntore\n", "repeats the entry of line 1"),
        ];
        for (content, want) in bad {
            let err = parse_file(Path::new("l.txt"), content, 0, &stemmer, &mut entries)
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{content:?}: {err}");
        }
    }
}
