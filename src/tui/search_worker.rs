//! The thread that ranks the filter's searches, so that typing never waits for one.
//!
//! The event loop hands it each new wanted search; it runs only the newest one
//! queued (those typed past are dropped unrun), and sends the result back.
//! Should no thread start, searches run in the event loop instead.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use super::app::App;
use super::filtering::{SearchRequest, SearchResult};

/// While a search runs, the screen is redrawn at most this often, so that typed
/// letters show even when ranking is slow; a quick result is drawn with them at once.
const FRAME: Duration = Duration::from_millis(16);

pub struct SearchWorker {
    /// `None` when the thread could not start or has gone: searches then run here.
    requests: Option<Sender<SearchRequest>>,
    results: Receiver<SearchResult>,
    here: Sender<SearchResult>,
    /// The generation last handed over.
    sent: Option<u64>,
    /// Since when the list has waited for a search (or was last drawn waiting).
    waiting_since: Option<Instant>,
}

impl SearchWorker {
    pub fn start() -> Self {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let (outbox, results) = mpsc::channel();
        let here = outbox.clone();
        let started = std::thread::Builder::new()
            .name("carrel-search".into())
            .spawn(move || work(&inbox, &outbox))
            .is_ok();
        SearchWorker {
            requests: started.then_some(requests),
            results,
            here,
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
        let request = request.clone();
        let unsent = match &self.requests {
            Some(requests) => requests.send(request).err().map(|e| e.0),
            None => Some(request),
        };
        if let Some(request) = unsent {
            self.requests = None;
            let _ = self.here.send(request.run());
        }
    }

    /// The results that came back since the last call, oldest first.
    pub fn results(&self) -> Vec<SearchResult> {
        self.results.try_iter().collect()
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
}

fn work(inbox: &Receiver<SearchRequest>, outbox: &Sender<SearchResult>) {
    while let Ok(mut request) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        if outbox.send(request.run()).is_err() {
            return;
        }
    }
}
