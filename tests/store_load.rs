//! Loading stores: what a user sees for each kind of bad input, and that the good
//! records still load.

use std::fs;
use std::path::{Path, PathBuf};

use carrel::store::load::{Loaded, load_files, load_path, load_single_str};
use carrel::store::{Severity, StoreError};

const BAD: &str = "tests/fixtures/bad";

fn shown(loaded: &Loaded) -> Vec<String> {
    loaded.problems.iter().map(ToString::to_string).collect()
}

fn ids(loaded: &Loaded) -> Vec<&str> {
    loaded.store.records.iter().map(|r| r.id.as_str()).collect()
}

/// A folder store in a temporary directory.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        fs::write(path, text).expect("a file");
    }
    dir
}

const ARCHIVE: &str = r#"{"schema_version": 1, "id": "test", "title": "Test store"}"#;

fn record(id: &str) -> String {
    format!(r#"{{"id": "{id}", "title": "Record {id}"}}"#)
}

#[test]
fn every_kind_of_bad_input_is_reported_once_at_its_place() {
    let loaded = load_path(Path::new(BAD)).unwrap();
    let bad_id = "ids are 1-80 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit, because they are used in file names and URLs";
    assert_eq!(
        shown(&loaded),
        [
            r#"collections.json:2: main: record_ids: no record with id "missing-one" in this store; member ignored"#.to_string(),
            r#"collections.json:2: main: record_ids: warning: "good-2" listed twice; the second ignored"#.into(),
            r#"collections.json:7: sub: parent: no collection with id "nope"; shown at the top level"#.into(),
            format!(r#"collections.json:13: Bad Collection: id: bad id "Bad Collection": {bad_id}; collection dropped"#),
            "collections.json:17: main: duplicate collection id; first seen at collections.json:2; this one dropped".into(),
            r#"records/a-good.json:1: good-1: people[1].role: warning: unknown role "witness" (known: author, recipient, drafter, signatory, mentioned)"#.into(),
            r#"records/b-bad-date.json:5: bad-date: date.edtf: not an EDTF date: "Oct 1945" (the year must have four digits); field ignored, record kept"#.into(),
            "records/c-broken.json:4:3: broken-json: expected `,` or `}`; record dropped".into(),
            "records/d-duplicate.json:1: good-1: duplicate id; first seen at records/a-good.json:1; this one dropped".into(),
            "records/notes.txt: warning: not a .json or .jsonl file; ignored".into(),
            format!(r#"records/part-001.jsonl:3: Bad Id: id: bad id "Bad Id": {bad_id}; record dropped"#),
            "records/part-001.jsonl:4: no-title: title: required but missing; record dropped".into(),
            "records/part-001.jsonl:5: numeric-fond: provenance.locator.fond: invalid type: integer `9401`, expected a string; field ignored, record kept".into(),
            "records/part-001.jsonl:6:46: broken-line: EOF while parsing an object; record dropped".into(),
            r#"records/part-001.jsonl:7: ghost-member: collections: no collection with id "ghost"; ignored"#.into(),
            r#"records/part-001.jsonl:8: good-3: people[0].alt: invalid type: string "not a list", expected a sequence; field ignored, record kept"#.into(),
        ]
    );
    assert_eq!(
        ids(&loaded),
        [
            "good-1",
            "bad-date",
            "good-2",
            "numeric-fond",
            "ghost-member",
            "good-3"
        ]
    );
    let warnings = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .count();
    assert_eq!(warnings, 3);
}

#[test]
fn a_bad_optional_field_is_removed_and_the_rest_of_the_record_kept() {
    let loaded = load_path(Path::new(BAD)).unwrap();
    let dated = loaded.store.record("bad-date").unwrap();
    assert_eq!(dated.display_date(), Some("October 1945"));
    assert!(dated.edtf().is_none());

    let cited = loaded.store.record("numeric-fond").unwrap();
    let provenance = cited.provenance.as_ref().unwrap();
    assert_eq!(provenance.citation, "GARF, f. 9401");
    let parts = provenance.locator.as_ref().unwrap().labelled_parts();
    assert_eq!(parts, [("Opis", "2")]);

    let person = &loaded.store.record("good-3").unwrap().people[0];
    assert_eq!(person.name, "A");
    assert!(person.alt.is_empty());
}

#[test]
fn membership_written_on_either_side_is_kept_and_both_sides_agree() {
    let loaded = load_path(Path::new(BAD)).unwrap();
    let main = loaded.store.collection("main").unwrap();
    // Its own list first (dangling and repeated ids gone), then records naming it.
    assert_eq!(main.record_ids, ["good-1", "good-2", "good-3"]);
    assert_eq!(main.title, "Main collection");
    assert_eq!(loaded.store.record("good-2").unwrap().collections, ["main"]);
    // Its other collection was dropped (and reported) for its bad id: the reference goes quietly.
    assert_eq!(loaded.store.record("good-1").unwrap().collections, ["main"]);
    assert!(
        loaded
            .store
            .record("ghost-member")
            .unwrap()
            .collections
            .is_empty()
    );
    let sub = loaded.store.collection("sub").unwrap();
    assert_eq!(sub.parent, None);
    assert!(loaded.store.collection("Bad Collection").is_none());
}

#[test]
fn unknown_keys_are_ignored() {
    let loaded = load_path(Path::new(BAD)).unwrap();
    assert_eq!(
        loaded.store.archive.title,
        "A store with one of every mistake"
    );
    assert!(
        loaded
            .problems
            .iter()
            .all(|p| !p.to_string().contains("unknown_key") && p.file != "archive.json")
    );
}

/// Reads a folder's store files into memory with their store-relative names.
fn files_of(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in ["archive.json", "collections.json"] {
        if let Ok(text) = fs::read_to_string(root.join(name)) {
            out.push((name.to_string(), text));
        }
    }
    let mut names: Vec<PathBuf> = fs::read_dir(root.join("records"))
        .expect("records/")
        .map(|e| e.expect("an entry").path())
        .collect();
    // Handed over out of order: the loader must sort them itself.
    names.sort();
    names.reverse();
    for path in names {
        let base = path.file_name().expect("a name").to_string_lossy();
        let name = format!("records/{base}");
        out.push((name, fs::read_to_string(&path).expect("UTF-8 fixture")));
    }
    out
}

#[test]
fn files_in_memory_load_exactly_as_the_same_folder() {
    let files = files_of(Path::new(BAD));
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let from_memory = load_files(&pairs).unwrap();
    let from_disk = load_path(Path::new(BAD)).unwrap();
    assert_eq!(from_memory.problems, from_disk.problems);
    assert_eq!(from_memory.store.records, from_disk.store.records);
    assert_eq!(from_memory.store.collections, from_disk.store.collections);
    assert_eq!(from_memory.store.archive, from_disk.store.archive);
}

#[test]
fn jsonl_shards_load_in_file_name_order_with_their_own_line_numbers() {
    let shard1 = format!("{}\n{}\n", record("a1"), record("a2"));
    let shard2 = format!(
        "\n{}\n{{\"id\": \"b2\", \"title\": 3}}\n{}",
        record("b1"),
        record("b3")
    );
    let loaded = load_files(&[
        ("records/part-002.jsonl", &shard2),
        ("archive.json", ARCHIVE),
        ("records/part-001.jsonl", &shard1),
        ("records/c.json", &record("c")),
    ])
    .unwrap();
    assert_eq!(ids(&loaded), ["c", "a1", "a2", "b1", "b3"]);
    assert_eq!(
        shown(&loaded),
        [
            "records/part-002.jsonl:3: b2: title: invalid type: integer `3`, expected a string; record dropped"
        ]
    );
}

#[test]
fn a_json_file_may_hold_an_array_of_records() {
    let text = format!("[\n{},\n{},\n{{\"id\": 5}}\n]", record("x"), record("y"));
    let loaded = load_files(&[("archive.json", ARCHIVE), ("records/all.json", &text)]).unwrap();
    assert_eq!(ids(&loaded), ["x", "y"]);
    assert_eq!(
        shown(&loaded),
        ["records/all.json:4: id: invalid type: integer `5`, expected a string; record dropped"]
    );
}

const SINGLE: &str = r#"{
  "schema_version": 1,
  "extra_top_level": "ignored",
  "archive": {"id": "one-file", "title": "One-file store"},
  "collections": [
    {"id": "c", "title": "C", "record_ids": ["r1", "r3"]}
  ],
  "records": [
    {
      "id": "r1",
      "title": "First"
    },
    {
      "id": "r2",
      "title": "Broken"
      "summary": "missing comma above"
    },
    {
      "id": "r3",
      "title": "Third",
      "date": {"edtf": "1945-13"}
    },
    {"id": "r4", "title": "Fourth"}
  ]
}
"#;

#[test]
fn a_single_file_store_reports_lines_of_the_big_file() {
    let loaded = load_single_str("store.json", SINGLE).unwrap();
    assert_eq!(loaded.store.archive.title, "One-file store");
    assert_eq!(loaded.store.archive.schema_version, 1);
    assert_eq!(ids(&loaded), ["r1", "r3", "r4"]);
    assert_eq!(
        loaded.store.collection("c").unwrap().record_ids,
        ["r1", "r3"]
    );
    let problems = shown(&loaded);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(
        problems[0],
        "store.json:16:7: r2: expected `,` or `}`; record dropped"
    );
    assert!(
        problems[1].starts_with("store.json:21: r3: date.edtf: not an EDTF date: \"1945-13\""),
        "{}",
        problems[1]
    );
}

#[test]
fn a_single_file_store_loads_from_a_path_too() {
    let dir = folder(&[("my-store.json", SINGLE)]);
    let loaded = load_path(&dir.path().join("my-store.json")).unwrap();
    assert_eq!(ids(&loaded), ["r1", "r3", "r4"]);
    assert!(
        loaded.problems[0]
            .to_string()
            .starts_with("my-store.json:16:7: r2:")
    );
}

#[test]
fn a_newer_schema_version_is_refused_with_advice() {
    let dir = folder(&[
        (
            "archive.json",
            r#"{"schema_version": 2, "id": "x", "title": "X"}"#,
        ),
        ("records/a.json", &record("a")),
    ]);
    let error = load_path(dir.path()).unwrap_err();
    assert!(matches!(error, StoreError::NewerSchema { found: 2, .. }));
    let message = error.to_string();
    assert!(message.contains("schema_version 2"), "{message}");
    assert!(message.contains("update carrel"), "{message}");

    let single = r#"{"schema_version": 2, "archive": {}, "records": []}"#;
    let message = load_single_str("s.json", single).unwrap_err().to_string();
    assert!(message.contains("schema_version 2") && message.contains("update carrel"));

    // Even when archive.json is broken further on, the version is honoured.
    let broken = r#"{"schema_version": 7, "id": "x", "title": }"#;
    let error = load_files(&[("archive.json", broken)]).unwrap_err();
    assert!(matches!(error, StoreError::NewerSchema { found: 7, .. }));
}

#[test]
fn a_missing_or_odd_schema_version_is_not_a_store() {
    let error = load_files(&[("archive.json", r#"{"id": "x", "title": "X"}"#)]).unwrap_err();
    assert!(matches!(error, StoreError::NotAStore { .. }));
    assert!(error.to_string().contains("no schema_version"), "{error}");

    let odd = "{\n  \"schema_version\": \"1\",\n  \"id\": \"x\", \"title\": \"X\"}";
    let error = load_files(&[("archive.json", odd)]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "archive.json:2:21: schema_version must be a whole number such as 1, not \"1\""
    );

    let error = load_single_str("s.json", r#"{"records": []}"#).unwrap_err();
    assert!(error.to_string().contains("no schema_version"), "{error}");
    let error = load_single_str("s.json", "[1, 2]").unwrap_err();
    assert!(error.to_string().contains("not a JSON object"), "{error}");
    let error = load_single_str("archive.json", ARCHIVE).unwrap_err();
    assert!(error.to_string().contains("open the folder"), "{error}");
}

#[test]
fn an_empty_folder_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let error = load_path(dir.path()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no archive.json and no records/ folder"),
        "{error}"
    );
    let error = load_path(&dir.path().join("nothing-here")).unwrap_err();
    assert!(matches!(error, StoreError::Io { .. }));
}

#[test]
fn without_archive_json_the_store_opens_under_its_folder_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Wilson Center");
    fs::create_dir_all(root.join("records")).unwrap();
    fs::write(root.join("records/a.json"), record("a")).unwrap();
    let loaded = load_path(&root).unwrap();
    assert_eq!(loaded.store.archive.title, "Wilson Center");
    assert_eq!(loaded.store.archive.id, "wilson-center");
    assert_eq!(
        shown(&loaded),
        ["archive.json: missing: the store opens under its folder name \"Wilson Center\""]
    );
    assert_eq!(ids(&loaded), ["a"]);
}

#[test]
fn a_broken_archive_or_collections_file_still_lets_the_records_open() {
    let loaded = load_files(&[
        (
            "archive.json",
            "{\"schema_version\": 1,\n \"id\": \"x\" \"title\": \"X\"}",
        ),
        ("collections.json", "{\"id\": \"c\", \"title\": \"C\"}"),
        ("records/a.json", &record("a")),
    ])
    .unwrap();
    assert_eq!(ids(&loaded), ["a"]);
    assert!(loaded.store.collections.is_empty());
    assert_eq!(
        shown(&loaded),
        [
            "archive.json:2:12: not valid JSON (expected `,` or `}`); the store opens under its folder name",
            "collections.json:1: collections must be an array `[...]` of collections; no collections loaded",
        ]
    );

    let loaded = load_files(&[
        (
            "archive.json",
            r#"{"schema_version": 1, "id": "Not Valid", "title": 12, "sources": "x"}"#,
        ),
        ("records/a.json", &record("a")),
    ])
    .unwrap();
    assert_eq!(loaded.store.archive.id, "store");
    assert_eq!(loaded.store.archive.title, "store");
    let problems = shown(&loaded);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].starts_with("archive.json:1: Not Valid: sources: invalid type"));
    assert!(
        problems[1].starts_with("archive.json:1: Not Valid: title: invalid type: integer `12`"),
        "{problems:#?}"
    );
    assert!(problems[1].ends_with("; using \"store\""));
    assert!(problems[2].starts_with("archive.json:1: id: bad id \"Not Valid\""));
}

#[test]
fn collection_parents_that_loop_are_cut() {
    let collections = r#"[
  {"id": "a", "title": "A", "parent": "b"},
  {"id": "b", "title": "B", "parent": "a"},
  {"id": "c", "title": "C", "parent": "c"}
]"#;
    let loaded =
        load_files(&[("archive.json", ARCHIVE), ("collections.json", collections)]).unwrap();
    assert_eq!(
        shown(&loaded),
        [
            "collections.json:2: a: parent: parents form a loop back to this collection; shown at the top level",
            "collections.json:4: c: parent: parents form a loop back to this collection; shown at the top level",
        ]
    );
    let parents: Vec<Option<&str>> = loaded
        .store
        .collections
        .iter()
        .map(|c| c.parent.as_deref())
        .collect();
    assert_eq!(parents, [None, Some("a"), None]);
}

#[test]
fn empty_titles_drop_and_unusable_records_report_once() {
    let text = [
        r#"{"id": "blank", "title": "  "}"#,
        r#"{"id": "list", "title": ["a"]}"#,
        "42",
        r#"{"id": "ok", "title": "OK", "related": [{"id": "list", "rel": "reply-to"}, {"id": "elsewhere", "rel": "enclosure"}]}"#,
    ]
    .join("\n");
    let collections = r#"[{"id": "c", "title": "C", "record_ids": ["blank", "list", "ok"]}]"#;
    let loaded = load_files(&[
        ("archive.json", ARCHIVE),
        ("collections.json", collections),
        ("records/x.jsonl", &text),
    ])
    .unwrap();
    assert_eq!(ids(&loaded), ["ok"]);
    assert_eq!(
        shown(&loaded),
        [
            "records/x.jsonl:1: blank: title: empty title; record dropped",
            "records/x.jsonl:2: list: title: invalid type: sequence, expected a string; record dropped",
            "records/x.jsonl:3: invalid type: integer `42`, expected struct Record; record dropped",
            "records/x.jsonl:4: ok: related[1].id: warning: no record with id \"elsewhere\" in this store",
        ]
    );
    assert_eq!(loaded.store.collection("c").unwrap().record_ids, ["ok"]);
}

#[test]
fn junk_never_panics_and_the_good_records_still_load() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let huge = format!(
        r#"{{"id": "huge", "title": "Huge", "summary": "{}"}}"#,
        "x".repeat(2_000_000)
    );
    let dir = folder(&[
        ("archive.json", ARCHIVE),
        ("records/a.json", &record("a")),
        ("records/bom.json", &format!("\u{feff}{}", record("bom"))),
        ("records/deep.json", &deep),
        ("records/empty.json", ""),
        ("records/huge.jsonl", &huge),
        ("records/nul.jsonl", "\0\0\0\n{\n}\n\u{feff}"),
    ]);
    fs::write(
        dir.path().join("records/binary.json"),
        [0xff, 0xfe, 0x00, 0x7b, 0x80],
    )
    .unwrap();
    fs::write(
        dir.path().join("records/latin1.jsonl"),
        b"{\"id\": \"caf\xe9\", \"title\": \"x\"}\n{\"id\": \"b\", \"title\": \"B\"}\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("records/x.json")).unwrap();
    let loaded = load_path(dir.path()).unwrap();
    assert_eq!(ids(&loaded), ["a", "bom", "huge", "b"]);
    let problems = shown(&loaded);
    assert!(
        problems.contains(&"records/empty.json: warning: empty file: no record in it".to_string())
    );
    assert!(
        problems.contains(
            &"records/x.json: warning: a folder: folders inside records/ are not read".to_string()
        ),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("records/deep.json:1:"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("records/binary.json:1:"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("records/latin1.jsonl:1:"))
    );
    assert!(
        problems
            .iter()
            .filter(|p| p.starts_with("records/nul.jsonl"))
            .count()
            >= 2
    );
}

#[test]
fn a_dropped_record_is_reported_once_for_why_it_was_dropped() {
    let text = [
        r#"{"id": "Bad", "title": "T", "date": {"edtf": "soon"}}"#,
        r#"{"id": "a", "title": "A"}"#,
        r#"{"id": "a", "title": "Again", "people": [{"name": 1}]}"#,
    ]
    .join("\n");
    let loaded = load_files(&[("archive.json", ARCHIVE), ("records/r.jsonl", &text)]).unwrap();
    assert_eq!(ids(&loaded), ["a"]);
    let problems = shown(&loaded);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("records/r.jsonl:1: Bad: id: bad id \"Bad\""));
    assert_eq!(
        problems[1],
        "records/r.jsonl:3: a: duplicate id; first seen at records/r.jsonl:2; this one dropped"
    );
}

#[test]
fn several_objects_run_together_are_each_read() {
    let text = format!("{}\n{}\n", record("one"), record("two"));
    let loaded = load_files(&[("archive.json", ARCHIVE), ("records/r.json", &text)]).unwrap();
    assert_eq!(ids(&loaded), ["one", "two"]);
    assert_eq!(
        shown(&loaded),
        [
            "records/r.json:2:1: warning: 2 JSON objects in one .json file: each read as a record (a file of one record a line is named .jsonl)"
        ]
    );
    let text = format!("{}\n{}{}\n", record("one"), record("two"), record("three"));
    let loaded = load_files(&[("archive.json", ARCHIVE), ("records/r.jsonl", &text)]).unwrap();
    assert_eq!(ids(&loaded), ["one", "two", "three"]);
    assert_eq!(
        shown(&loaded),
        ["records/r.jsonl:2:37: warning: 2 JSON objects on one line: each read as a record"]
    );
}

#[test]
fn unreadable_files_are_reported_and_the_rest_opens() {
    let dir = folder(&[("records/a.json", &record("a"))]);
    fs::create_dir(dir.path().join("archive.json")).unwrap();
    fs::create_dir(dir.path().join("collections.json")).unwrap();
    let loaded = load_path(dir.path()).unwrap();
    assert_eq!(ids(&loaded), ["a"]);
    let problems = shown(&loaded);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("archive.json: cannot read: "),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("collections.json: cannot read: "),
        "{problems:#?}"
    );
}

