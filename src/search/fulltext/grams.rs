//! Common grams: a word next to a very common word ("the", "of", "и", "der") is also
//! indexed as one term with it ("the khan", "khan of"), at the first word's position.
//! A phrase is then looked for by those pairs instead of the common words themselves:
//! "the" is in nearly every text, many times, and a phrase query reads the positions
//! of each of its words in every text that has them all, so a phrase of common words
//! was the slowest query there is (45 ms at 100,000 records); "the khan" is in few
//! texts, a few times each. The pairs are exact: the phrase still matches exactly
//! where its words stand next to each other.
//!
//! Pairs are made of the keys of words as written (not stems), on index and query
//! alike, so a phrase query finds exactly what it found without them. A pair's two
//! keys are joined by a space, which no key holds (words are cut at white space), so
//! no query for a word, a prefix or a suffix meets a pair.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::analyzer::Analyzer;

/// Joins the two keys of a pair.
pub const JOIN: char = ' ';

/// The most common words of the languages carrel stems, as written: each is turned
/// into its key (`was` → `was`, `что` → `chto`) when first needed. A short list: each
/// word next to one of these is indexed once more, so a longer list makes a bigger
/// index (these made it 1.7 times the size at 100,000 records) for phrases that are
/// fast enough already. Keys of several languages meet in one set; a word common in
/// one language and rare in another only costs a pair.
const COMMON: &[&str] = &[
    // English
    "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "that",
    "the", "to", "was", "with", // Russian
    "в", "и", "к", "на", "не", "о", "по", "с", "что", // German
    "das", "den", "der", "die", "und", "von", "zu", // French, Spanish, Italian
    "de", "del", "di", "du", "el", "en", "et", "la", "le", "les", "que", "un", "une",
    // Turkish
    "bir", "bu", "da", "ve",
];

fn common() -> &'static HashSet<String> {
    static KEYS: OnceLock<HashSet<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut analyzer = Analyzer::unstemmed();
        COMMON
            .iter()
            .map(|word| analyzer.key(word))
            .filter(|key| !key.is_empty())
            .collect()
    })
}

/// The pair of `first` and `next` (keys of adjacent words), when either is common.
pub fn pair(first: &str, next: &str) -> Option<String> {
    if first.is_empty() || next.is_empty() {
        return None;
    }
    let keys = common();
    (keys.contains(first) || keys.contains(next)).then(|| {
        let mut pair = String::with_capacity(first.len() + next.len() + 1);
        pair.push_str(first);
        pair.push(JOIN);
        pair.push_str(next);
        pair
    })
}

/// The terms a phrase of `keys` is looked for by, each with its offset in the phrase:
/// every pair the index holds for it, and each word no pair covers. Every word is
/// covered, so the terms at their offsets match exactly where the phrase does.
pub fn phrase_terms(keys: &[String]) -> Vec<(usize, String)> {
    let mut covered = vec![false; keys.len()];
    let mut terms = Vec::with_capacity(keys.len());
    for (i, two) in keys.windows(2).enumerate() {
        if let Some(pair) = pair(&two[0], &two[1]) {
            terms.push((i, pair));
            covered[i] = true;
            covered[i + 1] = true;
        }
    }
    for (i, key) in keys.iter().enumerate() {
        if !covered[i] {
            terms.push((i, key.clone()));
        }
    }
    terms.sort_by_key(|&(offset, _)| offset);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(phrase: &str) -> Vec<String> {
        phrase.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_phrase_is_looked_for_by_its_pairs_and_the_words_they_leave() {
        assert_eq!(
            phrase_terms(&keys("the khan of altai")),
            vec![
                (0, "the khan".to_string()),
                (1, "khan of".to_string()),
                (2, "of altai".to_string()),
            ]
        );
        assert_eq!(
            phrase_terms(&keys("according to available information")),
            vec![
                (0, "according to".to_string()),
                (1, "to available".to_string()),
                (3, "information".to_string()),
            ]
        );
        assert_eq!(
            phrase_terms(&keys("ospan batir")),
            vec![(0, "ospan".to_string()), (1, "batir".to_string())]
        );
    }

    #[test]
    fn common_words_are_known_by_their_keys_in_every_script() {
        // "что" romanises to "chto".
        assert!(pair("was", "said").is_some());
        assert!(pair("chto", "delat").is_some());
        assert!(pair("ospan", "batir").is_none());
        assert!(pair("", "the").is_none());
    }
}
