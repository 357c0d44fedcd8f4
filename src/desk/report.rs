//! Notes and quotations gathered per record, with each record's title, date and
//! full Chicago citation: what `carrel notes` prints and `--export md` writes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Desk, Note, Quotation, Result};
use crate::cite::{self, Style};
use crate::store::{SortOrder, Store};

/// One record with the user's note and quotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotedRecord {
    pub record: String,
    /// `None` when the store no longer has the record (the note is kept anyway).
    pub title: Option<String>,
    pub date: Option<String>,
    /// The record's full Chicago note as the store gives it now.
    pub citation: Option<String>,
    pub note: Option<Note>,
    pub quotations: Vec<Quotation>,
}

/// Every noted or quoted record of the store, in date order; records the store no
/// longer holds come last, by id.
pub fn gather(desk: &Desk, store: &Store) -> Result<Vec<NotedRecord>> {
    let mut by_record: BTreeMap<String, (Option<Note>, Vec<Quotation>)> = BTreeMap::new();
    for note in desk.notes()? {
        let id = note.record.clone();
        by_record.entry(id).or_default().0 = Some(note);
    }
    for quotation in desk.all_quotations()? {
        let id = quotation.record.clone();
        by_record.entry(id).or_default().1.push(quotation);
    }
    let mut held: Vec<usize> = by_record
        .keys()
        .filter_map(|id| store.index_of(id))
        .collect();
    store.sort(&mut held, SortOrder::Date);
    let mut out = Vec::new();
    for index in held {
        let record = &store.records[index];
        if let Some((note, quotations)) = by_record.remove(&record.id) {
            out.push(NotedRecord {
                record: record.id.clone(),
                title: Some(record.title.clone()),
                date: Some(record.display_date().unwrap_or("n.d.").to_string()),
                citation: Some(cite::cite(record, Style::ChicagoNote)),
                note,
                quotations,
            });
        }
    }
    for (id, (note, quotations)) in by_record {
        out.push(NotedRecord {
            record: id,
            title: None,
            date: None,
            citation: None,
            note,
            quotations,
        });
    }
    Ok(out)
}

/// One Markdown file a historian can paste into a draft: a section per record with
/// its citation, the note as written, and each quotation as a block quote followed
/// by the citation it was copied with. Ends without a newline.
pub fn markdown(store_title: &str, records: &[NotedRecord]) -> String {
    let mut out = format!("# Notes: {}\n\n", one_line(store_title));
    for r in records {
        match &r.title {
            Some(title) => out.push_str(&format!("## {}\n\n", one_line(title))),
            None => out.push_str(&format!("## {} (no longer in this store)\n\n", r.record)),
        }
        let mut meta = Vec::new();
        if let Some(date) = &r.date {
            meta.push(date.clone());
        }
        meta.push(format!("`{}`", r.record));
        out.push_str(&format!("{}\n\n", meta.join(" · ")));
        if let Some(citation) = &r.citation {
            out.push_str(&format!("{citation}\n\n"));
        }
        if let Some(note) = &r.note {
            out.push_str("### Note\n\n");
            out.push_str(note.body.trim_end());
            out.push_str("\n\n");
        }
        if !r.quotations.is_empty() {
            out.push_str("### Quotations\n\n");
            for q in &r.quotations {
                for line in q.passage.trim_end().lines() {
                    if line.trim().is_empty() {
                        out.push_str(">\n");
                    } else {
                        out.push_str(&format!("> {line}\n"));
                    }
                }
                out.push('\n');
                if !q.citation.trim().is_empty() {
                    out.push_str(&format!("{}\n\n", q.citation.trim()));
                }
            }
        }
    }
    // The caller ends the file with one newline.
    out.truncate(out.trim_end().len());
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
