//! What the fuzz targets run, one function per parser, each taking arbitrary bytes.
//!
//! The same functions serve `fuzz/` (cargo-fuzz, libFuzzer) and `tests/fuzz_replay.rs`,
//! which runs every committed corpus and crash file through them on the stable
//! toolchain: a crash found once stays a regression test. Each function panics only
//! when a property fails (a panic is what libFuzzer reports); the parsers themselves
//! must never panic, whatever the bytes.

use crate::import::{self, Found, Sink};
use crate::store::schema::{Archive, Collection};
use crate::store::{Problem, edtf::Edtf};

/// What a fuzz target runs on its input.
pub type Target = fn(&[u8]);

/// Every fuzz target by name, as `fuzz/fuzz_targets/NAME.rs` and the corpus folders
/// `fuzz/corpus/NAME/` are named.
pub const TARGETS: [(&str, Target); 11] = [
    ("store_single", store_single),
    ("store_folder", store_folder),
    ("cache_decode", cache_decode),
    ("edtf", edtf),
    ("query", query),
    ("import_csv", import_csv),
    ("import_front_matter", import_front_matter),
    ("import_tei", import_tei),
    ("import_csl_json", import_csl_json),
    ("import_ris", import_ris),
    ("sanitize", sanitize),
];

/// A single-file store, read both as JSON Lines and as one JSON document.
pub fn store_single(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for name in ["fuzz.jsonl", "fuzz.json"] {
        let _ = crate::store::load::load_single_str(name, &text);
    }
}

/// A folder store: the bytes split at NUL into `archive.json`, `collections.json` and
/// two record files.
pub fn store_folder(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let names = [
        "archive.json",
        "collections.json",
        "records/a.jsonl",
        "records/b.json",
    ];
    let files: Vec<(&str, &str)> = names
        .iter()
        .filter_map(|&name| parts.next().map(|part| (name, part)))
        .collect();
    let _ = crate::store::load::load_files(&files);
}

/// A cache chunk past its checksum: the first byte says how many records it holds.
pub fn cache_decode(data: &[u8]) {
    use crate::store::cache::{decode_chunk_unchecked, reencode_unchecked};
    let Some((&count, bytes)) = data.split_first() else {
        return;
    };
    if let Some(decoded) = decode_chunk_unchecked(bytes, usize::from(count)) {
        // What the decoder accepts is records the encoder can write: written again
        // and read back, they are the same records.
        let again = reencode_unchecked(&decoded);
        assert!(
            again.as_ref() == Some(&decoded),
            "decoded records do not survive being encoded again"
        );
    }
}

/// EDTF, and the dates historians write that the importers read into EDTF: a date
/// that parses has its lower bound no later than its upper, and what the importers
/// make of a written date is EDTF that parses again.
pub fn edtf(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(date) = Edtf::parse(&text) {
        assert!(date.lower() <= date.upper(), "{text:?}: bounds reversed");
        let _ = date.human();
    }
    if let Ok(Some(read)) = import::dates::read_date(&text)
        && let Some(edtf) = read.edtf
    {
        assert!(
            Edtf::parse(edtf.as_str()).is_ok_and(|again| again == edtf),
            "{text:?} was read as {edtf:?}, which does not read back the same"
        );
    }
}

/// The query language: a query that parses, or an error that points inside it.
pub fn query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match crate::search::syntax::parse(&text) {
        Ok(_) => {
            let _ = crate::search::Query::try_parse(&text);
        }
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty(), "{text:?}: an error with no message");
        }
    }
}

pub fn import_csv(data: &[u8]) {
    let no_files = |_: &str| -> Result<String, String> { Err("no files here".into()) };
    for delimiter in [b',', b'\t'] {
        let options = import::csv::CsvOptions {
            delimiter,
            map: &[],
            read_text_file: &no_files,
        };
        import::csv::parse("fuzz.csv", data, &options, &mut Counting::default());
    }
}

pub fn import_front_matter(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut sink = Counting::default();
    import::text_folder::parse_file(
        "1945-10-05-fuzz.md",
        "1945-10-05-fuzz",
        &text,
        Some("folder"),
        &mut sink,
    );
    assert_eq!(sink.records, 1, "one transcription file is one record");
}

pub fn import_tei(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    import::tei::parse("fuzz.xml", &text, &mut Counting::default());
}

pub fn import_csl_json(data: &[u8]) {
    import::zotero::parse_csl_json("fuzz.json", data, &mut Counting::default());
}

pub fn import_ris(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    import::zotero::parse_ris("fuzz.ris", &text, &mut Counting::default());
}

/// The sanitizers: nothing that could move the cursor, change the screen or reorder
/// text comes out, and a one-line field stays one line.
pub fn sanitize(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let running = crate::text::sanitize(&text);
    assert!(
        running
            .chars()
            .all(|c| c == '\n' || c == '\u{200C}' || c == '\u{200D}' || !c.is_control()),
        "{text:?} -> {running:?}"
    );
    let line = crate::text::sanitize_line(&text);
    assert!(
        line.chars().all(crate::text::is_terminal_safe),
        "{text:?} -> {line:?}"
    );
}

/// A sink that counts what the importers find and checks each record's problems
/// name the file they came from.
#[derive(Default)]
struct Counting {
    records: usize,
}

impl Sink for Counting {
    fn record(&mut self, found: Found) {
        self.records += 1;
        let _ = found;
    }
    fn collection(&mut self, _collection: Collection) {}
    fn archive(&mut self, _archive: Archive) {}
    fn problem(&mut self, problem: Problem) {
        assert!(!problem.to_string().is_empty(), "a problem says nothing");
    }
}
