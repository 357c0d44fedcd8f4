//! The reading room's state. Everything the screen shows is read from here; only
//! `App::update` (in `update.rs`), given a [`Message`](super::Message), changes it.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::Pane;
use super::filtering::SearchState;
use super::find::DocFind;
use super::fulltext_mode::FullTextState;
use super::keymap::Context;
use super::layout::{LayoutInput, Mode, Panes};
use super::listing::{ListFacts, Listing, Row};
use super::texts::FetchedTexts;
use super::view::{self, LineCache};
use super::wrap::{WrapCache, Wrapped};
use crate::search::SearchIndex;
use crate::store::{Collection, Loaded, Problem, Record, Store};
use crate::text::sanitize_line;
use unicode_width::UnicodeWidthStr;

/// A loaded store with its search index and the problems met while loading it.
#[derive(Debug, Default)]
pub struct Library {
    /// Shared once whole: the search and full-text threads read the same records
    /// (field scopes, snippets) without a copy. Only loading changes it.
    pub store: Arc<Store>,
    /// `None` until the index arrives: a store opened in the background gets it from
    /// the opening threads (see `crate::open`), never from the reading room's thread.
    pub index: Option<Arc<SearchIndex>>,
    pub problems: Vec<Problem>,
}

impl Library {
    /// Builds the search index here, over a store that is all there (tests, the sample).
    pub fn new(loaded: Loaded) -> Self {
        let index = SearchIndex::build(&loaded.store);
        Library {
            store: Arc::new(loaded.store),
            index: Some(Arc::new(index)),
            problems: loaded.problems,
        }
    }
}

/// Whether the store is there yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadStatus {
    /// Ticks counted while waiting, for the progress indicator.
    Loading {
        ticks: u32,
    },
    Failed(String),
    Ready,
}

/// The filter line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub query: String,
    /// The filter line has the keyboard.
    pub editing: bool,
    /// Where Esc returns to.
    pub return_to: Pane,
}

#[derive(Debug)]
pub struct App {
    pub(crate) library: Library,
    pub(crate) status: LoadStatus,
    pub(crate) size: (u16, u16),
    pub(crate) focus: Pane,
    /// The document pane last focused: the one narrow mode shows.
    pub(crate) doc_pane: Pane,
    /// The list last focused: where Esc from the document returns.
    pub(crate) list_pane: Pane,
    /// 0 is "All records", `i + 1` is `collections[i]`.
    pub(crate) collection: usize,
    pub(crate) collections_offset: usize,
    /// The record list: its base, rows and their explanations.
    pub(crate) listing: Listing,
    /// The filter's search: what is wanted, and which result is current.
    pub(crate) search: SearchState,
    pub(crate) selected: usize,
    pub(crate) records_offset: usize,
    pub(crate) filter: Filter,
    /// The help overlay's scroll, when open.
    pub(crate) help: Option<usize>,
    /// Full-text scroll per record, as a byte offset of the top line (survives rewrapping).
    pub(crate) text_tops: HashMap<usize, usize>,
    pub(crate) summary_top: usize,
    pub(crate) provenance_top: usize,
    /// Index into `Store::records` of the record the document shows: the selected one,
    /// except while steps through the list have not rested (`document_behind`).
    pub(crate) shown_record: Option<usize>,
    /// Steps through the record list move only the list; the document follows once the
    /// keys rest ([`Message::Rest`](super::Message::Rest)). A held `j` over a slow link
    /// then costs a list row or two per step, not a page of new text.
    pub(crate) document_behind: bool,
    pub(crate) wrap: WrapCache,
    /// The summary and provenance panes' lines, per record and width.
    pub(crate) summary_lines: LineCache,
    pub(crate) provenance_lines: LineCache,
    /// The help overlay's lines, made from the keymap once.
    pub(crate) help_lines: Vec<view::Line<'static>>,
    /// Full texts read back from disk for a lazily opened store.
    pub(crate) fetched: FetchedTexts,
    pub(crate) quit: bool,
    /// The signal that ended the reading room, if one did.
    pub(crate) ended_by: Option<i32>,
    /// The store's files changed on disk since it was opened.
    pub(crate) store_changed: bool,
    /// The reader asked to open the store again (`R`).
    pub(crate) reopen: bool,
    /// Ctrl-z or SIGTSTP: the event loop hands the terminal back to the shell.
    pub(crate) suspend: bool,
    /// The full-text index and the filter line's full-text mode.
    pub(crate) fulltext: FullTextState,
    /// Hits in the shown text: the full-text query's, find in the document's.
    pub(crate) doc_find: DocFind,
    /// The record list's sort (`s`).
    pub(crate) sort: super::sort::Sort,
    /// The user's desk: marks, tags, notes and what is to be written.
    pub(crate) desk: super::desk_state::DeskState,
    /// config.toml's `[keys]`, laid over the keymap table.
    pub(crate) keys: super::key_overrides::KeyOverrides,
    /// The views across documents, the store's backlinks and neighbours, the jump list.
    pub(crate) across: super::across_views::AcrossState,
}

