//! Transcriptions as `.txt` / `.md` files: one record a file, its metadata in front
//! matter when there is any; else the title is the first heading (or the file name) and
//! the date is read from the file name (`1945-10-05-beria-to-molotov.txt`). Paragraphs
//! (blank-line separated) are kept as the store keeps them.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::csv::{NO_CITATION, list, parse_entity};
use super::dates::read_date;
use super::ids::derived_id;
use super::locator::{parse_locator, repository_abbr};
use super::markdown::split;
use super::{Found, Sink};
use crate::store::Edtf;
use crate::store::schema::{Record, RecordDate, Repository, Text, TextRole};
use crate::store::validate::{id_from_name, is_valid_id};

/// Record fields that front matter may give as the store writes them.
const RECORD_KEYS: &[&str] = &[
    "id",
    "title",
    "date",
    "doc_type",
    "summary",
    "people",
    "places",
    "subjects",
    "original_language",
    "provenance",
    "rights",
    "collections",
    "related",
    "extra",
];

/// One transcription file. `stem` is the file name without its extension;
/// `folder_collection` is the collection of the folder it is in, given to records
/// whose front matter names none.
pub fn parse_file(
    file: &str,
    stem: &str,
    text: &str,
    folder_collection: Option<&str>,
    sink: &mut dyn Sink,
) {
    let split = split(text);
    let mut found = Found::new(Record::default(), file, 1);
    let mut front = Map::new();
    match split.front {
        Some(Ok(map)) => front = map,
        Some(Err(error)) => {
            found.error("front matter", error.column, error.message);
            if let (Some(line), Some(last)) = (error.line, found.problems.last_mut()) {
                last.line = Some(line);
            }
        }
        None => {}
    }
    let (heading, body) = first_heading(split.body);
    let text_meta = take_text_meta(&mut front);
    let mut record = front_to_record(front, &mut found);
    if record.title.is_empty() {
        record.title = heading
            .map(str::to_string)
            .unwrap_or_else(|| stem.replace(['-', '_'], " ").trim().to_string());
    }
    if record.date.is_none() {
        record.date = date_from_name(stem);
    }
    if record.id.is_empty() {
        let from_name = id_from_name(stem);
        record.id = if is_valid_id(&from_name) && from_name != "store" {
            from_name
        } else {
            derived_id(record.date.as_ref(), &record.title)
        };
    }
    if record.collections.is_empty() {
        record
            .collections
            .extend(folder_collection.map(str::to_string));
    }
    let body = paragraphs(body);
    if !body.is_empty() {
        let (lang, role, translators) = text_meta;
        record.texts.push(Text {
            lang: lang
                .or_else(|| record.original_language.clone())
                .unwrap_or_else(|| "und".into()),
            role: role.unwrap_or(TextRole::Transcript),
            translators,
            body,
        });
    }
    if found.problems.iter().any(|p| p.id.is_none()) {
        for problem in &mut found.problems {
            problem.id.get_or_insert_with(|| record.id.clone());
        }
    }
    found.record = record;
    sink.record(found);
}

/// "1945-10-05-beria-to-molotov" -> 1945-10-05; "1945-10_report" -> 1945-10.
pub fn date_from_name(stem: &str) -> Option<RecordDate> {
    let candidates = [10, 7, 4];
    candidates.into_iter().find_map(|len| {
        let head = stem.get(..len)?;
        let next = stem[len..].chars().next();
        if next.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        Edtf::parse(head).ok().map(|edtf| RecordDate {
            edtf: Some(edtf),
            display: None,
            ..RecordDate::default()
        })
    })
}

/// The first Markdown heading (`# Title`) when the text opens with one, and the text after it.
fn first_heading(body: &str) -> (Option<&str>, &str) {
    let trimmed = body.trim_start_matches(['\n', '\r']);
    let first = trimmed.lines().next().unwrap_or("");
    if let Some(title) = first.trim_start().strip_prefix('#') {
        let title = title.trim_start_matches('#').trim();
        if !title.is_empty() {
            return (Some(title), &trimmed[first.len()..]);
        }
    }
    (None, body)
}

