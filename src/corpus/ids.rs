//! Duplicate-id detection that stays small on corpora of millions of articles.

use rustc_hash::FxHashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

/// Where an id was first seen: a place (file) and a line, 0 for a whole file.
#[derive(Clone, Copy, Debug)]
struct Location {
    place: u32,
    /// Lines past 4,294,967,295 are recorded as that; no corpus gets there.
    line: u32,
}

/// The ids seen so far. Only a 64-bit hash of each is kept, with where it was
/// first seen: 16 bytes an id (a little over twice that with the table's
/// spare room), rather than the ids' full length.
#[derive(Default, Debug)]
pub struct Ids {
    seen: FxHashMap<u64, Location>,
    places: Vec<String>,
}

impl Ids {
    /// Registers a file name that ids can be found in.
    pub fn place(&mut self, name: String) -> u32 {
        self.places.push(name);
        self.places.len() as u32 - 1
    }

    /// Records `id` as seen at `place`, `line`; if it was seen before, says where.
    pub fn claim(&mut self, id: &str, place: u32, line: u64) -> Option<String> {
        // SipHash with fixed keys: the same on every run and hard to collide by accident.
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(id);
        match self.seen.get(&hash) {
            Some(first) => {
                let name = &self.places[first.place as usize];
                Some(if first.line == 0 {
                    name.clone()
                } else {
                    format!("{name}:{}", first.line)
                })
            }
            None => {
                self.seen.insert(
                    hash,
                    Location {
                        place,
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                    },
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_says_where_the_first_was() {
        let mut ids = Ids::default();
        let a = ids.place("a.jsonl".into());
        let b = ids.place("b.txt".into());
        assert_eq!(ids.claim("x", a, 3), None);
        assert_eq!(ids.claim("y", b, 0), None);
        assert_eq!(ids.claim("x", a, 9), Some("a.jsonl:3".into()));
        assert_eq!(ids.claim("y", a, 10), Some("b.txt".into()));
    }
}
