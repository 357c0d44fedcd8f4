//! Where the words of a text are and what each word's key is: folded, romanised,
//! loosened (see `analyzer` for why each step). Both the index's tokens and the hits
//! found in a shown text are cut here, so they cannot disagree.

use super::analyzer::Token;
use crate::search::fold;

/// The words of a text: (start, end, is a CJK run), in bytes.
pub(super) fn words(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = loop {
            let (at, c) = chars.next()?;
            if is_word_char(c) {
                break (at, c);
            }
        };
        let cjk = is_cjk(first);
        let mut end = start + first.len_utf8();
        while let Some(&(at, c)) = chars.peek() {
            if !is_word_char(c) || is_cjk(c) != cjk {
                break;
            }
            end = at + c.len_utf8();
            chars.next();
        }
        Some((start, end, cjk))
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
