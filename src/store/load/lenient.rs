//! Parsing one record, collection or archive so that a bad field costs only that field.
//!
//! The happy path is a plain `serde_json::from_slice` into the typed struct. Only when
//! that fails does the slow path run: parse into a `Value`, ask serde where the
//! problem is (`serde_path_to_error`), remove the offending value and try again, a
//! bounded number of times. A field whose removal leaves its parent without a
//! required field takes the parent with it ("people[2] ignored"); when the parent is
//! the item itself, the item is dropped (or, for the archive, given a fallback).

mod path;
mod repairs;

use serde::de::DeserializeOwned;
use serde_json::Value;

use path::{Seg, culprit, display, segments};
use repairs::{Repairs, Step};

use super::scan::{self, Span};
use crate::store::Problem;

/// More separate problems than this in one item and it is dropped rather than mended.
const MAX_REPAIRS: usize = 32;

/// The result of parsing one item.
#[derive(Debug)]
pub(crate) struct Parsed<T> {
    /// The item, possibly with bad fields removed; `None` when dropped.
    pub value: Option<T>,
    pub problems: Vec<Problem>,
    /// The item's id when it could be read, also for a dropped item, so that
    /// references to it are not reported a second time.
    pub id: Option<String>,
}

/// How to parse and report one kind of item.
pub(crate) struct Lenient<'a> {
    /// The file, relative to the store, for messages.
    pub file: &'a str,
    /// "record", "collection", "archive".
    pub noun: &'static str,
    /// Required top-level fields to fill in rather than dropping the item.
    pub fallbacks: &'a [(&'a str, &'a str)],
}

impl Lenient<'_> {
    /// Parses the value at `span` of `bytes`.
    pub fn parse<T: DeserializeOwned>(&self, bytes: &[u8], span: Span) -> Parsed<T> {
        let text = &bytes[span.start..span.end];
        match serde_json::from_slice::<T>(text) {
            Ok(value) => Parsed {
                value: Some(value),
                problems: Vec::new(),
                id: None,
            },
            Err(error) if error.is_data() => match serde_json::from_slice::<Value>(text) {
                Ok(value) => {
                    let located = first_error::<T>(text).map(|mut first| {
                        first.line += span.line - 1;
                        first
                    });
                    self.repair(value, span.line, located)
                }
                Err(error) => self.syntax(bytes, span, &error),
            },
            Err(error) => self.syntax(bytes, span, &error),
        }
    }

    /// A value that is not JSON at all: reported at its exact place, item dropped.
    fn syntax<T>(&self, bytes: &[u8], span: Span, error: &serde_json::Error) -> Parsed<T> {
        let (line, column) = if error.line() <= 1 {
            (span.line, span.column + error.column().saturating_sub(1))
        } else {
            (span.line + error.line() - 1, error.column())
        };
        let id = scan::string_member(bytes, span, "id");
        let mut problem = Problem::error(
            self.file,
            format!("{}; {} dropped", bare_message(error), self.noun),
        )
        .at_line(line)
        .at_column(column.max(1));
        if let Some(id) = &id {
            problem = problem.with_id(id.clone());
        }
        Parsed {
            value: None,
            problems: vec![problem],
            id,
        }
    }

    /// Parses an already-parsed `Value` (the archive of a single-file store).
    pub fn parse_value<T: DeserializeOwned>(&self, value: Value, line: usize) -> Parsed<T> {
        match T::deserialize(&value) {
            Ok(parsed) => Parsed {
                value: Some(parsed),
                problems: Vec::new(),
                id: None,
            },
            Err(_) => self.repair(value, line, None),
        }
    }

    /// The slow path: remove what serde objects to until the rest parses.
    fn repair<T: DeserializeOwned>(
        &self,
        mut value: Value,
        line: usize,
        first_error: Option<FirstError>,
    ) -> Parsed<T> {
        let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
        let mut repairs = Repairs::default();
        let mut parsed = None;
        for _ in 0..MAX_REPAIRS {
            let error = match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(done) => {
                    parsed = Some(done);
                    break;
                }
                Err(error) => error,
            };
            let path = segments(error.path());
            let message = error.inner().to_string();
            let step = match missing_field(&message) {
                Some(field) => repairs.missing(&mut value, path, field, self.fallbacks),
                None => {
                    let path = culprit::<T>(&value, path);
                    repairs.invalid(&mut value, path, message)
                }
            };
            if step == Step::Drop {
                break;
            }
        }
        if parsed.is_none() && !repairs.dropped() {
            repairs.give_up();
        }
        // A repeated key fails the text but not its Value (the last value wins there):
        // worth a warning, and its line belongs to no repair.
        let (repeated, first_error) = match first_error {
            Some(first) if first.message.starts_with("duplicate field `") => (Some(first), None),
            other => (None, other),
        };
        let mut problems = repairs.into_problems(self, id.as_deref(), line, first_error);
        if let (Some(first), Some(_)) = (repeated, &parsed) {
            problems.push(self.repeated_key(first, id.as_deref()));
        }
        Parsed {
            value: parsed,
            problems,
            id,
        }
    }
}

impl Lenient<'_> {
    fn repeated_key(&self, first: FirstError, id: Option<&str>) -> Problem {
        let mut field = first.path;
        let key = first.message.strip_prefix("duplicate field `");
        if let Some(key) = key.and_then(|k| k.strip_suffix('`')) {
            field.push(Seg::Key(key.to_string()));
        }
        let mut problem = Problem::warning(
            self.file,
            format!("{}; the last one is used", first.message),
        )
        .at_line(first.line);
        problem.id = id.map(str::to_owned);
        if !field.is_empty() {
            problem = problem.with_field(display(&field));
        }
        problem
    }
}

