//! Where the words of a text are and what each word's key is: folded, romanised,
//! loosened (see `analyzer` for why each step). Both the index's tokens and the hits
//! found in a shown text are cut here, so they cannot disagree.

use super::analyzer::Token;
use crate::search::fold;

/// The words of a text: (start, end, is a CJK run), in bytes. ASCII is read a byte
/// at a time (most texts are mostly ASCII; decoding each char was a sixth of finding a
/// snippet's hits), any other char decoded.
pub(super) fn words(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = text.as_bytes();
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, cjk) = loop {
            let byte = *bytes.get(at)?;
            if byte.is_ascii() {
                if byte.is_ascii_alphanumeric() {
                    break (at, false);
                }
                at += 1;
                continue;
            }
            let c = char_at(at)?;
            if is_word_char(c) {
                break (at, is_cjk(c));
            }
            at += c.len_utf8();
        };
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii() {
                if cjk || !byte.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
                continue;
            }
            match char_at(at) {
                Some(c) if is_word_char(c) && is_cjk(c) == cjk => at += c.len_utf8(),
                _ => break,
            }
        }
        Some((start, at, cjk))
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || fold::is_combining_mark(c)
}

/// Han, kana, hangul and the CJK symbols that are letters.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // Han extension A
        | '\u{4E00}'..='\u{9FFF}' // Han
        | '\u{AC00}'..='\u{D7AF}' // hangul syllables
        | '\u{F900}'..='\u{FAFF}' // Han compatibility
        | '\u{20000}'..='\u{2FA1F}') // Han extensions B on
}

/// Overlapping pairs of a CJK run, a lone char as itself.
pub(super) fn cjk_pairs(run: &str, offset: usize, out: &mut Vec<Token>) {
    let mut key = String::new();
    each_cjk_pair(run, offset, &mut key, &mut |start, end, key| {
        out.push(Token {
            start,
            end,
            key: key.into(),
            stem: None,
        });
    });
}

/// Each overlapping pair of a CJK run (a lone char as itself) as `found(start, end,
/// key)`, the key in `key`.
pub(super) fn each_cjk_pair(
    run: &str,
    offset: usize,
    key: &mut String,
    found: &mut impl FnMut(usize, usize, &str),
) {
    let mut chars = run.char_indices().peekable();
    let Some(&(_, only)) = chars.peek() else {
        return;
    };
    if only.len_utf8() == run.len() {
        key.clear();
        key.push(only);
        found(offset, offset + run.len(), key);
        return;
    }
    while let Some((at, a)) = chars.next() {
        let Some(&(next, b)) = chars.peek() else {
            break;
        };
        key.clear();
        key.push(a);
        key.push(b);
        found(offset + at, offset + next + b.len_utf8(), key);
    }
}

pub(super) fn yo_as_ye(c: char) -> char {
    match c {
        'ё' => 'е',
        'Ё' => 'Е',
        c => c,
    }
}

/// Folded (lower case, no diacritics, ё as е) and romanised, into `out`.
pub(super) fn fold_word(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        let Some(c) = fold::fold_char(yo_as_ye(c)) else {
            continue;
        };
        if c.is_ascii() {
            out.push(c);
        } else {
            out.extend(
                any_ascii::any_ascii_char(c)
                    .chars()
                    .flat_map(char::to_lowercase),
            );
        }
    }
}

/// The key of `word` as written (folded, romanised, loosened) into `key`; `folded`
/// is a buffer. An ASCII word is folded and loosened in one pass.
pub(super) fn key_into(word: &str, folded: &mut String, key: &mut String) {
    if !word.is_ascii() {
        fold_word(word, folded);
        loose_key_into(folded, key);
        return;
    }
    key.clear();
    let mut previous = 0u8;
    let mut bytes = word.bytes().map(|b| b.to_ascii_lowercase()).peekable();
    while let Some(b) = bytes.next() {
        let b = match b {
            b'k' if bytes.peek() == Some(&b'h') => continue,
            b'y' => b'i',
            b if !b.is_ascii_alphanumeric() => continue,
            b => b,
        };
        if previous == b && matches!(b, b'a' | b'e' | b'i' | b'o' | b'u') {
            continue;
        }
        key.push(char::from(b));
        previous = b;
    }
}

