//! Quotations: spans between matching quote marks, told apart from apostrophes.

use std::ops::Range;

/// The kind of mark that opened a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteMark {
    /// “…”
    CurlyDouble,
    /// "…"
    StraightDouble,
    /// ‘…’
    CurlySingle,
    /// '…'
    StraightSingle,
    /// «…»
    Guillemet,
}

impl QuoteMark {
    fn is_single(self) -> bool {
        matches!(self, QuoteMark::CurlySingle | QuoteMark::StraightSingle)
    }
}

/// One outermost quotation of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// Bytes from the opening mark to the end of the closing mark (or of the paragraph).
    pub outer: Range<usize>,
    /// Bytes between the marks.
    pub inner: Range<usize>,
    /// The opening mark.
    pub mark: QuoteMark,
    /// False when the paragraph ended before a closing mark came.
    pub closed: bool,
    /// Token indices inside the quotation.
    pub tokens: Range<u32>,
    /// Number of words inside the quotation.
    pub words: u32,
}

struct Open {
    mark: QuoteMark,
    at: usize,
    inner: usize,
}

/// The marks still open, innermost last, with how many of each kind are
/// open: a paragraph can leave thousands of apostrophes open, and a mark
/// with no partner among them must not walk them all. Every other walk
/// stops at marks that are then dropped, so each mark is walked once.
#[derive(Default)]
struct Stack {
    open: Vec<Open>,
    /// Open marks of each kind, indexed by the [`QuoteMark`] discriminant.
    counts: [usize; 5],
}

impl Stack {
    fn push(&mut self, open: Open) {
        self.counts[open.mark as usize] += 1;
        self.open.push(open);
    }

    fn truncate(&mut self, len: usize) {
        for o in &self.open[len..] {
            self.counts[o.mark as usize] -= 1;
        }
        self.open.truncate(len);
    }

    fn clear(&mut self) {
        self.open.clear();
        self.counts = [0; 5];
    }

    fn last(&self) -> Option<&Open> {
        self.open.last()
    }

    /// Whether a mark of this kind is open.
    fn holds(&self, mark: QuoteMark) -> bool {
        self.counts[mark as usize] > 0
    }

    /// The innermost open mark of this kind.
    fn innermost(&self, mark: QuoteMark) -> Option<usize> {
        if !self.holds(mark) {
            return None;
        }
        self.open.iter().rposition(|o| o.mark == mark)
    }

    /// Whether only single marks are open below the `i`th.
    fn only_singles_below(&self, i: usize) -> bool {
        let doubles: usize = [
            QuoteMark::CurlyDouble,
            QuoteMark::StraightDouble,
            QuoteMark::Guillemet,
        ]
        .iter()
        .map(|&m| self.counts[m as usize])
        .sum();
        doubles
            == self.open[i..]
                .iter()
                .filter(|o| !o.mark.is_single())
                .count()
    }
}

/// Fills `quotes` with the outermost quotations of `text[body..]`.
///
/// A double quotation left open is closed at the end of its paragraph, as news
/// style leaves a quote open when it runs on into the next paragraph. A single
/// mark left open is dropped: it was far more likely an apostrophe.
pub fn find_quotes(text: &str, body: usize, breaks: &[Range<usize>], quotes: &mut Vec<Quotation>) {
    quotes.clear();
    let mut stack = Stack::default();
    let mut next_break = 0;
    let bytes = text.as_bytes();
    // Only quote marks matter: ASCII quotes, and the lead bytes of the curly
    // quotes (E2 80 ..) and guillemets (C2 AB, C2 BB). Guillemets are rare
    // enough that a text without one is searched for three bytes only (C2
    // alone is common: it begins £ and the no-break space).
    let guillemets = memchr::memchr_iter(0xC2, &bytes[body..])
        .any(|i| matches!(bytes.get(body + i + 1), Some(0xAB | 0xBB)));
    let next_candidate = |from: usize| {
        let rest = &bytes[from..];
        if guillemets {
            rest.iter()
                .position(|&b| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2))
        } else {
            memchr::memchr3(b'"', b'\'', 0xE2, rest)
        }
    };
    let mut at = body;
    while let Some(offset) = next_candidate(at) {
        at += offset;
        // The commonest candidate, an apostrophe inside a word (it's,
        // don't), neither opens nor closes anything.
        let inside_a_word = bytes[at] == b'\''
            && at > body
            && bytes[at - 1].is_ascii_alphanumeric()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
        if inside_a_word {
            at += 1;
            continue;
        }
        while next_break < breaks.len() && breaks[next_break].start <= at {
            close_at_paragraph_end(text, &mut stack, breaks[next_break].start, quotes);
            next_break += 1;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        let width = c.len_utf8();
        let prev = text[body..at].chars().next_back();
        let next = text[at + width..].chars().next();
        if runs_on(&stack, &text[body..at], c, next) {
            close_at_paragraph_end(text, &mut stack, at, quotes);
        }
        step(&mut stack, quotes, c, at, prev, next);
        at += width;
    }
    for b in &breaks[next_break..] {
        close_at_paragraph_end(text, &mut stack, b.start, quotes);
    }
    close_at_paragraph_end(text, &mut stack, text.len(), quotes);
}

