//! Sentence ends between two tokens, with the abbreviations of news English.

/// Titles and short forms after which a full stop never ends a sentence,
/// in byte order for a binary search.
const TITLES: &[&str] = &[
    "adm", "approx", "apr", "aug", "brig", "capt", "cmdr", "col", "cpl", "cpt", "dec", "det", "dr",
    "feb", "fr", "ft", "gen", "gov", "hon", "insp", "jan", "jr", "jul", "jun", "lt", "maj", "mar",
    "messrs", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "pp", "pres", "prof", "rep",
    "rev", "sen", "sep", "sept", "sgt", "sr", "st", "ste", "supt", "vol", "vs",
];

/// Words that usually open a sentence: after "U.S." or an initial they mean
/// a new one. In byte order for a binary search.
const SENTENCE_OPENERS: &[&str] = &[
    "a", "after", "an", "and", "as", "at", "before", "but", "for", "he", "her", "his", "how",
    "however", "i", "if", "in", "it", "its", "on", "our", "she", "so", "that", "the", "their",
    "there", "these", "they", "this", "those", "we", "what", "when", "where", "while", "why",
    "yet", "you",
];

/// Whether a sentence ends between a token `prev` and the token at the start of
/// `rest`, given the `gap` of text between them (which holds no line break).
pub fn is_sentence_break(prev: &str, gap: &str, rest: &str) -> bool {
    let Some(space) = gap.find(char::is_whitespace) else {
        return false;
    };
    let head = &gap[..space];
    let ends = head.contains(['.', '!', '?', '…']);
    if !ends {
        return false;
    }
    let Some(next) = rest.chars().next() else {
        return false;
    };
    if !(next.is_uppercase() || next.is_numeric()) {
        return false;
    }
    let exclaims = head.contains(['!', '?']);
    if !exclaims && (head.contains("..") || head.contains('…')) {
        return false;
    }
    if exclaims || !head.starts_with('.') {
        return true;
    }
    !is_abbreviation(prev, rest)
}

/// Whether `word`, lower-cased, is one of `list`: sorted words of at most
/// eight ASCII bytes, looked up without allocating.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    let mut lower = [0u8; 8];
    let Some(buffer) = lower.get_mut(..word.len()) else {
        return false;
    };
    buffer.copy_from_slice(word.as_bytes());
    buffer.make_ascii_lowercase();
    list.binary_search_by(|w| w.as_bytes().cmp(buffer)).is_ok()
}

fn is_abbreviation(prev: &str, rest: &str) -> bool {
    if is_one_of(prev, TITLES) && !prev.starts_with(char::is_lowercase) {
        return true;
    }
    let mut chars = prev.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    let dotted = prev.contains('.');
    (initial || dotted) && !opens_sentence(rest)
}

fn opens_sentence(rest: &str) -> bool {
    let word_end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    is_one_of(&rest[..word_end], SENTENCE_OPENERS)
}

#[cfg(test)]
mod tests {
    use crate::text::Analysis;

    fn sentences(text: &str) -> Vec<String> {
        let mut a = Analysis::new();
        a.analyze(text, 0);
        let mut out: Vec<String> = Vec::new();
        let mut current = u32::MAX;
        for t in &a.tokens {
            if t.sentence != current {
                out.push(String::new());
                current = t.sentence;
            } else {
                out.last_mut().unwrap().push(' ');
            }
            out.last_mut().unwrap().push_str(&text[t.start..t.end]);
        }
        out
    }

    #[test]
    fn word_lists_are_sorted_and_short() {
        for list in [super::TITLES, super::SENTENCE_OPENERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            assert!(list.iter().all(|w| w.len() <= 8 && w.is_ascii()));
        }
    }

    #[test]
    fn splits_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Pompeo and Bolton suggested killing Maj. Gen. Qassem Soleimani in retaliation. But Trump refused.",
                &[
                    "Pompeo and Bolton suggested killing Maj Gen Qassem Soleimani in retaliation",
                    "But Trump refused",
                ],
            ),
            (
                "The U.S. military said so. The U.K. agreed.",
                &["The U.S military said so", "The U.K agreed"],
            ),
            (
                "He moved to the U.S. The move was quick.",
                &["He moved to the U.S", "The move was quick"],
            ),
            (
                "Talks with the U.S. President began.",
                &["Talks with the U.S President began"],
            ),
            (
                "Mr. Smith met Dr. Jones and Sen. Paul at St. Mark's.",
                &["Mr Smith met Dr Jones and Sen Paul at St Mark's"],
            ),
            (
                "Rep. Omar spoke. Then Gov. Newsom.",
                &["Rep Omar spoke", "Then Gov Newsom"],
            ),
            ("John F. Kennedy was shot.", &["John F Kennedy was shot"]),
            (
                "Growth was 3.5 percent. It fell.",
                &["Growth was 3.5 percent", "It fell"],
            ),
            (
                "He paused ... and then went on.",
                &["He paused and then went on"],
            ),
            (
                "He paused… and then went on.",
                &["He paused and then went on"],
            ),
            (
                "Why? Nobody knows! Really.",
                &["Why", "Nobody knows", "Really"],
            ),
            ("“Is it over?” he asked.", &["Is it over he asked"]),
            (
                "He said “It is over.” Then he left.",
                &["He said It is over", "Then he left"],
            ),
            (
                "It ended (finally). Next came talks.",
                &["It ended finally", "Next came talks"],
            ),
            (
                "Signed on Sept. 22 in Vienna.",
                &["Signed on Sept 22 in Vienna"],
            ),
            ("A heading\nA paragraph.", &["A heading", "A paragraph"]),
            (
                "The e.g. case and i.e. others.",
                &["The e.g case and i.e others"],
            ),
            (
                "Prices rose. 2019 was worse.",
                &["Prices rose", "2019 was worse"],
            ),
            ("it was a no. Then", &["it was a no", "Then"]),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text), *want, "{text:?}");
        }
    }
}
