//! biblatex: `@unpublished`, the archival locator in `addendum` (which the standard
//! styles print), EDTF dates as biblatex 3.6 reads them (`1944~`, `1944/1945`).

use super::facts::{Facts, Holding, Name};
use crate::present::language_name;

/// Escapes the characters TeX treats specially; braces are kept balanced by escaping them.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

fn names(list: &[Name]) -> String {
    list.iter()
        .map(|n| escape(&n.inverted()))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A key biblatex accepts: the record id with anything but letters, digits and
/// `-_:.` replaced.
pub fn key(id: &str) -> String {
    let key: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_:.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if key.is_empty() { "record".into() } else { key }
}

/// One record as a biblatex entry.
pub fn entry(facts: &Facts) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !facts.authors.is_empty() {
        fields.push(("author", names(&facts.authors)));
    }
    // Double braces keep the title's capitals as written.
    if !facts.title.is_empty() {
        fields.push(("title", format!("{{{}}}", escape(&facts.title))));
    }
    if let Some(date) = &facts.date {
        fields.push(("date", date.edtf.clone()));
    }
    if !facts.translators.is_empty() {
        fields.push(("translator", names(&facts.translators)));
    }
    if let Some(kind) = &facts.doc_type {
        fields.push(("type", escape(kind)));
    }
    if let Some(lang) = &facts.language {
        fields.push(("language", escape(&language_name(lang).to_lowercase())));
    }
    if let Some(lang) = &facts.original_language {
        fields.push(("origlanguage", escape(&language_name(lang).to_lowercase())));
    }
    if let Some(source) = &facts.digital_name {
        fields.push(("howpublished", escape(source)));
    }
    if let Some(url) = &facts.url {
        fields.push(("url", url.replace(['{', '}'], "")));
    }
    let addendum = match &facts.holding {
        Holding::None => None,
        Holding::Verbatim(citation) => Some(citation.clone()),
        Holding::Parts {
            locator,
            collection,
            repository,
            place,
        } => {
            let mut parts = vec![locator.clone()];
            parts.extend(collection.clone());
            parts.push(repository.clone());
            parts.extend(place.clone());
            Some(parts.join(", "))
        }
    };
    if let Some(addendum) = addendum {
        fields.push(("addendum", escape(&addendum)));
    }
    if let Some(summary) = &facts.summary {
        fields.push(("abstract", escape(summary)));
    }
    if !facts.subjects.is_empty() {
        fields.push(("keywords", escape(&facts.subjects.join(", "))));
    }
    let mut out = format!("@unpublished{{{},\n", key(&facts.id));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    out.push('}');
    out
}

/// Entries one after another, a blank line between them.
pub fn render(items: &[Facts]) -> String {
    items.iter().map(entry).collect::<Vec<_>>().join("\n\n")
}
