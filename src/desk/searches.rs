//! Saved searches (a name for a query, per store) and the filter line's history of
//! queries, kept across runs as a shell keeps its history: blank queries and a
//! repeat of the latest are not added, and only the newest
//! [`QUERY_HISTORY_SIZE`](super::QUERY_HISTORY_SIZE) are kept.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::time::Timestamp;
use super::{Desk, DeskError, QUERY_HISTORY_SIZE, Result};

/// A query kept under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
    pub saved: Timestamp,
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(DeskError::Empty("a saved search's name"));
    }
    Ok(name)
}

impl Desk {
    /// Saves `query` under `name`, replacing the query of a search of that name.
    pub fn save_search(&self, name: &str, query: &str) -> Result<()> {
        let name = clean_name(name)?;
        if query.trim().is_empty() {
            return Err(DeskError::Empty("a saved search's query"));
        }
        self.write(|c| {
            c.execute(
                "INSERT INTO saved_searches (store, name, query, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (store, name) DO UPDATE SET query = excluded.query, at = excluded.at",
                params![self.store, name, query.trim(), Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// The store's saved searches, by name.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT name, query, at FROM saved_searches WHERE store = ?1 ORDER BY name COLLATE NOCASE",
            )?;
            stmt.query_map(params![self.store], |r| {
                Ok(SavedSearch {
                    name: r.get(0)?,
                    query: r.get(1)?,
                    saved: Timestamp(r.get(2)?),
                })
            })?
            .collect()
        })
    }

    pub fn saved_search(&self, name: &str) -> Result<Option<SavedSearch>> {
        self.read(|c| {
            c.query_row(
                "SELECT name, query, at FROM saved_searches WHERE store = ?1 AND name = ?2",
                params![self.store, name],
                |r| {
                    Ok(SavedSearch {
                        name: r.get(0)?,
                        query: r.get(1)?,
                        saved: Timestamp(r.get(2)?),
                    })
                },
            )
            .optional()
        })
    }

    pub fn rename_search(&self, old: &str, new: &str) -> Result<()> {
        let new = clean_name(new)?;
        if new != old && self.saved_search(&new)?.is_some() {
            return Err(DeskError::NameTaken(new));
        }
        let changed = self.write(|c| {
            c.execute(
                "UPDATE saved_searches SET name = ?3 WHERE store = ?1 AND name = ?2",
                params![self.store, old, new],
            )
        })?;
        if changed == 0 {
            return Err(DeskError::NoSuchSearch(old.to_string()));
        }
        Ok(())
    }

    pub fn delete_search(&self, name: &str) -> Result<()> {
        let changed = self.write(|c| {
            c.execute(
                "DELETE FROM saved_searches WHERE store = ?1 AND name = ?2",
                params![self.store, name],
            )
        })?;
        if changed == 0 {
            return Err(DeskError::NoSuchSearch(name.to_string()));
        }
        Ok(())
    }

    /// Adds a query the user ran to the filter line's history.
    pub fn push_query(&self, query: &str) -> Result<()> {
        self.push_history("query_history", query)
    }

    /// Adds a find kept with Enter (`/` in a document) to the find line's history.
    pub fn push_find(&self, query: &str) -> Result<()> {
        self.push_history("find_history", query)
    }

    /// The find line's history, newest first.
    pub fn find_history(&self, limit: usize) -> Result<Vec<String>> {
        self.history_of("find_history", limit)
    }

    /// `query` first in `table` (one of the two histories), unless it is first
    /// already; the oldest beyond [`QUERY_HISTORY_SIZE`] go.
    fn push_history(&self, table: &'static str, query: &str) -> Result<()> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(());
        }
        self.transaction(|c| {
            let latest: Option<String> = c
                .query_row(
                    &format!("SELECT query FROM {table} ORDER BY id DESC LIMIT 1"),
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if latest.as_deref() == Some(query) {
                return Ok(());
            }
            c.execute(
                &format!("INSERT INTO {table} (query, at) VALUES (?1, ?2)"),
                params![query, Timestamp::now().0],
            )?;
            c.execute(
                &format!(
                    "DELETE FROM {table} WHERE id <= (
                         SELECT id FROM {table} ORDER BY id DESC LIMIT 1 OFFSET ?1
                     )"
                ),
                params![QUERY_HISTORY_SIZE as i64],
            )?;
            Ok(())
        })
    }

    fn history_of(&self, table: &'static str, limit: usize) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT query FROM {table} ORDER BY id DESC LIMIT ?1"
            ))?;
            stmt.query_map(params![limit as i64], |r| r.get(0))?
                .collect()
        })
    }

    /// The filter line's history, newest first (what Up recalls first).
    pub fn query_history(&self, limit: usize) -> Result<Vec<String>> {
        self.history_of("query_history", limit)
    }
}
