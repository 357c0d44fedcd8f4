//! The thread that gathers the store's backlinks and archival neighbours once the
//! store is whole: a pass over every record, kept off the reading room's thread.
//! The answer comes back as `Message::AcrossBuilt`. A second thread makes the
//! indexes and timelines a view waits for, only when one does
//! (`Message::IndexesMade`).

use std::sync::mpsc::Sender;

use super::worker::Worker;
use crate::tui::across_views::{AcrossRequest, IndexRequest, ListKey};
use crate::tui::parallel::ParallelRequest;
use crate::tui::{App, Message};

pub struct AcrossWorker {
    worker: Worker<AcrossRequest>,
    /// How many records the last request was over: each store is asked for once.
    sent: Option<usize>,
}

impl AcrossWorker {
    pub fn start(out: Sender<Message>) -> Self {
        AcrossWorker {
            worker: Worker::start("carrel-across", out, AcrossRequest::run),
            sent: None,
        }
    }

    pub fn submit(&mut self, app: &App) {
        if !app.across_wanted() {
            return;
        }
        let records = app.store().records.len();
        if self.sent == Some(records) {
            return;
        }
        self.sent = Some(records);
        self.worker.send(app.across_request());
    }
}

/// Makes what a view across documents waits for (`App::index_request`): nothing is
/// asked while no view waits.
pub struct IndexWorker {
    worker: Worker<IndexRequest>,
    sent: Option<(u8, Option<ListKey>)>,
}

impl IndexWorker {
    pub fn start(out: Sender<Message>) -> Self {
        IndexWorker {
            worker: Worker::start("carrel-indexes", out, IndexRequest::run),
            sent: None,
        }
    }

    pub fn submit(&mut self, app: &App) {
        let Some(job) = app.index_wanted() else {
            self.sent = None;
            return;
        };
        if self.sent.as_ref() == Some(&job) {
            return;
        }
        if let Some(request) = app.index_request() {
            self.sent = Some(job);
            self.worker.send(request);
        }
    }
}

/// Reads both texts of a record for parallel reading (a store opened lazily keeps
/// them on disk), as the text reader reads the one shown.
pub struct ParallelReader {
    worker: Worker<ParallelRequest>,
    sent: Option<usize>,
}

impl ParallelReader {
    pub fn start(out: Sender<Message>) -> Self {
        ParallelReader {
            worker: Worker::start("carrel-parallel", out, ParallelRequest::read),
            sent: None,
        }
    }

    pub fn submit(&mut self, app: &App) {
        let Some(wanted) = app.parallel_wanted() else {
            self.sent = None;
            return;
        };
        if self.sent == Some(wanted) {
            return;
        }
        if let Some(request) = app.parallel_request() {
            self.sent = Some(wanted);
            self.worker.send(request);
        }
    }
}
