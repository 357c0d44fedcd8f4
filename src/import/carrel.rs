//! carrel's own formats: records in `.json` / `.jsonl` files, a single-file store, or
//! a store folder to merge (its collections and, into a new store, its archive).
//!
//! The store's loader reads them, so an imported file is checked exactly as `carrel
//! check` would check it, with the same messages and places.

use std::collections::HashMap;

use super::{Found, Sink};
use crate::store::load::items::records_file;
use crate::store::{Loaded, Problem, load::load_single_str};

/// The records of a `.json` / `.jsonl` file, or the whole of a single-file store.
pub fn parse(file: &str, bytes: &[u8], sink: &mut dyn Sink) {
    if is_single_file_store(bytes) {
        let text = String::from_utf8_lossy(bytes);
        match load_single_str(file, &text) {
            Ok(loaded) => store(file, loaded, sink),
            Err(error) => sink.problem(Problem::error(file, error.to_string())),
        }
        return;
    }
    let items = records_file(file, bytes, None);
    for problem in items.problems {
        sink.problem(problem);
    }
    for located in items.items {
        let mut found = Found::new(located.item, file, located.line);
        found.problems = located.problems;
        sink.record(found);
    }
}

/// `{"schema_version": ...}` at the top: a store, not a record.
fn is_single_file_store(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('{') && text.contains("\"schema_version\"") && text.contains("\"archive\"")
}

/// A loaded store handed over whole: records that the loader found fault with are
/// invalid (their problems go with them), the rest of its problems are the file's.
pub fn store(file: &str, loaded: Loaded, sink: &mut dyn Sink) {
    let Loaded {
        store, problems, ..
    } = loaded;
    let mut by_id: HashMap<String, Vec<Problem>> = HashMap::new();
    for problem in problems {
        match problem
            .id
            .as_ref()
            .filter(|id| store.index_of(id).is_some())
        {
            Some(id) => by_id.entry(id.clone()).or_default().push(problem),
            None => sink.problem(problem),
        }
    }
    sink.archive(store.archive.clone());
    for collection in store.collections.clone() {
        sink.collection(collection);
    }
    for record in store.records {
        let problems = by_id.remove(&record.id).unwrap_or_default();
        let line = problems.iter().find_map(|p| p.line).unwrap_or(0);
        let mut found = Found::new(record, file, line);
        found.problems = problems;
        sink.record(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Parsed;

    #[test]
    fn jsonl_records_with_their_lines_and_problems() {
        let text = "{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"b\", \"title\": \"B\", \"date\": {\"edtf\": \"Oct 1945\"}}\n{oops\n";
        let mut parsed = Parsed::default();
        parse("in.jsonl", text.as_bytes(), &mut parsed);
        assert_eq!(parsed.records.len(), 2);
        assert_eq!(parsed.records[1].line, 2);
        let bad_date = &parsed.records[1].problems[0];
        assert_eq!(bad_date.field.as_deref(), Some("date.edtf"));
        assert!(bad_date.is_error());
        assert_eq!(parsed.problems[0].line, Some(3));
    }

    #[test]
    fn a_single_file_store_brings_its_collections() {
        let text = r#"{"schema_version": 1, "archive": {"schema_version": 1, "id": "s", "title": "S"},
            "collections": [{"id": "c", "title": "C"}],
            "records": [{"id": "a", "title": "A", "collections": ["c"]}]}"#;
        let mut parsed = Parsed::default();
        parse("s.json", text.as_bytes(), &mut parsed);
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.collections[0].id, "c");
        assert_eq!(parsed.archive.map(|a| a.id), Some("s".into()));
    }
}