/// serde_json's message without its " at line L column C" tail (we give our own).
pub(crate) fn bare_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let tail = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&tail).unwrap_or(&full).to_string()
}

/// The first field serde objects to, in the text's own order.
#[derive(Debug)]
struct FirstError {
    path: Vec<Seg>,
    /// 1-based; within the text until the caller shifts it.
    line: usize,
    message: String,
}

/// Finds the first error with its line. (The repairs run on a `Value`, whose keys
/// come sorted and carry no positions, so this is the only exact line to be had.)
fn first_error<T: DeserializeOwned>(text: &[u8]) -> Option<FirstError> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => None,
        Err(error) => {
            let line = error.inner().line();
            (line > 0).then(|| FirstError {
                path: segments(error.path()),
                line,
                message: bare_message(error.inner()),
            })
        }
    }
}

/// The name in serde's "missing field `name`".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.strip_suffix('`')?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema::Record;

    const HOW: Lenient<'static> = Lenient {
        file: "records/a.json",
        noun: "record",
        fallbacks: &[],
    };

    fn parse(text: &str) -> Parsed<Record> {
        let bytes = text.as_bytes();
        HOW.parse(bytes, scan::whole(bytes))
    }

    fn shown(parsed: &Parsed<Record>) -> Vec<String> {
        parsed.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_good_record_takes_the_fast_path_and_reports_nothing() {
        let parsed = parse(r#"{"id": "a", "title": "T", "surplus": [1]}"#);
        assert!(parsed.problems.is_empty());
        assert_eq!(parsed.value.map(|r| r.title), Some("T".to_string()));
    }

    #[test]
    fn a_bad_optional_field_is_removed_and_the_record_kept() {
        let parsed = parse(
            "{\"id\": \"a\",\n \"title\": \"T\",\n \"date\": {\"edtf\": \"Oct 1945\", \"display\": \"Oct 1945\"}}",
        );
        assert_eq!(
            shown(&parsed),
            [
                "records/a.json:3: a: date.edtf: not an EDTF date: \"Oct 1945\" (the year must have four digits); field ignored, record kept"
            ]
        );
        let record = parsed.value.unwrap();
        assert_eq!(record.display_date(), Some("Oct 1945"));
        assert!(record.edtf().is_none());
    }

    #[test]
    fn a_bad_required_field_of_an_element_takes_the_element() {
        let parsed = parse(
            r#"{"id": "a", "title": "T", "people": [{"name": "A"}, {"name": 5}, {"name": "C", "alt": "x"}]}"#,
        );
        assert_eq!(
            shown(&parsed),
            [
                "records/a.json:1: a: people[1].name: invalid type: integer `5`, expected a string; people[1] ignored, record kept",
                "records/a.json:1: a: people[2].alt: invalid type: string \"x\", expected a sequence; field ignored, record kept",
            ]
        );
        let names: Vec<String> = parsed
            .value
            .unwrap()
            .people
            .into_iter()
            .map(|p| p.name.clone())
            .collect();
        assert_eq!(names, ["A", "C"]);
    }

    #[test]
    fn a_numeric_fond_is_reported_on_the_fond() {
        let parsed = parse(
            r#"{"id": "a", "title": "T", "provenance": {"citation": "GARF", "locator": {"scheme": "f-op-d-l", "fond": 9401, "opis": "2"}}}"#,
        );
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(
            parsed.problems[0].field.as_deref(),
            Some("provenance.locator.fond")
        );
        let record = parsed.value.unwrap();
        let locator = record.provenance.unwrap().locator.unwrap();
        assert_eq!(locator.labelled_parts(), [("Opis", "2")]);
    }

    #[test]
    fn an_unusable_title_or_id_drops_the_record_once() {
        let parsed = parse(r#"{"id": "a", "title": 7}"#);
        assert!(parsed.value.is_none());
        assert_eq!(
            shown(&parsed),
            [
                "records/a.json:1: a: title: invalid type: integer `7`, expected a string; record dropped"
            ]
        );
        let parsed = parse(r#"{"title": "T"}"#);
        assert_eq!(
            shown(&parsed),
            ["records/a.json:1: id: required but missing; record dropped"]
        );
    }

    #[test]
    fn broken_json_is_reported_with_line_and_column_and_the_id_if_readable() {
        let parsed = parse("{\"id\": \"a\",\n \"title\": \"T\" \"x\": 1}");
        assert_eq!(
            shown(&parsed),
            ["records/a.json:2:15: a: expected `,` or `}`; record dropped"]
        );
        assert_eq!(parsed.id.as_deref(), Some("a"));
    }

    #[test]
    fn a_repeated_key_is_a_warning_and_the_last_value_wins() {
        let parsed = parse("{\"id\": \"a\",\n \"title\": \"First\",\n \"title\": \"Second\"}");
        assert_eq!(
            shown(&parsed),
            ["records/a.json:3: a: title: warning: duplicate field `title`; the last one is used"]
        );
        assert_eq!(parsed.value.unwrap().title, "Second");
    }

    #[test]
    fn a_fallback_fills_a_missing_required_field() {
        let how = Lenient {
            file: "archive.json",
            noun: "archive",
            fallbacks: &[("title", "my-store")],
        };
        let bytes = br#"{"schema_version": 1, "id": "x", "title": ["no"]}"#;
        let parsed: Parsed<crate::store::Archive> = how.parse(bytes, scan::whole(bytes));
        assert_eq!(parsed.value.unwrap().title, "my-store");
        assert_eq!(
            parsed.problems[0].to_string(),
            "archive.json:1: x: title: invalid type: sequence, expected a string; using \"my-store\""
        );
    }
}
