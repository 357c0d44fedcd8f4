//! The filter line's full-text mode (Ctrl-f) and the full-text index behind it.
//!
//! The index is opened (or built, or brought up to date) on a thread of the runtime
//! once the store is whole (`crate::room::indexer`), which says how far it has come
//! ([`FullTextMessage::Progress`]) and then answers searches. As with the short
//! fields, `update` only records what is wanted ([`App::text_search_wanted`],
//! [`App::text_hits_wanted`], [`App::text_snippets_wanted`]); the searching, and the
//! reading of texts for snippets and hits, happen on that thread (`fulltext_jobs`) and
//! come back as messages, each search with its generation so that stale answers are
//! dropped.
//!
//! While the texts are indexed, a search is answered from what is indexed so far and
//! says so ("14 in texts so far · indexing 34%"); it is asked again when more can be
//! searched ([`FullTextMessage::SoFar`]) and once the index is done.
//!
//! Plain typing still filters the short fields; while it does, the texts are counted
//! too, so that a filter that finds nothing in the titles can say how many texts hold
//! the words ("0 in titles · 14 in texts: Ctrl-f").

use std::sync::Arc;

use super::app::App;
use super::fulltext_jobs::FoundText;
use super::fulltext_jobs::{
    SnippetsRequest, SnippetsResult, TextHitsRequest, TextHitsResult, TextSearchRequest,
    TextSearchResult, snippet_line,
};
use super::listing::Row;
use super::view::Line;
use crate::store::Store;
use crate::strings;

/// The best this many records are listed (the total counts all).
const LISTED: usize = 100;
/// Snippets come with the answer for this many screens of the list: each reads and
/// analyses a whole text, the dearest part of a full-text search. Rows further down
/// get theirs as they come into sight.
const SNIPPET_SCREENS: usize = 2;
/// ... and never for fewer rows than this.
const SNIPPETS_LEAST: usize = 16;
/// A snippet's width when the record list is not in sight.
const SNIPPET_WIDTH: usize = 60;

/// How far the full-text index is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum IndexState {
    /// Not started: the store is still loading.
    #[default]
    Waiting,
    /// Being built or brought up to date: percent done.
    Indexing(u8),
    Ready,
    /// Why there is no index.
    Failed(String),
}

/// What the full-text thread sends back.
#[derive(Debug)]
pub enum FullTextMessage {
    Progress(u8),
    /// More of the texts can be searched than when the last partial answer was made.
    SoFar,
    /// The index is open (or why not).
    Ready(Result<(), String>),
    Found(TextSearchResult),
    Hits(TextHitsResult),
    Snippets(SnippetsResult),
}

/// A listed row's snippet.
#[derive(Debug, Clone, Default)]
enum SnippetSlot {
    /// Not cut yet: asked for when the row comes into sight.
    #[default]
    Unknown,
    /// The record has no text to cut one from.
    Missing,
    Cut(Line<'static>),
}

#[derive(Debug, Default)]
pub(crate) struct FullTextState {
    pub(crate) index: IndexState,
    /// Ctrl-f: the filter line searches the texts.
    pub(crate) on: bool,
    generation: u64,
    wanted: Option<TextSearchRequest>,
    /// How many records' texts hold the query (both modes), once answered.
    total: Option<usize>,
    /// The answer was made while indexing, this percent indexed.
    partial: Option<u8>,
    /// Why the query finds nothing: bad syntax, a failed search.
    error: Option<String>,
    /// Whether the rows listed are the full-text answer's.
    listed: bool,
    /// Each listed row's snippet line, by rank.
    snippets: Vec<SnippetSlot>,
    /// The search whose answer is listed: its generation, query and snippet width.
    rows_of: Option<(u64, String, usize)>,
    /// The query whose hits in the shown text are known (or asked for).
    hits_query: Option<(usize, String)>,
}

impl App {
    /// The full-text index's state, for the status and filter lines.
    pub fn index_state(&self) -> &IndexState {
        &self.fulltext.index
    }

    /// The store, shared with the full-text thread once whole (no copy is made).
    pub fn shared_store(&self) -> Arc<Store> {
        Arc::clone(&self.library.store)
    }

    /// The filter line searches the texts (Ctrl-f).
    pub fn fulltext_on(&self) -> bool {
        self.fulltext.on
    }

    /// The full-text search wanted and not yet answered: the event loop has it run.
    pub fn text_search_wanted(&self) -> Option<&TextSearchRequest> {
        self.fulltext.wanted.as_ref()
    }

    /// The shown record's hits wanted (full-text mode, a text shown, hits not known).
    pub fn text_hits_wanted(&self) -> Option<TextHitsRequest> {
        if !self.fulltext.listed || matches!(self.fulltext.index, IndexState::Failed(_)) {
            return None;
        }
        let record = self.shown_index()?;
        if !self.library.store.records.get(record)?.has_full_text() {
            return None;
        }
        let query = self.filter.query.trim().to_string();
        let known = self
            .fulltext
            .hits_query
            .as_ref()
            .is_some_and(|(r, q)| *r == record && *q == query);
        (!known && !query.is_empty()).then_some(TextHitsRequest { record, query })
    }

