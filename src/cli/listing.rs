//! `list`, `search` and `collections`: one line per item, or JSON Lines.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::Outcome;
use super::args::{ListArgs, SearchArgs};
use super::output::Out;
use crate::search::SearchIndex;
use crate::store::{Record, SortOrder, Store};
use crate::text::sanitize_line;

/// Indices of the collection's records, or of all records.
fn scope(store: &Store, collection: Option<&str>) -> Result<Vec<usize>> {
    match collection {
        None => Ok(store.all()),
        Some(id) => match store.collection(id) {
            Some(c) => Ok(store.members(c)),
            None => bail!(
                "no collection {:?} in this store (carrel collections lists them)",
                sanitize_line(id)
            ),
        },
    }
}

/// "October 5, 1945" padded, "n.d." for undated records.
fn date_column(record: &Record) -> String {
    let date = record.display_date().unwrap_or("n.d.");
    format!("{:<20}", sanitize_line(date))
}

fn record_line(record: &Record) -> String {
    format!(
        "{}  {}  [{}]",
        date_column(record),
        sanitize_line(&record.title),
        record.id
    )
}

pub fn list(store: &Store, args: &ListArgs) -> Result<Outcome> {
    let mut indices = scope(store, args.collection.as_deref())?;
    store.sort(&mut indices, SortOrder::from(args.sort));
    let mut out = Out::stdout();
    for &i in &indices {
        let record = &store.records[i];
        if args.json.json {
            // One record at a time: a big store's texts are never all in memory at once.
            let whole = record
                .with_full_texts()
                .with_context(|| format!("cannot read the texts of record {}", record.id))?;
            out.json(&whole)?;
        } else {
            out.line(&record_line(record))?;
        }
    }
    out.flush()?;
    Ok(found_if(!indices.is_empty()))
}

#[derive(Serialize)]
struct SearchLine<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edtf: Option<&'a str>,
    score: u32,
    title_positions: &'a [usize],
    matched_in: &'a [String],
}

pub fn search(store: &Store, args: &SearchArgs) -> Result<Outcome> {
    let query = args.query.join(" ");
    let within = match &args.collection {
        Some(id) => Some(scope(store, Some(id))?),
        None => None,
    };
    let index = SearchIndex::build(store);
    let hits = index.search(&store.records, &query, within.as_deref(), args.limit);
    let mut out = Out::stdout();
    for hit in &hits {
        let record = &store.records[hit.record];
        if args.json.json {
            out.json(&SearchLine {
                id: &record.id,
                title: &record.title,
                date: record.display_date(),
                edtf: record.edtf().map(|d| d.as_str()),
                score: hit.score,
                title_positions: &hit.title_positions,
                matched_in: &hit.matched_in,
            })?;
        } else {
            let mut line = record_line(record);
            if !hit.matched_in.is_empty() {
                line.push_str("  (");
                line.push_str(&sanitize_line(&hit.matched_in.join("; ")));
                line.push(')');
            }
            out.line(&line)?;
        }
    }
    out.flush()?;
    Ok(found_if(!hits.is_empty()))
}

#[derive(Serialize)]
struct CollectionLine<'a> {
    id: &'a str,
    title: &'a str,
    held: usize,
    total: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<&'a str>,
    record_ids: &'a [String],
}

pub fn collections(store: &Store, json: bool) -> Result<Outcome> {
    let mut out = Out::stdout();
    let width = store
        .collections
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(0);
    for c in &store.collections {
        let held = store.members(c).len();
        if json {
            out.json(&CollectionLine {
                id: &c.id,
                title: &c.title,
                held,
                total: c.total().max(held as u64),
                parent: c.parent.as_deref(),
                short_description: c.short_description.as_deref(),
                record_ids: &c.record_ids,
            })?;
        } else {
            out.line(&format!(
                "{:<width$}  {:>10}  {}",
                c.id,
                c.count_label(),
                sanitize_line(&c.title)
            ))?;
        }
    }
    out.flush()?;
    Ok(found_if(!store.collections.is_empty()))
}

fn found_if(found: bool) -> Outcome {
    if found {
        Outcome::Found
    } else {
        Outcome::NothingFound
    }
}