#[test]
fn a_single_file_stores_archive_problems_name_the_archive_field() {
    let text =
        "{\"schema_version\": 1,\n \"archive\": {\"id\": \"x\", \"title\": 3},\n \"records\": []}";
    let loaded = load_single_str("s.json", text).unwrap();
    assert_eq!(loaded.store.archive.title, "s");
    assert_eq!(
        shown(&loaded),
        ["s.json:2: x: archive.title: invalid type: integer `3`, expected a string; using \"s\""]
    );
}

/// Every one-byte damage to a small store: loading never panics, and whatever
/// loads has valid, unique ids.
#[test]
fn damaged_stores_never_panic() {
    let archive = "{\"schema_version\": 1, \"id\": \"x\", \"title\": \"X\"}";
    let collections =
        "[{\"id\": \"c\", \"title\": \"C\", \"parent\": \"c\", \"record_ids\": [\"r1\"]}]";
    for (text, single) in [(SINGLE, true), (archive, false), (collections, false)] {
        for at in 0..=text.len() {
            if !text.is_char_boundary(at) {
                continue;
            }
            for damage in ["", "{", "\"", "]", "\\", ",", "\u{0}"] {
                let skip = if damage.is_empty() && at < text.len() {
                    1
                } else {
                    0
                };
                let damaged = format!("{}{damage}{}", &text[..at], &text[at + skip..]);
                let loaded = if single {
                    load_single_str("s.json", &damaged)
                } else if text == archive {
                    load_files(&[("archive.json", &damaged), ("records/a.json", &record("a"))])
                } else {
                    load_files(&[
                        ("archive.json", archive),
                        ("collections.json", &damaged),
                        ("records/r1.json", &record("r1")),
                    ])
                };
                if let Ok(loaded) = loaded {
                    let mut seen = std::collections::HashSet::new();
                    for record in &loaded.store.records {
                        assert!(carrel::store::validate::is_valid_id(&record.id));
                        assert!(seen.insert(record.id.clone()), "{damaged}");
                    }
                }
            }
        }
    }
}

