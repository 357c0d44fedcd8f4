//! The filter line's full-text mode (Ctrl-f) and the full-text index behind it.
//!
//! The index is opened (or built, or brought up to date) on a thread of the runtime
//! once the store is whole (`crate::room::indexer`), which says how far it has come
//! ([`FullTextMessage::Progress`]) and then answers searches. As with the short
//! fields, `update` only records what is wanted ([`App::text_search_wanted`],
//! [`App::text_hits_wanted`]); the searching, and the reading of texts for snippets
//! and hits, happen on that thread ([`TextSearchRequest::run`],
//! [`TextHitsRequest::run`]) and come back as messages, each search with its
//! generation so that stale answers are dropped.
//!
//! Plain typing still filters the short fields; while it does, the texts are counted
//! too, so that a filter that finds nothing in the titles can say how many texts hold
//! the words ("0 in titles · 14 in texts: Ctrl-f").

use std::ops::Range;
use std::sync::Arc;

use super::app::App;
use super::listing::Row;
use super::message::Message;
use super::texts::read_text;
use super::view::{Line, Role, Span};
use crate::search::fulltext::{FullText, Snippet};
use crate::store::Store;
use crate::strings;
use crate::text::{sanitize, sanitize_line};

/// The best this many records are listed (the total counts all).
const LISTED: usize = 100;
/// Snippets are made for this many screens of the list: each reads and analyses a
/// whole text, the dearest part of a full-text search.
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
    /// The index is open (or why not).
    Ready(Result<(), String>),
    Found(TextSearchResult),
    Hits(TextHitsResult),
}

/// A full-text search the reading room wants run.
#[derive(Debug, Clone)]
pub struct TextSearchRequest {
    generation: u64,
    query: String,
    within: Option<Arc<[usize]>>,
    /// How many records to list; 0 only counts.
    listed: usize,
    /// How many of them, from the best, get a snippet.
    snippets: usize,
    width: usize,
}

impl TextSearchRequest {
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Runs the search, reading the listed records' texts for their snippets: I/O,
    /// for the full-text thread (or a test, at once).
    pub fn run(&self, fulltext: &FullText, store: &Store) -> Message {
        let outcome = fulltext
            .query(&self.query)
            .map_err(|e| strings::syntax_error(&e))
            .and_then(|query| {
                let limit = Some(self.listed.max(1));
                let found = fulltext
                    .search(store, &query, self.within.as_deref(), limit)
                    .map_err(|e| e.to_string())?;
                let hits = found
                    .hits
                    .iter()
                    .take(self.listed)
                    .enumerate()
                    .map(|(rank, &(record, _))| FoundText {
                        record,
                        snippet: (rank < self.snippets)
                            .then(|| fulltext.snippet(store, record, &query, self.width))
                            .and_then(Result::ok)
                            .flatten(),
                    })
                    .collect();
                Ok(TextFound {
                    total: found.total,
                    hits,
                })
            });
        Message::FullText(FullTextMessage::Found(TextSearchResult {
            generation: self.generation,
            counting: self.listed == 0,
            outcome,
        }))
    }
}

/// A full-text search's answer.
#[derive(Debug)]
pub struct TextSearchResult {
    generation: u64,
    counting: bool,
    outcome: Result<TextFound, String>,
}

#[derive(Debug)]
struct TextFound {
    total: usize,
    hits: Vec<FoundText>,
}

#[derive(Debug)]
struct FoundText {
    record: usize,
    snippet: Option<Snippet>,
}

/// Every hit of the full-text query in a record's shown text, wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHitsRequest {
    pub record: usize,
    pub query: String,
}

impl TextHitsRequest {
    /// Reads the record's shown text and finds the query's hits in it, as byte ranges
    /// of the text as the pane holds it (sanitised): for the full-text thread.
    pub fn run(&self, fulltext: &FullText, store: &Store) -> Message {
        let hits = match (read_text(store, self.record), fulltext.query(&self.query)) {
            (Ok(Some(text)), Ok(query)) => query.hits_in(&sanitize(&text.body), &text.lang),
            _ => Vec::new(),
        };
        Message::FullText(FullTextMessage::Hits(TextHitsResult {
            record: self.record,
            query: self.query.clone(),
            hits,
        }))
    }
}

