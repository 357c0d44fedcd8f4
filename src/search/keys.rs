//! The precomputed, folded search keys of a store, built once when it is opened.
//!
//! Every searched field is cut into folded words, and each distinct word keeps the
//! (record, field) pairs it occurs in. Three vocabularies:
//! - `short`: words of the title, people and places (with their variant spellings)
//!   and subjects. Matched by whole word, by word prefix, and fuzzily: the fuzzy
//!   matcher scans these distinct words, not whole titles, so `beria` cannot be spelt
//!   out of scattered letters across a title, and the scan grows with the number of
//!   distinct words (far slower than with the number of records);
//! - `long`: words of the id and dates, and `summary`: words of the summary. Matched by
//!   whole word and prefix only (summary words by prefix for three letters or more).

use std::collections::HashMap;
use std::ops::Range;

use super::Field;
use super::fold::{fold_into, original_words, words};
use super::postings::{Packer, Posting, Postings};
use super::words::WordList;
use crate::store::{Day, Edtf, Record, Store, edtf};

/// Distinct folded words, sorted, with where each occurs.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub words: WordList,
    /// Each word as the store first spells it ("Stalin"), for `matched_in`.
    pub spellings: WordList,
    /// `postings[starts[w]..starts[w + 1]]` are where word `w` occurs, packed (see
    /// `postings`).
    pub(super) starts: Vec<u64>,
    pub(super) postings: Vec<u8>,
}

impl Vocabulary {
    /// The words starting with `prefix` (the word itself first, if present).
    pub fn with_prefix(&self, prefix: &str) -> Range<usize> {
        self.words.with_prefix(prefix)
    }

    pub fn postings_of(&self, word: usize) -> Postings<'_> {
        let range = match (self.starts.get(word), self.starts.get(word + 1)) {
            (Some(&from), Some(&to)) => self.postings.get(from as usize..to as usize),
            _ => None,
        };
        Postings::new(range.unwrap_or_default())
    }

    pub fn word(&self, word: u32) -> Option<&str> {
        self.words.get(word as usize)
    }
}

/// Builds a [`Vocabulary`] record by record.
#[derive(Default)]
struct VocabularyBuilder {
    /// Folded word → (first spelling, postings).
    words: HashMap<String, (String, Packer)>,
    /// The word being folded.
    folded: String,
}

impl VocabularyBuilder {
    fn add(&mut self, record: u32, field: Field, text: &str) {
        let mut folded = std::mem::take(&mut self.folded);
        for written in original_words(text) {
            fold_into(written, &mut folded);
            for word in words(&folded) {
                let (_, list) = match self.words.get_mut(word) {
                    Some(entry) => entry,
                    None => self
                        .words
                        .entry(word.to_string())
                        .or_insert_with(|| (written.to_string(), Packer::default())),
                };
                list.push(Posting { record, field });
            }
        }
        self.folded = folded;
    }

    fn finish(self) -> Vocabulary {
        let mut sorted: Vec<(String, (String, Packer))> = self.words.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut vocabulary = Vocabulary {
            words: WordList::from_words(sorted.iter().map(|(w, _)| w.as_str())),
            spellings: WordList::from_words(sorted.iter().map(|(_, (s, _))| s.as_str())),
            ..Vocabulary::default()
        };
        vocabulary.starts.reserve(sorted.len() + 1);
        for (_, (_, packed)) in sorted {
            vocabulary.starts.push(vocabulary.postings.len() as u64);
            vocabulary.postings.extend_from_slice(&packed.bytes);
        }
        vocabulary.starts.push(vocabulary.postings.len() as u64);
        vocabulary
    }
}

#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub short: Vocabulary,
    /// Words of the id and the dates.
    pub long: Vocabulary,
    /// Words of the summary, apart: a short query word matches them only whole, and
    /// then none of their (many) prefix matches need be looked at.
    pub summary: Vocabulary,
    /// Each record's EDTF bounds, when it has a date.
    pub dates: Vec<Option<(Day, Day)>>,
    /// Each record's position when the store is sorted by date then title: ties in
    /// score are broken by it.
    pub order: Vec<u32>,
}

impl Keys {
    pub fn build(store: &Store) -> Self {
        let mut builder = KeysBuilder::default();
        builder.add(&store.records);
        builder.finish()
    }
}

/// Builds [`Keys`] batch by batch, as a store arrives.
#[derive(Default)]
pub struct KeysBuilder {
    short: VocabularyBuilder,
    long: VocabularyBuilder,
    summary: VocabularyBuilder,
    dates: Vec<Option<(Day, Day)>>,
    /// Each record's date and title, for the date-then-title order made at the end.
    sort_keys: Vec<(Option<Edtf>, Box<str>)>,
}

impl KeysBuilder {
    /// Adds the next records, in store order.
    pub fn add(&mut self, records: &[Record]) {
        for record in records {
            let r = len_u32(self.dates.len());
            let short = &mut self.short;
            let long = &mut self.long;
            short.add(r, Field::Title, &record.title);
            let entities = (record.people.iter().map(|e| (Field::People, e)))
                .chain(record.places.iter().map(|e| (Field::Places, e)));
            for (field, entity) in entities {
                for name in std::iter::once(&entity.name).chain(&entity.alt) {
                    short.add(r, field, name);
                }
            }
            for subject in &record.subjects {
                short.add(r, Field::Subjects, subject);
            }
            long.add(r, Field::Id, &record.id);
            if let Some(summary) = &record.summary {
                self.summary.add(r, Field::Summary, summary);
            }
            if let Some(date) = &record.date {
                if let Some(display) = &date.display {
                    long.add(r, Field::Date, display);
                }
                if let Some(edtf) = &date.edtf {
                    long.add(r, Field::Date, edtf.as_str());
                }
                // An Old Style date is found by its Gregorian day too.
                if let Some(dual) = &date.dual {
                    long.add(r, Field::Date, dual.gregorian.as_str());
                }
            }
            self.dates
                .push(record.edtf().map(|e| (e.lower(), e.upper())));
            self.sort_keys
                .push((record.edtf().cloned(), Box::from(record.title.as_str())));
        }
    }

    pub fn finish(self) -> Keys {
        let sort_keys = self.sort_keys;
        let mut by_date: Vec<usize> = (0..sort_keys.len()).collect();
        by_date.sort_by(|&a, &b| {
            let (a, b) = (&sort_keys[a], &sort_keys[b]);
            edtf::compare_optional(a.0.as_ref(), b.0.as_ref()).then_with(|| a.1.cmp(&b.1))
        });
        let mut order = vec![0; by_date.len()];
        for (position, &record) in by_date.iter().enumerate() {
            order[record] = len_u32(position);
        }
        Keys {
            short: self.short.finish(),
            long: self.long.finish(),
            summary: self.summary.finish(),
            dates: self.dates,
            order,
        }
    }
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
