//! A thread that fulfils the reading room's requests one at a time, newest first:
//! requests queued behind a newer one are dropped unrun (the reader has moved on).
//! Its answers go into the loop's channel as messages. Should no thread start, the
//! requests are fulfilled where they are made.

use std::sync::mpsc::{self, Receiver, Sender};

use crate::tui::Message;

pub struct Worker<R> {
    /// `None` when the thread could not start or has gone.
    requests: Option<Sender<R>>,
    out: Sender<Message>,
    fulfil: fn(&R) -> Message,
}

impl<R: Send + 'static> Worker<R> {
    pub fn start(name: &str, out: Sender<Message>, fulfil: fn(&R) -> Message) -> Self {
        let (requests, inbox) = mpsc::channel::<R>();
        let outbox = out.clone();
        let started = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || work(&inbox, &outbox, fulfil))
            .is_ok();
        Worker {
            requests: started.then_some(requests),
            out,
            fulfil,
        }
    }

    pub fn send(&mut self, request: R) {
        let unsent = match &self.requests {
            Some(requests) => requests.send(request).err().map(|e| e.0),
            None => Some(request),
        };
        if let Some(request) = unsent {
            self.requests = None;
            let _ = self.out.send((self.fulfil)(&request));
        }
    }
}

fn work<R>(inbox: &Receiver<R>, outbox: &Sender<Message>, fulfil: fn(&R) -> Message) {
    while let Ok(mut request) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        if outbox.send(fulfil(&request)).is_err() {
            return;
        }
    }
}
