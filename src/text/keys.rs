//! Matching keys: the forms under which a word is looked up in a lexicon.

/// Appends the lower-cased matching key of `word` to `out`.
///
/// Curly and modifier apostrophes become `'`, so it’s and it's are one key.
pub fn push_key(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_apostrophe(c) {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The lower-cased matching key of `word`, as [`push_key`] makes it.
pub fn normalize_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    push_key(word, &mut key);
    key
}

/// The matching key of `word` with its case kept: only apostrophes are
/// made straight.
pub fn cased_key(word: &str) -> String {
    word.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '’' | '‘' | 'ʼ' | '′')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_lower_case_with_straight_apostrophes() {
        assert_eq!(normalize_key("It’s"), "it's");
        assert_eq!(normalize_key("ÉTAT"), "état");
        assert_eq!(normalize_key("Iran’s"), "iran's");
    }
}
