//! Searching an index while it is built: the caller says when it wants what is indexed
//! so far (a search is waiting), the build commits it, and the caller is handed a
//! [`FullText`] over the committed segments. The store's id → record map and its names
//! are worked out once, at the first such commit, and serve the finished index too.

use std::collections::{BTreeSet, HashMap};

use tantivy::Index;

use super::build::{self, BuildHooks, Fields};
use super::{FullText, IndexProgress, Names, Update};
use crate::store::Store;

/// Hears how far a build has come and may search it on the way.
pub trait Watcher {
    fn progress(&mut self, progress: IndexProgress);
    /// Asked after each batch of records indexed (a few hundred): whether to commit
    /// what is indexed so far and be handed it ([`Watcher::so_far`]). A commit costs
    /// the build some time and leaves one more segment to merge: ask when a search waits.
    fn wants_so_far(&mut self) -> bool {
        false
    }
    /// What is indexed so far, searchable; the build goes on.
    fn so_far(&mut self, _indexed: FullText) {}
}

/// The build's hooks for a [`Watcher`].
pub(super) struct Hooks<'a> {
    store: &'a Store,
    watcher: &'a mut dyn Watcher,
    names: Option<Names>,
    by_key: Option<HashMap<u64, u32>>,
}

impl<'a> Hooks<'a> {
    pub(super) fn new(store: &'a Store, watcher: &'a mut dyn Watcher) -> Self {
        Hooks {
            store,
            watcher,
            names: None,
            by_key: None,
        }
    }

    /// The names and the id map, made now if no commit on the way made them.
    pub(super) fn into_parts(self) -> (Names, HashMap<u64, u32>) {
        let store = self.store;
        (
            self.names.unwrap_or_else(|| Names::of(store)),
            self.by_key.unwrap_or_else(|| by_key(store)),
        )
    }
}

impl BuildHooks for Hooks<'_> {
    fn progress(&mut self, progress: IndexProgress) {
        self.watcher.progress(progress);
    }

    fn wants_commit(&mut self) -> bool {
        self.watcher.wants_so_far()
    }

    fn committed(&mut self, index: &Index, fields: Fields, langs: &BTreeSet<String>) {
        let store = self.store;
        let names = self.names.get_or_insert_with(|| Names::of(store)).clone();
        let by_key = self.by_key.get_or_insert_with(|| by_key(store));
        let langs = langs.iter().cloned().collect();
        let opened = FullText::of_index(
            index.clone(),
            fields,
            by_key,
            names,
            langs,
            Update::default(),
        );
        // A commit that cannot be read is no answer yet: the build goes on.
        if let Ok(indexed) = opened {
            self.watcher.so_far(indexed);
        }
    }
}

/// Each record's id hash → its index in the store.
fn by_key(store: &Store) -> HashMap<u64, u32> {
    store
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| (build::id_key(&r.id), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect()
}
