//! Finding records: the ranking `carrel search` prints and the reading room's filter
//! uses. Knows nothing of terminals.
//!
//! Every whitespace-separated word of a query must match somewhere in a record:
//! - by whole word or word prefix in any searched field: title, people and places with
//!   their variant spellings, subjects, summary, id, and date (display and EDTF); the
//!   summary takes prefixes of three letters or more;
//! - fuzzily (letters in order, gaps allowed) against the words of the short fields
//!   (title, people, places, subjects), for query words of three letters or more
//!   without digits: `mlotov` finds Molotov;
//! - a year, month or day (`1945`, `1945-10`) also matches records whose EDTF date
//!   lies within it (or, for a bounded interval, overlaps it).
//!
//! Matching ignores case and accents (`choibalsan` finds "Choibalsán"). Long fields
//! are not matched fuzzily: scattered letters match almost any paragraph. Scores and
//! their reasons are in `score`; the matcher is behind `fuzzy` (see `assets/docs/matcher.md`).

mod explain;
pub mod filter;
pub mod fold;
pub mod fulltext;
mod fuzzy;
mod keys;
mod persist;
mod postings;
mod query;
mod ranking;
mod score;
pub mod syntax;
mod words;

pub use fold::fold;
pub use query::{Query, QueryWord};
pub use ranking::Ranking;
pub use syntax::SyntaxError;

use std::sync::{Arc, Mutex};

use crate::store::{Record, Store};
use keys::{Keys, KeysBuilder};
use score::{Source, score_word};

/// For each query word, where its best match in each record was.
type PerWordSources = Vec<Vec<Source>>;

/// One record that matched every word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Store::records`.
    pub record: usize,
    /// Higher is better.
    pub score: u32,
    /// Char indices into the record's title of the letters that matched, for highlighting.
    pub title_positions: Vec<usize>,
    /// Where the words matched outside the title, e.g. `people: Osman Batur`.
    pub matched_in: Vec<String>,
}

/// The fields a word can match in, as `matched_in` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    People,
    Places,
    Subjects,
    Id,
    Date,
    Summary,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::People => "people",
            Field::Places => "places",
            Field::Subjects => "subjects",
            Field::Id => "id",
            Field::Date => "date",
            Field::Summary => "summary",
        }
    }
}

/// Precomputed search keys for every record of a store. It holds no record: hits are
/// explained from the records themselves (see [`Ranking::explain`]), so the index can
/// be loaded and searched before, or without, the records it covers.
#[derive(Debug, Default)]
pub struct SearchIndex {
    keys: Keys,
    /// The words the fuzzy matcher accepted for the last few query words: typing one
    /// more letter then rescans only those (see `score::WordScores::fuzzy_matched`).
    recent: Mutex<Vec<(String, Arc<Vec<u32>>)>>,
}

/// How many query words' fuzzy matches are remembered: enough for every word of a
/// query being typed.
const RECENT_WORDS: usize = 8;

impl Clone for SearchIndex {
    fn clone(&self) -> Self {
        SearchIndex {
            keys: self.keys.clone(),
            recent: Mutex::default(),
        }
    }
}

/// Builds a [`SearchIndex`] batch by batch while a store arrives, so that the index
/// is ready moments after the last record (see `crate::open`).
#[derive(Default)]
pub struct IndexBuilder {
    keys: KeysBuilder,
}

impl IndexBuilder {
    /// Adds the store's next records, in store order.
    pub fn add(&mut self, records: &[Record]) {
        self.keys.add(records);
    }

    pub fn finish(self) -> SearchIndex {
        SearchIndex {
            keys: self.keys.finish(),
            recent: Mutex::default(),
        }
    }
}

impl SearchIndex {
    pub fn build(store: &Store) -> Self {
        SearchIndex {
            keys: Keys::build(store),
            recent: Mutex::default(),
        }
    }

    /// Where `record` stands when the store is sorted by date, then title (0 first):
    /// sorting by it is far cheaper than comparing dates. `None` past the index's end.
    pub fn date_position(&self, record: usize) -> Option<u32> {
        self.keys.order.get(record).copied()
    }

    /// The index as bytes, to be saved beside the store's cache.
    pub fn to_bytes(&self) -> Vec<u8> {
        persist::to_bytes(self)
    }