/// Blank-line separated paragraphs, each trimmed at its ends, joined as the store
/// writes them; line breaks inside a paragraph are kept.
pub fn paragraphs(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    let mut paragraph = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !paragraph.is_empty() {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(&paragraph);
                paragraph.clear();
            }
        } else {
            if !paragraph.is_empty() {
                paragraph.push('\n');
            }
            paragraph.push_str(line.trim_end());
        }
    }
    if !paragraph.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&paragraph);
    }
    out
}

type TextMeta = (Option<String>, Option<TextRole>, Vec<String>);

/// The reading text's language, role and translators, as `carrel export --format md` writes them.
fn take_text_meta(front: &mut Map<String, Value>) -> TextMeta {
    let lang = front
        .remove("text_language")
        .and_then(|v| v.as_str().map(str::to_string));
    let role = front
        .remove("text_role")
        .and_then(|v| serde_json::from_value::<TextRole>(v).ok());
    let translators = strings(front.remove("translators"));
    (lang, role, translators)
}

/// A list of strings from a YAML list or a `;`-separated string.
fn strings(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s),
                Value::Null => None,
                other => Some(other.to_string()),
            })
            .collect(),
        Some(Value::String(s)) => list(&s).map(str::to_string).collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.to_string()],
    }
}

/// Front matter into a record: the store's own field names, and the names people use
/// (`tags`, `author`, `source`, ...); anything else into `extra`.
pub fn front_to_record(front: Map<String, Value>, found: &mut Found) -> Record {
    let mut json = Map::new();
    let mut extra = Map::new();
    let mut people: Vec<Value> = Vec::new();
    let mut citation: Option<String> = None;
    let mut url: Option<String> = None;
    for (key, value) in front {
        let normal = key.to_lowercase().replace([' ', '-'], "_");
        match normal.as_str() {
            "date" => {
                if let Some(date) = front_date(value, found) {
                    json.insert("date".into(), date);
                }
            }
            "tags" | "keywords" | "subject" | "subjects" => {
                json.insert("subjects".into(), Value::from(strings(Some(value))));
            }
            "author" | "authors" | "from" | "recipient" | "recipients" | "to" => {
                let role = if normal.starts_with('a') || normal == "from" {
                    "author"
                } else {
                    "recipient"
                };
                for name in strings(Some(value)) {
                    people.push(entity(&parse_entity(&name, Some(role))));
                }
            }
            "people" | "persons" | "places" => {
                let items = match value {
                    Value::Array(items) => items
                        .into_iter()
                        .map(|v| match v {
                            Value::String(s) => entity(&parse_entity(&s, None)),
                            other => other,
                        })
                        .collect(),
                    other => strings(Some(other))
                        .iter()
                        .map(|s| entity(&parse_entity(s, None)))
                        .collect(),
                };
                if normal == "places" {
                    json.insert("places".into(), Value::Array(items));
                } else {
                    people.extend(items);
                }
            }
            "collection" | "collections" => {
                json.insert("collections".into(), Value::from(strings(Some(value))));
            }
            "type" => {
                json.insert("doc_type".into(), value);
            }
            "language" | "lang" => {
                json.insert("original_language".into(), value);
            }
            "citation" | "source" | "archive" | "call_number" => {
                citation = value.as_str().map(str::to_string);
            }
            "url" => url = value.as_str().map(str::to_string),
            _ if RECORD_KEYS.contains(&normal.as_str()) => {
                json.insert(normal, value);
            }
            _ => {
                extra.insert(key, value);
            }
        }
    }
    if !people.is_empty() {
        json.insert("people".into(), Value::Array(people));
    }
    if !extra.is_empty() {
        let held = json
            .entry("extra")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(held) = held {
            held.extend(extra);
        }
    }
    for key in ["id", "title"] {
        // Filled in from the file when missing; numbers and such are read as text.
        let value = json
            .entry(key)
            .or_insert_with(|| Value::String(String::new()));
        if !value.is_string() {
            *value = Value::String(value.to_string());
        }
    }
    let mut record: Record = match serde_path_to_error::deserialize(Value::Object(json)) {
        Ok(record) => record,
        Err(error) => {
            let path = error.path().to_string();
            found.error(
                &path,
                None,
                format!("{} (front matter)", error.into_inner()),
            );
            Record::default()
        }
    };
    if citation.is_some() || url.is_some() {
        let provenance = record.provenance.get_or_insert_with(Box::default);
        if let Some(citation) = citation {
            provenance.locator = parse_locator(&citation);
            if let Some(abbr) = repository_abbr(&citation) {
                provenance.repository = Some(Arc::new(Repository {
                    abbr: Some(abbr.to_string()),
                    ..Repository::default()
                }));
            }
            provenance.citation = citation;
        }
        if provenance.citation.is_empty() {
            provenance.citation = NO_CITATION.into();
        }
        if let Some(url) = url {
            provenance.digital.get_or_insert_with(Default::default).url = Some(url);
        }
    }
    record
}