impl App {
    /// A reading room over a store, as tests build it (no terminal needed).
    pub fn new(store: Store) -> Self {
        App::from_library(Library::new(Loaded {
            store,
            ..Loaded::default()
        }))
    }

    pub fn from_library(library: Library) -> Self {
        let mut app = App::loading();
        app.finish_loading(library);
        app
    }

    /// A reading room waiting for its store.
    pub fn loading() -> Self {
        App {
            library: Library::default(),
            status: LoadStatus::Loading { ticks: 0 },
            size: (80, 24),
            focus: Pane::Records,
            doc_pane: Pane::FullText,
            list_pane: Pane::Records,
            collection: 0,
            collections_offset: 0,
            listing: Listing::default(),
            search: SearchState::default(),
            selected: 0,
            records_offset: 0,
            filter: Filter {
                query: String::new(),
                editing: false,
                return_to: Pane::Records,
            },
            help: None,
            text_tops: HashMap::new(),
            summary_top: 0,
            provenance_top: 0,
            shown_record: None,
            document_behind: false,
            wrap: WrapCache::default(),
            summary_lines: LineCache::default(),
            provenance_lines: LineCache::default(),
            help_lines: view::help::lines(),
            fetched: FetchedTexts::default(),
            quit: false,
            ended_by: None,
            store_changed: false,
            reopen: false,
            suspend: false,
            fulltext: FullTextState::default(),
            doc_find: DocFind::default(),
            sort: super::sort::Sort::default(),
            desk: super::desk_state::DeskState::default(),
            keys: super::key_overrides::KeyOverrides::default(),
            across: Default::default(),
        }
    }

    /// A whole store, there at once (tests, the sample).
    fn finish_loading(&mut self, library: Library) {
        self.forget_documents();
        if let Some(index) = &library.index {
            self.listing.index_arrived(index);
        }
        self.library = library;
        self.status = LoadStatus::Ready;
        self.refresh_rows(false);
        self.settle();
    }

    /// A new store: back to its first record, with nothing kept of the last one's.
    pub(crate) fn forget_documents(&mut self) {
        self.listing.reset();
        self.collection = 0;
        self.selected = 0;
        // The document shows the first record, not a wait.
        self.document_behind = false;
        self.fetched.clear();
        self.wrap = WrapCache::default();
        self.summary_lines.clear();
        self.provenance_lines.clear();
        self.text_tops.clear();
    }

    pub fn store(&self) -> &Store {
        &self.library.store
    }

    pub fn problems(&self) -> &[Problem] {
        &self.library.problems
    }

