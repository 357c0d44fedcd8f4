//! `carrel grep`: the records whose texts say something, best first, each with one line
//! of its text around the first hit.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::Outcome;
use super::args::GrepArgs;
use super::listing::query_error;
use super::output::Out;
use crate::search::fulltext::{
    FullText, IndexProgress, Snippet, TextQuery, index_dir, mapped, snippet_in,
};
use crate::search::syntax;
use crate::store::cache::{self, Lookup, StoreNow};
use crate::store::places::{Parts, PlacesOf, RecordPlaces};
use crate::store::{Problem, Record, Store, StoreChoice};
use crate::text::sanitize_line;

/// The sidecar kind that keeps the index's record numbers (see `FullText::to_saved`).
const SIDECAR: &str = "fulltext-map";
/// The sidecar kind that keeps where each record lies (see [`RecordPlaces`]).
const PLACES: &str = "record-places";
/// Snippet width in chars.
const SNIPPET_WIDTH: usize = 100;
/// Bold on, off: how a terminal shows a hit.
const HIT_ON: &str = "\x1b[1m";
const HIT_OFF: &str = "\x1b[22m";

#[derive(Serialize)]
struct GrepLine<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edtf: Option<&'a str>,
    score: f32,
    /// One line of the text around the first hit.
    snippet: &'a str,
    /// Byte ranges of the hits in `snippet`.
    hits: Vec<[usize; 2]>,
    /// The same ranges in chars.
    hit_chars: Vec<[usize; 2]>,
    /// The language of the text the snippet is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

/// Checks the query's syntax before the store is opened: a typo costs no index build.
/// The query parsed, with the desk's terms (`is:marked`, `tag:NAME`, ...) apart.
pub fn check_query(args: &GrepArgs) -> Result<(syntax::Parsed, crate::desk::DeskTerms)> {
    let terms = crate::desk::DeskTerms::split(&args.query.join(" "));
    let parsed = syntax::parse(&terms.rest).map_err(|e| query_error(&terms.rest, &e))?;
    Ok((parsed, terms))
}

pub fn grep(
    (store, problems): (&Store, &[Problem]),
    (parsed, terms): (&syntax::Parsed, &crate::desk::DeskTerms),
    args: &GrepArgs,
    choice: &StoreChoice,
    cache_dir: Option<&Path>,
) -> Result<Outcome> {
    let within = match &args.collection {
        Some(id) => match store.collection(id) {
            Some(c) => Some(store.members(c)),
            None => bail!(
                "no collection {:?} in this store (carrel collections lists them)",
                sanitize_line(id)
            ),
        },
        None => None,
    };
    let admitted = super::notes::desk_admitted(store, choice, terms)?;
    let within = super::notes::both_scopes(within, admitted);
    let dir = choice
        .path
        .as_deref()
        .zip(cache_dir)
        .and_then(|(path, cache)| index_dir(cache, path));
    let fulltext = FullText::open(store, dir.as_deref(), progress_on_stderr())
        .context("cannot open the full-text index")?;
    let sidecar = choice
        .path
        .as_deref()
        .and_then(|p| cache::sidecar_named(p, cache_dir, SIDECAR));
    let places = choice
        .path
        .as_deref()
        .and_then(|p| cache::sidecar_named(p, cache_dir, PLACES));
    if let Some((sidecar, places)) = sidecar.zip(places).filter(|_| dir.is_some()) {
        // Only the next grep's speed depends on them.
        let _ = sidecar.write(&fulltext.to_saved());
        let _ = places.write(&PlacesOf::new(store, problems).to_bytes());
    }
    let query = TextQuery::from_parsed(parsed, fulltext.names(), fulltext.languages());
    if !query.has_words() {
        bail!(
            "the query has no words to look for in the texts (field scopes only narrow them; carrel search lists records by field)"
        );
    }
    let found = match (within, args.limit) {
        // As the saved path finds them (see `grep_saved`), so both print the same.
        (None, Some(limit)) if query.filters.is_empty() => fulltext.best_texts(&query, limit)?,
        (within, limit) => {
            fulltext
                .search(store, &query, within.as_deref(), limit)?
                .hits
        }
    };
    let hits = found
        .iter()
        .filter_map(|&(record, score)| Some(Ok((store.records.get(record)?, score))));
    print_hits(hits, &query, args)
}