#[test]
fn stray_files_are_treated_alike_in_memory_and_on_disk() {
    let a = record("a");
    let b = record("b");
    let files: [(&str, &str); 8] = [
        ("archive.json", ARCHIVE),
        ("README.md", "not read"),
        ("records/a.json", &a),
        ("records/.hidden.json", "junk"),
        ("records/notes.txt", "notes"),
        ("records/old/b.json", &b),
        ("records/old/c.json", &b),
        ("records/.git/config", "x"),
    ];
    let from_memory = load_files(&files).unwrap();
    let dir = folder(&files);
    let from_disk = load_path(dir.path()).unwrap();
    assert_eq!(ids(&from_memory), ["a"]);
    assert_eq!(
        shown(&from_memory),
        [
            "records/notes.txt: warning: not a .json or .jsonl file; ignored",
            "records/old: warning: a folder: folders inside records/ are not read",
        ]
    );
    assert_eq!(from_memory.problems, from_disk.problems);
    assert_eq!(from_memory.store.records, from_disk.store.records);
}

#[test]
fn an_unclosed_record_costs_only_itself() {
    let text = r#"{"schema_version": 1, "archive": {"id": "x", "title": "X"},
 "records": [
  {"id": "r1", "title": "One"},
  {"id": "r2", "title": "Two",
  {"id": "r3", "title": "Three"},
  {"id": "r4", "title": "Four"
 ]}"#;
    let loaded = load_single_str("s.json", text).unwrap();
    assert_eq!(ids(&loaded), ["r1", "r3"]);
    let problems = shown(&loaded);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("s.json:4:"), "{problems:#?}");
    assert!(problems[0].ends_with(": r2: EOF while parsing an object; record dropped"));
    assert!(problems[1].starts_with("s.json:6:"), "{problems:#?}");
    assert!(problems[1].ends_with(": r4: EOF while parsing an object; record dropped"));
}

#[test]
fn a_date_written_as_a_string_is_an_edtf_date_or_the_date_as_written() {
    let store = folder(&[
        ("archive.json", ARCHIVE),
        (
            "records/r.jsonl",
            concat!(
                r#"{"id": "edtf", "title": "A", "date": "1945-10"}"#,
                "\n",
                r#"{"id": "words", "title": "B", "date": "Autumn 1945"}"#,
                "\n",
                r#"{"id": "number", "title": "C", "date": 1945}"#,
                "\n"
            ),
        ),
    ]);
    let loaded = load_path(store.path()).unwrap();
    let edtf = loaded.store.record("edtf").unwrap();
    assert_eq!(
        edtf.edtf().map(ToString::to_string).as_deref(),
        Some("1945-10")
    );
    let words = loaded.store.record("words").unwrap();
    assert_eq!(words.display_date(), Some("Autumn 1945"));
    assert!(words.edtf().is_none(), "undated for sorting");
    assert_eq!(ids(&loaded), ["edtf", "words", "number"]);
    let problems = shown(&loaded);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("number: date:") && problems[0].contains(r#"a date: "1945-10""#),
        "{problems:?}"
    );
}
