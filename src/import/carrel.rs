//! carrel's own formats: records in `.json` / `.jsonl` files, a single-file store, or
//! a store folder to merge (its collections and, into a new store, its archive).
//!
//! The store's loader reads them, so an imported file is checked exactly as `carrel
//! check` would check it, with the same messages and places.

use std::collections::HashMap;

use super::{Found, Sink};
use crate::store::load::items::{collections, records_file};
use crate::store::load::scan;
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

/// Bytes of JSON Lines checked at a time: a big `.jsonl` file is streamed.
const CHUNK_BYTES: usize = 4 << 20;

/// The records of a `.jsonl` file read from `input` a few MB at a time, so that a
/// file of any size costs one chunk of memory. Lines are those of the whole file.
pub fn parse_jsonl(file: &str, mut input: impl std::io::BufRead, sink: &mut dyn Sink) {
    let mut chunk = Vec::with_capacity(CHUNK_BYTES + 64 * 1024);
    let mut first_line = 1;
    let mut lines = 0;
    let mut read = 0u64;
    loop {
        let n = match input.read_until(b'\n', &mut chunk) {
            Ok(n) => n,
            Err(error) => {
                sink.problem(
                    Problem::error(file, format!("cannot read: {error}"))
                        .at_line(first_line + lines),
                );
                return;
            }
        };
        read += n as u64;
        if n > 0 {
            lines += 1;
        }
        if (n == 0 || chunk.len() >= CHUNK_BYTES) && !chunk.is_empty() {
            lines_chunk(file, &chunk, first_line, sink);
            sink.progress(read);
            first_line += lines;
            lines = 0;
            chunk.clear();
        }
        if n == 0 {
            return;
        }
    }
}

/// The records of JSON Lines starting at line `first_line` of `file`.
fn lines_chunk(file: &str, bytes: &[u8], first_line: usize, sink: &mut dyn Sink) {
    let shift = first_line - 1;
    let moved = |mut problem: Problem| {
        problem.line = problem.line.map(|l| l + shift);
        problem
    };
    let name = if file.ends_with(".jsonl") {
        file.to_string()
    } else {
        format!("{file}.jsonl")
    };
    let items = records_file(&name, bytes, None);
    for problem in items.problems {
        let mut problem = moved(problem);
        problem.file = file.to_string();
        sink.problem(problem);
    }
    for located in items.items {
        let mut found = Found::new(located.item, file, located.line + shift);
        found.problems = located
            .problems
            .into_iter()
            .map(|p| {
                let mut p = moved(p);
                p.file = file.to_string();
                p
            })
            .collect();
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

/// Opens a file of `records/` for reading line by line.
pub type OpenRecordFile<'a> = dyn Fn(&str) -> Result<Box<dyn std::io::BufRead>, String> + 'a;

/// A store folder merged file by file: its archive, its collections, then each record
/// file in name order (JSON Lines streamed), so that a big store costs one chunk of
/// memory. `read` reads a file of the folder; `record_files` are the names in
/// `records/`, sorted.
pub fn store_folder(
    label: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    record_files: &[String],
    open: &OpenRecordFile<'_>,
    sink: &mut dyn Sink,
) {
    let place = |name: &str| format!("{label}/{name}");
    match read("archive.json") {
        Ok(bytes) => match serde_json::from_slice::<crate::store::Archive>(&bytes) {
            Ok(archive) => sink.archive(archive),
            Err(error) => sink.problem(
                Problem::error(
                    place("archive.json"),
                    format!("not a valid archive: {error}"),
                )
                .at_line(error.line()),
            ),
        },
        Err(why) => sink.problem(Problem::warning(place("archive.json"), why)),
    }
    if let Ok(bytes) = read("collections.json") {
        let whole = scan::whole(&bytes);
        let elements = (scan::first_byte(&bytes, whole) == Some(b'['))
            .then(|| scan::array_elements(&bytes, whole));
        let items = collections(&place("collections.json"), &bytes, whole, elements);
        for problem in items.problems {
            sink.problem(problem);
        }
        for located in items.items {
            for problem in located.problems {
                sink.problem(problem);
            }
            sink.collection(located.item);
        }
    }
    for name in record_files {
        let file = place(&format!("records/{name}"));
        if name.ends_with(".jsonl") {
            match open(name) {
                Ok(input) => parse_jsonl(&file, input, sink),
                Err(why) => sink.problem(Problem::error(&file, why)),
            }
        } else if name.ends_with(".json") {
            match read(&format!("records/{name}")) {
                Ok(bytes) => parse(&file, &bytes, sink),
                Err(why) => sink.problem(Problem::error(&file, why)),
            }
        } else if !name.starts_with('.') {
            sink.problem(Problem::warning(
                &file,
                "not a .json or .jsonl file; skipped",
            ));
        }
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
    fn json_lines_streamed_in_chunks_keep_their_lines() {
        let mut text = String::new();
        for i in 0..150_000 {
            text.push_str(&format!(
                "{{\"id\": \"r{i}\", \"title\": \"Record {i} {}\"}}\n",
                "x".repeat(20)
            ));
        }
        text.push_str("{oops\n");
        let mut parsed = Parsed::default();
        parse_jsonl("big.jsonl", text.as_bytes(), &mut parsed);
        assert_eq!(parsed.records.len(), 150_000);
        assert_eq!(parsed.records[149_999].line, 150_000);
        assert_eq!(parsed.problems[0].line, Some(150_001));
        assert_eq!(parsed.problems[0].file, "big.jsonl");
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
