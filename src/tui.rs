//! The reading room: application state, actions, keymap and the event loop.
//!
//! One-way flow: a terminal event becomes an [`Action`] through the [`keymap`],
//! [`App::update`] applies it (no I/O), and `crate::ui::render` draws the state.

pub mod action;
pub mod app;
mod arrival;
mod date_order;
mod event_loop;
pub mod filtering;
pub mod keymap;
pub mod layout;
mod listing;
mod search_worker;
mod terminal;
pub mod texts;
mod update;
mod watchdog;
pub mod wrap;

pub use action::{Action, Pane};
pub use app::{App, Library};
pub use event_loop::action_for_event;
pub use filtering::{SearchRequest, SearchResult};
pub use layout::Mode;
pub use listing::{ListFacts, Row, compact_date};

use crate::store::StoreChoice;

/// Runs the reading room on the store chosen by the CLI until the reader quits.
///
/// The store loads on a background thread while the interface is already up. A
/// store that cannot be opened at all is shown in the interface; after the reader
/// quits, the same error is returned so the exit status says so.
///
/// SIGTERM or SIGHUP end the reading room like `q`; once the terminal is restored
/// the process exits with 128 + the signal's number (143, 129), as a shell reports
/// a process the signal ended, so whoever sent it can tell.
pub fn run(choice: StoreChoice) -> anyhow::Result<()> {
    let quit_signal = terminal::quit_on_signals()?;
    let mut term = terminal::enter()?;
    let heartbeat = watchdog::start(&quit_signal);
    let outcome = event_loop::run(&mut term, choice, &quit_signal.flag, &heartbeat);
    terminal::leave();
    if let Some(signal) = quit_signal.received() {
        std::process::exit(128 + signal);
    }
    outcome
}
