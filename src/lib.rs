//! carrel: a terminal reading room for historians.
//!
//! `store` and `search` know nothing of terminals; `cli` (headless commands) and
//! `tui` + `ui` (the reading room) both call them.

pub mod across;
pub mod cite;
pub mod cli;
pub mod config;
pub mod desk;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod open;
pub mod present;
pub mod room;
pub mod search;
pub mod store;
pub mod strings;
pub mod synth;
pub mod text;
pub mod tui;
pub mod ui;
