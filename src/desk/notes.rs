//! Notes (one text per record, edited in `$EDITOR`) and quotations (a passage with
//! the citation it was copied with, and when).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::time::Timestamp;
use super::{Desk, Result};

/// A record's note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub record: String,
    pub body: String,
    pub updated: Timestamp,
}

/// A passage copied from a record, with the citation as it was at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quotation {
    pub id: i64,
    pub record: String,
    pub passage: String,
    pub citation: String,
    pub created: Timestamp,
}

impl Desk {
    /// The record's note, if it has one.
    pub fn note(&self, record: &str) -> Result<Option<String>> {
        self.read(|c| {
            c.query_row(
                "SELECT body FROM notes WHERE store = ?1 AND record = ?2",
                params![self.store, record],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// Saves the note; a note left blank is removed.
    pub fn set_note(&self, record: &str, body: &str) -> Result<()> {
        self.write(|c| {
            if body.trim().is_empty() {
                c.execute(
                    "DELETE FROM notes WHERE store = ?1 AND record = ?2",
                    params![self.store, record],
                )?;
            } else {
                c.execute(
                    "INSERT INTO notes (store, record, body, at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (store, record) DO UPDATE SET body = excluded.body, at = excluded.at",
                    params![self.store, record, body, Timestamp::now().0],
                )?;
            }
            Ok(())
        })
    }

    /// Every note of the store, most recently changed first.
    pub fn notes(&self) -> Result<Vec<Note>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT record, body, at FROM notes WHERE store = ?1 ORDER BY at DESC, record",
            )?;
            stmt.query_map(params![self.store], |r| {
                Ok(Note {
                    record: r.get(0)?,
                    body: r.get(1)?,
                    updated: Timestamp(r.get(2)?),
                })
            })?
            .collect()
        })
    }

    /// Keeps a quotation; returns its id.
    pub fn add_quotation(&self, record: &str, passage: &str, citation: &str) -> Result<i64> {
        if passage.trim().is_empty() {
            return Err(super::DeskError::Empty("a quotation"));
        }
        self.write(|c| {
            c.execute(
                "INSERT INTO quotations (store, record, passage, citation, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![self.store, record, passage, citation, Timestamp::now().0],
            )?;
            Ok(c.last_insert_rowid())
        })
    }

    /// `y` on a selection: keeps the passage as a quotation with the record's Chicago
    /// note, and returns what goes to the clipboard (the passage, a blank line, the note).
    pub fn quote(&self, record: &crate::store::Record, passage: &str) -> Result<String> {
        let citation = crate::cite::cite(record, crate::cite::Style::ChicagoNote);
        let passage = passage.trim_end();
        self.add_quotation(&record.id, passage, &citation)?;
        Ok(format!("{passage}\n\n{citation}"))
    }

    pub fn remove_quotation(&self, id: i64) -> Result<()> {
        self.write(|c| {
            c.execute(
                "DELETE FROM quotations WHERE store = ?1 AND id = ?2",
                params![self.store, id],
            )
            .map(drop)
        })
    }

    /// The record's quotations, oldest first (the order they were taken).
    pub fn quotations(&self, record: &str) -> Result<Vec<Quotation>> {
        self.quotations_where(Some(record))
    }

    /// Every quotation of the store, oldest first.
    pub fn all_quotations(&self) -> Result<Vec<Quotation>> {
        self.quotations_where(None)
    }

    fn quotations_where(&self, record: Option<&str>) -> Result<Vec<Quotation>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, record, passage, citation, at FROM quotations
                 WHERE store = ?1 AND (?2 IS NULL OR record = ?2) ORDER BY id",
            )?;
            stmt.query_map(params![self.store, record], |r| {
                Ok(Quotation {
                    id: r.get(0)?,
                    record: r.get(1)?,
                    passage: r.get(2)?,
                    citation: r.get(3)?,
                    created: Timestamp(r.get(4)?),
                })
            })?
            .collect()
        })
    }
}
