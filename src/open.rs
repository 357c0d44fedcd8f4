//! Opening a store together with its search index, off the reading room's thread.
//!
//! The store arrives as [`crate::store::cache::open_in_background`] sends it. The
//! index comes from beside the store's cache when it was saved for this very state of
//! the store (read on a thread of its own, it then arrives moments after `Begun`,
//! usually before most records), or is built here batch by batch as the records go by
//! and saved for next time (it then arrives just before `Done`). Either way the
//! reading room never builds it itself.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crate::search::{IndexBuilder, SearchIndex};
use crate::store::cache::{Opening, Sidecar};
use crate::store::{Record, StoreChoice};

/// What the opening threads send: the store's messages, in their order, and the index
/// once, when it is ready.
#[derive(Debug)]
pub enum Arrival {
    Store(Opening),
    /// The search index over every record sent, in store order.
    Index(Box<SearchIndex>),
    /// The opening threads have ended: nothing more comes. Sent last, whether they
    /// finished (after `Done` or `Failed`) or stopped short (a panic).
    Ended,
}

/// Opens `choice` with its index (see the module's description), on a channel of its own.
pub fn open_with_index(choice: &StoreChoice, cache_dir: Option<&Path>) -> Receiver<Arrival> {
    let (tx, rx) = mpsc::channel();
    open_with_index_into(choice, cache_dir, tx);
    rx
}

/// Opens `choice` with its index, sending each arrival into `tx` as an `M`: the
/// reading room's threads all send into one channel of its messages.
pub fn open_with_index_into<M>(choice: &StoreChoice, cache_dir: Option<&Path>, tx: Sender<M>)
where
    M: From<Arrival> + Send + 'static,
{
    let store = choice.open_in_background(cache_dir);
    let failed = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("carrel-index".into())
        .spawn(move || {
            let ended = Farewell(tx.clone());
            forward(&store, &tx);
            drop(ended);
        });
    if let Err(source) = spawned {
        let error = crate::store::StoreError::Io {
            path: "(a thread to index the store)".into(),
            source,
        };
        let _ = failed.send(M::from(Arrival::Store(Opening::Failed(error))));
        let _ = failed.send(M::from(Arrival::Ended));
    }
}

/// Says [`Arrival::Ended`] when dropped: at the end of the opening thread, or as a
/// panic unwinds it.
struct Farewell<M: From<Arrival>>(Sender<M>);

impl<M: From<Arrival>> Drop for Farewell<M> {
    fn drop(&mut self) {
        let _ = self.0.send(M::from(Arrival::Ended));
    }
}

/// Where the index will come from. It is built here, on this one thread, on purpose:
/// a stage of the pipeline beside the store's reading threads (which take a thread
/// per core), it overlaps them and takes about a second at 100,000 records.
enum Indexing {
    /// Being read from beside the cache on a thread of its own, which sends it
    /// straight on and then says whether it could (`true`). Meanwhile the records are
    /// indexed here too, in case it could not (a damaged file).
    Loading(Receiver<bool>, IndexBuilder),
    /// Built here from the records as they go by.
    Building(IndexBuilder),
    /// Sent.
    Sent,
}

