//! Zotero's exports of archival items: CSL-JSON and (in [`ris`]) RIS, with Zotero's own
//! field mapping. `archive` + `archive_location` become the provenance (citation,
//! repository, locator), `abstract` the summary, authors and recipients people with
//! their roles, translators the translators, `URL` / `accessed` the digital source,
//! `note` a note of provenance, and the Zotero item key is kept in `extra.zotero_key`.

mod ris;

use std::sync::Arc;

use serde_json::{Map, Value};

pub use ris::parse_ris;

use super::csv::NO_CITATION;
use super::dates::read_date;
use super::ids::{derived_id, unique};
use super::locator::{parse_locator, repository_abbr};
use super::{Found, Sink};
use crate::store::Problem;
use crate::store::load::items::syntax_problems;
use crate::store::load::scan;
use crate::store::schema::{
    DigitalSource, NamedEntity, Provenance, Record, RecordDate, Repository,
};

/// What both formats give for one item, before it becomes a record.
#[derive(Debug, Default)]
pub(crate) struct Item {
    pub kind: Option<String>,
    pub genre: Option<String>,
    pub title: String,
    /// (name, role): `author`, `recipient`.
    pub people: Vec<(String, &'static str)>,
    pub translators: Vec<String>,
    pub date: Option<RecordDate>,
    pub archive: Option<String>,
    pub archive_place: Option<String>,
    pub archive_location: Option<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub accessed: Option<String>,
    pub source: Option<String>,
    pub notes: Vec<String>,
    pub language: Option<String>,
    pub subjects: Vec<String>,
    pub key: Option<String>,
    pub extra: Map<String, Value>,
}

impl Item {
    /// The record, its id derived from date and title (unique within `taken`).
    pub(crate) fn into_record(self, taken: &mut std::collections::HashSet<String>) -> Record {
        let mut record = Record {
            title: self.title,
            date: self.date,
            doc_type: self.genre.or(self.kind),
            summary: self.summary,
            original_language: self.language,
            subjects: self.subjects,
            extra: self.extra,
            ..Record::default()
        };
        record.people = self
            .people
            .into_iter()
            .map(|(name, role)| {
                Arc::new(NamedEntity {
                    name,
                    role: Some(role.to_string()),
                    alt: Vec::new(),
                })
            })
            .collect();
        let citation = [self.archive.as_deref(), self.archive_location.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        let has_digital = self.url.is_some() || self.source.is_some();
        if !citation.is_empty()
            || has_digital
            || !self.notes.is_empty()
            || !self.translators.is_empty()
        {
            let repository = self.archive.as_ref().map(|archive| {
                let abbr = repository_abbr(&format!("{archive},")).map(str::to_string);
                Arc::new(Repository {
                    name: if abbr.is_some() {
                        None
                    } else {
                        Some(archive.clone())
                    },
                    abbr,
                    place: self.archive_place.clone(),
                })
            });
            record.provenance = Some(Box::new(Provenance {
                locator: self.archive_location.as_deref().and_then(parse_locator),
                citation: if citation.is_empty() {
                    NO_CITATION.to_string()
                } else {
                    citation
                },
                repository,
                translated_by: self.translators,
                digital: has_digital.then(|| DigitalSource {
                    name: self.source,
                    url: self.url,
                    ..DigitalSource::default()
                }),
                notes: self.notes,
                ..Provenance::default()
            }));
        }
        if let Some(accessed) = self.accessed {
            record
                .extra
                .insert("accessed".into(), Value::String(accessed));
        }
        if let Some(key) = self.key {
            record.extra.insert("zotero_key".into(), Value::String(key));
        }
        let id = derived_id(record.date.as_ref(), &record.title);
        record.id = unique(id, |id| taken.contains(id));
        taken.insert(record.id.clone());
        record
    }
}

/// The Zotero item key of a CSL `id` ("http://zotero.org/users/1/items/ABCD2345" -> "ABCD2345").
fn item_key(id: &str) -> String {
    id.rsplit_once("/items/")
        .map_or(id, |(_, key)| key)
        .to_string()
}

/// A CSL name: "Given Family", or the literal.
fn csl_name(name: &Value) -> Option<String> {
    if let Some(literal) = name.get("literal").and_then(Value::as_str) {
        return Some(literal.to_string());
    }
    let part = |k| name.get(k).and_then(Value::as_str).unwrap_or("");
    let full = [part("given"), part("non-dropping-particle"), part("family")]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!full.is_empty()).then_some(full)
}

/// A CSL date: `raw` / `literal` read as written, else `date-parts` (one or two),
/// `circa` making it approximate.
fn csl_date(value: &Value) -> Result<Option<RecordDate>, String> {
    if let Some(written) = ["raw", "literal"]
        .iter()
        .find_map(|k| value.get(*k).and_then(Value::as_str))
    {
        return read_date(written).map_err(|e| e.to_string());
    }
    let Some(parts) = value.get("date-parts").and_then(Value::as_array) else {
        return Ok(None);
    };
    let ends: Vec<String> = parts
        .iter()
        .filter_map(|p| {
            let numbers: Vec<i64> = p
                .as_array()?
                .iter()
                .filter_map(|n| n.as_i64().or_else(|| n.as_str()?.parse().ok()))
                .collect();
            match numbers.as_slice() {
                [y] => Some(format!("{y:04}")),
                [y, m] => Some(format!("{y:04}-{m:02}")),
                [y, m, d, ..] => Some(format!("{y:04}-{m:02}-{d:02}")),
                [] => None,
            }
        })
        .collect();
    let circa = value
        .get("circa")
        .is_some_and(|c| c.as_bool() == Some(true) || c.as_str().is_some_and(|s| !s.is_empty()));
    let mark = if circa { "~" } else { "" };
    let edtf = match ends.as_slice() {
        [] => return Ok(None),
        [one] => format!("{one}{mark}"),
        [a, b, ..] => format!("{a}{mark}/{b}{mark}"),
    };
    crate::store::Edtf::parse(&edtf)
        .map(|edtf| {
            Some(RecordDate {
                edtf: Some(edtf),
                display: None,
                ..RecordDate::default()
            })
        })
        .map_err(|e| e.to_string())
}

/// Zotero's CSL-JSON: an array of items (one object is read as one item).
pub fn parse_csl_json(file: &str, bytes: &[u8], sink: &mut dyn Sink) {
    let whole = scan::whole(bytes);
    let spans = match scan::first_byte(bytes, whole) {
        Some(b'[') => {
            let elements = scan::array_elements(bytes, whole);
            for problem in syntax_problems(file, elements.errors) {
                sink.problem(problem);
            }
            elements.spans
        }
        Some(b'{') => vec![scan::trim(bytes, whole)],
        _ => {
            sink.problem(
                Problem::error(file, "not CSL-JSON: expected an array of items `[{...}]`")
                    .at_line(1),
            );
            return;
        }
    };
    let mut taken = std::collections::HashSet::new();
    for span in spans {
        let mut found = Found::new(Record::default(), file, span.line);
        found.column = Some(span.column);
        let value: Value = match serde_json::from_slice(&bytes[span.start..span.end]) {
            Ok(value) => value,
            Err(error) => {
                found.error("item", None, format!("not valid JSON: {error}"));
                sink.record(found);
                continue;
            }
        };
        let Value::Object(object) = value else {
            found.error("item", None, "a CSL item is an object `{...}`");
            sink.record(found);
            continue;
        };
        let item = csl_item(object, &mut found);
        found.record = item.into_record(&mut taken);
        for problem in &mut found.problems {
            problem.id.get_or_insert_with(|| found.record.id.clone());
        }
        sink.record(found);
    }
}

fn csl_item(object: Map<String, Value>, found: &mut Found) -> Item {
    let mut item = Item::default();
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    for (key, value) in object {
        match key.as_str() {
            "id" => item.key = text(&value).map(|id| item_key(&id)),
            "type" => item.kind = text(&value),
            "genre" => item.genre = text(&value),
            "title" => item.title = text(&value).unwrap_or_default(),
            "author" | "recipient" | "translator" | "interviewer" => {
                let names = value
                    .as_array()
                    .map(|a| a.iter().filter_map(csl_name).collect::<Vec<_>>())
                    .unwrap_or_default();
                for name in names {
                    match key.as_str() {
                        "author" => item.people.push((name, "author")),
                        "recipient" => item.people.push((name, "recipient")),
                        "interviewer" => item.people.push((name, "mentioned")),
                        _ => item.translators.push(name),
                    }
                }
            }
            "issued" => match csl_date(&value) {
                Ok(date) => item.date = date,
                Err(why) => found.error("date", None, format!("issued: {why}")),
            },
            "accessed" => {
                item.accessed = csl_date(&value)
                    .ok()
                    .flatten()
                    .and_then(|d| d.edtf.map(|e| e.as_str().to_string()));
            }
            "archive" => item.archive = text(&value),
            "archive_location" => item.archive_location = text(&value),
            "archive-place" => item.archive_place = text(&value),
            "abstract" => item.summary = text(&value),
            "URL" => item.url = text(&value),
            "source" => item.source = text(&value),
            "note" => item.notes.extend(text(&value)),
            "language" => item.language = text(&value),
            "keyword" => {
                if let Some(keywords) = text(&value) {
                    item.subjects.extend(
                        keywords
                            .split([',', ';'])
                            .map(str::trim)
                            .filter(|k| !k.is_empty())
                            .map(str::to_string),
                    );
                }
            }
            _ => {
                item.extra.insert(key, value);
            }
        }
    }
    item
}

#[cfg(test)]
mod tests;
