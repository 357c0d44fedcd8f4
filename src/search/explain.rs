//! Why a hit matched: which title letters to highlight, and where the other words were
//! found (`people: Osman Batur`). Worked out only for the hits returned, from the
//! source each word's best match recorded while scoring.

use super::Field;
use super::fold::{WordMatch, fold, fold_with_map, word_match};
use super::fuzzy::FuzzyNeedle;
use super::keys::Keys;
use super::query::QueryWord;
use super::score::Source;
use crate::store::Record;

/// What of a record a hit's explanation quotes, as given (not folded).
#[derive(Debug, Clone, Default)]
pub struct Shown {
    title: String,
    id: String,
    date: Option<String>,
    people: Vec<String>,
    places: Vec<String>,
    subjects: Vec<String>,
}

impl Shown {
    pub fn of(record: &Record) -> Self {
        let spellings = |entities: &[std::sync::Arc<crate::store::schema::NamedEntity>]| {
            entities
                .iter()
                .flat_map(|e| std::iter::once(&e.name).chain(&e.alt))
                .cloned()
                .collect()
        };
        Shown {
            title: record.title.clone(),
            id: record.id.clone(),
            date: record.display_date().map(str::to_string),
            people: spellings(&record.people),
            places: spellings(&record.places),
            subjects: record.subjects.clone(),
        }
    }
}

/// Title highlight positions (char indices, ascending) and `matched_in` labels.
pub fn explain(
    record: &Shown,
    keys: &Keys,
    words: &[(&QueryWord, Source)],
) -> (Vec<usize>, Vec<String>) {
    let mut positions = Vec::new();
    let mut matched_in: Vec<String> = Vec::new();
    let mut folded_title = None;
    for &(word, source) in words {
        let label = match source {
            Source::Nowhere => None,
            Source::Word {
                field: Field::Title,
                ..
            } => {
                let (folded, map) =
                    folded_title.get_or_insert_with(|| fold_with_map(&record.title));
                let found = word_positions(folded, &word.text).unwrap_or_default();
                positions.extend(found.iter().filter_map(|&i| map.get(i).copied()));
                None
            }
            Source::Fuzzy {
                field: Field::Title,
                word: matched,
            } => {
                let (folded, map) =
                    folded_title.get_or_insert_with(|| fold_with_map(&record.title));
                let matched = keys.short.word(matched).unwrap_or_default();
                // The matched title word, then the needle's letters within it.
                let start = word_positions(folded, matched).and_then(|w| w.first().copied());
                let inner = FuzzyNeedle::new(&word.text).positions(matched);
                if let (Some(start), Some(inner)) = (start, inner) {
                    positions.extend(inner.iter().filter_map(|&i| map.get(start + i).copied()));
                }
                None
            }
            Source::Word {
                field: Field::Summary,
                word,
            } => keys
                .summary
                .spellings
                .get(word as usize)
                .map(|w| format!("{}: {w}", Field::Summary.label())),
            Source::Word { field, .. } => labelled(record, field, &word.text),
            Source::Fuzzy {
                field,
                word: matched,
            } => labelled(record, field, keys.short.word(matched).unwrap_or_default()),
            Source::Edtf => labelled(record, Field::Date, &word.text),
        };
        if let Some(label) = label
            && !matched_in.contains(&label)
        {
            matched_in.push(label);
        }
    }
    positions.sort_unstable();
    positions.dedup();
    (positions, matched_in)
}

/// The chars of the first occurrence of `needle` starting a word of `folded`,
/// preferring a whole word.
fn word_positions(folded: &str, needle: &str) -> Option<Vec<usize>> {
    let mut first = None;
    for (byte, _) in folded.match_indices(needle) {
        if !starts_word(folded, byte) {
            continue;
        }
        let end = byte + needle.len();
        let start_char = folded[..byte].chars().count();
        let chars: Vec<usize> =
            (start_char..start_char + folded[byte..end].chars().count()).collect();
        if ends_word(folded, end) {
            return Some(chars);
        }
        first.get_or_insert(chars);
    }
    first
}

fn starts_word(text: &str, byte: usize) -> bool {
    text[..byte]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn ends_word(text: &str, byte: usize) -> bool {
    text[byte..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// `people: Osman Batur`: the field's value that holds the word, as the store spells it.
fn labelled(record: &Shown, field: Field, needle: &str) -> Option<String> {
    let value = match field {
        Field::Title | Field::Summary => None,
        Field::People => best_value(&record.people, needle),
        Field::Places => best_value(&record.places, needle),
        Field::Subjects => best_value(&record.subjects, needle),
        Field::Id => Some(record.id.clone()),
        Field::Date => record.date.clone(),
    }?;
    Some(format!("{}: {value}", field.label()))
}

fn best_value(values: &[String], needle: &str) -> Option<String> {
    let mut prefix = None;
    for value in values {
        match word_match(&fold(value), needle) {
            Some(WordMatch::Whole) => return Some(value.clone()),
            Some(WordMatch::Prefix) => {
                prefix.get_or_insert_with(|| value.clone());
            }
            None => {}
        }
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_are_highlighted_before_prefixes() {
        assert_eq!(
            word_positions("beriax beria", "beria"),
            Some(vec![7, 8, 9, 10, 11])
        );
        assert_eq!(
            word_positions("siberia beriax", "beri"),
            Some(vec![8, 9, 10, 11])
        );
        assert_eq!(word_positions("siberia", "beri"), None);
    }
}
