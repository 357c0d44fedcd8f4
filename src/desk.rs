//! The historian's desk: the user's own data beside a store, never inside it. Marks,
//! tags, notes, quotations, reading positions, history, saved searches and the
//! filter line's query history, in one SQLite database in the data directory.
//!
//! Everything is keyed by the store's id (the `id` of its `archive.json`) and the
//! record's id, so a record keeps its notes when its store is re-imported or moved.
//! Knows nothing of terminals. The database is in WAL mode with a busy timeout, so
//! two carrel processes can write at once; a database that will not open is moved
//! aside (damaged) or opened read-only (read-only, or written by a newer carrel),
//! and [`Desk::notice`] says so: see `open` and assets/docs/desk.md.

pub mod editor;
mod marks;
mod notes;
mod open;
mod reading;
pub mod report;
mod schema;
mod searches;
mod terms;
mod time;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::store::{AppDirs, Archive};

pub use marks::Annotations;
pub use notes::{Note, Quotation};
pub use reading::Visit;
pub use schema::SCHEMA_VERSION;
pub use searches::SavedSearch;
pub use terms::DeskTerms;
pub use time::Timestamp;

/// The database's file name in the data directory.
pub const FILE_NAME: &str = "desk.sqlite";

/// How many queries the filter line remembers, as a shell's HISTSIZE.
pub const QUERY_HISTORY_SIZE: usize = 1000;

/// Where the desk lives: `<data>/desk.sqlite`.
pub fn default_path(dirs: &AppDirs) -> PathBuf {
    dirs.data.join(FILE_NAME)
}

/// What the desk knows a store by: the archive's id, else (a store without one) its
/// title, else the folder it was opened from; stable across runs either way.
pub fn store_key(archive: &Archive, path: Option<&Path>) -> String {
    if !archive.id.trim().is_empty() {
        return archive.id.trim().to_string();
    }
    if !archive.title.trim().is_empty() {
        return format!("title:{}", archive.title.trim());
    }
    match path {
        Some(p) => {
            let canonical = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
            format!("path:{}", canonical.display())
        }
        None => "builtin".to_string(),
    }
}

/// What went wrong with the desk. Opening never fails (see [`Desk::open`]); these
/// come from reading and writing.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("not saved: {why}")]
    ReadOnly { why: String },
    #[error("{path}: {source}")]
    Database {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("a saved search is called {0:?} already")]
    NameTaken(String),
    #[error("no saved search is called {0:?}")]
    NoSuchSearch(String),
    #[error("{0} cannot be empty")]
    Empty(&'static str),
}

pub type Result<T> = std::result::Result<T, DeskError>;

/// How the database was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    ReadWrite,
    /// Changes are refused with [`DeskError::ReadOnly`] carrying this reason.
    ReadOnly(String),
    /// No file could be used: the desk lasts until the program ends.
    Memory(String),
}

/// The user's data for one store, in one database connection.
pub struct Desk {
    conn: Connection,
    path: PathBuf,
    store: String,
    mode: Mode,
    notice: Option<String>,
}

impl Desk {
    /// Opens (or creates) the database at `path` for the store `store`. A damaged
    /// file is moved aside and a new one started, a read-only file or folder or a
    /// newer schema is opened read-only, and when no file can be used at all the desk
    /// is kept in memory; [`Desk::notice`] then says what happened. Fails only when
    /// SQLite cannot start even an empty database in memory.
    pub fn open(path: &Path, store: impl Into<String>) -> Result<Desk> {
        let (conn, mode, notice) = open::open(path).map_err(|source| DeskError::Database {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Desk {
            conn,
            path: path.to_path_buf(),
            store: store.into(),
            mode,
            notice,
        })
    }

    /// The desk in the data directory, or in memory without a home directory.
    pub fn open_default(dirs: Option<&AppDirs>, store: impl Into<String>) -> Result<Desk> {
        match dirs {
            Some(dirs) => Desk::open(&default_path(dirs), store),
            None => {
                let (conn, mode, notice) = open::in_memory(
                    "there is no home directory to keep it in".into(),
                )
                .map_err(|source| DeskError::Database {
                    path: ":memory:".into(),
                    source,
                })?;
                Ok(Desk {
                    conn,
                    path: PathBuf::from(":memory:"),
                    store: store.into(),
                    mode,
                    notice,
                })
            }
        }
    }

    /// What the user should be told about how the desk opened, if anything.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn is_writable(&self) -> bool {
        !matches!(self.mode, Mode::ReadOnly(_))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store the calls are about.
    pub fn store(&self) -> &str {
        &self.store
    }

    /// Turns to another store (a new store replaced the one open).
    pub fn set_store(&mut self, store: impl Into<String>) {
        self.store = store.into();
    }

    fn db_error(&self, source: rusqlite::Error) -> DeskError {
        if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
            return DeskError::ReadOnly {
                why: format!("{} cannot be written", self.path.display()),
            };
        }
        DeskError::Database {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// Refuses a change when the database is read-only.
    pub(crate) fn writable(&self) -> Result<()> {
        match &self.mode {
            Mode::ReadOnly(why) => Err(DeskError::ReadOnly { why: why.clone() }),
            _ => Ok(()),
        }
    }

    /// Runs one change: refused when read-only, errors mapped.
    fn write<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        self.writable()?;
        f(&self.conn).map_err(|e| self.db_error(e))
    }

    /// Runs several statements as one change, taking the write lock first (`BEGIN
    /// IMMEDIATE`) so that a second writer waits its turn instead of failing.
    fn transaction<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        self.write(|c| {
            c.execute_batch("BEGIN IMMEDIATE")?;
            match f(c) {
                Ok(value) => {
                    c.execute_batch("COMMIT")?;
                    Ok(value)
                }
                Err(e) => {
                    let _ = c.execute_batch("ROLLBACK");
                    Err(e)
                }
            }
        })
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        f(&self.conn).map_err(|e| self.db_error(e))
    }

    /// SQLite's own check of the file: "ok" when it is sound.
    pub fn integrity_check(&self) -> Result<String> {
        self.read(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
    }
}
