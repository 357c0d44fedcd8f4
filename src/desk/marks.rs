//! Marks (a star on a record) and tags, with what the filter needs to evaluate
//! `is:marked`, `tag:NAME`, `has:note` and `is:read` in one read.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{OptionalExtension, params};

use super::time::Timestamp;
use super::{Desk, DeskError, Result};

/// Everything the filter line asks about the records of one store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub marked: HashSet<String>,
    /// Record id -> its tags, sorted.
    pub tags: HashMap<String, Vec<String>>,
    pub noted: HashSet<String>,
    /// Records opened at least once.
    pub read: HashSet<String>,
}

/// A tag as the user typed it, trimmed, inner blanks made single; empty is refused.
fn clean_tag(tag: &str) -> Result<String> {
    let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    if tag.is_empty() {
        return Err(DeskError::Empty("a tag"));
    }
    Ok(tag)
}

impl Desk {
    pub fn is_marked(&self, record: &str) -> Result<bool> {
        self.read(|c| {
            c.query_row(
                "SELECT 1 FROM marks WHERE store = ?1 AND record = ?2",
                params![self.store, record],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
        })
    }

    /// Marks or unmarks the record.
    pub fn set_marked(&self, record: &str, marked: bool) -> Result<()> {
        self.write(|c| {
            if marked {
                c.execute(
                    "INSERT OR IGNORE INTO marks (store, record, at) VALUES (?1, ?2, ?3)",
                    params![self.store, record, Timestamp::now().0],
                )?;
            } else {
                c.execute(
                    "DELETE FROM marks WHERE store = ?1 AND record = ?2",
                    params![self.store, record],
                )?;
            }
            Ok(())
        })
    }

    /// `m`: marks an unmarked record, unmarks a marked one; says which it is now.
    pub fn toggle_mark(&self, record: &str) -> Result<bool> {
        self.transaction(|c| {
            let removed = c.execute(
                "DELETE FROM marks WHERE store = ?1 AND record = ?2",
                params![self.store, record],
            )?;
            if removed == 0 {
                c.execute(
                    "INSERT OR IGNORE INTO marks (store, record, at) VALUES (?1, ?2, ?3)",
                    params![self.store, record, Timestamp::now().0],
                )?;
            }
            Ok(removed == 0)
        })
    }

    /// The marked records, most recently marked first.
    pub fn marked(&self) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT record FROM marks WHERE store = ?1 ORDER BY at DESC, record")?;
            stmt.query_map(params![self.store], |r| r.get(0))?.collect()
        })
    }

    /// The record's tags, sorted.
    pub fn tags(&self, record: &str) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT tag FROM tags WHERE store = ?1 AND record = ?2 ORDER BY tag COLLATE NOCASE",
            )?;
            stmt.query_map(params![self.store, record], |r| r.get(0))?
                .collect()
        })
    }

    pub fn add_tag(&self, record: &str, tag: &str) -> Result<()> {
        let tag = clean_tag(tag)?;
        self.write(|c| {
            c.execute(
                "INSERT OR IGNORE INTO tags (store, record, tag, at) VALUES (?1, ?2, ?3, ?4)",
                params![self.store, record, tag, Timestamp::now().0],
            )
            .map(drop)
        })
    }

    pub fn remove_tag(&self, record: &str, tag: &str) -> Result<()> {
        let tag = clean_tag(tag)?;
        self.write(|c| {
            c.execute(
                "DELETE FROM tags WHERE store = ?1 AND record = ?2 AND tag = ?3",
                params![self.store, record, tag],
            )
            .map(drop)
        })
    }

    /// Replaces the record's tags with `tags` in one transaction (the `t` prompt's result).
    pub fn set_tags(&self, record: &str, tags: &[String]) -> Result<()> {
        let tags: Vec<String> = tags.iter().filter_map(|t| clean_tag(t).ok()).collect();
        self.transaction(|tx| {
            tx.execute(
                "DELETE FROM tags WHERE store = ?1 AND record = ?2",
                params![self.store, record],
            )?;
            let now = Timestamp::now().0;
            for tag in &tags {
                tx.execute(
                    "INSERT OR IGNORE INTO tags (store, record, tag, at) VALUES (?1, ?2, ?3, ?4)",
                    params![self.store, record, tag, now],
                )?;
            }
            Ok(())
        })
    }

    /// Every tag of the store with how many records carry it, by name (for the
    /// collection list and for completing the `t` prompt).
    pub fn tags_in_use(&self) -> Result<Vec<(String, usize)>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT tag, COUNT(*) FROM tags WHERE store = ?1 GROUP BY tag ORDER BY tag COLLATE NOCASE",
            )?;
            stmt.query_map(params![self.store], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
            })?
            .collect()
        })
    }

    /// The records carrying `tag`.
    pub fn tagged(&self, tag: &str) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT record FROM tags WHERE store = ?1 AND tag = ?2 ORDER BY record")?;
            stmt.query_map(params![self.store, tag], |r| r.get(0))?
                .collect()
        })
    }

    /// Marks, tags, notes and reads of the whole store at once.
    pub fn annotations(&self) -> Result<Annotations> {
        let ids = |sql: &str| -> Result<HashSet<String>> {
            self.read(|c| {
                let mut stmt = c.prepare(sql)?;
                stmt.query_map(params![self.store], |r| r.get(0))?.collect()
            })
        };
        let pairs: Vec<(String, String)> = self.read(|c| {
            let mut stmt = c.prepare("SELECT record, tag FROM tags WHERE store = ?1")?;
            stmt.query_map(params![self.store], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })?;
        let mut tags: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (record, tag) in pairs {
            tags.entry(record).or_default().push(tag);
        }
        for list in tags.values_mut() {
            list.sort_by_key(|t| t.to_lowercase());
        }
        Ok(Annotations {
            marked: ids("SELECT record FROM marks WHERE store = ?1")?,
            tags: tags.into_iter().collect(),
            noted: ids("SELECT record FROM notes WHERE store = ?1")?,
            read: ids("SELECT DISTINCT record FROM history WHERE store = ?1")?,
        })
    }
}