    /// An index saved by [`SearchIndex::to_bytes`]; `None` when the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        Some(SearchIndex {
            keys: persist::from_bytes(bytes)?,
            recent: Mutex::default(),
        })
    }

    /// How many records the index covers.
    pub fn len(&self) -> usize {
        self.keys.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.order.is_empty()
    }

    /// Records matching every whitespace-separated word of `query`, best first, each
    /// explained from `records` (the store's records, in the order the index was built
    /// over); ties go by date, then title. `within` restricts the search to those record
    /// indices (a collection; indices out of range are ignored); `limit` keeps the best
    /// N. An empty query, or one of punctuation only, matches nothing.
    pub fn search(
        &self,
        records: &[Record],
        query: &str,
        within: Option<&[usize]>,
        limit: Option<usize>,
    ) -> Vec<Hit> {
        let ranking = self.ranking_in(records, &Query::parse(query), within, limit);
        (0..ranking.len())
            .filter_map(|position| {
                let record = records.get(ranking.record(position)?)?;
                ranking.explain(self, position, record)
            })
            .collect()
    }

    /// The best `limit` hits of `query` (all without one), best first, without their
    /// explanations: for counting the hits and explaining only the rows in sight
    /// (explaining costs a few microseconds a hit).
    pub fn ranking(
        &self,
        query: &Query,
        within: Option<&[usize]>,
        limit: Option<usize>,
    ) -> Ranking {
        self.ranked(query, within, limit).unwrap_or_default()
    }

    /// [`SearchIndex::ranking`] with the query's filters too (phrases, exclusions,
    /// `a | b`, field scopes: see [`Query::filters`]), checked against `records` (the
    /// store's records, in the order the index was built over). A query of filters
    /// only lists the records that pass them, in date order.
    pub fn ranking_in(
        &self,
        records: &[Record],
        query: &Query,
        within: Option<&[usize]>,
        limit: Option<usize>,
    ) -> Ranking {
        if !query.needs_records() {
            return self.ranking(query, within, limit);
        }
        let allowed = |&r: &usize| records.get(r).is_some_and(|record| query.allows(record));
        let candidates: Vec<usize> = match within {
            Some(within) => within.iter().copied().filter(allowed).collect(),
            None => (0..records.len().min(self.len())).filter(allowed).collect(),
        };
        self.ranked(query, Some(&candidates), limit)
            .unwrap_or_default()
    }

    /// The same records and order as [`SearchIndex::ranking`], as (record, score) pairs.
    pub fn rank(
        &self,
        query: &Query,
        within: Option<&[usize]>,
        limit: Option<usize>,
    ) -> Vec<(usize, u32)> {
        self.ranking(query, within, limit).hits().to_vec()
    }

    /// The ranking, or `None` when nothing can match.
    fn ranked(
        &self,
        query: &Query,
        within: Option<&[usize]>,
        limit: Option<usize>,
    ) -> Option<Ranking> {
        if query.is_empty() || limit == Some(0) || self.is_empty() {
            return None;
        }
        if query.words.is_empty() {
            // Filters only: every record `within` (the filters' survivors) is a hit.
            let mut totals = vec![0; self.len()];
            for &record in within? {
                if let Some(total) = totals.get_mut(record) {
                    *total = 1;
                }
            }
            let best = self.best(&totals, limit);
            return (!best.is_empty()).then(|| Ranking::new(query.clone(), best, Vec::new()));
        }
        let (totals, sources) = self.score_all(query, within)?;

        let best = self.best(&totals, limit);
        Some(Ranking::new(query.clone(), best, sources))
    }

    /// The best `limit` hits (all without one), best first: higher total, then earlier
    /// in date-then-title order. Both fit one integer, so top-k selection and the sort
    /// compare integers only.
    fn best(&self, totals: &[u32], limit: Option<usize>) -> Vec<(usize, u32)> {
        let mut ranked: Vec<(u64, u32)> = totals
            .iter()
            .enumerate()
            .filter(|&(_, &total)| total > 0)
            .map(|(record, &total)| {
                let position = self.keys.order.get(record).copied().unwrap_or(u32::MAX);
                let key = (u64::from(u32::MAX - total) << 32) | u64::from(position);
                (key, record as u32)
            })
            .collect();
        if let Some(limit) = limit
            && limit < ranked.len()
        {
            ranked.select_nth_unstable_by_key(limit - 1, |&(key, _)| key);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by_key(|&(key, _)| key);
        ranked
            .into_iter()
            .map(|(_, record)| (record as usize, totals[record as usize]))
            .collect()
    }

    /// Each record's total over all words (0: some word did not match, or the record
    /// is outside `within`), and each word's best source per record.
    fn score_all(
        &self,
        query: &Query,
        within: Option<&[usize]>,
    ) -> Option<(Vec<u32>, PerWordSources)> {
        let n = self.len();
        let mut totals: Option<Vec<u32>> = within.map(|within| {
            let mut allowed = vec![0; n];
            for &record in within.iter().filter(|&&r| r < n) {
                allowed[record] = 1;
            }
            allowed
        });
        let mut sources = Vec::with_capacity(query.words.len());
        for (i, word) in query.words.iter().enumerate() {
            let candidates = word
                .fuzzy
                .then(|| self.recent_matches(&word.text))
                .flatten();
            let mut scores = score_word(
                &self.keys,
                word,
                totals.as_deref(),
                candidates.as_deref().map(|c| &c[..]),
            );
            if let Some(matched) = scores.fuzzy_matched.take() {
                self.remember(&word.text, matched);
            }
            let next = match totals {
                // `within` marks allowed records with 1 before any word has scored.
                Some(mut totals) => {
                    let first = i == 0;
                    for (total, &points) in totals.iter_mut().zip(&scores.points) {
                        *total = match (*total, points) {
                            (0, _) | (_, 0) => 0,
                            (_, points) if first => points,
                            (total, points) => total.saturating_add(points),
                        };
                    }
                    totals
                }
                None => scores.points,
            };
            if next.iter().all(|&t| t == 0) {
                return None;
            }
            totals = Some(next);
            sources.push(scores.sources);
        }
        totals.map(|totals| (totals, sources))
    }

    /// Forgets what earlier keystrokes matched. Results never depend on it; only the
    /// time of the next search does (benchmarks measure a first keystroke with it).
    pub fn forget_typing(&self) {
        if let Ok(mut recent) = self.recent.lock() {
            recent.clear();
        }
    }

    /// The fuzzy matches remembered for the longest earlier word that `word` extends.
    fn recent_matches(&self, word: &str) -> Option<Arc<Vec<u32>>> {
        let recent = self.recent.lock().ok()?;
        recent
            .iter()
            .filter(|(earlier, _)| word.starts_with(earlier.as_str()))
            .max_by_key(|(earlier, _)| earlier.len())
            .map(|(_, matched)| Arc::clone(matched))
    }

    fn remember(&self, word: &str, matched: Vec<u32>) {
        if let Ok(mut recent) = self.recent.lock() {
            recent.retain(|(earlier, _)| earlier != word);
            recent.insert(0, (word.to_string(), Arc::new(matched)));
            recent.truncate(RECENT_WORDS);
        }
    }
}
