//! `carrel notes [--json] [--export md] [--out FILE]` and `carrel history [--json]`:
//! the user's notes, quotations and reading history for the store in use.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use super::Outcome;
use super::args::{HistoryArgs, NotesArgs};
use super::output::Out;
use crate::desk::{self, Desk, report};
use crate::store::{AppDirs, Store, StoreChoice};
use crate::text::{sanitize, sanitize_line};

/// The desk for the store in use; its notice (moved aside, read-only) on stderr.
pub fn open_desk(store: &Store, choice: &StoreChoice) -> Result<Desk> {
    let dirs = AppDirs::discover();
    let key = desk::store_key(&store.archive, choice.path.as_deref());
    let desk = Desk::open_default(dirs.as_ref(), key).context("cannot open the desk")?;
    if let Some(notice) = desk.notice() {
        tell!("carrel: {}", sanitize_line(notice));
    }
    Ok(desk)
}

/// The records a query's desk terms (`is:marked`, `tag:NAME`, `has:note`, `is:read`)
/// let through, by index; `None` when the query has none (then the desk is not opened).
pub fn desk_admitted(
    store: &Store,
    choice: &StoreChoice,
    terms: &desk::DeskTerms,
) -> Result<Option<Vec<usize>>> {
    if !terms.any() {
        return Ok(None);
    }
    let desk = open_desk(store, choice)?;
    let annotations = desk.annotations().context("cannot read the desk")?;
    let notes: std::collections::HashMap<String, String> = desk
        .notes()
        .context("cannot read the desk")?
        .into_iter()
        .map(|n| (n.record, n.body))
        .collect();
    Ok(Some(
        store
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| terms.admits(&r.id, &annotations, &notes))
            .map(|(i, _)| i)
            .collect(),
    ))
}

/// Records in both scopes, when there are two.
pub fn both_scopes(a: Option<Vec<usize>>, b: Option<Vec<usize>>) -> Option<Vec<usize>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let b: std::collections::HashSet<usize> = b.into_iter().collect();
            Some(a.into_iter().filter(|i| b.contains(i)).collect())
        }
        (a, b) => a.or(b),
    }
}

pub fn notes(store: &Store, choice: &StoreChoice, args: &NotesArgs) -> Result<Outcome> {
    let desk = open_desk(store, choice)?;
    let records = report::gather(&desk, store)?;
    if records.is_empty() {
        tell!("carrel: no notes or quotations yet for this store");
        return Ok(Outcome::NothingFound);
    }
    if args.export.is_some() {
        let text = report::markdown(&store.archive.title, &records);
        return match &args.out {
            Some(path) => {
                write_file(path, &text)?;
                let quotations: usize = records.iter().map(|r| r.quotations.len()).sum();
                tell!(
                    "carrel: wrote {} record(s) with notes, {quotations} quotation(s) to {}",
                    records.len(),
                    path.display()
                );
                Ok(Outcome::Found)
            }
            None => print_text(&text),
        };
    }
    let mut out = Out::stdout();
    if args.json.json {
        for r in &records {
            out.json(r)?;
        }
    } else {
        let mut first = true;
        for r in &records {
            if !first {
                out.line("")?;
            }
            first = false;
            for line in readable(r) {
                out.line(&sanitize(&line))?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn readable(r: &report::NotedRecord) -> Vec<String> {
    let mut lines = Vec::new();
    lines.push(match &r.title {
        Some(title) => sanitize_line(title).into_owned(),
        None => format!("{} (no longer in this store)", r.record),
    });
    let mut meta = Vec::new();
    meta.extend(r.date.clone());
    meta.push(r.record.clone());
    lines.push(meta.join(" · "));
    if let Some(citation) = &r.citation {
        lines.push(citation.clone());
    }
    if let Some(note) = &r.note {
        lines.push(String::new());
        lines.push(format!("  Note ({})", note.updated.short()));
        lines.extend(note.body.trim_end().lines().map(|l| format!("    {l}")));
    }
    for q in &r.quotations {
        lines.push(String::new());
        lines.push(format!("  Quotation ({})", q.created.short()));
        lines.extend(q.passage.trim_end().lines().map(|l| format!("    > {l}")));
        if !q.citation.trim().is_empty() {
            lines.push(format!("    {}", q.citation.trim()));
        }
    }
    lines
}

/// Markdown to stdout: sanitised for a terminal, as it is for a pipe.
fn print_text(text: &str) -> Result<Outcome> {
    let mut out = Out::stdout();
    if std::io::stdout().is_terminal() {
        out.line(&sanitize(text))?;
    } else {
        out.line(text)?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// Writes beside the target and renames, so an interrupted export leaves no half file.
fn write_file(path: &Path, text: &str) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "notes.md".into());
    let partial = path.with_file_name(format!(".{name}.partial"));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(text.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    };
    write().with_context(|| format!("cannot write {}", path.display()))
}

#[derive(Serialize)]
struct HistoryLine<'a> {
    record: &'a str,
    at: crate::desk::Timestamp,
    title: Option<&'a str>,
    date: Option<&'a str>,
}

pub fn history(store: &Store, choice: &StoreChoice, args: &HistoryArgs) -> Result<Outcome> {
    let desk = open_desk(store, choice)?;
    let visits = desk.history(args.limit)?;
    if visits.is_empty() {
        tell!("carrel: no reading history yet for this store");
        return Ok(Outcome::NothingFound);
    }
    let mut out = Out::stdout();
    for visit in &visits {
        let record = store.record(&visit.record);
        let title = record.map(|r| r.title.as_str());
        let date = record.map(|r| r.display_date().unwrap_or("n.d."));
        if args.json.json {
            out.json(&HistoryLine {
                record: &visit.record,
                at: visit.at,
                title,
                date,
            })?;
        } else {
            let what = match (title, date) {
                (Some(t), Some(d)) => format!("{d} · {t}"),
                _ => "(no longer in this store)".to_string(),
            };
            out.line(&sanitize_line(&format!(
                "{}  {what}  {}",
                visit.at.short(),
                visit.record
            )))?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}
