//! How well one query word matches each record, and where.
//!
//! A word's points are its match quality plus the field's weight, and a record keeps
//! the best over its fields:
//!
//! | quality                                   | points          |
//! | ----------------------------------------- | --------------- |
//! | whole word (`beria` in "L. Beria to")     | 600             |
//! | word prefix (`ber`)                       | 400 to 500      |
//! | fuzzy, words of short fields (`mlotov`)   | 195 to 300      |
//!
//! | field                    | weight |
//! | ------------------------ | ------ |
//! | title                    | 300    |
//! | people, places           | 200    |
//! | subjects, date           | 150    |
//! | id                       | 100    |
//! | summary                  | 0      |
//!
//! The fuzzy matcher compares the query word with each distinct word of the short
//! fields (see `keys`), and a match must reach [`FUZZY_FLOOR`] of a perfect one.
//! So a title hit outranks the same hit anywhere else, and an exact word outranks a
//! scattered fuzzy match wherever it is. A date word (`1945`) also matches every
//! record whose EDTF date lies within it (as a whole word) or overlaps it (as a prefix).

use super::Field;
use super::fuzzy::FuzzyNeedle;
use super::keys::Keys;
use super::query::QueryWord;
use crate::store::Day;

const WHOLE: u32 = 600;
const PREFIX: u32 = 400;
/// Up to this much more for a prefix covering more of its word.
const PREFIX_COVER: u32 = 100;
const FUZZY_MAX: u32 = 300;
/// Fuzzy matches below this quality (of [`FuzzyNeedle::PERFECT`]) are scattered
/// letters, not a misspelling: dropped.
const FUZZY_FLOOR: u32 = 650;
/// Query words shorter than this match summary words only whole.
const MIN_SUMMARY_PREFIX: usize = 3;

impl Field {
    fn weight(self) -> u32 {
        match self {
            Field::Title => 300,
            Field::People | Field::Places => 200,
            Field::Subjects | Field::Date => 150,
            Field::Id => 100,
            Field::Summary => 0,
        }
    }
}

/// Where a word's best match in a record was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    #[default]
    Nowhere,
    /// The whole of, or the start of, vocabulary word `word` in this field.
    Word { field: Field, word: u32 },
    /// A fuzzy match of vocabulary word `word` (of `Keys::short`) in this field.
    Fuzzy { field: Field, word: u32 },
    /// The record's EDTF date lies within or overlaps the date word.
    Edtf,
}

/// One word's best points and their source for every record (0 points: no match).
pub struct WordScores {
    pub points: Vec<u32>,
    pub sources: Vec<Source>,
    /// Every short-vocabulary word the fuzzy matcher accepted, however weakly, in
    /// ascending order. A longer word typed after this one (`beri` after `ber`) can only
    /// match among these: its letters in order contain this word's.
    pub fuzzy_matched: Option<Vec<u32>>,
}

impl WordScores {
    fn offer(&mut self, record: usize, points: u32, source: Source) {
        if let Some(best) = self.points.get_mut(record)
            && points > *best
        {
            *best = points;
            self.sources[record] = source;
        }
    }
}

/// Scores `word` against every record. `alive`, when given, says which records can
/// still be hits (earlier words, or the collection, allow them): others are skipped.
/// `fuzzy_candidates`, when given, are the only short-vocabulary words that can match
/// fuzzily (those a prefix of this word matched: see [`WordScores::fuzzy_matched`]).
pub fn score_word(
    keys: &Keys,
    word: &QueryWord,
    alive: Option<&[u32]>,
    fuzzy_candidates: Option<&[u32]>,
) -> WordScores {
    let n = keys.order.len();
    let mut scores = WordScores {
        points: vec![0; n],
        sources: vec![Source::Nowhere; n],
        fuzzy_matched: None,
    };
    let is_alive = |record: usize| alive.is_none_or(|a| a.get(record).is_some_and(|&t| t > 0));
    // A scoped word (`person:osman`) counts in its own field only.
    let in_scope = |field: Field| word.field.is_none_or(|scope| scope == field);
    let short_needle = word.text.len() < MIN_SUMMARY_PREFIX;

    if word.by_word {
        let needle_chars = word.text.chars().count() as u32;
        for vocabulary in [&keys.short, &keys.long, &keys.summary] {
            let only_whole = short_needle && std::ptr::eq(vocabulary, &keys.summary);
            for w in vocabulary.with_prefix(&word.text) {
                let Some(found) = vocabulary.words.get(w) else {
                    continue;
                };
                let whole = found.len() == word.text.len();
                if only_whole && !whole {
                    // The word itself comes first in the range: nothing more can match.
                    break;
                }
                let quality = if whole {
                    WHOLE
                } else {
                    let word_chars = found.chars().count().max(1) as u32;
                    PREFIX + PREFIX_COVER * needle_chars / word_chars
                };
                let word_index = len_u32(w);
                for posting in vocabulary.postings_of(w) {
                    let record = posting.record as usize;
                    if !is_alive(record) || !in_scope(posting.field) {
                        continue;
                    }
                    let source = Source::Word {
                        field: posting.field,
                        word: word_index,
                    };
                    scores.offer(record, quality + posting.field.weight(), source);
                }
            }
        }
    }

    if let Some((from, to)) = word.date {
        for (record, bounds) in keys.dates.iter().enumerate() {
            let Some((lower, upper)) = *bounds else {
                continue;
            };
            let quality = if from <= lower && upper <= to {
                WHOLE
            } else if lower <= to && from <= upper && is_finite(lower, upper) {
                PREFIX
            } else {
                continue;
            };
            scores.offer(record, quality + Field::Date.weight(), Source::Edtf);
        }
    }

    if word.fuzzy {
        let mut needle = FuzzyNeedle::new(&word.text);
        let found_words = match fuzzy_candidates {
            Some(candidates) => needle.match_subset(|i| keys.short.words.get(i), candidates),
            None => needle.match_all(&keys.short.words.all()),
        };
        scores.fuzzy_matched = Some(found_words.iter().map(|f| len_u32(f.index)).collect());
        for found in found_words {
            if found.quality < FUZZY_FLOOR {
                continue;
            }
            let quality = found.quality * FUZZY_MAX / FuzzyNeedle::PERFECT;
            let word_index = len_u32(found.index);
            for posting in keys.short.postings_of(found.index) {
                let record = posting.record as usize;
                if is_alive(record) && in_scope(posting.field) {
                    let source = Source::Fuzzy {
                        field: posting.field,
                        word: word_index,
                    };
                    scores.offer(record, quality + posting.field.weight(), source);
                }
            }
        }
    }
    scores
}

/// Open-ended dates (`../1945`) overlap every year on one side: no match by overlap.
fn is_finite(lower: Day, upper: Day) -> bool {
    lower != Day::MIN && upper != Day::MAX
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
