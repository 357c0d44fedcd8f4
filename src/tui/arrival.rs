//! A store arriving in pieces (see [`crate::store::cache::open_in_background`]): the
//! lists fill as batches come, and the search index is built once all are there.

use super::app::{App, Library, LoadStatus};
use crate::search::SearchIndex;
use crate::store::Store;
use crate::store::cache::Opening;
use crate::strings;

impl App {
    /// Takes in every message the opening thread has sent since the last call, then
    /// re-sorts and re-filters the lists once. `finished` says the thread is gone:
    /// without a `Done` or `Failed`, it stopped before the store was whole.
    pub fn receive(&mut self, messages: Vec<Opening>, finished: bool) {
        let mut changed = false;
        for message in messages {
            match message {
                Opening::Begun(begun) => {
                    self.library = Library {
                        store: Store::new(begun.archive, begun.collections, Vec::new()),
                        index: SearchIndex::default(),
                        problems: begun.problems,
                    };
                    self.collection = 0;
                    self.selected = 0;
                    self.index_stale = true;
                    self.fetched.clear();
                    self.wrap = Default::default();
                    changed = true;
                }
                Opening::Records(batch) => {
                    self.library.store.extend_records(batch);
                    self.index_stale = true;
                    changed = true;
                }
                Opening::Done => {
                    self.library.index = SearchIndex::build(&self.library.store);
                    self.index_stale = false;
                    self.status = LoadStatus::Ready;
                    changed = true;
                }
                Opening::Failed(error) => {
                    self.status = LoadStatus::Failed(error.to_string());
                }
            }
        }
        if finished && matches!(self.status, LoadStatus::Loading { .. }) {
            self.status = LoadStatus::Failed(strings::LOADER_STOPPED.to_string());
        }
        if changed {
            self.refresh_rows(true);
        }
        self.settle();
    }

    /// True while records are still to come.
    pub fn is_loading(&self) -> bool {
        matches!(self.status, LoadStatus::Loading { .. })
    }
}
