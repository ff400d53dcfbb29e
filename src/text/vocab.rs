//! Word forms, each stored once per thread, so that a token carries a number
//! and everything worked out about a form (its key, its stem, its lexicon
//! steps) is worked out once, not once per occurrence.

use super::keys::{cased_key, push_key};
use hashbrown::HashTable;
use std::hash::Hasher;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

/// Forms kept before the vocabulary starts afresh, to bound memory.
const FORM_LIMIT: usize = 1 << 16;
/// Bytes of form text kept before the vocabulary starts afresh.
const TEXT_LIMIT: usize = 1 << 22;

/// Numbers every vocabulary (and every fresh start of one) uniquely, so that
/// caches indexed by form id can tell when their ids went stale.
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

/// A form in the hash table: a form of up to eight bytes is told apart
/// from all others right here, and a longer one from nearly all, without a
/// look-up in `forms`.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// The first eight bytes of the form (all of a short one), as one integer.
    short: u64,
    /// The form's length, at most `u32::MAX`.
    len: u32,
    id: u32,
}

fn saturate(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Byte equality without a call to `memcmp`, which costs more than it saves
/// on the few bytes a word has.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[derive(Clone, Debug)]
struct Form {
    hash: u64,
    surface: Range<usize>,
    key: Range<usize>,
    cased: Range<usize>,
}

/// The distinct word forms of the documents analysed so far by one thread.
///
/// A form is a token's exact text; "The" and "the" are two forms with one key.
#[derive(Debug)]
pub struct Vocabulary {
    table: HashTable<Slot>,
    forms: Vec<Form>,
    text: String,
    generation: u64,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            table: HashTable::new(),
            forms: Vec::new(),
            text: String::new(),
            generation: GENERATIONS.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// The bytes of a form of up to eight bytes as one integer, zero-padded;
/// with the length, it identifies the form.
fn pad(bytes: &[u8]) -> u64 {
    let mut padded = [0u8; 8];
    padded[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(padded)
}

fn short_hash(short: u64, len: usize) -> u64 {
    // Multiplying mixes upwards only; the fold brings the mixed high bits
    // down to the low bits that pick a bucket.
    let h = (short ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

fn long_hash(bytes: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

fn slice<'a>(text: &'a str, range: &Range<usize>) -> &'a str {
    &text[range.clone()]
}

impl Vocabulary {
    /// The id of the form `text[start..end]`, added if it is new.
    ///
    /// A form of up to eight bytes is read as one integer, which is then its
    /// hash and its identity: most words cost one load, one multiplication
    /// and one comparison.
    #[inline]
    pub fn intern(&mut self, text: &str, start: usize, end: usize) -> u32 {
        let bytes = text.as_bytes();
        let n = end - start;
        if (1..=8).contains(&n) && start + 8 <= bytes.len() {
            let word = u64::from_le_bytes(bytes[start..start + 8].try_into().unwrap_or_default());
            let short = word & (u64::MAX >> (64 - 8 * n));
            let hash = short_hash(short, n);
            let found = self
                .table
                .find(hash, |slot| slot.short == short && slot.len as usize == n);
            return match found {
                Some(slot) => slot.id,
                None => self.insert(&text[start..end], hash, short),
            };
        }
        let surface = &text[start..end];
        let short = pad(&surface.as_bytes()[..n.min(8)]);
        let hash = if n <= 8 {
            short_hash(short, n)
        } else {
            long_hash(surface.as_bytes())
        };
        let (forms, text) = (&self.forms, self.text.as_bytes());
        // The slot's first eight bytes and length rule out all but the form
        // itself; only then are the remaining bytes compared.
        let found = self.table.find(hash, |slot| {
            slot.short == short
                && slot.len == saturate(n)
                && same_bytes(
                    &text[forms[slot.id as usize].surface.clone()],
                    surface.as_bytes(),
                )
        });
        match found {
            Some(slot) => slot.id,
            None => self.insert(surface, hash, short),
        }
    }

    #[cold]
    fn insert(&mut self, surface: &str, hash: u64, short: u64) -> u32 {
        let id = self.forms.len() as u32;
        let at = |text: &String| text.len();
        let start = at(&self.text);
        self.text.push_str(surface);
        let surface_range = start..at(&self.text);
        // Most forms are their own key, or their own cased key: stored once.
        let key = if surface
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            surface_range.clone()
        } else {
            let start = at(&self.text);
            push_key(surface, &mut self.text);
            start..at(&self.text)
        };
        let cased = if surface.is_ascii() {
            surface_range.clone()
        } else {
            let start = at(&self.text);
            self.text.push_str(&cased_key(surface));
            start..at(&self.text)
        };
        self.forms.push(Form {
            hash,
            surface: surface_range,
            key,
            cased,
        });
        let forms = &self.forms;
        let slot = Slot {
            short,
            len: saturate(surface.len()),
            id,
        };
        self.table
            .insert_unique(hash, slot, |slot| forms[slot.id as usize].hash);
        id
    }

    /// The lower-cased matching key of a form, with straight apostrophes.
    #[inline]
    pub fn key(&self, id: u32) -> &str {
        slice(&self.text, &self.forms[id as usize].key)
    }

    /// The matching key of a form with its case kept.
    pub fn cased_key(&self, id: u32) -> &str {
        slice(&self.text, &self.forms[id as usize].cased)
    }

    /// How many forms there are; ids run from 0 to this.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether no form has been added yet.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Changes whenever ids are given out afresh: a cache indexed by id and
    /// made under another generation is stale.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Starts afresh, between documents, once the vocabulary has grown past
    /// its limits.
    pub(super) fn bound(&mut self) {
        if self.forms.len() > FORM_LIMIT || self.text.len() > TEXT_LIMIT {
            *self = Vocabulary::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_id_per_form() {
        let mut v = Vocabulary::default();
        // Forms at the end of a text are read byte by byte, others eight at a time.
        let text = "The the It’s the It’s 75";
        let ids: Vec<u32> = text
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, start + w.len()))
            })
            .map(|(start, end)| v.intern(text, start, end))
            .collect();
        assert_eq!(ids, [0, 1, 2, 1, 2, 3]);
        assert_eq!((v.key(0), v.cased_key(0)), ("the", "The"));
        assert_eq!((v.key(2), v.cased_key(2)), ("it's", "It's"));
        assert_eq!(v.len(), 4);
        assert_eq!(v.intern(text, 3, 3), v.intern(text, 0, 0));
    }

    #[test]
    fn a_fresh_start_has_a_new_generation() {
        let mut v = Vocabulary::default();
        let first = v.generation();
        for n in 0..=FORM_LIMIT {
            let word = n.to_string();
            v.intern(&word, 0, word.len());
        }
        v.bound();
        assert!(v.is_empty());
        assert_ne!(v.generation(), first);
        assert_ne!(Vocabulary::default().generation(), v.generation());
    }
}
