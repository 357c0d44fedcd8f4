//! The hits of one query, in rank order, explained one at a time on demand.
//!
//! Ranking a query is cheap; explaining a hit (which title letters to highlight, where
//! the other words matched) costs a few microseconds. At a hundred thousand records a
//! one-letter query has tens of thousands of hits, so the reading room ranks them all,
//! shows the count, and explains only the rows on screen.

use super::explain::{Shown, explain};
use super::query::{Query, QueryWord};
use super::score::Source;
use super::{Hit, PerWordSources, SearchIndex};
use crate::store::Record;

/// The ranked hits of a query and what is needed to explain any of them later.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    query: Query,
    /// (record, score), best first.
    hits: Vec<(usize, u32)>,
    /// For each query word, where its best match in each record was.
    sources: PerWordSources,
}

impl Ranking {
    pub(super) fn new(query: Query, hits: Vec<(usize, u32)>, sources: PerWordSources) -> Self {
        Ranking {
            query,
            hits,
            sources,
        }
    }

    /// How many hits are ranked (at most the limit asked for).
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The record (index into `Store::records`) ranked at `position`.
    pub fn record(&self, position: usize) -> Option<usize> {
        self.hits.get(position).map(|&(record, _)| record)
    }

    /// (record, score) pairs, best first.
    pub fn hits(&self) -> &[(usize, u32)] {
        &self.hits
    }

    /// The hit at `position`, explained from `record`, which must be the record ranked
    /// there (see [`Ranking::record`]); `None` past the end.
    pub fn explain(&self, index: &SearchIndex, position: usize, record: &Record) -> Option<Hit> {
        let &(number, score) = self.hits.get(position)?;
        let words: Vec<(&QueryWord, Source)> = self
            .query
            .words
            .iter()
            .zip(&self.sources)
            .map(|(word, sources)| (word, sources.get(number).copied().unwrap_or_default()))
            .collect();
        let (title_positions, matched_in) = explain(&Shown::of(record), &index.keys, &words);
        Some(Hit {
            record: number,
            score,
            title_positions,
            matched_in,
        })
    }
}
