//! The thread that ranks the filter's searches, so that typing never waits for one.
//!
//! The event loop hands it each new wanted search; it runs only the newest one
//! queued, and the result comes back as a message.

use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::worker::Worker;
use crate::tui::{App, Message, SearchRequest};

/// While a search runs, the screen is redrawn at most this often, so that typed
/// letters show even when ranking is slow; a quick result is drawn with them at once.
const FRAME: Duration = Duration::from_millis(16);

pub struct SearchWorker {
    worker: Worker<SearchRequest>,
    /// The generation last handed over.
    sent: Option<u64>,
    /// Since when the list has waited for a search (or was last drawn waiting).
    waiting_since: Option<Instant>,
}

impl SearchWorker {
    pub fn start(out: Sender<Message>) -> Self {
        SearchWorker {
            worker: Worker::start("carrel-search", out, |request| {
                Message::Searched(request.run())
            }),
            sent: None,
            waiting_since: None,
        }
    }

    /// Hands over the search the app wants, unless it already has been.
    pub fn submit(&mut self, app: &App) {
        let Some(request) = app.search_wanted() else {
            self.waiting_since = None;
            return;
        };
        self.waiting_since.get_or_insert_with(Instant::now);
        if self.sent == Some(request.generation()) {
            return;
        }
        self.sent = Some(request.generation());
        self.worker.send(request.clone());
    }

    /// Whether a frame may be drawn now: not while a search is about to answer, unless
    /// it has kept the screen waiting a frame already.
    pub fn may_draw(&mut self, app: &App) -> bool {
        if app.search_wanted().is_none() {
            self.waiting_since = None;
            return true;
        }
        match self.waiting_since {
            Some(since) if since.elapsed() < FRAME => false,
            _ => {
                self.waiting_since = Some(Instant::now());
                true
            }
        }
    }

    /// When a frame held back for a search is drawn anyway.
    pub fn draw_due(&self) -> Option<Instant> {
        self.waiting_since.map(|since| since + FRAME)
    }
}
