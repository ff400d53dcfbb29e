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

/// [`TITLES`] as packed keys, for a search without byte-string comparisons.
static TITLE_KEYS: [u64; TITLES.len()] = pack_all(TITLES);
/// [`SENTENCE_OPENERS`] as packed keys.
static OPENER_KEYS: [u64; SENTENCE_OPENERS.len()] = pack_all(SENTENCE_OPENERS);

/// A word of at most eight bytes as one integer, first byte highest and
/// zero-padded, so that integers sort as the words do. A NUL byte would read
/// as padding, but no word holds one.
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut k = 0;
    while k < 8 {
        key <<= 8;
        if k < word.len() {
            key |= word[k].to_ascii_lowercase() as u64;
        }
        k += 1;
    }
    key
}

const fn pack_all<const N: usize>(list: &[&str]) -> [u64; N] {
    let mut keys = [0u64; N];
    let mut k = 0;
    while k < N {
        keys[k] = pack(list[k].as_bytes());
        k += 1;
    }
    keys
}

/// Whether a sentence ends between a token `prev` and the token at the start of
/// `rest`, given the `gap` of text between them (which holds no line break).
pub fn is_sentence_break(prev: &str, gap: &str, rest: &str) -> bool {
    // Most gaps (", " or " (") hold no mark that could end a sentence; 0xE2
    // begins "…" (and other punctuation, which the full test sorts out).
    if !gap.bytes().any(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2)) {
        return false;
    }
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

/// Whether `word`, lower-cased, is one of the words packed in `keys`.
fn is_one_of(word: &str, keys: &[u64]) -> bool {
    word.len() <= 8 && keys.binary_search(&pack(word.as_bytes())).is_ok()
}

/// `word` without the invisible characters web pages leave inside words,
/// which would hide *Maj.* or *The* from the lists.
fn visible(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() || !word.contains(super::keys::is_ignorable) {
        return std::borrow::Cow::Borrowed(word);
    }
    std::borrow::Cow::Owned(
        word.chars()
            .filter(|&c| !super::keys::is_ignorable(c))
            .collect(),
    )
}

fn is_abbreviation(prev: &str, rest: &str) -> bool {
    let prev = &*visible(prev);
    // Most words before a full stop are lower case, which rules a title out.
    if !prev.starts_with(char::is_lowercase) && is_one_of(prev, &TITLE_KEYS) {
        return true;
    }
    let mut chars = prev.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    let dotted = prev.contains('.');
    (initial || dotted) && !opens_sentence(rest)
}

fn opens_sentence(rest: &str) -> bool {
    let word_end = rest
        .find(|c: char| !c.is_alphanumeric() && !super::keys::is_ignorable(c))
        .unwrap_or(rest.len());
    is_one_of(&visible(&rest[..word_end]), &OPENER_KEYS)
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
        for keys in [&super::TITLE_KEYS[..], &super::OPENER_KEYS[..]] {
            assert!(keys.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(super::is_one_of("Maj", &super::TITLE_KEYS));
        assert!(!super::is_one_of("", &super::TITLE_KEYS));
        assert!(!super::is_one_of("majo", &super::TITLE_KEYS));
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