/// `carrel grep` on an unchanged store whose index was saved with its record numbers:
/// the index and the few records printed are read, the store is not opened. `None`
/// when that cannot be done (no saved index for the store as it is, a collection or a
/// field scope, which need every record): then open the store and [`grep`].
pub fn grep_saved(
    parsed: &syntax::Parsed,
    args: &GrepArgs,
    choice: &StoreChoice,
    cache_dir: Option<&Path>,
) -> Option<Result<Outcome>> {
    let scoped = parsed.clauses.iter().any(|clause| match clause {
        syntax::Clause::Must(t) | syntax::Clause::Not(t) => t.scope.is_some(),
        syntax::Clause::Either(terms) => terms.iter().any(|t| t.scope.is_some()),
    });
    if args.collection.is_some() || scoped {
        return None;
    }
    let path = choice.path.as_deref()?;
    let now = StoreNow::of(path, cache_dir)?;
    let sidecar = now.sidecar_named(SIDECAR)?;
    let whole = mapped(sidecar.path())?;
    let payload = whole.slice(sidecar.payload_in(&whole)?);
    let places = RecordPlaces::open(now.sidecar_named(PLACES)?.open_parts()?)?;
    let fulltext = FullText::open_saved(
        &index_dir(cache_dir?, path)?,
        payload,
        &args.query.join(" "),
    )?;
    let query = TextQuery::from_parsed(parsed, fulltext.names(), fulltext.languages());
    if !query.has_words() {
        return None;
    }
    let found = match args.limit {
        // A page needs no count of all the hits: the best are found without it.
        Some(limit) => fulltext.best_texts(&query, limit).ok()?,
        None => fulltext.search_texts(&query, None).ok()?.hits,
    };
    // Each record is read as it is printed and dropped after: a grep without a limit
    // may print most of the store (holding every record's text at once took most of a
    // gigabyte), and a page's records reuse the same memory.
    let mut reader = RecordsPrinted {
        places: &places,
        now: Some(now),
        lookup: None,
        looked_up: HashMap::new(),
    };
    let mut hits = found.iter().enumerate();
    // Until something is printed the store can still be opened instead.
    let first = match hits.next() {
        Some((at, &(number, score))) => Some((reader.read(&found[at..], number)?, score)),
        None => None,
    };
    let rest = hits.map(
        |(at, &(number, score))| match reader.read(&found[at..], number) {
            Some(record) => Ok((record, score)),
            None => Err(anyhow::anyhow!(
                "the store changed while grep read it: run it again"
            )),
        },
    );
    super::report_errors(&places.errors, places.error_count);
    let printed = print_hits(first.into_iter().map(Ok).chain(rest), &query, args);
    // The process ends here: the system takes the index's memory back faster than
    // freeing it piece by piece would (a sixth of the whole run, profiled).
    std::mem::forget(fulltext);
    Some(printed)
}

/// How many of the hits ahead `grep_saved` looks up in the metadata cache at once:
/// a chunk of the cache is read once for all of its records among them.
const LOOKED_UP_AT_ONCE: usize = 256;

/// Reads the records `grep_saved` prints, each from its own bytes in the store; those
/// without a place (mended when loaded) are looked up in the metadata cache, opened
/// the first time one is needed.
struct RecordsPrinted<'a, P> {
    places: &'a RecordPlaces<P>,
    now: Option<StoreNow>,
    lookup: Option<Lookup>,
    /// Records looked up ahead, by number.
    looked_up: HashMap<usize, Record>,
}

