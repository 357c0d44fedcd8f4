//! How well one query word matches each record, and where.
//!
//! A word's points are its match quality plus the field's weight, and a record keeps
//! the best over its fields:
//!
//! | quality                                   | points          |
//! | ----------------------------------------- | --------------- |
//! | whole word (`beria` in "L. Beria to")     | 600             |
//! | word prefix (`ber`)                       | 400 to 500      |
//! | fuzzy, short fields only (`mlotov`)       | 0 to 300        |
//!
//! | field                    | weight |
//! | ------------------------ | ------ |
//! | title                    | 300    |
//! | people, places           | 200    |
//! | subjects, date           | 150    |
//! | id                       | 100    |
//! | summary                  | 0      |
//!
//! So a title hit outranks the same hit anywhere else, and an exact word outranks a
//! scattered fuzzy match wherever it is. A date word (`1945`) also matches every
//! record whose EDTF date lies within it (as a whole word) or overlaps it (as a prefix).

use super::Field;
use super::fuzzy::FuzzyNeedle;
use super::keys::Keys;
use super::query::QueryWord;

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
    /// A whole word or word prefix of this field: vocabulary word `word`.
    Word { field: Field, word: u32 },
    /// A fuzzy match of the title.
    FuzzyTitle,
    /// A fuzzy match of this entry of `Keys::short_keys`.
    FuzzyKey(u32),
    /// The record's EDTF date lies within or overlaps the date word.
    Edtf,
}

/// One word's best points and their source for every record (0 points: no match).
pub struct WordScores {
    pub points: Vec<u32>,
    pub sources: Vec<Source>,
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
/// still be hits (earlier words matched them): the vocabulary walk skips the others.
pub fn score_word(keys: &Keys, word: &QueryWord, alive: Option<&[u32]>) -> WordScores {
    let n = keys.titles.len();
    let mut scores = WordScores {
        points: vec![0; n],
        sources: vec![Source::Nowhere; n],
    };
    let is_alive = |record: usize| alive.is_none_or(|a| a[record] > 0);

    if word.by_word {
        let needle_chars = word.text.chars().count() as u32;
        for w in keys.words_with_prefix(&word.text) {
            let vocab_word = &keys.vocabulary[w];
            let whole = vocab_word.len() == word.text.len();
            let quality = if whole {
                WHOLE
            } else {
                let word_chars = vocab_word.chars().count().max(1) as u32;
                PREFIX + PREFIX_COVER * needle_chars / word_chars
            };
            for posting in keys.postings_of(w) {
                let record = posting.record as usize;
                if !whole && posting.field == Field::Summary && word.text.len() < MIN_SUMMARY_PREFIX
                {
                    continue;
                }
                if is_alive(record) {
                    let points = quality + posting.field.weight();
                    let source = Source::Word {
                        field: posting.field,
                        word: w as u32,
                    };
                    scores.offer(record, points, source);
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
        // When earlier words (or the collection) leave few records, match only their
        // titles: typing a second word then costs less than the first.
        let few: Option<Vec<usize>> = alive.and_then(|alive| {
            let left: Vec<usize> = (0..n).filter(|&r| alive[r] > 0).collect();
            (left.len() < n / 2).then_some(left)
        });
        match few {
            Some(left) => {
                let titles: Vec<&str> = left.iter().map(|&r| keys.titles[r].as_str()).collect();
                for found in needle.match_all(&titles) {
                    if let Some(points) = fuzzy_points(found.quality, Field::Title) {
                        scores.offer(left[found.index], points, Source::FuzzyTitle);
                    }
                }
            }
            None => {
                for found in needle.match_all(&keys.titles) {
                    if let Some(points) = fuzzy_points(found.quality, Field::Title) {
                        scores.offer(found.index, points, Source::FuzzyTitle);
                    }
                }
            }
        }
        for found in needle.match_all(&keys.short_folded) {
            let key = &keys.short_keys[found.index];
            let Some(points) = fuzzy_points(found.quality, key.field) else {
                continue;
            };
            let source = Source::FuzzyKey(u32::try_from(found.index).unwrap_or(u32::MAX));
            for &record in &key.records {
                scores.offer(record as usize, points, source);
            }
        }
    }
    scores
}

fn fuzzy_points(quality: u32, field: Field) -> Option<u32> {
    (quality >= FUZZY_FLOOR).then(|| quality * FUZZY_MAX / FuzzyNeedle::PERFECT + field.weight())
}

/// Open-ended dates (`../1945`) overlap every year on one side: no match by overlap.
fn is_finite(lower: crate::store::Day, upper: crate::store::Day) -> bool {
    lower != crate::store::Day::MIN && upper != crate::store::Day::MAX
}
