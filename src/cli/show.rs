//! `carrel show ID`: one record, readable at 80 columns, or as one JSON line.

use anyhow::{Context, Result};

use super::Outcome;
use super::args::{ShowArgs, TextArg};
use super::output::Out;
use crate::present::{self, Section};
use crate::store::schema::{TextRole, reading_text_index};
use crate::store::{Record, Store, Text};
use crate::text::{sanitize, sanitize_line};

pub fn show(store: &Store, args: &ShowArgs) -> Result<Outcome> {
    let Some(record) = store.record(&args.id) else {
        tell!(
            "carrel: no record {:?} in this store (carrel search finds ids)",
            sanitize_line(&args.id)
        );
        return Ok(Outcome::NothingFound);
    };
    let cannot_read = || format!("cannot read the texts of record {}", record.id);
    let mut out = Out::stdout();
    if args.json.json {
        let whole = record.with_full_texts().with_context(cannot_read)?;
        out.json(&whole)?;
    } else {
        let all = record.full_texts().with_context(cannot_read)?;
        let shown: Vec<&Text> = match args.text {
            None => reading_text_index(&all)
                .and_then(|i| all.get(i))
                .into_iter()
                .collect(),
            Some(TextArg::All) => all.iter().collect(),
            Some(TextArg::Original) => all
                .iter()
                .filter(|t| t.role == TextRole::Original)
                .collect(),
            Some(TextArg::Translation) => all
                .iter()
                .filter(|t| t.role == TextRole::Translation)
                .collect(),
        };
        if shown.is_empty() && args.text.is_some_and(|t| t != TextArg::All) {
            // Said, not failed: the rest of the record is still worth printing.
            tell!(
                "carrel: record {} has no {} text in this store",
                sanitize_line(&record.id),
                match args.text {
                    Some(TextArg::Original) => "original",
                    _ => "translated",
                }
            );
        }
        for line in render(store, record, &shown, usize::from(args.width)) {
            out.line(&line)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// The record as lines of at most `width` columns, with `texts` (read with their
/// bodies, see [`Record::full_texts`]) each under its own heading.
pub fn render(store: &Store, record: &Record, texts: &[&Text], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let title = sanitize_line(&record.title);
    lines.extend(wrap(&title, width, ""));
    lines.push("=".repeat(title.chars().count().min(width)));
    let mut meta = vec![record.display_date().unwrap_or("n.d.").to_string()];
    if let Some(kind) = &record.doc_type {
        meta.push(kind.clone());
    }
    meta.push(record.id.clone());
    lines.extend(wrap(&sanitize_line(&meta.join(" · ")), width, ""));
    let collections: Vec<&str> = store
        .collections
        .iter()
        .filter(|c| c.record_ids.contains(&record.id))
        .map(|c| c.title.as_str())
        .collect();
    if !collections.is_empty() {
        let text = format!("In: {}", collections.join("; "));
        lines.extend(wrap(&sanitize_line(&text), width, ""));
    }

    heading(&mut lines, "Summary");
    match &record.summary {
        Some(summary) if !summary.trim().is_empty() => {
            paragraphs(&mut lines, &sanitize(summary), width);
        }
        _ => lines.push("  No summary in this store.".to_string()),
    }

    let with_body: Vec<&&Text> = texts.iter().filter(|t| !t.body.trim().is_empty()).collect();
    for text in &with_body {
        let label = format!("Full text: {}", present::describe_text(record, text));
        heading(&mut lines, &sanitize_line(&label));
        paragraphs(&mut lines, &sanitize(&text.body), width);
    }
    if with_body.is_empty() {
        heading(&mut lines, "Full text");
        lines.push("  No full text in this store.".to_string());
    }

    for section in present::provenance_sections(record) {
        fields(&mut lines, &section, width);
    }
    lines
}

fn heading(lines: &mut Vec<String>, title: &str) {
    lines.push(String::new());
    lines.push(title.to_string());
    lines.push("-".repeat(title.chars().count()));
}

fn paragraphs(lines: &mut Vec<String>, text: &str, width: usize) {
    let mut first = true;
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !first {
            lines.push(String::new());
        }
        first = false;
        // Line breaks inside a paragraph are kept: letters and lists rely on them.
        for line in paragraph.lines() {
            lines.extend(wrap(line.trim_end(), width, "  "));
        }
    }
}

fn fields(lines: &mut Vec<String>, section: &Section, width: usize) {
    heading(lines, section.title);
    let label_width = section
        .fields
        .iter()
        .map(|f| f.label.len())
        .max()
        .unwrap_or(0);
    for f in &section.fields {
        let first = format!("  {:<label_width$}  ", f.label);
        let rest = " ".repeat(first.chars().count());
        let options = textwrap::Options::new(width.max(first.len() + 10))
            .initial_indent(&first)
            .subsequent_indent(&rest);
        let value = sanitize(&f.value);
        for line in textwrap::wrap(&value, options) {
            lines.push(line.into_owned());
        }
    }
}

fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}
