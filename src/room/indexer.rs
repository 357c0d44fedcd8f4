//! The full-text thread: once the store is whole it opens the store's full-text index
//! (kept in the cache folder beside the metadata cache, brought up to date record file
//! by record file, rebuilt when damaged: `search::fulltext` does all that), saying how
//! far indexing has come, then answers the reading room's full-text searches and
//! finds a shown text's hits. Requests made while it indexes wait for it; of those
//! queued, only the newest search and the newest hits request are answered.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::search::fulltext::{FullText, index_dir};
use crate::store::Store;
use crate::tui::{App, FullTextMessage, Message, TextHitsRequest, TextSearchRequest};

enum Job {
    Search(TextSearchRequest),
    Hits(TextHitsRequest),
}

pub struct Indexer {
    /// Where the index is kept (`None`: in memory, the built-in sample).
    dir: Option<PathBuf>,
    /// `None` until the store is whole and the thread started.
    jobs: Option<Sender<Job>>,
    out: Sender<Message>,
    sent_search: Option<u64>,
    sent_hits: Option<TextHitsRequest>,
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

fn work(store: &Store, dir: Option<PathBuf>, inbox: &Receiver<Job>, out: &Sender<Message>) {
    let _ = out.send(Message::FullText(FullTextMessage::Progress(0)));
    let mut last = 0;
    let opened = FullText::open(store, dir.as_deref(), |progress| {
        let percent = progress.percent();
        // A message per percent, not per batch: the loop draws once per message burst.
        if percent != last {
            last = percent;
            let _ = out.send(Message::FullText(FullTextMessage::Progress(percent)));
        }
    });
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
    while let Ok(job) = inbox.recv() {
        let (mut search, mut hits) = (None, None);
        let mut take = |job| match job {
            Job::Search(request) => search = Some(request),
            Job::Hits(request) => hits = Some(request),
        };
        take(job);
        while let Ok(newer) = inbox.try_recv() {
            take(newer);
        }
        let answers = [
            search.map(|r| r.run(&fulltext, store)),
            hits.map(|r| r.run(&fulltext, store)),
        ];
        for answer in answers.into_iter().flatten() {
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
}
