//! Where the reader was: the reading position in each record (a byte offset into its
//! reading text), the last record open, and the history of visits.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::time::Timestamp;
use super::{Desk, Result};

/// One visit to a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visit {
    pub record: String,
    pub at: Timestamp,
}

/// How many visits a store's history keeps; older ones are dropped.
pub const HISTORY_SIZE: i64 = 10_000;

impl Desk {
    /// Remembers how far into the record's text the reader is.
    pub fn save_position(&self, record: &str, offset: u64) -> Result<()> {
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        self.write(|c| {
            c.execute(
                "INSERT INTO positions (store, record, offset, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (store, record) DO UPDATE SET offset = excluded.offset, at = excluded.at",
                params![self.store, record, offset, Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// The saved reading position in the record, if any.
    pub fn position(&self, record: &str) -> Result<Option<u64>> {
        let offset: Option<i64> = self.read(|c| {
            c.query_row(
                "SELECT offset FROM positions WHERE store = ?1 AND record = ?2",
                params![self.store, record],
                |r| r.get(0),
            )
            .optional()
        })?;
        Ok(offset.map(|o| u64::try_from(o).unwrap_or(0)))
    }

    /// Every saved reading position of the store: record id -> byte offset (the
    /// reading room reads them once when it opens).
    pub fn positions(&self) -> Result<std::collections::HashMap<String, u64>> {
        self.read(|c| {
            let mut stmt = c.prepare("SELECT record, offset FROM positions WHERE store = ?1")?;
            stmt.query_map(params![self.store], |r| {
                let offset: i64 = r.get(1)?;
                Ok((r.get(0)?, u64::try_from(offset).unwrap_or(0)))
            })?
            .collect()
        })
    }

    /// The reader opened the record: it goes into the history (a visit to the record
    /// already the latest only moves its time) and becomes the last record open.
    pub fn record_visit(&self, record: &str) -> Result<()> {
        let now = Timestamp::now().0;
        self.transaction(|tx| {
            let updated = tx.execute(
                "UPDATE history SET at = ?3 WHERE id = (
                     SELECT id FROM history WHERE store = ?1 ORDER BY id DESC LIMIT 1
                 ) AND record = ?2",
                params![self.store, record, now],
            )?;
            // Trimmed every hundredth visit: finding the cut-off walks the index.
            if updated == 0 {
                tx.execute(
                    "INSERT INTO history (store, record, at) VALUES (?1, ?2, ?3)",
                    params![self.store, record, now],
                )?;
            }
            if updated == 0 && tx.last_insert_rowid() % 100 == 0 {
                tx.execute(
                    "DELETE FROM history WHERE store = ?1 AND id <= (
                         SELECT id FROM history WHERE store = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2
                     )",
                    params![self.store, HISTORY_SIZE],
                )?;
            }
            tx.execute(
                "INSERT INTO last_open (store, record, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (store) DO UPDATE SET record = excluded.record, at = excluded.at",
                params![self.store, record, now],
            )?;
            Ok(())
        })
    }

    /// The record open when the reader last left this store.
    pub fn last_open(&self) -> Result<Option<String>> {
        self.read(|c| {
            c.query_row(
                "SELECT record FROM last_open WHERE store = ?1",
                params![self.store],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// The last `limit` records read, each once, most recent first ("Recent").
    pub fn recent(&self, limit: usize) -> Result<Vec<Visit>> {
        // Newest first until `limit` different records: a few rows, not the history.
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT record, at FROM history WHERE store = ?1 ORDER BY id DESC")?;
            let mut rows = stmt.query(params![self.store])?;
            let mut out: Vec<Visit> = Vec::new();
            while out.len() < limit {
                let Some(row) = rows.next()? else { break };
                let record: String = row.get(0)?;
                if !out.iter().any(|v| v.record == record) {
                    out.push(Visit {
                        record,
                        at: Timestamp(row.get(1)?),
                    });
                }
            }
            Ok(out)
        })
    }

    /// Every visit, most recent first, at most `limit`.
    pub fn history(&self, limit: usize) -> Result<Vec<Visit>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT record, at FROM history WHERE store = ?1 ORDER BY id DESC LIMIT ?2",
            )?;
            stmt.query_map(params![self.store, limit as i64], |r| {
                Ok(Visit {
                    record: r.get(0)?,
                    at: Timestamp(r.get(1)?),
                })
            })?
            .collect()
        })
    }
}
