//! The indexes and the timeline are made off the reading room's thread, and only
//! when a reader asks: the whole store's five indexes (seconds of CPU at 100,000
//! records) the first time `I`, the names of a record or Enter on a name needs
//! them; a list's indexes and its timeline each time they are opened over a new
//! list. Until the answer comes the view says what is being made ([`Pending`]).
//! The event loop hands [`App::index_request`] to a worker, and the answer comes
//! back as [`Message::IndexesMade`].

use std::sync::Arc;

use super::lists::{index_items, timeline_view};
use super::{AcrossView, Item, ListKey, TimelineView, ViewKind};
use crate::across::{Entry, IndexKind};
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::message::Message;

/// The whole store's index of each kind, over a store of `records` records.
#[derive(Debug)]
pub struct WholeIndexes {
    pub records: usize,
    pub indexes: Vec<(IndexKind, Vec<Entry>)>,
}

impl WholeIndexes {
    pub fn build(store: &Store) -> Self {
        let all: Vec<usize> = (0..store.records.len()).collect();
        WholeIndexes {
            records: store.records.len(),
            indexes: IndexKind::ALL
                .iter()
                .map(|&kind| (kind, crate::across::index(store, &all, kind)))
                .collect(),
        }
    }

    /// The whole store's index of a kind.
    pub fn whole(&self, kind: IndexKind) -> Option<&[Entry]> {
        self.indexes
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, entries)| entries.as_slice())
    }
}

/// What a view open over the document waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The list's indexes (`I`).
    Indexes(ListKey),
    /// The list's timeline (`T`).
    Timeline(ListKey),
    /// The whole store's indexes, for the names of a record (Enter in the summary).
    Names { record: usize },
    /// The whole store's indexes, to narrow the list to one name of a record.
    Name {
        record: usize,
        kind: IndexKind,
        spellings: Vec<String>,
    },
}

/// The work asked of the index thread.
#[derive(Debug, Clone)]
pub enum IndexJob {
    Whole,
    Indexes {
        key: ListKey,
        listed: Vec<usize>,
    },
    Timeline {
        key: ListKey,
        listed: Vec<usize>,
        of: String,
    },
}

/// A job with what it is done over: the shared store and the whole store's indexes
/// once made.
#[derive(Debug, Clone)]
pub struct IndexRequest {
    store: Arc<Store>,
    whole: Option<Arc<WholeIndexes>>,
    pub job: IndexJob,
}

/// What the index thread made.
#[derive(Debug)]
pub struct IndexAnswer {
    /// Made for this job (the whole store's indexes come along when made for it).
    pub whole: Option<WholeIndexes>,
    pub indexes: Option<(ListKey, Vec<Item>)>,
    pub timeline: Option<(ListKey, TimelineView)>,
}

impl IndexRequest {
    /// Does the job: the worker's, and what tests call to have it at once.
    pub fn run(&self) -> Message {
        let mut answer = IndexAnswer {
            whole: None,
            indexes: None,
            timeline: None,
        };
        let store = &self.store;
        let fresh = |w: &&Arc<WholeIndexes>| w.records == store.records.len();
        match &self.job {
            IndexJob::Whole => answer.whole = Some(WholeIndexes::build(store)),
            IndexJob::Indexes { key, listed } => {
                let given = self.whole.as_ref().filter(fresh);
                let made = given.is_none().then(|| WholeIndexes::build(store));
                if let Some(whole) = given.map(AsRef::as_ref).or(made.as_ref()) {
                    answer.indexes = Some((key.clone(), index_items(store, whole, listed)));
                }
                answer.whole = made;
            }
            IndexJob::Timeline { key, listed, of } => {
                answer.timeline = Some((key.clone(), timeline_view(store, listed, of.clone())));
            }
        }
        Message::IndexesMade(Box::new(answer))
    }
}

impl App {
    /// The whole store's indexes, when made over the store as it is.
    pub(crate) fn whole_indexes(&self) -> Option<&Arc<WholeIndexes>> {
        self.across
            .indexes
            .as_ref()
            .filter(|w| w.records == self.library.store.records.len())
    }

    /// What the open view waits for, if anything.
    fn pending(&self) -> Option<&Pending> {
        match &self.across.view {
            Some(AcrossView::List(list)) => list.pending.as_ref(),
            _ => None,
        }
    }

    /// What [`App::index_request`] would ask for, without gathering the list: the
    /// event loop asks this on every turn and sends a request only when it changes.
    pub fn index_wanted(&self) -> Option<(u8, Option<ListKey>)> {
        Some(match self.pending()? {
            Pending::Indexes(_) => (1, Some(self.list_key())),
            Pending::Timeline(_) => (2, Some(self.list_key())),
            Pending::Names { .. } | Pending::Name { .. } if self.whole_indexes().is_none() => {
                (0, None)
            }
            _ => return None,
        })
    }

    /// The work the open view waits for, for the index thread; `None` when it waits
    /// for nothing (an idle reading room asks for nothing).
    pub fn index_request(&self) -> Option<IndexRequest> {
        let job = match self.pending()? {
            // Over the list as it is now (records still arriving, a search's
            // result), not only as it was when the view opened.
            Pending::Indexes(_) => IndexJob::Indexes {
                key: self.list_key(),
                listed: self.listed(),
            },
            Pending::Timeline(_) => IndexJob::Timeline {
                key: self.list_key(),
                listed: self.listed(),
                of: self.list_name(),
            },
            Pending::Names { .. } | Pending::Name { .. } if self.whole_indexes().is_none() => {
                IndexJob::Whole
            }
            _ => return None,
        };
        Some(IndexRequest {
            store: Arc::clone(&self.library.store),
            whole: self.whole_indexes().cloned(),
            job,
        })
    }

    /// Opens a view that says what it waits for.
    pub(super) fn open_pending(&mut self, kind: ViewKind, of: String, said: &str, wait: Pending) {
        let record = match &wait {
            Pending::Names { record } | Pending::Name { record, .. } => Some(*record),
            _ => None,
        };
        self.open_list(kind, of, vec![Item::remark(said)], record);
        if let Some(AcrossView::List(list)) = &mut self.across.view {
            list.pending = Some(wait);
        }
    }

    pub(crate) fn indexes_made(&mut self, answer: IndexAnswer) {
        if let Some(whole) = answer
            .whole
            .filter(|w| w.records == self.library.store.records.len())
        {
            self.across.indexes = Some(Arc::new(whole));
        }
        let key = self.list_key();
        if let Some((made_for, items)) = answer.indexes.filter(|(k, _)| *k == key) {
            self.across.index_cache = Some((made_for, items.into()));
        }
        if let Some((made_for, view)) = answer.timeline.filter(|(k, _)| *k == key) {
            self.across.timeline_cache = Some((made_for, view));
        }
        // The view that waited shows what came.
        let indexes_kept = self
            .across
            .index_cache
            .as_ref()
            .is_some_and(|(k, _)| *k == key);
        let timeline_kept = self
            .across
            .timeline_cache
            .as_ref()
            .is_some_and(|(k, _)| *k == key);
        match self.pending().cloned() {
            Some(Pending::Indexes(_)) if indexes_kept => self.open_indexes(),
            Some(Pending::Timeline(_)) if timeline_kept => self.open_timeline(),
            Some(Pending::Names { record }) if self.whole_indexes().is_some() => {
                self.open_names_of(record);
            }
            Some(Pending::Name {
                record,
                kind,
                spellings,
            }) if self.whole_indexes().is_some() => {
                self.across.view = None;
                self.narrow_to_name(record, kind, &spellings);
            }
            _ => {}
        }
    }
}
