//! `list`, `search` and `collections`: one line per item, or JSON Lines.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::Outcome;
use super::args::{ListArgs, SearchArgs};
use super::output::Out;
use std::path::Path;

use crate::open::saved_index;
use crate::search::{Hit, Query, SearchIndex};
use crate::store::cache::{self, Lookup};
use crate::store::{Record, SortOrder, Store, StoreChoice};
use crate::text::sanitize_line;

/// Indices of the collection's records, or of all records.
pub(crate) fn scope(store: &Store, collection: Option<&str>) -> Result<Vec<usize>> {
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

/// `carrel search` over an opened store. The index built for it is saved beside the
/// store's cache, so that the next search can take the quick way ([`search_saved`]).
pub fn search(
    store: &Store,
    args: &SearchArgs,
    choice: &StoreChoice,
    cache_dir: Option<&Path>,
) -> Result<Outcome> {
    let terms = crate::desk::DeskTerms::split(&args.query.join(" "));
    let query = parse_query(&terms.rest)?;
    let within = match &args.collection {
        Some(id) => Some(scope(store, Some(id))?),
        None => None,
    };
    let admitted = super::notes::desk_admitted(store, choice, &terms)?;
    let within = super::notes::both_scopes(within, admitted);
    // The desk's terms alone (`carrel search is:marked`): every record they let
    // through, oldest first.
    if query.is_empty()
        && let Some(within) = &within
    {
        let mut listed = within.clone();
        store.sort(&mut listed, crate::store::SortOrder::Date);
        let hits: Vec<Hit> = listed
            .into_iter()
            .take(args.limit.unwrap_or(usize::MAX))
            .map(|record| Hit {
                record,
                score: 0,
                title_positions: Vec::new(),
                matched_in: Vec::new(),
            })
            .collect();
        return print_hits(
            hits.iter().map(|hit| (&store.records[hit.record], hit)),
            args,
        );
    }
    let index = SearchIndex::build(store);
    let ranking = index.ranking_in(&store.records, &query, within.as_deref(), args.limit);
    let hits: Vec<Hit> = (0..ranking.len())
        .filter_map(|position| {
            let record = store.records.get(ranking.record(position)?)?;
            ranking.explain(&index, position, record)
        })
        .collect();
    let outcome = print_hits(
        hits.iter().map(|hit| (&store.records[hit.record], hit)),
        args,
    );
    let sidecar = choice
        .path
        .as_deref()
        .and_then(|p| cache::sidecar(p, cache_dir));
    if let Some(sidecar) = sidecar.filter(|_| !index.is_empty()) {
        // Only a later search's speed depends on it.
        let _ = sidecar.write(&index.to_bytes());
    }
    outcome
}

/// `carrel search` from an unchanged store's cache and saved index, decoding only the
/// records it prints: a whole search in milliseconds where opening the store takes
/// seconds. `None` when there is no such cache or index yet (or for a collection's
/// scope, which needs every record's id): then open the store and [`search`].
pub fn search_saved(
    choice: &StoreChoice,
    cache_dir: Option<&Path>,
    args: &SearchArgs,
) -> Option<Result<Outcome>> {
    let terms = crate::desk::DeskTerms::split(&args.query.join(" "));
    let query = match parse_query(&terms.rest) {
        Ok(query) => query,
        Err(e) => return Some(Err(e)),
    };
    // Filters need every record; so does a collection's scope (every record's id) and
    // the desk's terms (every record's id, against the desk).
    if args.collection.is_some() || query.needs_records() || terms.any() {
        return None;
    }
    let mut lookup = Lookup::open(choice.path.as_deref()?, cache_dir)?;
    let index = saved_index(lookup.sidecar.as_ref()?, lookup.len())?;
    let ranking = index.ranking(&query, None, args.limit);
    let numbers: Vec<usize> = ranking.hits().iter().map(|&(record, _)| record).collect();
    let records = lookup.records_at(&numbers)?;
    let mut hits = Vec::with_capacity(records.len());
    for (position, record) in records.into_iter().enumerate() {
        let record = record?;
        let hit = ranking.explain(&index, position, &record)?;
        hits.push((record, hit));
    }
    super::report_problems(lookup.problems());
    Some(print_hits(hits.iter().map(|(r, h)| (r, h)), args))
}

/// The query, or an error that quotes it and points at the place.
pub(super) fn parse_query(text: &str) -> Result<Query> {
    Query::try_parse(text).map_err(|e| query_error(text, &e))
}

/// "bad query at column 6: date:19x4..: not a date: 19x4", the query and a caret under
/// the place.
pub(super) fn query_error(text: &str, e: &crate::search::SyntaxError) -> anyhow::Error {
    let line = sanitize_line(text);
    let caret = " ".repeat(e.column.saturating_sub(1));
    anyhow::anyhow!(
        "bad query at column {}: {}\n  {line}\n  {caret}^",
        e.column,
        sanitize_line(&e.message)
    )
}

/// Prints hits as `carrel search` does; found if there was any.
fn print_hits<'a>(
    hits: impl Iterator<Item = (&'a Record, &'a Hit)>,
    args: &SearchArgs,
) -> Result<Outcome> {
    let mut out = Out::stdout();
    let mut any = false;
    for (record, hit) in hits {
        any = true;
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
    Ok(found_if(any))
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