    pub fn load_status(&self) -> &LoadStatus {
        &self.status
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn doc_pane(&self) -> Pane {
        self.doc_pane
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The signal that ended the reading room: the process exits 128 + it.
    /// Whether the store changed on disk since it was opened.
    pub fn store_changed(&self) -> bool {
        self.store_changed
    }

    /// Whether the reader asked to open the store again once the room has ended.
    pub fn wants_reopen(&self) -> bool {
        self.reopen
    }

    pub fn ended_by(&self) -> Option<i32> {
        self.ended_by
    }

    /// Ctrl-z or SIGTSTP asked for the terminal to go back to the shell; the event
    /// loop does it and sends [`super::Message::Resumed`] once the process goes on.
    pub fn wants_suspend(&self) -> bool {
        self.suspend
    }

    pub fn help_scroll(&self) -> Option<usize> {
        self.help
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn mode(&self) -> Mode {
        Mode::for_width(self.size.0)
    }

    /// The layout of the current frame, shared by rendering and the mouse.
    pub fn panes(&self) -> Panes {
        self.panes_for(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// The layout for an area (rendering uses the frame's own area).
    pub fn panes_for(&self, area: Rect) -> Panes {
        Panes::compute(
            area,
            &LayoutInput {
                focus: self.focus,
                doc_pane: self.doc_pane,
                filter_line: self.filter.editing || !self.filter.query.is_empty(),
                help: self.help.is_some(),
                // The desk's entries (Marked, Recent, tags, saved searches) count too.
                collections: self.collection_entries().saturating_sub(1),
                title_width: self
                    .shown_record()
                    .map_or(0, |r| sanitize_line(&r.title).width()),
            },
        )
    }

    /// The keymap contexts that apply now, most specific first.
    pub fn key_contexts(&self) -> Vec<Context> {
        if self.help.is_some() {
            vec![Context::Help, Context::Anywhere]
        } else if self.across.view.is_some() {
            vec![Context::Across, Context::Anywhere]
        } else if self.focus == Pane::Summary {
            vec![Context::Summary, Context::Document, Context::Anywhere]
        } else if self.focus.is_document() {
            vec![Context::Document, Context::Anywhere]
        } else {
            vec![Context::Lists, Context::Anywhere]
        }
    }

    /// The contexts whose keys the status line recalls (the filter line shows its own).
    pub fn key_contexts_for_hints(&self) -> Vec<Context> {
        // A store that cannot be opened has nothing to open or filter: the screen
        // says how to quit.
        if matches!(self.status, LoadStatus::Failed(_)) {
            return Vec::new();
        }
        // A desk window open says its own keys.
        if self.desk.prompt().is_some() {
            return Vec::new();
        }
        if self.help.is_some() {
            vec![Context::Help]
        } else if self.filter.editing {
            Vec::new()
        } else {
            self.key_contexts()
        }
    }

    /// The collection list's entries after "All records".
    pub fn collections(&self) -> &[Collection] {
        &self.library.store.collections
    }

    /// 0 is "All records", `i + 1` the i-th collection.
    pub fn collection_index(&self) -> usize {
        self.collection
    }

    pub fn collections_offset(&self) -> usize {
        self.collections_offset
    }

    pub fn current_collection(&self) -> Option<&Collection> {
        self.collection
            .checked_sub(1)
            .and_then(|i| self.library.store.collections.get(i))
    }

    pub fn rows(&self) -> &[Row] {
        &self.listing.rows
    }

    /// The records of the list as shown (filtered, ranked).
    pub fn visible_records(&self) -> impl Iterator<Item = &Record> {
        self.listing
            .rows
            .iter()
            .filter_map(|row| self.library.store.records.get(row.record))
    }

    /// The letters of row `row`'s title the filter matched, for highlighting. Only the
    /// rows in sight are explained (empty for the others, and without a filter).
    pub fn title_positions(&self, row: usize) -> &[usize] {
        match self.listing.rows.get(row) {
            Some(row) if self.listing.ranking.is_some() => self.listing.title_positions(row.rank),
            _ => &[],
        }
    }

    pub fn list_facts(&self) -> ListFacts {
        self.listing.facts
    }

    /// How many records the collection has before filtering.
    pub fn unfiltered_count(&self) -> usize {
        self.listing.base.len()
    }

    pub fn selected_row(&self) -> Option<usize> {
        (self.selected < self.listing.rows.len()).then_some(self.selected)
    }

    pub fn records_offset(&self) -> usize {
        self.records_offset
    }

    /// Index into `Store::records` of the record selected in the list.
    pub fn selected_index(&self) -> Option<usize> {
        self.listing.rows.get(self.selected).map(|row| row.record)
    }

    pub fn selected_record(&self) -> Option<&Record> {
        self.selected_index()
            .and_then(|i| self.library.store.records.get(i))
    }

    /// Index into `Store::records` of the record the document shows (see `document_behind`).
    pub fn shown_index(&self) -> Option<usize> {
        self.shown_record
    }

    /// The record the document shows: the selected one once the keys rest.
    pub fn shown_record(&self) -> Option<&Record> {
        self.shown_record
            .and_then(|i| self.library.store.records.get(i))
    }

    /// True when the document shows another record than the selected one and waits
    /// for the keys to rest; the event loop then sends [`super::Message::Rest`].
    pub fn document_waiting(&self) -> bool {
        self.document_behind && self.shown_record != self.selected_index()
    }

    /// The shown record's full text wrapped to the full-text pane, when that pane is shown.
    pub fn wrapped_text(&self) -> Option<&Wrapped> {
        let rect = self.panes().full_text?;
        self.wrap.get(self.shown_index()?, text_width(rect))
    }

    /// The full text's first visible line, 0-based.
    pub fn text_top_line(&self) -> usize {
        match (self.wrapped_text(), self.shown_index()) {
            (Some(wrapped), Some(record)) => {
                wrapped.line_of_offset(self.text_tops.get(&record).copied().unwrap_or(0))
            }
            _ => 0,
        }
    }

    pub fn summary_top(&self) -> usize {
        self.summary_top
    }

    pub fn provenance_top(&self) -> usize {
        self.provenance_top
    }

    /// The summary pane's lines for the shown record, when that pane is shown.
    pub fn summary_view(&self) -> Option<&[view::Line<'static>]> {
        let rect = self.panes().summary?;
        self.summary_lines
            .get(self.shown_index()?, text_width(rect))
    }

    /// The provenance pane's lines for the shown record, when that pane is shown.
    pub fn provenance_view(&self) -> Option<&[view::Line<'static>]> {
        let rect = self.panes().provenance?;
        self.provenance_lines
            .get(self.shown_index()?, text_width(rect))
    }

    /// Lines `from..to` of the shown full text as the pane shows them (the lines in
    /// sight: the text is wrapped once, and only what is drawn is handed out).
    pub fn full_text_lines(&self, from: usize, to: usize) -> Vec<view::Line<'_>> {
        let Some(wrapped) = self.wrapped_text() else {
            return Vec::new();
        };
        let selected = self.selected_lines();
        (from..to.min(wrapped.lines.len()))
            .map(|i| match &selected {
                // A line being selected for a quotation shows as selected, hits or not.
                Some(lines) if lines.contains(&i) => {
                    view::Line::one(wrapped.line(i), view::Role::Selected)
                }
                _ => self.text_line(wrapped, i),
            })
            .collect()
    }

    /// Every line of the help overlay.
    pub fn help_view(&self) -> &[view::Line<'static>] {
        &self.help_lines
    }
}

/// The width text wraps to in a pane (see [`super::layout::reading_width`]).
pub fn text_width(pane: Rect) -> usize {
    usize::from(super::layout::reading_width(
        super::layout::inner(pane).width,
    ))
}