fn forward<M: From<Arrival> + Send + 'static>(store: &Receiver<Opening>, tx: &Sender<M>) {
    let mut sidecar: Option<Sidecar> = None;
    let mut indexing = Indexing::Building(IndexBuilder::default());
    // How many records `Begun` announced, when it knew exactly; and how many came.
    let mut expected = None;
    let mut forwarded = 0;
    let mut first_batch = true;
    for message in store.iter() {
        match message {
            Opening::Begun(begun) => {
                expected = begun.records.exactly();
                sidecar = begun.sidecar.clone();
                let from_cache = begun.from_cache;
                if tx
                    .send(M::from(Arrival::Store(Opening::Begun(begun))))
                    .is_err()
                {
                    return;
                }
                indexing = match (sidecar.clone().filter(|_| from_cache), expected) {
                    (Some(saved), Some(records)) => load_saved(saved, records, tx.clone()),
                    _ => Indexing::Building(IndexBuilder::default()),
                };
            }
            Opening::Records(batch) => {
                forwarded += batch.len();
                if let Indexing::Loading(status, builder) = indexing {
                    indexing = match status.try_recv() {
                        Ok(true) => Indexing::Sent,
                        Ok(false) | Err(TryRecvError::Disconnected) => Indexing::Building(builder),
                        Err(TryRecvError::Empty) => Indexing::Loading(status, builder),
                    };
                }
                // While the saved index is read, and for the first batch (the first frame
                // waits for it), the records go on at once and the index takes a copy of
                // the fields it searches; later batches are indexed first, with no copy.
                if let (Indexing::Building(builder), false) = (&mut indexing, first_batch) {
                    builder.add(&batch);
                    if tx
                        .send(M::from(Arrival::Store(Opening::Records(batch))))
                        .is_err()
                    {
                        return;
                    }
                    continue;
                }
                first_batch = false;
                let copy = (!matches!(indexing, Indexing::Sent))
                    .then(|| batch.iter().map(searched_fields).collect::<Vec<_>>());
                if tx
                    .send(M::from(Arrival::Store(Opening::Records(batch))))
                    .is_err()
                {
                    return;
                }
                if let (Indexing::Loading(_, builder) | Indexing::Building(builder), Some(copy)) =
                    (&mut indexing, copy)
                {
                    builder.add(&copy);
                }
            }
            Opening::Done => {
                let builder = match indexing {
                    Indexing::Loading(status, builder) => {
                        (!status.recv().unwrap_or(false)).then_some(builder)
                    }
                    Indexing::Building(builder) => Some(builder),
                    Indexing::Sent => None,
                };
                let Some(builder) = builder else {
                    let _ = tx.send(M::from(Arrival::Store(Opening::Done)));
                    return;
                };
                let index = builder.finish();
                // Saved only when it covers the whole store.
                let whole = index.len() == forwarded && expected.is_none_or(|n| n == forwarded);
                let payload = whole.then(|| index.to_bytes());
                let _ = tx.send(M::from(Arrival::Index(Box::new(index))));
                let _ = tx.send(M::from(Arrival::Store(Opening::Done)));
                // Saved after `Done`: the reading room does not wait for the disk.
                if let (Some(sidecar), Some(payload)) = (&sidecar, payload) {
                    let _ = sidecar.write(&payload);
                }
                return;
            }
            settled @ Opening::Settled { .. } => {
                if tx.send(M::from(Arrival::Store(settled))).is_err() {
                    return;
                }
            }
            Opening::Failed(error) => {
                let _ = tx.send(M::from(Arrival::Store(Opening::Failed(error))));
                return;
            }
        }
    }
}

/// A copy of what the index reads of a record, and nothing else.
fn searched_fields(record: &Record) -> Record {
    Record {
        id: record.id.clone(),
        title: record.title.clone(),
        date: record.date.clone(),
        summary: record.summary.clone(),
        people: record.people.clone(),
        places: record.places.clone(),
        subjects: record.subjects.clone(),
        ..Record::default()
    }
}

/// Starts reading the saved index on a thread of its own (see [`Indexing::Loading`]).
fn load_saved<M: From<Arrival> + Send + 'static>(
    sidecar: Sidecar,
    records: usize,
    tx: Sender<M>,
) -> Indexing {
    let (status_tx, status) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("carrel-index-load".into())
        .spawn(move || {
            let sent = saved_index(&sidecar, records)
                .is_some_and(|index| tx.send(M::from(Arrival::Index(Box::new(index)))).is_ok());
            let _ = status_tx.send(sent);
        });
    match spawned {
        Ok(_) => Indexing::Loading(status, IndexBuilder::default()),
        Err(_) => Indexing::Building(IndexBuilder::default()),
    }
}

/// The index saved beside the cache, if it is there, whole, and covers `records`.
pub fn saved_index(sidecar: &Sidecar, records: usize) -> Option<SearchIndex> {
    let bytes = sidecar.read()?;
    SearchIndex::from_bytes(&bytes).filter(|index| index.len() == records)
}
