//! RIS with the tags Zotero's own RIS translator writes and reads back (not the RIS
//! specification's): `DB` archive, `AN` location in the archive, `A2` recipient,
//! `A4` translator, `M3` the kind of manuscript, `DP` the catalogue it came from.

use super::csl::archive_label;
use super::facts::{Facts, Holding, Name};

/// Zotero's RIS type for the item.
pub fn ris_type(facts: &Facts) -> &'static str {
    if facts
        .doc_type
        .as_deref()
        .is_some_and(|k| k.eq_ignore_ascii_case("letter"))
    {
        "PCOMM"
    } else if facts.is_archival() {
        "MANSCPT"
    } else {
        "GEN"
    }
}

/// "Beria, Lavrentiy": Zotero splits a creator at the comma.
fn creator(n: &Name) -> String {
    n.inverted()
}

/// The date in RIS's `YYYY/MM/DD/` form when it is exact to its precision; a circa,
/// uncertain or interval date is written in words so that nothing is lost.
fn ris_date(facts: &Facts) -> Option<String> {
    let date = facts.date.as_ref()?;
    if date.circa || date.uncertain || date.parts.len() != 1 {
        return Some(facts.date_text.replace('/', "–"));
    }
    let p = date.parts.first()?;
    let part = |i: usize| p.get(i).map(|v| format!("{v:02}")).unwrap_or_default();
    Some(format!("{}/{}/{}/", p.first()?, part(1), part(2)))
}

/// One record as an RIS entry, ending with `ER  - `.
pub fn entry(facts: &Facts) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut tag = |tag: &str, value: &str| {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !value.is_empty() {
            lines.push(format!("{tag}  - {value}"));
        }
    };
    tag("TY", ris_type(facts));
    tag("TI", &facts.title);
    for a in &facts.authors {
        tag("AU", &creator(a));
    }
    for r in &facts.recipients {
        tag("A2", &creator(r));
    }
    for t in &facts.translators {
        tag("A4", &creator(t));
    }
    if let Some(date) = ris_date(facts) {
        tag("DA", &date);
    }
    if let Some(year) = facts
        .date
        .as_ref()
        .and_then(|d| d.parts.first()?.first().copied())
    {
        tag("PY", &year.to_string());
    }
    if let Some(kind) = &facts.doc_type {
        tag("M3", kind);
    }
    match &facts.holding {
        Holding::None => {}
        Holding::Verbatim(citation) => {
            if let Some(archive) = archive_label(facts) {
                tag("DB", &archive);
            }
            tag("AN", citation);
        }
        Holding::Parts {
            locator,
            collection,
            repository,
            place,
        } => {
            match place {
                Some(p) => tag("DB", &format!("{repository}, {p}")),
                None => tag("DB", repository),
            }
            match collection {
                Some(c) => tag("AN", &format!("{c}, {locator}")),
                None => tag("AN", locator),
            }
        }
    }
    if let Some(source) = &facts.digital_name {
        tag("DP", source);
    }
    if let Some(url) = &facts.url {
        tag("UR", url);
    }
    if let Some(summary) = &facts.summary {
        tag("AB", summary);
    }
    if let Some(lang) = &facts.language {
        tag("LA", lang);
    }
    for subject in &facts.subjects {
        tag("KW", subject);
    }
    lines.push("ER  - ".to_string());
    lines.join("\n")
}

/// Entries one after another, a blank line between them.
pub fn render(items: &[Facts]) -> String {
    items.iter().map(entry).collect::<Vec<_>>().join("\n\n")
}