#[derive(Debug)]
pub struct TextHitsResult {
    record: usize,
    query: String,
    hits: Vec<Range<usize>>,
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
    /// Why the query finds nothing: bad syntax, a failed search.
    error: Option<String>,
    /// Whether the rows listed are the full-text answer's.
    listed: bool,
    /// Each listed row's snippet line, in row order.
    snippets: Vec<Option<Line<'static>>>,
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
        if !self.fulltext.listed || self.fulltext.index != IndexState::Ready {
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

    /// Row `row`'s snippet, while the list is the full-text answer.
    pub fn snippet_line(&self, row: usize) -> Option<&Line<'static>> {
        if !self.fulltext.listed {
            return None;
        }
        let rank = self.listing.rows.get(row)?.rank;
        self.fulltext.snippets.get(rank)?.as_ref()
    }

    /// Screen lines one record takes in the list: two with its snippet.
    pub fn row_height(&self) -> usize {
        if self.fulltext.listed { 2 } else { 1 }
    }

    /// What the filter line says of the texts, when it has something to say: the
    /// count in full-text mode, why nothing is found, or the texts' count when the
    /// titles found nothing.
    pub fn fulltext_count(&self) -> Option<String> {
        let waiting = match &self.fulltext.index {
            IndexState::Waiting => Some(strings::texts_waiting(0)),
            IndexState::Indexing(p) => Some(strings::texts_waiting(*p)),
            IndexState::Failed(why) => Some(format!("{} {why}", strings::INDEX_FAILED)),
            IndexState::Ready => None,
        };
        if self.fulltext.on {
            if let Some(error) = &self.fulltext.error {
                return Some(error.clone());
            }
            return waiting.or_else(|| self.fulltext.total.map(strings::in_texts));
        }
        if self.filter.query.trim().is_empty() || self.filter_pending() {
            return None;
        }
        if self.search.wanted_or_error() || !self.listing.rows.is_empty() {
            return None;
        }
        let key = super::keymap::key_label(super::Action::ToggleFullText).unwrap_or_default();
        let texts = match (waiting, self.fulltext.total) {
            (Some(waiting), _) => waiting,
            (None, Some(total)) if total > 0 => strings::in_texts(total),
            // Nothing in the texts either: the plain count says it.
            (None, _) => return None,
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

    pub(crate) fn fulltext_arrived(&mut self, message: FullTextMessage) {
        match message {
            FullTextMessage::Progress(percent) => {
                self.fulltext.index = IndexState::Indexing(percent);
            }
            FullTextMessage::Ready(Ok(())) => self.fulltext.index = IndexState::Ready,
            FullTextMessage::Ready(Err(why)) => {
                self.fulltext.index = IndexState::Failed(why);
                self.fulltext.wanted = None;
            }
            FullTextMessage::Found(result) => self.text_search_arrived(result),
            FullTextMessage::Hits(result) => {
                let current = self.shown_index() == Some(result.record)
                    && self.filter.query.trim() == result.query;
                if current {
                    self.fulltext.hits_query = Some((result.record, result.query));
                    self.set_text_hits(result.record, result.hits);
                }
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
        self.fulltext.wanted = None;
        let found = match result.outcome {
            Ok(found) => found,
            Err(error) => {
                self.fulltext.error = Some(error);
                if !result.counting {
                    self.show_text_rows(Vec::new());
                }
                return;
            }
        };
        self.fulltext.total = Some(found.total);
        if result.counting || !self.fulltext.on {
            return;
        }
        self.show_text_rows(found.hits);
    }

    fn show_text_rows(&mut self, hits: Vec<FoundText>) {
        let previous = self.selected_index();
        self.fulltext.listed = true;
        self.fulltext.hits_query = None;
        self.fulltext.snippets = hits
            .iter()
            .map(|hit| hit.snippet.as_ref().map(snippet_line))
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

/// A snippet as a line of the list: its hits in the hit role, the rest dim.
fn snippet_line(snippet: &Snippet) -> Line<'static> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in snippet.text.chars().enumerate() {
        let hit = snippet.chars.iter().any(|r| r.contains(&i));
        if hit != run_hit && !run.is_empty() {
            spans.push(span(std::mem::take(&mut run), run_hit));
        }
        run_hit = hit;
        let mut buf = [0u8; 4];
        run.push_str(&sanitize_line(c.encode_utf8(&mut buf)));
    }
    if !run.is_empty() {
        spans.push(span(run, run_hit));
    }
    Line { spans }
}

fn span(text: String, hit: bool) -> Span<'static> {
    Span::new(text, if hit { Role::Hit } else { Role::Dim })
}
