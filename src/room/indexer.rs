//! The full-text thread: once the store is whole it opens the store's full-text index
//! (kept in the cache folder beside the metadata cache, brought up to date record file
//! by record file, rebuilt when damaged: `search::fulltext` does all that), saying how
//! far indexing has come, then answers the reading room's full-text searches and
//! finds a shown text's hits and cuts snippets. Of the requests queued, only the newest
//! of each kind is answered.
//!
//! A search asked while it indexes is answered from what is indexed so far: the build
//! commits it (at most every [`FRESH`]) and the answer says it is partial. While such
//! an answer is shown, the texts indexed since are committed every [`REFRESH`] and the
//! room told ([`FullTextMessage::SoFar`]), which asks again; and again when indexing
//! is done. Nobody searching, nothing is committed on the way.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::search::fulltext::{FullText, IndexProgress, Watcher, index_dir};
use crate::store::Store;
use crate::tui::{
    App, FullTextMessage, Message, SnippetsRequest, TextHitsRequest, TextSearchRequest,
};

/// What is indexed so far is committed for a search at most this often ...
const FRESH: Duration = Duration::from_secs(2);
/// ... and, while a partial answer is shown, again after this long.
const REFRESH: Duration = Duration::from_secs(5);

enum Job {
    Search(TextSearchRequest),
    Hits(TextHitsRequest),
    Snippets(SnippetsRequest),
}

/// The newest request of each kind not answered yet.
#[derive(Default)]
struct Pending {
    search: Option<TextSearchRequest>,
    hits: Option<TextHitsRequest>,
    snippets: Option<SnippetsRequest>,
}

impl Pending {
    fn take(&mut self, job: Job) {
        match job {
            Job::Search(request) => self.search = Some(request),
            Job::Hits(request) => self.hits = Some(request),
            Job::Snippets(request) => self.snippets = Some(request),
        }
    }

    fn take_queued(&mut self, inbox: &Receiver<Job>) {
        while let Ok(job) = inbox.try_recv() {
            self.take(job);
        }
    }

    fn is_empty(&self) -> bool {
        self.search.is_none() && self.hits.is_none() && self.snippets.is_none()
    }