impl<P: Parts> RecordsPrinted<'_, P> {
    /// The record numbered `number`, the first of the hits `ahead` (those without a
    /// place among them are looked up with it); `None` when it cannot be read.
    fn read(&mut self, ahead: &[(usize, f32)], number: usize) -> Option<Record> {
        // One whose place does not hold it (cannot happen while the store is as the
        // places were saved) is looked up too.
        if let Some(record) = self.places.read(number) {
            return Some(record);
        }
        if let Some(record) = self.looked_up.remove(&number) {
            return Some(record);
        }
        let unplaced: Vec<usize> = ahead
            .iter()
            .take(LOOKED_UP_AT_ONCE)
            .map(|&(n, _)| n)
            .filter(|&n| n == number || !self.places.has_place(n))
            .collect();
        if self.lookup.is_none() {
            self.lookup = self.now.take()?.lookup();
        }
        let records = self.lookup.as_mut()?.records_at(&unplaced)?;
        for (n, record) in unplaced.into_iter().zip(records) {
            self.looked_up.extend(record.map(|r| (n, r)));
        }
        self.looked_up.remove(&number)
    }
}

/// Prints hits as `carrel grep` does; found if there was any.
fn print_hits<R: std::borrow::Borrow<Record>>(
    hits: impl Iterator<Item = Result<(R, f32)>>,
    query: &TextQuery,
    args: &GrepArgs,
) -> Result<Outcome> {
    let mut out = Out::stdout();
    let terminal = std::io::stdout().is_terminal();
    let mut any = false;
    for hit in hits {
        let (meta, score) = hit?;
        let meta: &Record = meta.borrow();
        any = true;
        let snippet = snippet_in(meta, query, SNIPPET_WIDTH)
            .with_context(|| format!("cannot read the texts of record {}", meta.id))?;
        if args.json.json {
            let empty = Snippet {
                text: String::new(),
                chars: Vec::new(),
                bytes: Vec::new(),
                text_index: 0,
            };
            let shown = snippet.as_ref().unwrap_or(&empty);
            out.json(&GrepLine {
                id: &meta.id,
                title: &meta.title,
                date: meta.display_date(),
                edtf: meta.edtf().map(|d| d.as_str()),
                score,
                snippet: &shown.text,
                hits: shown.bytes.iter().map(|r| [r.start, r.end]).collect(),
                hit_chars: shown.chars.iter().map(|r| [r.start, r.end]).collect(),
                lang: snippet
                    .as_ref()
                    .and_then(|s| meta.texts.get(s.text_index))
                    .map(|t| t.lang.as_str()),
            })?;
        } else {
            out.line(&heading(meta))?;
            if let Some(snippet) = &snippet {
                out.line(&format!("    {}", shown_line(snippet, terminal)))?;
            }
        }
    }
    out.flush()?;
    Ok(if any {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn heading(record: &Record) -> String {
    let date = record.display_date().unwrap_or("n.d.");
    format!(
        "{:<20}  {}  [{}]",
        sanitize_line(date),
        sanitize_line(&record.title),
        sanitize_line(&record.id)
    )
}

/// The snippet sanitised piece by piece, hits in bold on a terminal.
fn shown_line(snippet: &Snippet, terminal: bool) -> String {
    if !terminal {
        return sanitize_line(&snippet.text).into_owned();
    }
    let mut line = String::with_capacity(snippet.text.len() + 16);
    let mut at = 0;
    for hit in &snippet.bytes {
        let (Some(before), Some(inside)) = (
            snippet.text.get(at..hit.start),
            snippet.text.get(hit.start..hit.end),
        ) else {
            continue;
        };
        line.push_str(&sanitize_line(before));
        line.push_str(HIT_ON);
        line.push_str(&sanitize_line(inside));
        line.push_str(HIT_OFF);
        at = hit.end;
    }
    line.push_str(&sanitize_line(snippet.text.get(at..).unwrap_or_default()));
    line
}

/// "indexing texts 34%" on stderr when it is a terminal, cleared at the end.
fn progress_on_stderr() -> impl FnMut(IndexProgress) {
    let terminal = std::io::stderr().is_terminal();
    let mut shown: Option<u8> = None;
    move |progress: IndexProgress| {
        if !terminal || progress.total < 200 {
            return;
        }
        let percent = progress.percent();
        if shown == Some(percent) {
            return;
        }
        shown = Some(percent);
        let mut err = std::io::stderr().lock();
        if progress.done >= progress.total {
            let _ = write!(err, "\r\x1b[2K");
        } else {
            let _ = write!(err, "\rcarrel: indexing texts {percent}%");
        }
        let _ = err.flush();
    }
}
