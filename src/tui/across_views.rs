//! Views across documents, over the document area: a record's links and
//! backlinks (`L`), its archival neighbours (`a`), the indexes of the record list
//! (`I`), the names of the shown record (Enter in the summary) and the list's
//! timeline (`T`). Each view is made when it opens, as lines with roles and what
//! Enter does on each; following a record leaves a mark in the jump list, and
//! narrowing sets the filter to a field scope (`person:"..."`, `date:1944..1946`)
//! together with the records it stands for (see [`Narrow`]).
//!
//! Backlinks and neighbours need a pass over the whole store: they are built once it
//! is whole, on a thread of `crate::room` ([`AcrossRequest::run`]), and arrive as
//! [`Message::AcrossBuilt`](super::Message::AcrossBuilt).

use std::sync::Arc;

use super::app::App;
use super::jumps::Jumps;
use super::message::Message;
use super::view::{Line, Role, Span};
use crate::across::{Backlinks, Neighbours, Timeline};
use crate::store::Store;

mod index_jobs;
mod lists;
mod moves;
mod summary_stops;

pub use index_jobs::{IndexAnswer, IndexJob, IndexRequest, Pending, WholeIndexes};
pub use moves::{BarWindow, bar_window};

/// The store's backlinks and archival neighbours.
#[derive(Debug)]
pub struct AcrossBuilt {
    /// How many records they were built over (a store still arriving is not asked).
    pub records: usize,
    pub backlinks: Backlinks,
    pub neighbours: Neighbours,
}

/// The store the builder reads: shared, not copied, so that asking costs the
/// reading room's thread nothing.
#[derive(Debug, Clone)]
pub struct AcrossRequest {
    store: Arc<Store>,
}

impl AcrossRequest {
    pub fn new(store: &Arc<Store>) -> Self {
        AcrossRequest {
            store: Arc::clone(store),
        }
    }

    pub fn records(&self) -> usize {
        self.store.records.len()
    }

    /// Builds them both (the worker's job, and what tests call to have it at once).
    pub fn run(&self) -> Message {
        Message::AcrossBuilt(Box::new(AcrossBuilt {
            records: self.records(),
            backlinks: Backlinks::build(&self.store),
            neighbours: Neighbours::build(&self.store),
        }))
    }
}

/// A filter that stands for a known set of records: an index entry or a span of
/// the timeline. While the filter line says `query`, the list is searched within
/// `records`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrow {
    pub query: String,
    pub records: Arc<[usize]>,
    /// The records were taken from the whole store, not the current list.
    pub all_records: bool,
}

/// What Enter does on a line of a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A heading or a remark: the selection passes over it.
    Nothing,
    Record(usize),
    Narrow(Narrow),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub line: Line<'static>,
    pub target: Target,
}

impl Item {
    fn heading(text: impl Into<String>) -> Self {
        Item {
            line: Line::one(text.into(), Role::Heading),
            target: Target::Nothing,
        }
    }

    fn remark(text: impl Into<String>) -> Self {
        Item {
            line: Line::one(text.into(), Role::Dim),
            target: Target::Nothing,
        }
    }

    fn blank() -> Self {
        Item {
            line: Line::blank(),
            target: Target::Nothing,
        }
    }

    fn new(spans: Vec<Span<'static>>, target: Target) -> Self {
        Item {
            line: Line { spans },
            target,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Links,
    Neighbours,
    Indexes,
    Names,
    Timeline,
}

/// A view that is a list of lines.
#[derive(Debug, Clone)]
pub struct ListView {
    pub kind: ViewKind,
    /// What the view is of: a record's title, or the list's name.
    pub of: String,
    /// Shared with the list's kept indexes: reopening copies nothing.
    pub items: Arc<[Item]>,
    pub selected: usize,
    pub top: usize,
    /// The record the view was made for (links and neighbours are remade when the
    /// store's are built).
    pub record: Option<usize>,
    /// What the view waits for from the index thread, saying so meanwhile.
    pub pending: Option<Pending>,
}

/// The timeline view: the bars, and the records each year holds (for narrowing).
#[derive(Debug, Clone)]
pub struct TimelineView {
    pub of: String,
    pub timeline: Timeline,
    /// (year, record) of every dated record of the list.
    pub years: Vec<(i32, usize)>,
    pub selected: usize,
    /// The bar a span starts at (`v`), if one is being chosen.
    pub span_from: Option<usize>,
}

impl TimelineView {
    /// The bars chosen: the span from `span_from` to the selected one, or that one.
    pub fn chosen(&self) -> std::ops::RangeInclusive<usize> {
        let from = self.span_from.unwrap_or(self.selected);
        from.min(self.selected)..=from.max(self.selected)
    }
}

#[derive(Debug, Clone)]
pub enum AcrossView {
    List(ListView),
    Timeline(TimelineView),
}

/// Everything the views across documents keep in `App`.
#[derive(Debug, Default)]
pub struct AcrossState {
    pub(crate) view: Option<AcrossView>,
    pub(crate) built: Option<Arc<AcrossBuilt>>,
    /// The whole store's indexes, made the first time a view needs them.
    pub(crate) indexes: Option<Arc<WholeIndexes>>,
    pub(crate) narrow: Option<Narrow>,
    pub(crate) jumps: Jumps,
    /// The summary's cursor: an index into its stops (names and links).
    pub(crate) summary_cursor: Option<usize>,
    pub(crate) parallel: super::parallel::ParallelState,
    /// The last list's indexes and timeline: reopening a view over the same list
    /// costs nothing.
    pub(crate) index_cache: Option<(ListKey, Arc<[Item]>)>,
    pub(crate) timeline_cache: Option<(ListKey, TimelineView)>,
}

/// What a list's indexes and timeline depend on: the collection, the filter, the
/// rows listed, the records held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListKey {
    collection: usize,
    query: String,
    rows: usize,
    first: Option<usize>,
    held: usize,
}

impl App {
    /// The view across documents open over the document, if one is.
    pub fn across_view(&self) -> Option<&AcrossView> {
        self.across.view.as_ref()
    }

