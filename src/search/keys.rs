//! The precomputed, folded search keys of a store, built once when it is opened.
//!
//! Two structures answer every query word:
//! - a sorted vocabulary of the folded words of every searched field, each word with
//!   the (record, field) pairs it occurs in, for whole-word and word-prefix matches
//!   (the only way the summary is searched);
//! - the fuzzy pool: every folded title, and every distinct folded person, place and
//!   subject spelling with the records that name it. Names repeat across records, so
//!   the pool stays close to one entry per record.

use std::collections::HashMap;

use super::Field;
use super::fold::{fold, original_words, words};
use crate::store::{Day, Store, edtf};

/// A distinct folded name, place or subject, and the records it belongs to.
#[derive(Debug, Clone)]
pub struct ShortKey {
    pub field: Field,
    /// The spelling as the store first gives it, for `people: Osman Batur`.
    pub original: String,
    pub records: Vec<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Sorted, distinct folded words.
    pub vocabulary: Vec<Box<str>>,
    /// Each vocabulary word as the store first spells it ("Stalin"), for `matched_in`.
    pub spellings: Vec<Box<str>>,
    /// `postings[starts[w]..starts[w + 1]]` are where vocabulary word `w` occurs.
    pub starts: Vec<u32>,
    pub postings: Vec<Posting>,
    /// Folded titles, one per record.
    pub titles: Vec<String>,
    /// Folded distinct short keys, parallel to `short_keys`, as the matcher wants them.
    pub short_folded: Vec<String>,
    pub short_keys: Vec<ShortKey>,
    /// Each record's EDTF bounds, when it has a date.
    pub dates: Vec<Option<(Day, Day)>>,
    /// Each record's position when the store is sorted by date then title: ties in
    /// score are broken by it.
    pub order: Vec<u32>,
}

/// One occurrence of a vocabulary word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub record: u32,
    pub field: Field,
}

impl Keys {
    pub fn build(store: &Store) -> Self {
        let mut vocabulary: HashMap<String, (String, Vec<Posting>)> = HashMap::new();
        let mut short: HashMap<(Field, String), usize> = HashMap::new();
        let mut keys = Keys::default();

        for (i, record) in store.records.iter().enumerate() {
            let record_index = u32::try_from(i).unwrap_or(u32::MAX);
            let mut add_words = |field: Field, text: &str| {
                for written in original_words(text) {
                    for word in words(&fold(written)) {
                        let (_, list) = vocabulary
                            .entry(word.to_string())
                            .or_insert_with(|| (written.to_string(), Vec::new()));
                        let posting = Posting {
                            record: record_index,
                            field,
                        };
                        if list.last() != Some(&posting) {
                            list.push(posting);
                        }
                    }
                }
            };
            add_words(Field::Title, &record.title);
            add_words(Field::Id, &record.id);
            if let Some(summary) = &record.summary {
                add_words(Field::Summary, summary);
            }
            if let Some(date) = &record.date {
                if let Some(display) = &date.display {
                    add_words(Field::Date, display);
                }
                if let Some(edtf) = &date.edtf {
                    add_words(Field::Date, edtf.as_str());
                }
            }
            let names = record
                .people
                .iter()
                .map(|p| (Field::People, p))
                .chain(record.places.iter().map(|p| (Field::Places, p)))
                .flat_map(|(field, entity)| {
                    std::iter::once(&entity.name)
                        .chain(&entity.alt)
                        .map(move |name| (field, name))
                });
            let subjects = record.subjects.iter().map(|s| (Field::Subjects, s));
            for (field, text) in names.chain(subjects) {
                add_words(field, text);
                let folded = fold(text);
                if folded.trim().is_empty() {
                    continue;
                }
                let next = keys.short_keys.len();
                let at = *short.entry((field, folded.clone())).or_insert(next);
                if at == next {
                    keys.short_folded.push(folded);
                    keys.short_keys.push(ShortKey {
                        field,
                        original: text.clone(),
                        records: Vec::new(),
                    });
                }
                let records = &mut keys.short_keys[at].records;
                if records.last() != Some(&record_index) {
                    records.push(record_index);
                }
            }
            keys.titles.push(fold(&record.title));
            keys.dates
                .push(record.edtf().map(|e| (e.lower(), e.upper())));
        }

        let mut sorted: Vec<(String, (String, Vec<Posting>))> = vocabulary.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        keys.starts.reserve(sorted.len() + 1);
        for (word, (spelling, postings)) in sorted {
            keys.starts.push(len_u32(keys.postings.len()));
            keys.vocabulary.push(word.into_boxed_str());
            keys.spellings.push(spelling.into_boxed_str());
            keys.postings.extend(postings);
        }
        keys.starts.push(len_u32(keys.postings.len()));

        let mut by_date = store.all();
        by_date.sort_by(|&a, &b| {
            let (a, b) = (&store.records[a], &store.records[b]);
            edtf::compare_optional(a.edtf(), b.edtf()).then_with(|| a.title.cmp(&b.title))
        });
        keys.order = vec![0; by_date.len()];
        for (position, &record) in by_date.iter().enumerate() {
            keys.order[record] = len_u32(position);
        }
        keys
    }

    /// The vocabulary words starting with `prefix` (the word itself first, if present),
    /// as indices into `vocabulary`.
    pub fn words_with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.vocabulary.partition_point(|w| &**w < prefix);
        let len = self.vocabulary[start..].partition_point(|w| w.starts_with(prefix));
        start..start + len
    }

    pub fn postings_of(&self, word: usize) -> &[Posting] {
        let (from, to) = (self.starts[word], self.starts[word + 1]);
        &self.postings[from as usize..to as usize]
    }
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
