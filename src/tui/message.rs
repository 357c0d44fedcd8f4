//! Everything that changes the reading room arrives as one [`Message`]: what the
//! reader does, what the threads opening the store, ranking searches and reading
//! texts send back, the timers, and signals. `App::update` is the one place a
//! message changes the state; the event loop (`crate::room`) only delivers them.

use ratatui::crossterm::event::Event;

use super::action::Action;
use super::filtering::SearchResult;
use super::fulltext_mode::FullTextMessage;
use crate::open::Arrival;
use crate::store::schema::Text;

#[derive(Debug)]
pub enum Message {
    /// What a key, click, wheel or resize means.
    Action(Action),
    /// A terminal event as the input thread read it: the keymap says what it means,
    /// which depends on the state (the filter line sees keys first).
    Terminal(Event),
    /// The store and its index, as the opening threads send them.
    Opening(Arrival),
    /// A search ranked on the search thread.
    Searched(SearchResult),
    /// A full text read back from disk: record `record`'s shown text, or why not.
    TextRead {
        record: usize,
        text: Result<Option<Text>, String>,
    },
    /// No key for a moment after steps through the record list: the document catches
    /// up with the selection (see `App::document_waiting`).
    Rest,
    /// Time passing while the store loads (turns the progress indicator).
    Tick,
    /// A signal that ends the process by default (TERM, HUP, INT, QUIT, ...): the
    /// reading room ends, and the process exits 128 + `signal` once the terminal is
    /// restored.
    Ended { signal: i32 },
    /// SIGTSTP (`kill -TSTP`, or the shell's job control): suspend as Ctrl-z does.
    Suspend,
    /// The process goes on after a suspension.
    Resumed,
    /// The store's files changed on disk since it was opened.
    StoreChanged,
    /// The full-text thread: how far indexing is, a search's answer, a text's hits.
    FullText(FullTextMessage),
    /// The desk opened, a write failed, a note was edited.
    Desk(super::desk_state::DeskMessage),
    /// The store's backlinks and archival neighbours, gathered off the UI thread.
    AcrossBuilt(Box<crate::tui::across_views::AcrossBuilt>),
    /// Indexes or a timeline made on the index thread for the view that waits.
    IndexesMade(Box<crate::tui::across_views::IndexAnswer>),
    /// Both texts of record `record` read back for parallel reading, or why not.
    ParallelRead {
        record: usize,
        texts: Result<Vec<Text>, String>,
    },
}

impl From<Action> for Message {
    fn from(action: Action) -> Self {
        Message::Action(action)
    }
}

impl From<Arrival> for Message {
    fn from(arrival: Arrival) -> Self {
        Message::Opening(arrival)
    }
}

impl From<SearchResult> for Message {
    fn from(result: SearchResult) -> Self {
        Message::Searched(result)
    }
}
