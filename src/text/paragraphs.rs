//! Paragraph ends: line breaks, except a lone break inside a hard-wrapped sentence.

use std::ops::Range;

/// Fills `breaks` with the byte ranges of the line-break runs that end paragraphs.
///
/// Text copied from the web has one paragraph per line, so every line break ends
/// a paragraph. Hard-wrapped text is the exception worth handling: a single
/// break followed by a lower-case letter, after a line that does not end a
/// sentence, continues the paragraph.
pub fn find_breaks(text: &str, body: usize, breaks: &mut Vec<Range<usize>>) {
    breaks.clear();
    let bytes = text.as_bytes();
    let mut i = body;
    while let Some(offset) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
        let start = i + offset;
        let mut end = start;
        let mut line_breaks = 0;
        while end < bytes.len() && matches!(bytes[end], b'\n' | b'\r' | b' ' | b'\t') {
            if bytes[end] == b'\n' || (bytes[end] == b'\r' && bytes.get(end + 1) != Some(&b'\n')) {
                line_breaks += 1;
            }
            end += 1;
        }
        if !(line_breaks == 1 && continues_sentence(&text[body..start], &text[end..])) {
            breaks.push(start..end);
        }
        i = end;
    }
}

/// Lines shorter than this are headings, bylines or captions, never hard-wrapped.
const SHORTEST_WRAPPED_LINE: usize = 40;

fn continues_sentence(before: &str, after: &str) -> bool {
    let line = before.rsplit(['\n', '\r']).next().unwrap_or(before);
    // Soft hyphens and other invisible characters take no room on a line.
    let width = line
        .chars()
        .filter(|&c| !super::keys::is_ignorable(c))
        .count();
    if width < SHORTEST_WRAPPED_LINE {
        return false;
    }
    let last = before.trim_end().chars().next_back();
    let next = after.chars().next();
    match (last, next) {
        (Some(last), Some(next)) => {
            next.is_lowercase()
                && !matches!(last, '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | '…')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<&str> {
        let mut b = Vec::new();
        find_breaks(text, 0, &mut b);
        b.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn line_breaks_end_paragraphs() {
        let cases: &[(&str, &[&str])] = &[
            ("a line long enough to have been hard-wrapped\nhere", &[]),
            ("Tyler Durden's Photo\nby Tyler Durden", &["\n"]),
            ("One.\nTwo", &["\n"]),
            ("one\n\n\ntwo", &["\n\n\n"]),
            ("One.\r\nTwo.\rThree", &["\r\n", "\r"]),
            ("One line that is long enough to be wrapped ends\nhere", &[]),
            // 39 visible characters: invisible ones do not make it wrapped.
            ("a line thirty-nine characters in length\nhere", &["\n"]),
            (
                "a line thir\u{ad}\u{ad}ty-nine characters in length\nhere",
                &["\n"],
            ),
            ("One line ends.\nhere", &["\n"]),
            ("One line ends\n\nhere", &["\n\n"]),
            ("Heading\nBody", &["\n"]),
            ("no breaks at all", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(breaks(text), *want, "{text:?}");
        }
    }
}
