//! Reading across documents: what links to a record (backlinks), what the archive
//! holds beside it (archival neighbours), the people, places, subjects, types and
//! archives of a list of records with their counts (indexes), and how a list spreads
//! over the years (the timeline). Computed from the store alone; nothing here knows
//! of the terminal. The CLI and the reading room call the same functions.

pub mod backlinks;
pub mod indexes;
pub mod neighbours;
pub mod timeline;

pub use backlinks::{Backlink, Backlinks};
pub use indexes::{Entry, IndexKind, index, narrowed};
pub use neighbours::{Level, Neighbours, neighbours};
pub use timeline::{Bucket, Span, Timeline, timeline};