    /// Snippets wanted for the listed rows in sight, and a screen below them, that
    /// came without one (the answer cuts them for the first screens only).
    pub fn text_snippets_wanted(&self) -> Option<SnippetsRequest> {
        let (generation, query, width) = self.fulltext.rows_of.as_ref()?;
        if !self.fulltext.listed {
            return None;
        }
        let records = self.panes().records.map(super::layout::inner)?;
        let in_sight = usize::from(records.height) / self.row_height();
        let rows: Vec<(usize, usize)> = self
            .listing
            .rows
            .iter()
            .skip(self.records_offset)
            .take(in_sight * 2)
            .filter(|row| {
                matches!(
                    self.fulltext.snippets.get(row.rank),
                    Some(SnippetSlot::Unknown)
                )
            })
            .map(|row| (row.rank, row.record))
            .collect();
        (!rows.is_empty()).then(|| SnippetsRequest {
            generation: *generation,
            query: query.clone(),
            rows,
            width: *width,
        })
    }

    /// Row `row`'s snippet, while the list is the full-text answer.
    pub fn snippet_line(&self, row: usize) -> Option<&Line<'static>> {
        if !self.fulltext.listed {
            return None;
        }
        let rank = self.listing.rows.get(row)?.rank;
        match self.fulltext.snippets.get(rank)? {
            SnippetSlot::Cut(line) => Some(line),
            SnippetSlot::Unknown | SnippetSlot::Missing => None,
        }
    }

    /// Screen lines one record takes in the list: two with its snippet.
    pub fn row_height(&self) -> usize {
        if self.fulltext.listed { 2 } else { 1 }
    }

    /// What the filter line says of the texts, when it has something to say: the
    /// count in full-text mode (partial while indexing), why nothing is found, or the
    /// texts' count when the titles found nothing.
    pub fn fulltext_count(&self) -> Option<String> {
        let indexing = match &self.fulltext.index {
            IndexState::Waiting => Some(0),
            IndexState::Indexing(p) => Some(*p),
            IndexState::Failed(_) | IndexState::Ready => None,
        };
        let waiting = match &self.fulltext.index {
            IndexState::Failed(why) => Some(format!("{} {why}", strings::INDEX_FAILED)),
            _ => indexing.map(strings::texts_waiting),
        };
        let answered = self.fulltext.total.map(|total| {
            if self.fulltext.partial.is_some() {
                strings::in_texts_so_far(total, indexing)
            } else {
                strings::in_texts(total)
            }
        });
        if self.fulltext.on {
            if let Some(error) = &self.fulltext.error {
                return Some(error.clone());
            }
            return answered.or(waiting);
        }
        if self.filter.query.trim().is_empty() || self.filter_pending() {
            return None;
        }
        if self.search.wanted_or_error() || !self.listing.rows.is_empty() {
            return None;
        }
        let key = super::keymap::key_label(super::Action::ToggleFullText).unwrap_or_default();
        let texts = match (answered, self.fulltext.total, waiting) {
            (Some(answered), Some(total), _) if total > 0 => answered,
            // Nothing in the texts indexed so far: more may come.
            (_, _, Some(waiting)) => waiting,
            // Nothing in the texts either: the plain count says it.
            _ => return None,
        };
        Some(strings::titles_and_texts(0, &texts, &key))
    }

    /// Ctrl-f: the filter line switches between the short fields and the texts.
    pub(crate) fn toggle_fulltext(&mut self) {
        self.fulltext.on = !self.fulltext.on;
        self.fulltext.hits_query = None;
        self.forget_text_hits();
        if !self.filter.editing && self.filter.query.trim().is_empty() {
            // Nothing typed yet: straight into the filter line, searching texts.
            self.filter.editing = true;
            self.filter.return_to = self.focus;
            self.set_focus(super::Pane::Records);
        }
        self.refresh_rows(false);
    }

    /// Esc in the filter line: the next filter begins on the short fields.
    pub(crate) fn leave_fulltext(&mut self) {
        self.fulltext.on = false;
        self.fulltext.listed = false;
        self.forget_text_hits();
    }

    /// Whether the full-text answer decides the list now (`refresh_rows` asks).
    pub(crate) fn fulltext_lists(&self) -> bool {
        self.fulltext.on && !self.filter.query.trim().is_empty()
    }

