//! Opening a store together with its search index, off the reading room's thread.
//!
//! The store arrives as [`crate::store::cache::open_in_background`] sends it. The
//! index comes from beside the store's cache when it was saved for this very state of
//! the store (it then arrives right after `Begun`, before the records), or is built
//! here batch by batch as the records go by and saved for next time (it then arrives
//! just before `Done`). Either way the reading room never builds it itself.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::search::{IndexBuilder, SearchIndex};
use crate::store::StoreChoice;
use crate::store::cache::{Opening, Sidecar};

/// What the opening threads send: the store's messages, in their order, and the index
/// once, when it is ready.
#[derive(Debug)]
pub enum Arrival {
    Store(Opening),
    /// The search index over all `Begun::records` records, in store order.
    Index(SearchIndex),
}

/// Opens `choice` with its index (see the module's description).
pub fn open_with_index(choice: &StoreChoice, cache_dir: Option<&Path>) -> Receiver<Arrival> {
    let store = choice.open_in_background(cache_dir);
    let (tx, rx) = mpsc::channel();
    let failed = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("carrel-index".into())
        .spawn(move || forward(&store, &tx));
    if let Err(source) = spawned {
        let error = crate::store::StoreError::Io {
            path: "(a thread to index the store)".into(),
            source,
        };
        let _ = failed.send(Arrival::Store(Opening::Failed(error)));
    }
    rx
}

fn forward(store: &Receiver<Opening>, tx: &Sender<Arrival>) {
    let mut sidecar: Option<Sidecar> = None;
    // `None` once the index is loaded (or cannot be built): nothing more to add.
    let mut builder = Some(IndexBuilder::default());
    let mut expected = 0;
    for message in store.iter() {
        match message {
            Opening::Begun(begun) => {
                expected = begun.records;
                sidecar = begun.sidecar.clone();
                let saved = begun
                    .from_cache
                    .then(|| sidecar.as_ref().and_then(|s| saved_index(s, expected)))
                    .flatten();
                builder = Some(IndexBuilder::default());
                if tx.send(Arrival::Store(Opening::Begun(begun))).is_err() {
                    return;
                }
                if let Some(index) = saved {
                    builder = None;
                    if tx.send(Arrival::Index(index)).is_err() {
                        return;
                    }
                }
            }
            Opening::Records(batch) => {
                // The records go on at once; the index takes its own copy to work on.
                let copy = builder.is_some().then(|| batch.clone());
                if tx.send(Arrival::Store(Opening::Records(batch))).is_err() {
                    return;
                }
                if let (Some(builder), Some(copy)) = (builder.as_mut(), copy) {
                    builder.add(&copy);
                }
            }
            Opening::Done => {
                if let Some(builder) = builder.take() {
                    let index = builder.finish();
                    let payload = (index.len() == expected).then(|| index.to_bytes());
                    let _ = tx.send(Arrival::Index(index));
                    let _ = tx.send(Arrival::Store(Opening::Done));
                    // Saved after `Done`: the reading room does not wait for the disk.
                    if let (Some(sidecar), Some(payload)) = (&sidecar, payload) {
                        let _ = sidecar.write(&payload);
                    }
                } else {
                    let _ = tx.send(Arrival::Store(Opening::Done));
                }
                return;
            }
            Opening::Failed(error) => {
                let _ = tx.send(Arrival::Store(Opening::Failed(error)));
                return;
            }
        }
    }
}

/// The index saved beside the cache, if it is there, whole, and covers `records`.
pub fn saved_index(sidecar: &Sidecar, records: usize) -> Option<SearchIndex> {
    let bytes = sidecar.read()?;
    SearchIndex::from_bytes(&bytes).filter(|index| index.len() == records)
}
