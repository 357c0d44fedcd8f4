//! Full texts a lazily opened store left on disk. `App::update` does no I/O: the
//! state says which record's text is wanted ([`App::text_wanted`]), the event loop
//! has it read ([`TextRequest::read`], on a thread of its own) and the text comes
//! back as a [`Message::TextRead`].

use super::app::App;
use super::message::Message;
use crate::store::schema::{Text, reading_text_index};
use crate::store::{Record, Store};

/// Texts read back and kept: a reader goes back and forth between a few records.
const KEPT: usize = 8;

/// What the full-text pane has to show for a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DocText<'a> {
    Text(&'a Text),
    /// The store holds no full text for the record.
    None,
    /// The text is on disk and not read yet.
    Pending,
    /// The text could not be read back; why.
    Failed(&'a str),
}

/// The texts read back from disk, most recent last.
#[derive(Debug, Clone, Default)]
pub struct FetchedTexts {
    entries: Vec<(usize, Result<Option<Text>, String>)>,
}

impl FetchedTexts {
    fn get(&self, record: usize) -> Option<&Result<Option<Text>, String>> {
        self.entries
            .iter()
            .find(|(r, _)| *r == record)
            .map(|(_, text)| text)
    }

    pub(crate) fn insert(&mut self, record: usize, text: Result<Option<Text>, String>) {
        self.entries.retain(|(r, _)| *r != record);
        if self.entries.len() >= KEPT {
            let _oldest = self.entries.remove(0);
        }
        self.entries.push((record, text));
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Which of `texts` the full-text pane shows: the reading text, else any text with a body.
fn shown_index(texts: &[Text]) -> Option<usize> {
    let has_body = |t: &Text| !t.body.trim().is_empty();
    reading_text_index(texts)
        .filter(|&i| texts.get(i).is_some_and(has_body))
        .or_else(|| texts.iter().position(has_body))
}

/// The text the full-text pane shows, when its body is in memory.
pub fn shown_text(record: &Record) -> Option<&Text> {
    shown_index(&record.texts).and_then(|i| record.texts.get(i))
}

/// What the full-text pane shows for `record` (at `index` in the store).
pub(crate) fn doc_text<'a>(
    record: &'a Record,
    index: usize,
    fetched: &'a FetchedTexts,
) -> DocText<'a> {
    if let Some(text) = shown_text(record) {
        return DocText::Text(text);
    }
    if !record.has_full_text() {
        return DocText::None;
    }
    match fetched.get(index) {
        Some(Ok(Some(text))) => DocText::Text(text),
        Some(Ok(None)) => DocText::None,
        Some(Err(why)) => DocText::Failed(why),
        None => DocText::Pending,
    }
}

/// Reads record `index`'s shown text back from the store: this is I/O. A failure
/// comes back as the message the pane shows.
pub fn read_text(store: &Store, index: usize) -> Result<Option<Text>, String> {
    match store.records.get(index) {
        Some(record) => read_record_text(record),
        None => Ok(None),
    }
}

fn read_record_text(record: &Record) -> Result<Option<Text>, String> {
    let texts = record.full_texts().map_err(|e| e.to_string())?;
    Ok(shown_index(&texts).and_then(|i| texts.get(i).cloned()))
}

/// A text to read back from disk, with what it takes to find it (the record's
/// metadata, which says where its JSON lies), so that another thread can read it.
#[derive(Debug, Clone)]
pub struct TextRequest {
    pub record: usize,
    source: Record,
}

impl TextRequest {
    /// Reads the text: I/O, for the text reader's thread (or a test, at once).
    pub fn read(&self) -> Message {
        Message::TextRead {
            record: self.record,
            text: read_record_text(&self.source),
        }
    }
}

impl App {
    /// What the full-text pane shows for the shown record (`None` without one).
    pub fn document_text(&self) -> Option<DocText<'_>> {
        let index = self.shown_index()?;
        let record = self.library.store.records.get(index)?;
        Some(doc_text(record, index, &self.fetched))
    }

    /// The record whose text is on disk and wanted now: the shown one, not read yet.
    /// (Steps through the list read nothing until the document follows them.)
    pub fn text_wanted(&self) -> Option<usize> {
        match self.document_text()? {
            DocText::Pending => self.shown_index(),
            _ => None,
        }
    }

    /// The text wanted now, as a request another thread can fulfil.
    pub fn text_request(&self) -> Option<TextRequest> {
        let record = self.text_wanted()?;
        Some(TextRequest {
            record,
            source: self.library.store.records.get(record)?.clone(),
        })
    }
}