/// Whether the double mark `c` opens a new quotation while one of its kind is
/// still open: a paragraph whose line break was lost, as in text copied from a
/// web page (`…my plans. "Next paragraph`).
///
/// News style leaves a quotation open at the end of a paragraph when the next
/// paragraph goes on quoting and opens with a mark of its own. Without the
/// line break, that opening mark would be taken for the closing one, and every
/// mark after it would flip. A mark after a sentence end and white space, and
/// right before a word, opens: the quotation before it ran on and ends there.
fn runs_on(stack: &Stack, before: &str, c: char, next: Option<char>) -> bool {
    let mark = match c {
        '"' => QuoteMark::StraightDouble,
        '“' => QuoteMark::CurlyDouble,
        _ => return false,
    };
    let opens_word = next.is_some_and(|n| {
        n.is_alphanumeric() || matches!(n, '\'' | '‘' | '…' | '—' | '–' | '(' | '[')
    });
    opens_word
        && before.ends_with(char::is_whitespace)
        && stack.holds(mark)
        && ends_sentence(before)
}

/// Whether `before` ends with a sentence end, perhaps inside a closing single
/// mark (`…he asked 'why?'`), then white space.
fn ends_sentence(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches(['\'', '’'])
        .ends_with(['.', '!', '?', '…'])
}

/// Handles one character that may be a quote mark at byte `at`.
fn step(
    stack: &mut Stack,
    quotes: &mut Vec<Quotation>,
    c: char,
    at: usize,
    prev: Option<char>,
    next: Option<char>,
) {
    let width = c.len_utf8();
    let prev_word = prev.is_some_and(char::is_alphanumeric);
    let next_word = next.is_some_and(char::is_alphanumeric);
    let next_opens = next.is_some_and(|n| n.is_alphabetic() || is_quote_or_dash(n));
    let closes = |stack: &Stack, mark| stack.innermost(mark);
    let found = match c {
        '“' if stack
            .last()
            .is_none_or(|o| o.mark != QuoteMark::CurlyDouble) =>
        {
            Some(Err(QuoteMark::CurlyDouble))
        }
        '”' => closes(stack, QuoteMark::CurlyDouble).map(Ok),
        '«' => Some(Err(QuoteMark::Guillemet)),
        '»' => closes(stack, QuoteMark::Guillemet).map(Ok),
        '"' => match closes(stack, QuoteMark::StraightDouble) {
            Some(i) => Some(Ok(i)),
            None if !prev_word && next.is_some_and(|n| !n.is_whitespace()) => {
                Some(Err(QuoteMark::StraightDouble))
            }
            None => None,
        },
        '‘' if !prev_word && next_opens => Some(Err(QuoteMark::CurlySingle)),
        '’' if !next_word && prev.is_some_and(|p| !p.is_whitespace()) => {
            closes(stack, QuoteMark::CurlySingle).map(Ok)
        }
        '\'' => {
            // Only a mark that may close looks for its partner.
            let may_close = !next_word && prev.is_some_and(|p| !p.is_whitespace());
            match may_close.then(|| closes(stack, QuoteMark::StraightSingle)) {
                Some(Some(i)) => Some(Ok(i)),
                _ if !prev_word && next_opens => Some(Err(QuoteMark::StraightSingle)),
                _ => None,
            }
        }
        _ => None,
    };
    match found {
        Some(Err(mark)) => stack.push(Open {
            mark,
            at,
            inner: at + width,
        }),
        Some(Ok(i)) => {
            // Single marks still open below a closing double quote were
            // apostrophes ('cause, ‘n): the double quote is outermost.
            if stack.only_singles_below(i) {
                let open = &stack.open[i];
                quotes.push(quotation(open, open.inner..at, at + width, true));
                stack.clear();
            } else {
                stack.truncate(i);
            }
        }
        None => {}
    }
}

fn is_quote_or_dash(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '‘' | '\'' | '—' | '–' | '-' | '…' | '[' | '('
    )
}

fn quotation(open: &Open, inner: Range<usize>, end: usize, closed: bool) -> Quotation {
    Quotation {
        outer: open.at..end,
        inner,
        mark: open.mark,
        closed,
        tokens: 0..0,
        words: 0,
    }
}

