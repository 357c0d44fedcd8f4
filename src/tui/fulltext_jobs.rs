//! What the reading room asks of the full-text thread, and its answers: a search (to
//! list or to count), every hit of the query in the shown text, and the snippets of
//! rows that come into sight. Each `run` does the I/O (the index, the texts read back
//! from the store) and is called on that thread, or at once by a test; `update` only
//! records what is wanted and takes the answers (`fulltext_mode`).

use std::ops::Range;
use std::sync::Arc;

use super::fulltext_mode::FullTextMessage;
use super::message::Message;
use super::texts::read_text;
use super::view::{Line, Role, Span};
use crate::search::fulltext::{FullText, Snippet};
use crate::store::Store;
use crate::strings;
use crate::text::{sanitize, sanitize_line};

/// A full-text search the reading room wants run.
#[derive(Debug, Clone)]
pub struct TextSearchRequest {
    pub(super) generation: u64,
    pub(super) query: String,
    pub(super) within: Option<Arc<[usize]>>,
    /// How many records to list; 0 only counts.
    pub(super) listed: usize,
    /// How many of them, from the best, get a snippet now (the rest as they come
    /// into sight, [`SnippetsRequest`]).
    pub(super) snippets: usize,
    pub(super) width: usize,
}

impl TextSearchRequest {
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Runs the search on the whole index, reading the first listed records' texts
    /// for their snippets: I/O, for the full-text thread (or a test, at once).
    pub fn run(&self, fulltext: &FullText, store: &Store) -> Message {
        self.answer(fulltext, store, None)
    }

    /// Runs the search on what is indexed so far, `percent` of the texts: the answer
    /// says it is partial.
    pub fn run_so_far(&self, fulltext: &FullText, store: &Store, percent: u8) -> Message {
        self.answer(fulltext, store, Some(percent))
    }

    fn answer(&self, fulltext: &FullText, store: &Store, partial: Option<u8>) -> Message {
        let outcome = fulltext
            .query(&self.query)
            .map_err(|e| strings::syntax_error(&e))
            .and_then(|query| {
                let limit = Some(self.listed.max(1));
                let found = fulltext
                    .search(store, &query, self.within.as_deref(), limit)
                    .map_err(|e| e.to_string())?;
                let hits = found
                    .hits
                    .iter()
                    .take(self.listed)
                    .enumerate()
                    .map(|(rank, &(record, _))| FoundText {
                        record,
                        snippet: (rank < self.snippets)
                            .then(|| fulltext.snippet(store, record, &query, self.width))
                            .and_then(Result::ok)
                            .flatten(),
                    })
                    .collect();
                Ok(TextFound {
                    total: found.total,
                    hits,
                })
            });
        Message::FullText(FullTextMessage::Found(TextSearchResult {
            generation: self.generation,
            counting: self.listed == 0,
            partial,
            outcome,
        }))
    }
}

/// A full-text search's answer.
#[derive(Debug)]
pub struct TextSearchResult {
    pub(super) generation: u64,
    pub(super) counting: bool,
    /// Searched while indexing, this percent of the texts indexed.
    pub(super) partial: Option<u8>,
    pub(super) outcome: Result<TextFound, String>,
}

#[derive(Debug)]
pub(super) struct TextFound {
    pub(super) total: usize,
    pub(super) hits: Vec<FoundText>,
}

#[derive(Debug)]
pub(super) struct FoundText {
    pub(super) record: usize,
    /// `None` also for the rows listed beyond the first screens (asked for later).
    pub(super) snippet: Option<Snippet>,
}

/// Every hit of the full-text query in a record's shown text, wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHitsRequest {
    pub record: usize,
    pub query: String,
}

impl TextHitsRequest {
    /// Reads the record's shown text and finds the query's hits in it, as byte ranges
    /// of the text as the pane holds it (sanitised): for the full-text thread.
    pub fn run(&self, fulltext: &FullText, store: &Store) -> Message {
        let hits = match (read_text(store, self.record), fulltext.query(&self.query)) {
            (Ok(Some(text)), Ok(query)) => query.hits_in(&sanitize(&text.body), &text.lang),
            _ => Vec::new(),
        };
        Message::FullText(FullTextMessage::Hits(TextHitsResult {
            record: self.record,
            query: self.query.clone(),
            hits,
        }))
    }
}

#[derive(Debug)]
pub struct TextHitsResult {
    pub(super) record: usize,
    pub(super) query: String,
    pub(super) hits: Vec<Range<usize>>,
}

/// Snippets wanted for listed rows that came into sight without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetsRequest {
    /// The search whose rows they are.
    pub(super) generation: u64,
    pub(super) query: String,
    /// (rank in the answer, record), in list order.
    pub(super) rows: Vec<(usize, usize)>,
    pub(super) width: usize,
}

impl SnippetsRequest {
    /// The ranks asked for, in list order.
    pub fn ranks(&self) -> Vec<usize> {
        self.rows.iter().map(|&(rank, _)| rank).collect()
    }

    /// Reads each row's texts and cuts its snippet: for the full-text thread.
    pub fn run(&self, fulltext: &FullText, store: &Store) -> Message {
        let snippets = match fulltext.query(&self.query) {
            Ok(query) => self
                .rows
                .iter()
                .map(|&(rank, record)| {
                    let snippet = fulltext.snippet(store, record, &query, self.width);
                    (rank, snippet.ok().flatten())
                })
                .collect(),
            // The query was read when it was searched: this does not happen.
            Err(_) => self.rows.iter().map(|&(rank, _)| (rank, None)).collect(),
        };
        Message::FullText(FullTextMessage::Snippets(SnippetsResult {
            generation: self.generation,
            snippets,
        }))
    }
}

#[derive(Debug)]
pub struct SnippetsResult {
    pub(super) generation: u64,
    pub(super) snippets: Vec<(usize, Option<Snippet>)>,
}

/// A snippet as a line of the list: its hits in the hit role, the rest dim.
pub(super) fn snippet_line(snippet: &Snippet) -> Line<'static> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in snippet.text.chars().enumerate() {
        let hit = snippet.chars.iter().any(|r| r.contains(&i));
        if hit != run_hit && !run.is_empty() {
            spans.push(span(std::mem::take(&mut run), run_hit));
        }
        run_hit = hit;
        let mut buf = [0u8; 4];
        run.push_str(&sanitize_line(c.encode_utf8(&mut buf)));
    }
    if !run.is_empty() {
        spans.push(span(run, run_hit));
    }
    Line { spans }
}

fn span(text: String, hit: bool) -> Span<'static> {
    Span::new(text, if hit { Role::Hit } else { Role::Dim })
}
