//! The manifest reader on arbitrary bytes: rows or an error naming a line.
#![no_main]

use framelens::corpus::Manifest;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = Manifest::from_reader(Path::new("manifest.csv"), data) {
        assert!(e.to_string().starts_with("manifest.csv:"), "{e}");
    }
});
