//! `index` and `timeline`: what a list of records names, and how it spreads over
//! the years, as the reading room's index and timeline views show them.

use anyhow::Result;
use serde::Serialize;

use super::Outcome;
use super::args::{IndexArgs, TimelineArgs};
use super::listing::scope;
use super::output::Out;
use crate::across::{self, Span};
use crate::search::SearchIndex;
use crate::store::Store;
use crate::text::sanitize_line;

#[derive(Serialize)]
struct IndexLine<'a> {
    name: &'a str,
    count: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    variants: &'a [String],
    ids: Vec<&'a str>,
}

pub fn index(store: &Store, args: &IndexArgs) -> Result<Outcome> {
    let records = scope(store, args.collection.as_deref())?;
    let entries = across::index(store, &records, args.kind.into());
    let mut out = Out::stdout();
    let width = entries.first().map_or(1, |e| e.count.to_string().len());
    for entry in &entries {
        if args.json.json {
            out.json(&IndexLine {
                name: &entry.name,
                count: entry.count,
                variants: &entry.variants,
                ids: entry
                    .records
                    .iter()
                    .map(|&r| store.records[r].id.as_str())
                    .collect(),
            })?;
        } else {
            let mut line = format!("{:>width$}  {}", entry.count, sanitize_line(&entry.name));
            if !entry.variants.is_empty() {
                line.push_str(&format!(
                    " (also {})",
                    sanitize_line(&entry.variants.join(", "))
                ));
            }
            out.line(&line)?;
        }
    }
    out.flush()?;
    Ok(if entries.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

#[derive(Serialize)]
struct TimelineLine {
    from: i32,
    to: i32,
    count: usize,
}

#[derive(Serialize)]
struct Undated {
    undated: usize,
}

/// The widest bar, in characters.
const BAR: usize = 50;

pub fn timeline(store: &Store, args: &TimelineArgs) -> Result<Outcome> {
    let mut records = scope(store, args.collection.as_deref())?;
    let query = args.query.join(" ");
    if !query.trim().is_empty() {
        let index = SearchIndex::build(store);
        let within = args.collection.is_some().then_some(records.as_slice());
        let hits = index.search(&store.records, &query, within, None);
        records = hits.iter().map(|h| h.record).collect();
    }
    let by = args.by.map(|b| match b {
        super::args::ByArg::Year => Span::Year,
        super::args::ByArg::Decade => Span::Decade,
    });
    let timeline = across::timeline(store, &records, by);
    let mut out = Out::stdout();
    let most = timeline.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let digits = most.max(timeline.undated).to_string().len();
    for bucket in &timeline.buckets {
        if args.json.json {
            out.json(&TimelineLine {
                from: bucket.from,
                to: bucket.to,
                count: bucket.count,
            })?;
        } else {
            let label = match timeline.by {
                Span::Year => format!("{:>5}", bucket.from),
                Span::Decade => format!("{:>4}s", bucket.from),
            };
            // A bar for every year that has a record, however few beside the most.
            let bar = (bucket.count * BAR).div_ceil(most.max(1));
            let line = format!("{label}  {:>digits$}  {}", bucket.count, "█".repeat(bar));
            out.line(line.trim_end())?;
        }
    }
    if args.json.json {
        out.json(&Undated {
            undated: timeline.undated,
        })?;
    } else if timeline.undated > 0 || timeline.buckets.is_empty() {
        out.line(&format!("undated  {}", timeline.undated))?;
    }
    out.flush()?;
    Ok(if records.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
