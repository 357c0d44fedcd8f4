//! The reading room's state and what changes it, with no terminal and no I/O.
//!
//! One-way flow: every input (a key, records arriving, a search's result, a text
//! read back, a timer, a signal) is one [`Message`]; [`App::update`] applies it and
//! computes what the panes say ([`view`]: lines of spans with roles, no style).
//! `crate::ui` decides how that looks, and `crate::room` runs the threads that
//! send the messages and draws. Nothing here imports `crate::ui`.

pub mod across_views;
pub mod action;
pub mod app;
mod arrival;
mod date_order;
mod desk_list;
mod desk_prompt;
pub mod desk_state;
mod desk_update;
mod event;
pub mod filtering;
pub(crate) mod find;
pub mod fulltext_jobs;
pub mod fulltext_mode;
mod jumps;
pub mod key_overrides;
pub mod keymap;
pub mod layout;
mod listing;
pub mod message;
pub mod parallel;
mod selection;
mod sort;
pub mod texts;
mod update;
pub mod view;
pub mod wrap;

pub use action::{Action, Pane};
pub use app::{App, Library};
pub use event::action_for_event;
pub use filtering::{SearchRequest, SearchResult};
pub use find::find_input;
pub use fulltext_jobs::{SnippetsRequest, TextHitsRequest, TextSearchRequest, TextSearchResult};
pub use fulltext_mode::{FullTextMessage, IndexState};
pub use layout::Mode;
pub use listing::{ListFacts, Row, compact_date};
pub use message::Message;
pub use texts::TextRequest;
