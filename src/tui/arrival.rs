//! A store arriving in pieces with its search index (see [`crate::open::open_with_index`]):
//! the lists fill as batches come; the filter works once the index is in, which may be
//! before the records (read from beside the cache) or just before the last of them.

use std::sync::Arc;

use super::app::{App, Library, LoadStatus};
use crate::open::Arrival;
use crate::store::Store;
use crate::store::cache::Opening;
use crate::strings;

impl App {
    /// Takes in one message of the opening threads and brings the lists up to date.
    pub(crate) fn arrived(&mut self, arrival: Arrival) {
        let mut decided_anew = false;
        let mut records_arrived = false;
        match arrival {
            Arrival::Store(Opening::Begun(begun)) => {
                // Room for every record announced, so that the records never move as
                // they arrive; a count too big to reserve only costs that.
                let mut store = Store::new(begun.archive, begun.collections, Vec::new());
                store.reserve(begun.records.room());
                self.library = Library {
                    store: Arc::new(store),
                    index: None,
                    problems: begun.problems,
                };
                self.forget_documents();
                decided_anew = true;
            }
            Arrival::Store(Opening::Records(batch)) => {
                Arc::make_mut(&mut self.library.store).extend_records(batch);
                records_arrived = true;
            }
            Arrival::Store(Opening::Settled {
                collections,
                problems,
            }) => {
                // The same collections in the same order, only their members
                // settled: the selection stays on the same collection, whose list
                // is made again if it is the one shown.
                Arc::make_mut(&mut self.library.store).collections = collections;
                self.library.problems = problems;
                self.collection = self.collection.min(self.library.store.collections.len());
                if self.collection > 0 {
                    self.listing.members_changed();
                    decided_anew = true;
                }
            }
            Arrival::Store(Opening::Done) => {
                self.status = LoadStatus::Ready;
                // A list kept from redoing itself while loading catches up now.
                records_arrived = true;
            }
            Arrival::Store(Opening::Failed(error)) => {
                self.status = LoadStatus::Failed(error.to_string());
            }
            Arrival::Index(index) => {
                self.listing.index_arrived(&index);
                self.library.index = Some(Arc::from(index));
                // A filter typed meanwhile applies now.
                decided_anew = true;
            }
            Arrival::Ended => {
                // Without a `Done` or `Failed`, the threads stopped before the store was whole.
                if self.is_loading() {
                    self.status = LoadStatus::Failed(strings::LOADER_STOPPED.to_string());
                }
            }
        }
        if decided_anew {
            self.refresh_rows(true);
        } else if records_arrived {
            self.records_arrived();
        }
    }

    /// True while records are still to come.
    pub fn is_loading(&self) -> bool {
        matches!(self.status, LoadStatus::Loading { .. })
    }
}
