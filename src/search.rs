//! Finding records: the ranking `carrel search` prints and the reading room's filter
//! uses. Knows nothing of terminals. STUB: being written.

use crate::store::Store;

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

/// Precomputed search keys for every record of a store.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {}

impl SearchIndex {
    pub fn build(_store: &Store) -> Self {
        SearchIndex {}
    }

    /// Records matching every whitespace-separated word of `query`, best first.
    /// `within` restricts the search to those record indices (a collection);
    /// `limit` keeps the best N. An empty query matches nothing.
    pub fn search(
        &self,
        _query: &str,
        _within: Option<&[usize]>,
        _limit: Option<usize>,
    ) -> Vec<Hit> {
        Vec::new()
    }
}
