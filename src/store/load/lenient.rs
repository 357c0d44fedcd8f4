//! Parsing one record, collection or archive so that a bad field costs only that field.
//!
//! The happy path is a plain `serde_json::from_slice` into the typed struct. Only when
//! that fails does the slow path run: parse into a `Value`, ask serde where the
//! problem is (`serde_path_to_error`), remove the offending value and try again, a
//! bounded number of times. A field whose removal leaves its parent without a
//! required field takes the parent with it ("people[2] ignored"); when the parent is
//! the item itself, the item is dropped (or, for the archive, given a fallback).

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

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
                    let located = first_error::<T>(text).map(|(path, l)| (path, span.line + l - 1));
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
        first_error: Option<(Vec<Seg>, usize)>,
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
        let problems = repairs.into_problems(self, id.as_deref(), line, first_error);
        Parsed {
            value: parsed,
            problems,
            id,
        }
    }
}

/// serde_json's message without its " at line L column C" tail (we give our own).
pub(crate) fn bare_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let tail = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&tail).unwrap_or(&full).to_string()
}

/// The path and line, within `text`, of the first field serde objects to in the
/// text's own order. (The repairs run on a `Value`, whose keys come sorted and
/// carry no positions, so this is the only exact line to be had.)
fn first_error<T: DeserializeOwned>(text: &[u8]) -> Option<(Vec<Seg>, usize)> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => None,
        Err(error) => {
            let line = error.inner().line();
            (line > 0).then(|| (segments(error.path()), line))
        }
    }
}

/// The name in serde's "missing field `name`".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.strip_suffix('`')?.to_string())
}

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// serde_path_to_error's path as far as it can be followed in a `Value`.
fn segments(path: &serde_path_to_error::Path) -> Vec<Seg> {
    let mut out = Vec::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push(Seg::Index(*index)),
            Segment::Map { key } => out.push(Seg::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => break,
        }
    }
    out
}

/// `people[2].alt`, as the problem's field.
fn display(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

fn get<'v>(value: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(value, |node, seg| match seg {
        Seg::Key(key) => node.get(key),
        Seg::Index(index) => node.get(index),
    })
}

fn remove(value: &mut Value, path: &[Seg]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    let mut node = value;
    for seg in parent {
        let next = match seg {
            Seg::Key(key) => node.get_mut(key),
            Seg::Index(index) => node.get_mut(index),
        };
        match next {
            Some(next) => node = next,
            None => return false,
        }
    }
    match (last, node) {
        (Seg::Key(key), Value::Object(map)) => map.remove(key).is_some(),
        (Seg::Index(index), Value::Array(items)) if *index < items.len() => {
            items.remove(*index);
            true
        }
        _ => false,
    }
}

/// Narrows an error reported on an object to the member that causes it. serde's
/// internally tagged enums (the locator) report errors on the whole object; trying
/// each member's removal finds `provenance.locator.fond` instead.
fn culprit<T: DeserializeOwned>(value: &Value, path: Vec<Seg>) -> Vec<Seg> {
    let Some(Value::Object(map)) = get(value, &path) else {
        return path;
    };
    for key in map.keys() {
        let mut candidate = path.clone();
        candidate.push(Seg::Key(key.clone()));
        let mut trial = value.clone();
        remove(&mut trial, &candidate);
        let still_here = match serde_path_to_error::deserialize::<_, T>(&trial) {
            Ok(_) => false,
            Err(error) => segments(error.path()) == path,
        };
        if !still_here {
            return candidate;
        }
    }
    path
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Mended,
    Drop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// Everything at `removed` was taken out; the item stays.
    Removed(Vec<Seg>),
    Dropped,
    Fallback(String),
}

/// One problem found on the slow path.
#[derive(Debug)]
struct Repair {
    /// The field as the file has it (indices before any removal).
    field: Vec<Seg>,
    message: String,
    outcome: Outcome,
    /// A missing field is reported at the item's line, not at its closing brace.
    missing: bool,
}

/// The repairs made to one item, with removed array elements remembered so that
/// later paths can be given in the file's own numbering.
#[derive(Debug, Default)]
struct Repairs {
    list: Vec<Repair>,
    /// (array path in file numbering, element index in file numbering).
    removed_elements: Vec<(Vec<Seg>, usize)>,
}

impl Repairs {
    fn dropped(&self) -> bool {
        self.list.iter().any(|r| r.outcome == Outcome::Dropped)
    }