/// The keys of a text's words, each after a space (" ospan batir ..."), for matching
/// short texts such as the user's notes: a query word's key found in it is found
/// whatever the script, case and diacritics either is written in.
pub fn text_keys(text: &str) -> String {
    let (mut folded, mut key) = (String::new(), String::new());
    let mut keys = String::with_capacity(text.len() + 1);
    for (start, end, cjk) in words(text) {
        let Some(word) = text.get(start..end) else {
            continue;
        };
        if cjk {
            fold::fold_into(word, &mut key);
        } else {
            key_into(word, &mut folded, &mut key);
        }
        if !key.is_empty() {
            keys.push(' ');
            keys.push_str(&key);
        }
    }
    keys
}

/// The looser key of a folded, romanised word: `kh` → `h`, `y` → `i`, a doubled vowel
/// once, only letters and digits kept.
pub fn loose_key(romanised: &str) -> String {
    let mut key = String::with_capacity(romanised.len());
    loose_key_into(romanised, &mut key);
    key
}

/// [`loose_key`] into `key`, which is cleared first.
pub(super) fn loose_key_into(romanised: &str, key: &mut String) {
    key.clear();
    let mut previous: Option<char> = None;
    let mut chars = romanised.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let c = match c {
            'k' if chars.peek() == Some(&'h') => continue,
            'y' => 'i',
            c => c,
        };
        if previous == Some(c) && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            continue;
        }
        key.push(c);
        previous = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_keys_are_each_word_s_key_after_a_space() {
        assert_eq!(
            text_keys("Ospan BATYR, in Ürümqi — Молотов 中文"),
            " ospan batir in urumqi molotov 中文"
        );
        assert_eq!(text_keys(" ,; "), "");
    }

    /// The words as first cut, a char at a time.
    fn words_by_chars(text: &str) -> Vec<(usize, usize, bool)> {
        let mut chars = text.char_indices().peekable();
        let mut found = Vec::new();
        while let Some((start, first)) = chars.next() {
            if !is_word_char(first) {
                continue;
            }
            let cjk = is_cjk(first);
            let mut end = start + first.len_utf8();
            while let Some(&(at, c)) = chars.peek() {
                if !is_word_char(c) || is_cjk(c) != cjk {
                    break;
                }
                end = at + c.len_utf8();
                chars.next();
            }
            found.push((start, end, cjk));
        }
        found
    }

    fn key_by_folding(word: &str) -> String {
        let mut folded = String::new();
        fold_word(word, &mut folded);
        loose_key(&folded)
    }

    #[test]
    fn words_are_cut_where_letters_end_and_scripts_change() {
        let text = "Khan's 1945-10 Ürümqi, Хрущёв 新疆省abc e\u{301}te";
        let cut: Vec<&str> = words(text).map(|(s, e, _)| &text[s..e]).collect();
        assert_eq!(
            cut,
            [
                "Khan",
                "s",
                "1945",
                "10",
                "Ürümqi",
                "Хрущёв",
                "新疆省",
                "abc",
                "e\u{301}te"
            ]
        );
        assert_eq!(words(text).collect::<Vec<_>>(), words_by_chars(text));
    }

    #[test]
    fn an_ascii_words_key_is_the_folded_words() {
        for (word, key) in [
            ("Khrushchev", "hrushchev"),
            ("Aaron", "aron"),
            ("YES", "ies"),
            ("kkh", "kh"),
        ] {
            assert_eq!(key_into_string(word), key);
            assert_eq!(key_by_folding(word), key);
        }
    }

    fn key_into_string(word: &str) -> String {
        let (mut folded, mut key) = (String::new(), String::new());
        key_into(word, &mut folded, &mut key);
        key
    }

    proptest! {
        #[test]
        fn words_are_those_cut_a_char_at_a_time(text in "[a-zA-Z0-9 ,.'\\-ёüşЖ新疆省\u{301}\u{3000}]{0,40}") {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_by_chars(&text));
        }

        #[test]
        fn keys_are_those_of_the_folded_word(word in "[a-zA-Z0-9]{1,12}|[a-zA-Züöşı]{1,8}") {
            prop_assert_eq!(key_into_string(&word), key_by_folding(&word));
        }
    }
}
