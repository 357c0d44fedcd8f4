//! The record store: schema, loading, validation, and which store to open.
//!
//! Knows nothing of terminals: the CLI, the reading room, tests and benches all call
//! these same functions.

pub mod cache;
pub mod edtf;
pub mod files;
pub mod julian;
pub mod load;
pub mod locate;
pub mod places;
pub mod problem;
pub mod sample;
pub mod schema;
pub mod share;
pub mod validate;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

pub use cache::load_path_cached;
pub use edtf::{Day, Edtf};
pub use load::{Loaded, load_path, load_path_lazy};
pub use locate::{AppDirs, StoreChoice, StoreOrigin};
pub use problem::{Problem, Severity};
pub use schema::{Archive, Collection, Record, Text};

/// A store that cannot be opened at all. Problems with single records are not
/// errors: they are reported as [`Problem`]s beside the records that did load.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: schema_version {found} is newer than this carrel understands ({known}); update carrel to read this store"
    )]
    NewerSchema {
        path: PathBuf,
        found: u64,
        known: u32,
    },
    #[error("{path}: not a carrel store ({why})")]
    NotAStore { path: PathBuf, why: String },
    /// A record's texts were read back from a store file that changed since the store
    /// was opened, so that the record is no longer where it was.
    #[error("{path}: record {id} changed on disk since the store was opened; open the store again")]
    Changed { path: PathBuf, id: String },
    #[error("{path}:{line}:{column}: {message}")]
    Malformed {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// How a list of records is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// By EDTF lower then upper bound; undated records last.
    #[default]
    Date,
    Title,
    /// The order the collection (or the store) gives.
    Store,
}

/// A loaded store: the archive's description, its collections and its records.
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub archive: Archive,
    pub collections: Vec<Collection>,
    pub records: Vec<Record>,
    by_id: HashMap<String, usize>,
}

impl Store {
    /// Builds the id index. Records must already have unique ids (the loader drops repeats).
    pub fn new(archive: Archive, collections: Vec<Collection>, records: Vec<Record>) -> Self {
        let by_id = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        Store {
            archive,
            collections,
            records,
            by_id,
        }
    }

    /// Adds records after those already held (a store handed over in batches, see
    /// [`cache::open_in_background`]). A record whose id is already held is not added.
    /// Makes room for `additional` more records, so that a store arriving in batches
    /// (see [`cache::open_in_background`]) is never moved or rehashed on the way. A
    /// count too big to reserve (a damaged announcement) only costs that.
    pub fn reserve(&mut self, additional: usize) {
        if self.records.try_reserve(additional).is_ok() {
            let _ = self.by_id.try_reserve(additional);
        }
    }

    pub fn extend_records(&mut self, records: Vec<Record>) {
        self.records.reserve(records.len());
        for record in records {
            if let std::collections::hash_map::Entry::Vacant(slot) =
                self.by_id.entry(record.id.clone())
            {
                slot.insert(self.records.len());
                self.records.push(record);
            }
        }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn record(&self, id: &str) -> Option<&Record> {
        self.index_of(id).map(|i| &self.records[i])
    }

    /// The texts of record `index` with their bodies, read from disk when the store
    /// left them there (see [`Record::full_texts`]). No texts for an index out of range.
    pub fn texts(&self, index: usize) -> Result<Cow<'_, [Text]>, StoreError> {
        match self.records.get(index) {
            Some(record) => record.full_texts(),
            None => Ok(Cow::Borrowed(&[])),
        }
    }

    /// The text a reader reads first of record `index`, with its body.
    pub fn reading_text(&self, index: usize) -> Result<Option<Cow<'_, Text>>, StoreError> {
        match self.records.get(index) {
            Some(record) => record.full_reading_text(),
            None => Ok(None),
        }
    }

    pub fn collection(&self, id: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.id == id)
    }

    /// Indices of the collection's records held in this store, in the collection's order.
    pub fn members(&self, collection: &Collection) -> Vec<usize> {
        collection
            .record_ids
            .iter()
            .filter_map(|id| self.index_of(id))
            .collect()
    }

    /// All record indices, in store order.
    pub fn all(&self) -> Vec<usize> {
        (0..self.records.len()).collect()
    }

    /// Sorts record indices in place. Ties keep their previous order.
    pub fn sort(&self, indices: &mut [usize], order: SortOrder) {
        match order {
            SortOrder::Store => {}
            SortOrder::Date => indices.sort_by(|&a, &b| {
                let (a, b) = (&self.records[a], &self.records[b]);
                edtf::compare_optional(a.edtf(), b.edtf()).then_with(|| a.title.cmp(&b.title))
            }),
            SortOrder::Title => indices.sort_by(|&a, &b| {
                let (a, b) = (&self.records[a], &self.records[b]);
                a.title
                    .to_lowercase()
                    .cmp(&b.title.to_lowercase())
                    .then_with(|| edtf::compare_optional(a.edtf(), b.edtf()))
            }),
        }
    }
}
