//! Matching keys: the forms under which a word is looked up in a lexicon.

use unicode_normalization::UnicodeNormalization;

/// Appends the lower-cased matching key of `word` to `out`.
///
/// Curly and modifier apostrophes become `'`, so it’s and it's are one key.
/// Outside ASCII the key is folded further, so that text from web pages
/// matches as it reads: invisible characters (soft hyphens, zero-width
/// spaces and joiners: the default-ignorable code points) are dropped, and
/// compatibility forms such as fullwidth letters and ligatures are folded
/// by NFKC (`ｓｌａｍｍｅｄ`, `ﬁerce`).
pub fn push_key(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars().filter(|&c| !is_ignorable(c)).nfkc() {
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
    if word.is_ascii() {
        return word.to_string();
    }
    word.chars()
        .filter(|&c| !is_ignorable(c))
        .nfkc()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

/// Whether `c` is a default-ignorable code point (Unicode's
/// `Default_Ignorable_Code_Point`): a character that is not shown, such as
/// a soft hyphen (U+00AD), a zero-width space, non-joiner or joiner
/// (U+200B to U+200D), a word joiner (U+2060), a direction mark or a
/// variation selector. Web pages leave them inside words.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
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

    #[test]
    fn invisible_characters_and_compatibility_forms_are_folded() {
        for word in [
            "sl\u{AD}ammed",
            "sl\u{200B}ammed",
            "sl\u{200C}ammed",
            "sl\u{200D}ammed",
            "sl\u{2060}ammed",
            "\u{FEFF}slammed",
            "ＳＬＡＭＭＥＤ",
            "ｓｌａｍｍｅｄ",
        ] {
            assert_eq!(normalize_key(word), "slammed", "{word:?}");
        }
        assert_eq!(normalize_key("\u{FB01}erce"), "fierce");
        assert_eq!(cased_key("Ｕ\u{AD}Ｓ"), "US");
        assert_eq!(normalize_key("café"), "café");
        assert_eq!(normalize_key("cafe\u{301}"), "café");
    }
}
