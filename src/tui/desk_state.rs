//! The desk as the reading room holds it: a snapshot of the user's data read at
//! startup (marks, tags, notes, quotations, recent records, saved searches, the
//! filter line's history), kept current by the reader's own changes, and the
//! changes still to be written. `update` never touches the database: it queues
//! [`DeskWrite`]s that the event loop performs (see `crate::room::desk_io`).

use std::collections::{HashMap, HashSet};

use crate::cite::Style;
use crate::desk::{Annotations, Quotation, SavedSearch};
use crate::store::Store;

/// How many records "Recent" lists.
pub const RECENT: usize = 20;

/// What the desk held when the reading room opened it.
#[derive(Debug, Clone, Default)]
pub struct DeskSnapshot {
    pub annotations: Annotations,
    /// Record id -> its note.
    pub notes: HashMap<String, String>,
    /// Record id -> its quotations, oldest first.
    pub quotations: HashMap<String, Vec<Quotation>>,
    /// The last records read, newest first.
    pub recent: Vec<String>,
    pub saved: Vec<SavedSearch>,
    /// The filter line's earlier queries, newest first.
    pub query_history: Vec<String>,
    /// The find line's history (`/` in a document), newest first.
    pub find_history: Vec<String>,
    /// Record id -> byte offset of the reading position in its text.
    pub positions: HashMap<String, u64>,
    /// The record open when the reader last left.
    pub last_open: Option<String>,
    /// Changes are refused (read-only or newer desk): the room says so on a change.
    pub read_only: Option<String>,
    /// How the desk opened, when the reader should know (damaged, read-only, memory).
    pub notice: Option<String>,
}

/// What the desk sends into the reading room.
#[derive(Debug)]
pub enum DeskMessage {
    Opened(Box<DeskSnapshot>),
    /// No desk at all: the room works without one.
    Unavailable(String),
    /// A write the loop performed failed: the status line says why.
    WriteFailed(String),
    /// The editor ran: the note as it is now (`None`: no note), or why not.
    NoteEdited {
        record: String,
        result: Result<Option<String>, String>,
    },
}

/// A change for the event loop to write to the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskWrite {
    Mark {
        record: String,
        on: bool,
    },
    Tags {
        record: String,
        tags: Vec<String>,
    },
    Visit(String),
    Position {
        record: String,
        offset: u64,
    },
    Quote {
        record: String,
        passage: String,
        citation: String,
    },
    SaveSearch {
        name: String,
        query: String,
    },
    RenameSearch {
        old: String,
        new: String,
    },
    RemoveSearch(String),
    PushQuery(String),
    PushFind(String),
}

/// The editor wanted for a record's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    pub record: String,
    pub title: String,
}

/// An entry of the collection list that comes from the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskEntry {
    Marked,
    Recent,
    Tag(String),
    Saved(String),
}

/// A small window over the room that takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// `Y`: which citation style, by number.
    Style,
    /// `t`: tags typed, separated by commas; a tag given with `-` is removed.
    Tags { record: String, input: String },
    /// `S`: the name to save the query under.
    SaveSearch { input: String },
    /// `r`: a saved search's new name (the old one to edit at first).
    RenameSearch { old: String, input: String },
    /// `x`: whether to remove a saved search.
    RemoveSearch { name: String },
    /// A citation to select by hand (the terminal cannot take OSC 52).
    Shown { title: String, text: String },
}

/// Lines of the full text chosen with `v`, as byte offsets into the wrapped text
/// (so a re-wrap keeps the same passage).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub record: usize,
    pub anchor: usize,
    pub cursor: usize,
}

#[derive(Debug)]
pub struct DeskState {
    /// `None` until the desk is opened (or when there is none).
    pub(crate) snapshot: Option<DeskSnapshot>,
    pub(crate) writes: Vec<DeskWrite>,
    /// Texts for the clipboard (OSC 52), in order.
    pub(crate) clipboard: Vec<String>,
    pub(crate) edit: Option<EditRequest>,
    pub(crate) prompt: Option<Prompt>,
    /// What the status line says about the desk: (text, is an error).
    pub(crate) message: Option<(String, bool)>,
    /// The collection list's cursor is on this desk entry (the list then shows it).
    pub(crate) entry: Option<DeskEntry>,
    pub(crate) selection: Option<Selection>,
    /// Where Up / Down stand in the query history while the filter line is open.
    pub(crate) history_at: Option<usize>,
    /// The reader's last record was reopened once (at the first snapshot).
    pub(crate) reopened: bool,
    /// The record whose visit was last recorded.
    pub(crate) visited: Option<usize>,
    /// Settings from config.toml.
    pub(crate) osc52: bool,
    pub(crate) style: Style,
    /// Saved searches' counts, recomputed when the index or the list of them changes.
    pub(crate) saved_counts: HashMap<String, usize>,
    /// Each note's words as keys (`search::fulltext::text_keys`), kept as the notes
    /// change: the filter looks in them at every keystroke.
    pub(crate) note_keys: HashMap<String, String>,
    pub(crate) saved_counts_key: Option<(usize, usize)>,
    /// The desk could not be opened at all (not merely not yet).
    pub(crate) unavailable: bool,
}

