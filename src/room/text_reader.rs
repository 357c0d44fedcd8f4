//! The thread that reads full texts back from disk (a store opened lazily keeps
//! them there), so that a slow disk never holds up a key.

use std::sync::mpsc::Sender;

use super::worker::Worker;
use crate::tui::{App, Message, TextRequest};

pub struct TextReader {
    worker: Worker<TextRequest>,
    /// The record whose text was last asked for, while it is still wanted.
    sent: Option<usize>,
}

impl TextReader {
    pub fn start(out: Sender<Message>) -> Self {
        TextReader {
            worker: Worker::start("carrel-texts", out, TextRequest::read),
            sent: None,
        }
    }

    /// Asks for the text the app wants, unless it already has.
    pub fn submit(&mut self, app: &App) {
        let Some(wanted) = app.text_wanted() else {
            self.sent = None;
            return;
        };
        if self.sent == Some(wanted) {
            return;
        }
        if let Some(request) = app.text_request() {
            self.sent = Some(wanted);
            self.worker.send(request);
        }
    }
}
