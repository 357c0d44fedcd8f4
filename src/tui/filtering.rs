//! The filter's search, kept off `App::update`'s hands. As with lazy texts, the
//! update only records that a search is wanted ([`App::search_wanted`]); the event
//! loop has it ranked on a worker thread ([`SearchRequest::run`]) and the result
//! comes back as a [`Message::Searched`](super::Message::Searched). Each wanted search has a generation: a
//! result for any but the newest is stale and dropped, so a newer keystroke always
//! supersedes older work.

use std::sync::Arc;

use super::app::App;
use crate::search::{Query, Ranking, SearchIndex};
use crate::store::Store;

/// A search the reading room wants ranked.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    generation: u64,
    query: Query,
    /// The collection's records, when the list is one collection's.
    within: Option<Arc<[usize]>>,
    index: Arc<SearchIndex>,
    /// The store once whole: field scopes (`person:`, `date:` ...) are checked on its
    /// records. `None` while it loads (the words alone rank meanwhile).
    records: Option<Arc<Store>>,
}

impl SearchRequest {
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Ranks the query's hits (without explaining them): the worker thread's job, and
    /// what tests call to run a search at once.
    pub fn run(&self) -> SearchResult {
        SearchResult {
            generation: self.generation,
            ranking: match &self.records {
                Some(store) => {
                    self.index
                        .ranking_in(&store.records, &self.query, self.within.as_deref(), None)
                }
                None => self
                    .index
                    .ranking(&self.query, self.within.as_deref(), None),
            },
        }
    }
}

/// A ranked search, sent back as a [`Message::Searched`](super::Message::Searched).
#[derive(Debug)]
pub struct SearchResult {
    generation: u64,
    ranking: Ranking,
}

impl SearchResult {
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

#[derive(Debug, Default)]
pub(crate) struct SearchState {
    /// Bumped whenever the list's contents are decided anew: results of older
    /// generations are stale.
    generation: u64,
    /// The search whose result the list waits for.
    wanted: Option<SearchRequest>,
    /// Whether the selected record stays selected when the wanted result arrives.
    keep: bool,
    /// The filter holds field scopes (`date:`, `person:` ...) and the store is still
    /// loading: they apply once it is whole, and the filter line says so.
    scopes_unapplied: bool,
    /// Why the filter's query cannot be read as written ("date:19x4..: not a date").
    pub(crate) syntax_error: Option<String>,
}

impl SearchState {
    /// A short-field search is awaited, or the query cannot be read.
    pub(crate) fn wanted_or_error(&self) -> bool {
        self.wanted.is_some() || self.syntax_error.is_some()
    }
}

impl App {
    /// Why the filter's query cannot be read as written, pointing at the place.
    pub fn filter_syntax_error(&self) -> Option<&str> {
        self.search.syntax_error.as_deref()
    }

    /// The search the list waits for, not yet answered: the event loop has it run.
    pub fn search_wanted(&self) -> Option<&SearchRequest> {
        self.search.wanted.as_ref()
    }

    /// A search's result: shown if it is the newest wanted, dropped if stale.
    pub(crate) fn search_arrived(&mut self, result: SearchResult) {
        let current = self
            .search
            .wanted
            .as_ref()
            .is_some_and(|w| w.generation == result.generation);
        if !current {
            return;
        }
        self.search.wanted = None;
        let previous = self.selected_index();
        let held = self.library.store.records.len();
        self.listing.show_ranking(result.ranking, held);
        self.sort_rows();
        self.reselect(previous, self.search.keep);
    }

    /// The filter holds field scopes that apply once the store is loaded.
    pub fn filter_scopes_unapplied(&self) -> bool {
        self.search.scopes_unapplied && !self.filter.query.trim().is_empty()
    }

    /// A filter is typed but the index has not arrived: it applies once it does.
    pub fn filter_pending(&self) -> bool {
        self.library.index.is_none() && !self.filter.query.trim().is_empty()
    }

    /// Decides the record list anew for the current collection and filter: the
    /// unfiltered list at once, a filtered one once its search is run. `keep` keeps
    /// the selected record selected when it is still listed.
    pub(crate) fn refresh_rows(&mut self, keep: bool) {
        let previous = self.selected_index();
        let index = self.library.index.clone();
        self.listing
            .ensure_base(&self.library.store, index.as_deref(), self.collection);
        self.search.generation += 1;
        let (query, restrict) = self.desk_query();
        self.listing.noted = self.noted_matches(&query);
        self.listing.restrict = restrict;
        // The texts are searched too: to list them (Ctrl-f) or to count them.
        self.want_text_search();
        if self.fulltext_lists() {
            self.search.wanted = None;
            self.search.syntax_error = None;
            self.search.scopes_unapplied = false;
            return;
        }
        let query = query.trim();
        match index {
            Some(index) if !query.is_empty() => {
                // A narrowing from a view across documents is searched within its records.
                let narrowed = self.narrowed_within();
                let applied = narrowed.is_some();
                let within = narrowed.or_else(|| {
                    (self.collection > 0).then(|| Arc::from(self.listing.base.as_slice()))
                });
                self.search.syntax_error = Query::try_parse(query)
                    .err()
                    .map(|e| crate::strings::syntax_error(&e));
                let query = Query::parse(query);
                // Field scopes are checked on the records, shared once the store is whole;
                // a narrowing's records already are those its scope names, spellings
                // merged as the index merged them, and are not checked again.
                let records =
                    (!self.is_loading() && !applied).then(|| Arc::clone(&self.library.store));
                self.search.scopes_unapplied =
                    query.needs_records() && records.is_none() && !applied;
                self.search.wanted = Some(SearchRequest {
                    generation: self.search.generation,
                    query,
                    within,
                    index,
                    records,
                });
                self.search.keep = keep;
            }
            // No filter, or no index yet to filter with: the whole list meanwhile.
            _ => {
                self.search.wanted = None;
                self.search.scopes_unapplied = false;
                self.search.syntax_error = None;
                self.listing.show_base();
                self.sort_rows();
                self.reselect(previous, keep);
            }
        }
    }

    /// More records arrived. Under a ranking of every record (the index arrived
    /// first), the rows only grow by the hits now held; otherwise the list is decided
    /// anew (a collection's members are known only as they arrive).
    pub(crate) fn records_arrived(&mut self) {
        // Every pass here costs time in proportion to the records held: while a big
        // store loads, the whole list is redone only once it has grown by a quarter
        // (a few times in all), and once more when the last record is in.
        let held = self.library.store.records.len();
        if self.is_loading() && self.collection == 0 && self.listing.base_covers_most_of(held) {
            return;
        }
        // A record chosen further down stays chosen; the first row stays selected,
        // whichever record comes to head the list (the reader has not moved yet, or
        // went to the top).
        let keep = self.selected > 0;
        // The ranking shown or awaited is of the whole index.
        let ranked_all = self.collection == 0
            && self.library.index.is_some()
            && !self.filter.query.trim().is_empty();
        if !ranked_all {
            self.refresh_rows(keep);
            return;
        }
        self.listing.ensure_base(
            &self.library.store,
            self.library.index.as_deref(),
            self.collection,
        );
        if self.search.wanted.is_none() {
            let previous = self.selected_index();
            self.listing.reshow_ranking(held);
            self.reselect(previous, keep);
        }
    }

    fn reselect(&mut self, previous: Option<usize>, keep: bool) {
        self.selected = previous
            .filter(|_| keep)
            .and_then(|record| {
                self.listing
                    .rows
                    .iter()
                    .position(|row| row.record == record)
            })
            .unwrap_or(0);
    }
}
