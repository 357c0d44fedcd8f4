//! Case and accent folding, so `choybalsan` finds "Choybalsán" and `ospan` finds "OSPAN".
//!
//! Folding works char by char (lower case, then Latin letters without their
//! diacritics), so a folded key has one char per original char and a highlight
//! position found in the folded title is the same position in the original. The one
//! exception is a combining mark written as its own char ("e" + U+0301): it is
//! dropped, and [`fold_with_map`] says where each folded char came from.

use nucleo_matcher::chars;

/// The folded form of `text`: lower case, diacritics removed.
pub fn fold(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// [`fold`] into `out`, cleared first: indexing a store folds millions of words, and
/// one buffer spares an allocation each.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(text.chars().filter_map(fold_char));
}

/// The folded form of `text`, and for each folded char the index of the original
/// char it came from.
pub fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if let Some(f) = fold_char(c) {
            folded.push(f);
            map.push(i);
        }
    }
    (folded, map)
}

pub(crate) fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if is_combining_mark(c) {
        return None;
    }
    // Lower-case first: the normalisation table maps lower-case letters too.
    Some(chars::normalize(chars::to_lower_case(c)))
}

/// Combining diacritical marks (U+0300..U+036F and the supplement and extended blocks).
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// The words of a folded text: runs of letters and digits. Apostrophes and hyphens
/// split words ("choybalsan’s" gives "choybalsan" and "s").
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of an unfolded text, as written: split where [`words`] splits the folded
/// text, so each folds to one vocabulary word.
pub fn original_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
        .filter(|w| !w.is_empty())
}

/// Whether `needle` occurs in `haystack` starting a word, and if so whether it is the
/// whole word. `None` when it does not start any word.
pub fn word_match(haystack: &str, needle: &str) -> Option<WordMatch> {
    let mut best = None;
    for (start, _) in haystack.match_indices(needle) {
        let starts_word = haystack[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !starts_word {
            continue;
        }
        let ends_word = haystack[start + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if ends_word {
            return Some(WordMatch::Whole);
        }
        best = Some(WordMatch::Prefix);
    }
    best
}

/// How a query word met a word of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    /// The whole word: `beria` in "L. Beria to".
    Whole,
    /// The start of a word: `ber` in "L. Beria to".
    Prefix,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold_char_for_char() {
        assert_eq!(fold("Choybalsán"), "choybalsan");
        assert_eq!(fold("ÜRÜMQI Ürümqi"), "urumqi urumqi");
        assert_eq!(fold("Москва"), "москва");
        assert_eq!(fold("Choybalsán").chars().count(), 10);
    }

    #[test]
    fn combining_marks_are_dropped_and_mapped() {
        let (folded, map) = fold_with_map("Pe\u{301}rez");
        assert_eq!(folded, "perez");
        assert_eq!(map, vec![0, 1, 3, 4, 5]);
    }

    #[test]
    fn word_matches_need_a_word_start() {
        assert_eq!(word_match("l. beria to", "beria"), Some(WordMatch::Whole));
        assert_eq!(word_match("l. beria to", "ber"), Some(WordMatch::Prefix));
        assert_eq!(word_match("l. beria to", "eria"), None);
        assert_eq!(
            word_match("siberia, beria", "beria"),
            Some(WordMatch::Whole)
        );
        assert_eq!(word_match("1945-10-05", "1945"), Some(WordMatch::Whole));
    }
}
