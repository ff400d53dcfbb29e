//! The JSONL and CSV corpus readers on arbitrary bytes: every record is an
//! article, a skip or a stop, each naming the corpus and a line.
#![no_main]

use framelens::corpus::{Format, Next, Options, read_records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let format = if choice % 2 == 0 { Format::Jsonl } else { Format::Csv };
    let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let records = match read_records("corpus", reader, format, &Options::default()) {
        Ok(records) => records,
        Err(e) => {
            assert!(e.to_string().starts_with("corpus:"), "{e}");
            return;
        }
    };
    for item in records {
        match item {
            Ok(Next::Article(a)) => assert!(!a.id.is_empty() && !a.text.trim().is_empty() && a.body <= a.text.len()),
            Ok(Next::Skip(e)) | Err(e) => assert!(e.to_string().starts_with("corpus:"), "{e}"),
        }
    }
});