    /// Backlinks and neighbours are wanted: the store is whole and they are not
    /// built over it. The event loop has them built ([`AcrossRequest`]).
    pub fn across_wanted(&self) -> bool {
        !self.is_loading()
            && !self.library.store.records.is_empty()
            && self
                .across
                .built
                .as_ref()
                .is_none_or(|b| b.records != self.library.store.records.len())
    }

    /// What the builder needs, copied from the store.
    pub fn across_request(&self) -> AcrossRequest {
        AcrossRequest::new(&self.library.store)
    }

    /// Record `record`'s links out and, once gathered, its backlinks.
    pub fn link_counts(&self, record: usize) -> (usize, Option<usize>) {
        let out = self
            .library
            .store
            .records
            .get(record)
            .map_or(0, |r| r.related.len());
        let back = self
            .across
            .built
            .as_ref()
            .map(|b| b.backlinks.of(record).count());
        (out, back)
    }

    /// Marks behind and ahead in the jump list.
    pub fn jumps(&self) -> (usize, usize) {
        (self.across.jumps.behind(), self.across.jumps.ahead())
    }

    pub(crate) fn across_built(&mut self, built: AcrossBuilt) {
        if built.records != self.library.store.records.len() {
            return;
        }
        self.across.built = Some(Arc::new(built));
        // The summary lists the backlinks now known.
        self.summary_lines.clear();
        // A view that said "gathering" says what was found.
        if let Some(AcrossView::List(list)) = &self.across.view {
            match (list.kind, list.record) {
                (ViewKind::Links, Some(record)) => self.open_links_of(record),
                (ViewKind::Neighbours, Some(record)) => self.open_neighbours_of(record),
                _ => {}
            }
        }
    }

    pub(crate) fn list_key(&self) -> ListKey {
        ListKey {
            collection: self.collection,
            query: self.filter.query.trim().to_string(),
            rows: self.listing.rows.len(),
            first: self.listing.rows.first().map(|r| r.record),
            held: self.library.store.records.len(),
        }
    }

    /// The records of the list as shown, in order.
    pub(crate) fn listed(&self) -> Vec<usize> {
        self.listing.rows.iter().map(|row| row.record).collect()
    }

    /// The records the filter must be searched within, when it is a narrowing.
    pub(crate) fn narrowed_within(&self) -> Option<Arc<[usize]>> {
        let narrow = self.across.narrow.as_ref()?;
        if narrow.query != self.filter.query.trim() {
            return None;
        }
        if self.collection == 0 {
            return Some(Arc::clone(&narrow.records));
        }
        let base: std::collections::HashSet<usize> = self.listing.base.iter().copied().collect();
        Some(
            narrow
                .records
                .iter()
                .copied()
                .filter(|r| base.contains(r))
                .collect(),
        )
    }

    /// Narrows the record list: the filter gains the scope, searched within its records.
    pub(crate) fn narrow_to(&mut self, narrow: Narrow) {
        self.across.view = None;
        if narrow.all_records {
            self.collection = 0;
            self.filter.query.clear();
        }
        let kept = self.filter.query.trim();
        let query = if kept.is_empty() {
            narrow.query.clone()
        } else {
            format!("{kept} {}", narrow.query)
        };
        self.filter.query = query.clone();
        self.filter.editing = false;
        self.across.narrow = Some(Narrow { query, ..narrow });
        self.refresh_rows(false);
        self.set_focus(super::action::Pane::Records);
    }
}