    /// Answers every pending request from `fulltext`: the whole index, or (with the
    /// percent indexed) what is indexed so far. The search is answered only when
    /// `search` says so.
    fn answer(
        &mut self,
        fulltext: &FullText,
        store: &Store,
        so_far: Option<u8>,
        search: bool,
    ) -> Vec<Message> {
        let searched = if search { self.search.take() } else { None };
        let searched = searched.map(|r| match so_far {
            Some(percent) => r.run_so_far(fulltext, store, percent),
            None => r.run(fulltext, store),
        });
        [
            searched,
            self.hits.take().map(|r| r.run(fulltext, store)),
            self.snippets.take().map(|r| r.run(fulltext, store)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

pub struct Indexer {
    /// Where the index is kept (`None`: in memory, the built-in sample).
    dir: Option<PathBuf>,
    /// `None` until the store is whole and the thread started.
    jobs: Option<Sender<Job>>,
    out: Sender<Message>,
    sent_search: Option<u64>,
    sent_hits: Option<TextHitsRequest>,
    sent_snippets: Option<SnippetsRequest>,
}

impl Indexer {
    /// The thread starts once the store is whole ([`Indexer::submit`]).
    pub fn new(
        cache_dir: Option<PathBuf>,
        store_path: Option<PathBuf>,
        out: Sender<Message>,
    ) -> Self {
        let dir = match (cache_dir, store_path) {
            (Some(cache), Some(path)) => index_dir(&cache, &path),
            _ => None,
        };
        Indexer {
            dir,
            jobs: None,
            out,
            sent_search: None,
            sent_hits: None,
            sent_snippets: None,
        }
    }

    /// Starts the thread when the store has become whole, and hands it what the app
    /// wants that it has not been handed yet.
    pub fn submit(&mut self, app: &App) {
        if self.jobs.is_none() {
            if app.is_loading() || !matches!(app.load_status(), crate::tui::app::LoadStatus::Ready)
            {
                return;
            }
            self.start(app.shared_store());
        }
        let Some(jobs) = &self.jobs else { return };
        if let Some(request) = app.text_search_wanted()
            && self.sent_search != Some(request.generation())
        {
            self.sent_search = Some(request.generation());
            let _ = jobs.send(Job::Search(request.clone()));
        }
        match app.text_hits_wanted() {
            Some(request) if self.sent_hits.as_ref() != Some(&request) => {
                self.sent_hits = Some(request.clone());
                let _ = jobs.send(Job::Hits(request));
            }
            Some(_) => {}
            None => self.sent_hits = None,
        }
        match app.text_snippets_wanted() {
            Some(request) if self.sent_snippets.as_ref() != Some(&request) => {
                self.sent_snippets = Some(request.clone());
                let _ = jobs.send(Job::Snippets(request));
            }
            Some(_) => {}
            None => self.sent_snippets = None,
        }
    }

    fn start(&mut self, store: Arc<Store>) {
        let (jobs, inbox) = mpsc::channel();
        let out = self.out.clone();
        let dir = self.dir.clone();
        let spawned = std::thread::Builder::new()
            .name("carrel-fulltext".into())
            .spawn(move || work(&store, dir, &inbox, &out));
        match spawned {
            Ok(_) => self.jobs = Some(jobs),
            Err(error) => {
                let why = format!("cannot start a thread: {error}");
                let _ = self
                    .out
                    .send(Message::FullText(FullTextMessage::Ready(Err(why))));
                // Never asked again: a closed channel.
                let (closed, _) = mpsc::channel();
                self.jobs = Some(closed);
            }
        }
    }
}

/// The thread while it indexes: it reports progress and answers what it is asked from
/// what is indexed so far.
struct Serving<'a> {
    store: &'a Store,
    inbox: &'a Receiver<Job>,
    out: &'a Sender<Message>,
    percent: u8,
    pending: Pending,
    /// What was indexed at the last commit, and when.
    so_far: Option<(FullText, Instant)>,
    /// A partial answer went out since the last commit: the next one says so.
    owes_refresh: bool,
}

impl Serving<'_> {
    fn send(&self, message: FullTextMessage) {
        let _ = self.out.send(Message::FullText(message));
    }

    /// Answers what can be answered from the last commit: a search only if it is
    /// fresh (else [`Watcher::wants_so_far`] commits anew first).
    fn answer_so_far(&mut self) {
        let Some((fulltext, at)) = &self.so_far else {
            return;
        };
        let search = self.pending.search.is_some() && at.elapsed() < FRESH;
        let answers = self
            .pending
            .answer(fulltext, self.store, Some(self.percent), search);
        self.owes_refresh |= search;
        for answer in answers {
            let _ = self.out.send(answer);
        }
    }
}

impl Watcher for Serving<'_> {
    fn progress(&mut self, progress: IndexProgress) {
        let percent = progress.percent();
        // A message per percent, not per batch: the loop draws once per message burst.
        if percent != self.percent {
            self.percent = percent;
            self.send(FullTextMessage::Progress(percent));
        }
        self.pending.take_queued(self.inbox);
        self.answer_so_far();
    }

    fn wants_so_far(&mut self) -> bool {
        self.pending.take_queued(self.inbox);
        let age = self.so_far.as_ref().map(|(_, at)| at.elapsed());
        let search_waits = self.pending.search.is_some() && age.is_none_or(|a| a >= FRESH);
        let refresh = self.owes_refresh && age.is_some_and(|a| a >= REFRESH);
        search_waits || refresh
    }

    fn so_far(&mut self, indexed: FullText) {
        self.so_far = Some((indexed, Instant::now()));
        if std::mem::take(&mut self.owes_refresh) {
            self.send(FullTextMessage::SoFar);
        }
        self.answer_so_far();
    }
}

fn work(store: &Store, dir: Option<PathBuf>, inbox: &Receiver<Job>, out: &Sender<Message>) {
    let _ = out.send(Message::FullText(FullTextMessage::Progress(0)));
    let mut serving = Serving {
        store,
        inbox,
        out,
        percent: 0,
        pending: Pending::default(),
        so_far: None,
        owes_refresh: false,
    };
    let opened = FullText::open_watched(store, dir.as_deref(), &mut serving);
    let mut pending = std::mem::take(&mut serving.pending);
    drop(serving);
    let fulltext = match opened {
        Ok(fulltext) => fulltext,
        Err(error) => {
            let _ = out.send(Message::FullText(FullTextMessage::Ready(Err(
                error.to_string()
            ))));
            return;
        }
    };
    if out
        .send(Message::FullText(FullTextMessage::Ready(Ok(()))))
        .is_err()
    {
        return;
    }
    loop {
        if pending.is_empty() {
            match inbox.recv() {
                Ok(job) => pending.take(job),
                Err(_) => return,
            }
        }
        pending.take_queued(inbox);
        for answer in pending.answer(&fulltext, store, None, true) {
            if out.send(answer).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests may unwrap (house rules)

    use super::*;
    use crate::tui::{Action, Library};

    /// The thread's messages up to the first that `done` accepts, each given to the app.
    fn take_until(app: &mut App, rx: &Receiver<Message>, done: impl Fn(&App) -> bool) {
        while !done(app) {
            let message = rx.recv().unwrap();
            app.update(message);
        }
    }

    #[test]
    fn indexes_the_sample_in_the_background_then_answers_full_text_searches() {
        let mut app = App::from_library(Library::new(crate::store::sample::load_builtin()));
        app.update(Action::Resize(120, 40));
        let (tx, rx) = mpsc::channel();
        let mut indexer = Indexer::new(None, None, tx);
        indexer.submit(&app);
        take_until(&mut app, &rx, |app| {
            *app.index_state() == crate::tui::IndexState::Ready
        });
        app.update(Action::OpenFilter);
        app.update(Action::ToggleFullText);
        for c in "osman".chars() {
            app.update(Action::FilterType(c));
        }
        indexer.submit(&app);
        take_until(&mut app, &rx, |app| app.text_search_wanted().is_none());
        assert!(!app.rows().is_empty());
        assert!(app.snippet_line(0).is_some());
        // The shown record's hits follow.
        indexer.submit(&app);
        take_until(&mut app, &rx, |app| app.text_hits_wanted().is_none());
        assert!(app.hit_label().is_some_and(|l| l.starts_with("hit 1 of")));
    }

    #[test]
    fn a_search_waiting_while_indexing_is_answered_from_a_commit_and_says_so() {
        let mut app = App::from_library(Library::new(crate::store::sample::load_builtin()));
        app.update(Action::Resize(120, 40));
        app.update(Message::FullText(FullTextMessage::Progress(40)));
        app.update(Action::OpenFilter);
        app.update(Action::ToggleFullText);
        for c in "osman".chars() {
            app.update(Action::FilterType(c));
        }
        let store = app.shared_store();
        let (jobs, inbox) = mpsc::channel();
        let (out, answers) = mpsc::channel();
        let mut serving = Serving {
            store: &store,
            inbox: &inbox,
            out: &out,
            percent: 40,
            pending: Pending::default(),
            so_far: None,
            owes_refresh: false,
        };
        assert!(!serving.wants_so_far(), "nobody searching: no commit");
        let search = app.text_search_wanted().cloned().unwrap();
        jobs.send(Job::Search(search)).unwrap();
        assert!(serving.wants_so_far(), "a search waits: commit");
        serving.so_far(FullText::open(&store, None, |_| {}).unwrap());
        app.update(answers.try_recv().unwrap());
        let count = app.fulltext_count().unwrap();
        assert!(count.ends_with("in texts so far · indexing 40%"), "{count}");
        // Asked again at once: answered from the same commit, no new one.
        app.update(Message::FullText(FullTextMessage::SoFar));
        jobs.send(Job::Search(app.text_search_wanted().cloned().unwrap()))
            .unwrap();
        assert!(!serving.wants_so_far(), "the last commit is fresh");
        serving.progress(crate::search::fulltext::IndexProgress {
            done: 5,
            total: 10,
            bytes: 0,
        });
        let mut last = None;
        while let Ok(message) = answers.try_recv() {
            last = Some(message);
        }
        app.update(last.unwrap());
        assert!(app.text_search_wanted().is_none(), "answered");
        assert!(serving.owes_refresh, "a partial answer is shown");
    }
}