    /// Asks for the texts to be searched for the filter's query: to list (full-text
    /// mode) or to count. Called whenever the list is decided anew.
    pub(crate) fn want_text_search(&mut self) {
        self.fulltext.generation += 1;
        self.fulltext.total = None;
        self.fulltext.partial = None;
        self.fulltext.error = None;
        let query = self.filter.query.trim();
        if query.is_empty() || matches!(self.fulltext.index, IndexState::Failed(_)) {
            self.fulltext.wanted = None;
            self.fulltext.listed = false;
            return;
        }
        if !self.fulltext.on {
            self.fulltext.listed = false;
        }
        let within = (self.collection > 0).then(|| Arc::from(self.listing.base.as_slice()));
        let records = self.panes().records.map(super::layout::inner);
        let width = records
            .map_or(SNIPPET_WIDTH, |r| usize::from(r.width).saturating_sub(3))
            .max(10);
        let in_sight = records.map_or(0, |r| usize::from(r.height) / 2);
        let snippets = (in_sight * SNIPPET_SCREENS).max(SNIPPETS_LEAST);
        self.fulltext.wanted = Some(TextSearchRequest {
            generation: self.fulltext.generation,
            query: query.to_string(),
            within,
            listed: if self.fulltext.on { LISTED } else { 0 },
            snippets,
            width,
        });
    }

    /// A partial answer is asked again, now that more can be searched: what it says
    /// stays until the new answer comes.
    fn search_again_if_partial(&mut self) {
        if self.fulltext.partial.is_none() || self.fulltext.wanted.is_some() {
            return;
        }
        let (total, partial) = (self.fulltext.total, self.fulltext.partial);
        let listed = self.fulltext.listed;
        self.want_text_search();
        self.fulltext.total = total;
        self.fulltext.partial = partial;
        self.fulltext.listed = listed;
    }

    pub(crate) fn fulltext_arrived(&mut self, message: FullTextMessage) {
        match message {
            FullTextMessage::Progress(percent) => {
                self.fulltext.index = IndexState::Indexing(percent);
            }
            FullTextMessage::SoFar => self.search_again_if_partial(),
            FullTextMessage::Ready(Ok(())) => {
                self.fulltext.index = IndexState::Ready;
                self.search_again_if_partial();
            }
            FullTextMessage::Ready(Err(why)) => {
                self.fulltext.index = IndexState::Failed(why);
                self.fulltext.wanted = None;
            }
            FullTextMessage::Found(result) => self.text_search_arrived(result),
            FullTextMessage::Hits(result) => self.text_hits_arrived(result),
            FullTextMessage::Snippets(result) => self.snippets_arrived(result),
        }
    }

    fn text_hits_arrived(&mut self, result: TextHitsResult) {
        let current =
            self.shown_index() == Some(result.record) && self.filter.query.trim() == result.query;
        if current {
            self.fulltext.hits_query = Some((result.record, result.query));
            self.set_text_hits(result.record, result.hits);
        }
    }

    fn snippets_arrived(&mut self, result: SnippetsResult) {
        let current = self.fulltext.listed
            && self
                .fulltext
                .rows_of
                .as_ref()
                .is_some_and(|(generation, _, _)| *generation == result.generation);
        if !current {
            return;
        }
        for (rank, snippet) in result.snippets {
            if let Some(slot) = self.fulltext.snippets.get_mut(rank) {
                *slot = snippet
                    .as_ref()
                    .map_or(SnippetSlot::Missing, |s| SnippetSlot::Cut(snippet_line(s)));
            }
        }
    }

    fn text_search_arrived(&mut self, result: TextSearchResult) {
        let current = self
            .fulltext
            .wanted
            .as_ref()
            .is_some_and(|w| w.generation == result.generation);
        if !current {
            return;
        }
        let Some(wanted) = self.fulltext.wanted.take() else {
            return;
        };
        let found = match result.outcome {
            Ok(found) => found,
            Err(error) => {
                self.fulltext.error = Some(error);
                if !result.counting {
                    self.show_text_rows(&wanted, Vec::new());
                }
                return;
            }
        };
        self.fulltext.total = Some(found.total);
        self.fulltext.partial = result.partial;
        if result.counting || !self.fulltext.on {
            return;
        }
        self.show_text_rows(&wanted, found.hits);
    }

    fn show_text_rows(&mut self, search: &TextSearchRequest, hits: Vec<FoundText>) {
        let previous = self.selected_index();
        self.fulltext.listed = true;
        self.fulltext.hits_query = None;
        self.fulltext.rows_of = Some((search.generation, search.query.clone(), search.width));
        self.fulltext.snippets = hits
            .iter()
            .enumerate()
            .map(|(rank, hit)| match &hit.snippet {
                Some(snippet) => SnippetSlot::Cut(snippet_line(snippet)),
                None if rank < search.snippets => SnippetSlot::Missing,
                None => SnippetSlot::Unknown,
            })
            .collect();
        self.listing.ranking = None;
        self.listing.rows = hits
            .iter()
            .enumerate()
            .map(|(rank, hit)| Row {
                record: hit.record,
                rank,
            })
            .collect();
        self.sort_rows();
        self.selected = previous
            .and_then(|r| self.listing.rows.iter().position(|row| row.record == r))
            .unwrap_or(0);
        self.forget_text_hits();
    }
}