fn close_at_paragraph_end(text: &str, stack: &mut Stack, at: usize, quotes: &mut Vec<Quotation>) {
    if let Some(open) = stack.open.iter().find(|o| !o.mark.is_single()) {
        let end = open.inner + text[open.inner..at].trim_end().len();
        quotes.push(quotation(open, open.inner..end, end, false));
    }
    stack.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::paragraphs::find_breaks;

    fn inner(text: &str) -> Vec<(&str, bool)> {
        let mut breaks = Vec::new();
        find_breaks(text, 0, &mut breaks);
        let mut quotes = Vec::new();
        find_quotes(text, 0, &breaks, &mut quotes);
        quotes
            .iter()
            .map(|q| (&text[q.inner.clone()], q.closed))
            .collect()
    }

    #[test]
    fn finds_quotations() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            ("He said “we will win” today.", &[("we will win", true)]),
            ("He said \"we will win\" today.", &[("we will win", true)]),
            ("Talks on 'Plan B' resumed", &[("Plan B", true)]),
            ("a ‘working group’ met", &[("working group", true)]),
            ("It’s the workers’ union, isn't it", &[]),
            ("Iran’s ‘alternate’ plans", &[("alternate", true)]),
            (
                "“One. Two sentences.” After",
                &[("One. Two sentences.", true)],
            ),
            (
                "“Outer ‘inner’ still outer” done",
                &[("Outer ‘inner’ still outer", true)],
            ),
            (
                "“Runs on to the end\n“Next paragraph.”",
                &[("Runs on to the end", false), ("Next paragraph.", true)],
            ),
            ("“Never closed   ", &[("Never closed", false)]),
            ("Rock ’n’ roll and ’90s music", &[]),
            ("a 5\" pipe and \"a quote\"", &[("a quote", true)]),
            ("«Bonjour» dit-il", &[("Bonjour", true)]),
            (
                "£5\u{a0}de plus, «trop cher» dit-il",
                &[("trop cher", true)],
            ),
            ("stray ” closer", &[]),
            (
                "He left 'cause she said \"it is over now\" today",
                &[("it is over now", true)],
            ),
            (
                "rock ‘n roll, said “the best music”",
                &[("the best music", true)],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(inner(text), *want, "{text:?}");
        }
    }

    /// Web pages copied as text lose the line break between quoted
    /// paragraphs; the opening mark of the next one must not close the last.
    #[test]
    fn a_quotation_runs_on_into_a_lost_paragraph() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            (
                "He said: \"We start today. \"The rest follows,\" he added. Rain fell.",
                &[("We start today.", false), ("The rest follows,", true)],
            ),
            (
                "“We start today. “The rest follows,” he added. Rain fell.",
                &[("We start today.", false), ("The rest follows,", true)],
            ),
            (
                "\"One. \"Two! \"Three,\" she said. Then the \"plan\" came.",
                &[
                    ("One.", false),
                    ("Two!", false),
                    ("Three,", true),
                    ("plan", true),
                ],
            ),
            (
                "She said: \"Why now?  \"Because we can.\" The coach called it \"a good sign\".",
                &[
                    ("Why now?", false),
                    ("Because we can.", true),
                    ("a good sign", true),
                ],
            ),
            (
                "\"It ended.\" \"We go on,\" he said.",
                &[("It ended.", true), ("We go on,", true)],
            ),
            (
                "The \"plan\" failed. \"We lost,\" he said.",
                &[("plan", true), ("We lost,", true)],
            ),
            (
                "\"Go on... \"Yes,\" she said.",
                &[("Go on...", false), ("Yes,", true)],
            ),
            (
                "\"He asked me 'why now?' \"We said no,\" she added.",
                &[("He asked me 'why now?'", false), ("We said no,", true)],
            ),
            // Not after a sentence end: the mark closes, as before.
            ("He said: \"Go \"home\" now.", &[("Go ", true)]),
            (
                "He said: \"it is over. \" Then he left.",
                &[("it is over. ", true)],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(inner(text), *want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// The counts kept beside the open marks answer what walking the
        /// marks answers, whatever was pushed and dropped.
        #[test]
        fn the_stack_counts_agree_with_its_marks(
            ops in proptest::collection::vec((0..5usize, 0..4u8, 0..8usize), 0..60)
        ) {
            const MARKS: [QuoteMark; 5] = [
                QuoteMark::CurlyDouble,
                QuoteMark::StraightDouble,
                QuoteMark::CurlySingle,
                QuoteMark::StraightSingle,
                QuoteMark::Guillemet,
            ];
            let mut stack = Stack::default();
            for (mark, op, n) in ops {
                match op {
                    0 => stack.truncate(stack.open.len().saturating_sub(n)),
                    1 if n == 0 => stack.clear(),
                    _ => stack.push(Open { mark: MARKS[mark], at: 0, inner: 0 }),
                }
                for m in MARKS {
                    let walked = stack.open.iter().rposition(|o| o.mark == m);
                    proptest::prop_assert_eq!(stack.holds(m), walked.is_some());
                    proptest::prop_assert_eq!(stack.innermost(m), walked);
                }
                for i in 0..stack.open.len() {
                    let walked = stack.open[..i].iter().all(|o| o.mark.is_single());
                    proptest::prop_assert_eq!(stack.only_singles_below(i), walked);
                }
            }
        }
    }

    #[test]
    fn an_unclosed_single_quote_is_dropped() {
        assert_eq!(inner("the ‘so-called plan\nNext"), []);
    }
}