fn entity(entity: &crate::store::schema::NamedEntity) -> Value {
    serde_json::to_value(entity).unwrap_or(Value::Null)
}

/// A front matter date: written ("5 October 1945") or as the store writes it.
fn front_date(value: Value, found: &mut Found) -> Option<Value> {
    let written = match value {
        Value::Object(_) => return Some(value),
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    match read_date(&written) {
        Ok(date) => date.and_then(|d| serde_json::to_value(d).ok()),
        Err(error) => {
            found.error("date", None, error.to_string());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Parsed;

    #[test]
    fn a_plain_transcription() {
        let mut parsed = Parsed::default();
        let text = "# L. Beria to Cde. V.M. Molotov\n\nTop Secret\n\n\n\nto Cde. V. M. MOLOTOV\nMoscow  \n";
        parse_file(
            "f/1945-10-05-beria.txt",
            "1945-10-05-beria",
            text,
            Some("f"),
            &mut parsed,
        );
        let record = &parsed.records[0].record;
        assert_eq!(record.id, "1945-10-05-beria");
        assert_eq!(record.title, "L. Beria to Cde. V.M. Molotov");
        assert_eq!(record.edtf().map(|e| e.as_str()), Some("1945-10-05"));
        assert_eq!(
            record.texts[0].body,
            "Top Secret\n\nto Cde. V. M. MOLOTOV\nMoscow"
        );
        assert_eq!(record.collections, ["f"]);
    }

    #[test]
    fn front_matter_gives_the_metadata() {
        let mut parsed = Parsed::default();
        let text = "---\ntitle: Telegram\ndate: Oct. 5, 1945\nauthor: Yegnarov\ntags: xinjiang; altai\nsource: GARF, f. 9401s, op. 2, d. 10004, l. 7\nbox_note: kept\n---\nText.";
        parse_file("t.md", "telegram", text, None, &mut parsed);
        let found = &parsed.records[0];
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        let record = &found.record;
        assert_eq!(record.edtf().map(|e| e.as_str()), Some("1945-10-05"));
        assert_eq!(record.people[0].role.as_deref(), Some("author"));
        assert_eq!(record.subjects, ["xinjiang", "altai"]);
        assert!(record.provenance.as_ref().unwrap().locator.is_some());
        assert_eq!(record.extra["box_note"], "kept");
    }

    #[test]
    fn bad_front_matter_and_dates_are_reported() {
        let mut parsed = Parsed::default();
        parse_file(
            "b.md",
            "b",
            "---\ndate: 10/5/1945\n---\nx",
            None,
            &mut parsed,
        );
        let problem = &parsed.records[0].problems[0];
        assert_eq!(problem.field.as_deref(), Some("date"));
        assert!(problem.is_error());
    }
}