    fn give_up(&mut self) {
        self.list.push(Repair {
            field: Vec::new(),
            message: format!("more than {MAX_REPAIRS} problems"),
            outcome: Outcome::Dropped,
            missing: false,
        });
    }

    /// A path in the current (mended) value, in the file's numbering.
    fn original(&self, path: &[Seg]) -> Vec<Seg> {
        let mut out = Vec::with_capacity(path.len());
        for seg in path {
            match seg {
                Seg::Key(_) => out.push(seg.clone()),
                Seg::Index(index) => {
                    let mut gone: Vec<usize> = self
                        .removed_elements
                        .iter()
                        .filter(|(array, _)| *array == out)
                        .map(|(_, i)| *i)
                        .collect();
                    gone.sort_unstable();
                    let mut original = *index;
                    for removed in gone {
                        if removed <= original {
                            original += 1;
                        }
                    }
                    out.push(Seg::Index(original));
                }
            }
        }
        out
    }

    /// Removes the value at `path` (current numbering), remembering array elements.
    fn take_out(&mut self, value: &mut Value, path: &[Seg]) -> bool {
        let original = self.original(path);
        if !remove(value, path) {
            return false;
        }
        if let Some((Seg::Index(index), array)) = original.split_last() {
            self.removed_elements.push((array.to_vec(), *index));
        }
        true
    }

    /// serde found a value it cannot use at `path`.
    fn invalid(&mut self, value: &mut Value, path: Vec<Seg>, message: String) -> Step {
        let field = self.original(&path);
        if path.is_empty() || !self.take_out(value, &path) {
            self.list.push(Repair {
                field,
                message,
                outcome: Outcome::Dropped,
                missing: false,
            });
            return Step::Drop;
        }
        self.list.push(Repair {
            field: field.clone(),
            message,
            outcome: Outcome::Removed(field),
            missing: false,
        });
        Step::Mended
    }

    /// The struct at `path` lacks the required `name`.
    fn missing(
        &mut self,
        value: &mut Value,
        path: Vec<Seg>,
        name: String,
        fallbacks: &[(&str, &str)],
    ) -> Step {
        let parent = self.original(&path);
        let mut field = parent.clone();
        field.push(Seg::Key(name.clone()));
        // Missing because an earlier repair removed it: that repair grows, no new report.
        let earlier = self
            .list
            .iter()
            .position(|r| r.outcome == Outcome::Removed(field.clone()));
        let index = match earlier {
            Some(index) => index,
            None => {
                self.list.push(Repair {
                    field,
                    message: "required but missing".into(),
                    outcome: Outcome::Dropped,
                    missing: true,
                });
                self.list.len() - 1
            }
        };
        if path.is_empty() {
            let fallback = fallbacks.iter().find(|(key, _)| *key == name);
            if let (Some((_, text)), Value::Object(map)) = (fallback, &mut *value) {
                map.insert(name, Value::String((*text).to_string()));
                self.list[index].outcome = Outcome::Fallback((*text).to_string());
                return Step::Mended;
            }
            self.list[index].outcome = Outcome::Dropped;
            return Step::Drop;
        }
        if !self.take_out(value, &path) {
            self.list[index].outcome = Outcome::Dropped;
            return Step::Drop;
        }
        self.list[index].outcome = Outcome::Removed(parent);
        Step::Mended
    }

    fn into_problems(
        self,
        how: &Lenient<'_>,
        id: Option<&str>,
        line: usize,
        mut first_error: Option<(Vec<Seg>, usize)>,
    ) -> Vec<Problem> {
        self.list
            .into_iter()
            .map(|repair| {
                let field = display(&repair.field);
                let consequence = match &repair.outcome {
                    Outcome::Dropped => format!("{} dropped", how.noun),
                    Outcome::Fallback(text) => format!("using {text:?}"),
                    Outcome::Removed(path) if display(path) == field => {
                        format!("field ignored, {} kept", how.noun)
                    }
                    Outcome::Removed(path) => {
                        format!("{} ignored, {} kept", display(path), how.noun)
                    }
                };
                // The located error may name the object holding the field (the locator).
                let at = match &first_error {
                    Some((path, at)) if !repair.missing && repair.field.starts_with(path) => {
                        let at = *at;
                        first_error = None;
                        at
                    }
                    _ => line,
                };
                let mut problem =
                    Problem::error(how.file, format!("{}; {consequence}", repair.message))
                        .at_line(at);
                if let Some(id) = id {
                    problem = problem.with_id(id);
                }
                if !field.is_empty() {
                    problem = problem.with_field(field);
                }
                problem
            })
            .collect()
    }
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
            .map(|p| p.name)
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