impl Default for DeskState {
    fn default() -> Self {
        DeskState {
            snapshot: None,
            writes: Vec::new(),
            clipboard: Vec::new(),
            edit: None,
            prompt: None,
            message: None,
            entry: None,
            selection: None,
            history_at: None,
            reopened: false,
            visited: None,
            osc52: true,
            style: Style::ChicagoNote,
            saved_counts: HashMap::new(),
            note_keys: HashMap::new(),
            saved_counts_key: None,
            unavailable: false,
        }
    }
}

impl DeskState {
    /// The small window open over the room, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn is_marked(&self, id: &str) -> bool {
        self.snapshot
            .as_ref()
            .is_some_and(|s| s.annotations.marked.contains(id))
    }

    pub fn any_marked(&self) -> bool {
        self.snapshot
            .as_ref()
            .is_some_and(|s| !s.annotations.marked.is_empty())
    }

    /// Tags in use with their counts, by name.
    pub fn tags_in_use(&self) -> Vec<(String, usize)> {
        let Some(snapshot) = &self.snapshot else {
            return Vec::new();
        };
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for tags in snapshot.annotations.tags.values() {
            for tag in tags {
                *counts.entry(tag.as_str()).or_default() += 1;
            }
        }
        let mut tags: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(t, n)| (t.to_string(), n))
            .collect();
        tags.sort_by_key(|(t, _)| t.to_lowercase());
        tags
    }

    /// The desk's entries of the collection list, in order: Marked, Recent, each
    /// tag, each saved search. None without a desk.
    pub fn entries(&self) -> Vec<DeskEntry> {
        let Some(snapshot) = &self.snapshot else {
            return Vec::new();
        };
        let mut entries = vec![DeskEntry::Marked, DeskEntry::Recent];
        entries.extend(
            self.tags_in_use()
                .into_iter()
                .map(|(t, _)| DeskEntry::Tag(t)),
        );
        entries.extend(
            snapshot
                .saved
                .iter()
                .map(|s| DeskEntry::Saved(s.name.clone())),
        );
        entries
    }

    /// The records of an entry (saved searches are run by the filter instead).
    pub fn entry_ids(&self, entry: &DeskEntry) -> Option<Vec<&str>> {
        let snapshot = self.snapshot.as_ref()?;
        Some(match entry {
            DeskEntry::Marked => snapshot
                .annotations
                .marked
                .iter()
                .map(String::as_str)
                .collect(),
            DeskEntry::Recent => snapshot.recent.iter().map(String::as_str).collect(),
            DeskEntry::Tag(tag) => snapshot
                .annotations
                .tags
                .iter()
                .filter(|(_, tags)| tags.contains(tag))
                .map(|(id, _)| id.as_str())
                .collect(),
            DeskEntry::Saved(_) => return None,
        })
    }

    pub fn saved_query(&self, name: &str) -> Option<&str> {
        self.snapshot
            .as_ref()?
            .saved
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.query.as_str())
    }

    pub fn note(&self, id: &str) -> Option<&str> {
        self.snapshot
            .as_ref()?
            .notes
            .get(id)
            .map(String::as_str)
            .filter(|n| !n.trim().is_empty())
    }

    pub fn quotations(&self, id: &str) -> &[Quotation] {
        self.snapshot
            .as_ref()
            .and_then(|s| s.quotations.get(id))
            .map_or(&[], Vec::as_slice)
    }

    /// Queues a change, or says why it cannot be kept.
    pub(crate) fn write(&mut self, write: DeskWrite) -> bool {
        match &self.snapshot {
            None => {
                self.say_error(self.missing().to_string());
                false
            }
            Some(snapshot) => {
                if let Some(why) = &snapshot.read_only {
                    self.say_error(format!("{}: {why}", crate::strings::desk::NOT_SAVED));
                }
                // A read-only desk still shows the change until carrel ends.
                self.writes.push(write);
                true
            }
        }
    }

    /// Why there is no desk to change: none could be opened, or not yet.
    pub(crate) fn missing(&self) -> &'static str {
        if self.unavailable {
            crate::strings::desk::NO_DESK
        } else {
            crate::strings::desk::NOT_YET
        }
    }

    pub(crate) fn say(&mut self, text: String) {
        self.message = Some((text, false));
    }

    pub(crate) fn say_error(&mut self, text: String) {
        self.message = Some((text, true));
    }
}

pub use crate::desk::DeskTerms;

/// Record ids to indices into the store, those no longer in it left out.
pub fn indices(store: &Store, ids: &[&str]) -> HashSet<usize> {
    ids.iter().filter_map(|id| store.index_of(id)).collect()
}
