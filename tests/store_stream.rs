//! A store folder opened without a cache is sent as it is read: the first records
//! arrive before the last file is read, and once everything has arrived the reader
//! holds exactly the store a whole load gives: the same records in the same order,
//! the same collections with the same members, the same problems.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use carrel::store::cache::{Expected, Opening, open_in_background};
use carrel::store::{Loaded, Problem, Store, load_path_lazy};
use carrel::synth::{SynthConfig, generate};
use tempfile::TempDir;

/// What arrived, put together as a reader does; and the order of the messages:
/// 'B'egun, 'R'ecords (once per run of batches), 'S'ettled, 'D'one.
struct Arrived {
    store: Store,
    problems: Vec<Problem>,
    expected: Expected,
    from_cache: bool,
    order: String,
}

fn take_in(rx: Receiver<Opening>) -> Arrived {
    let mut arrived = Arrived {
        store: Store::default(),
        problems: Vec::new(),
        expected: Expected::Exactly(0),
        from_cache: false,
        order: String::new(),
    };
    for message in rx {
        match message {
            Opening::Begun(begun) => {
                arrived.order.push('B');
                arrived.store = Store::new(begun.archive, begun.collections, Vec::new());
                arrived.problems = begun.problems;
                arrived.expected = begun.records;
                arrived.from_cache = begun.from_cache;
            }
            Opening::Records(batch) => {
                if !arrived.order.ends_with('R') {
                    arrived.order.push('R');
                }
                arrived.store.extend_records(batch);
            }
            Opening::Settled {
                collections,
                problems,
            } => {
                arrived.order.push('S');
                arrived.store.collections = collections;
                arrived.problems = problems;
            }
            Opening::Done => arrived.order.push('D'),
            Opening::Failed(e) => panic!("{e}"),
        }
    }
    arrived
}

fn assert_same(arrived: &Arrived, loaded: &Loaded) {
    assert_eq!(arrived.store.archive, loaded.store.archive);
    let ids =
        |store: &Store| -> Vec<String> { store.records.iter().map(|r| r.id.clone()).collect() };
    assert_eq!(ids(&arrived.store), ids(&loaded.store));
    assert_eq!(arrived.store.records, loaded.store.records);
    assert_eq!(arrived.store.collections, loaded.store.collections);
    assert_eq!(arrived.problems, loaded.problems);
}

/// A folder store in a temporary directory.
fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

const ARCHIVE: &str = r#"{"schema_version": 1, "id": "test", "title": "Test store"}"#;

/// Collections naming members that do not exist, that were dropped, or twice; a
/// collection with a bad id, a repeated one, one whose parent does not exist.
const COLLECTIONS: &str = r#"[
  {"id": "c1", "title": "One", "record_ids": ["r1", "ghost", "r1", "bad id", "r9"]},
  {"id": "c2", "title": "Two", "record_ids": [], "parent": "nowhere"},
  {"id": "C 3", "title": "Bad id", "record_ids": ["r6"]},
  {"id": "c1", "title": "One again", "record_ids": []},
  {"id": "c4", "title": "Four", "record_ids": ["r7", "r5"], "parent": "c1"}
]"#;

/// Records across three files, the problems spread over them: a repeated id in a
/// later file, a bad id, an empty title, a broken line, unknown collections and
/// roles, related records further on or nowhere.
fn troubled_store() -> TempDir {
    let a = [
        r#"{"id": "r1", "title": "First", "collections": ["c1", "nope", "c2", "c2"], "related": [{"id": "r9", "rel": "see"}], "people": [{"name": "A", "role": "jester"}]}"#,
        r#"{"id": "bad id", "title": "Bad"}"#,
        r#"{"id": "r3", "title": "  "}"#,
        r#"{"id": "r4", "title": "Broken"#,
        r#"{"id": "r5", "title": "Fifth", "collections": ["c4"], "related": [{"id": "ghost", "rel": "see"}]}"#,
    ]
    .join("\n");
    let b = [
        r#"{"id": "r1", "title": "First again"}"#,
        r#"{"id": "r6", "title": "Sixth", "collections": ["C 3", "c4"], "related": [{"id": "r3", "rel": "see"}, {"id": "r1", "rel": "see"}]}"#,
    ]
    .join("\n");
    let c = r#"[{"id": "r7", "title": "Seventh"}, {"id": "r9", "title": "Ninth", "collections": ["c2"]}]"#;
    folder(&[
        ("archive.json", ARCHIVE),
        ("collections.json", COLLECTIONS),
        ("records/a.jsonl", &a),
        ("records/b.jsonl", &b),
        ("records/c.json", c),
        ("records/notes.txt", "not a record"),
    ])
}

#[test]
fn a_troubled_store_sent_as_it_is_read_is_the_store_a_whole_load_gives() {
    let store = troubled_store();
    let loaded = load_path_lazy(store.path()).unwrap();
    // The store is as troubled as meant: what the comparison below covers.
    let members = |id: &str| {
        let c = loaded.store.collection(id).unwrap();
        c.record_ids.clone()
    };
    assert_eq!(members("c1"), ["r1", "r9"]);
    assert_eq!(members("c2"), ["r1", "r9"]);
    assert_eq!(members("c4"), ["r7", "r5", "r6"]);
    let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    for part in [
        "duplicate id",
        "bad id",
        "empty title",
        "no collection with id \"nope\"",
        "no record with id \"ghost\"",
        "listed twice",
        "unknown role",
        "not a .json or .jsonl file",
        "no collection with id \"nowhere\"",
    ] {
        assert!(shown.iter().any(|p| p.contains(part)), "{part}: {shown:#?}");
    }

    let arrived = take_in(open_in_background(store.path(), None));
    assert_eq!(arrived.order, "BRSD");
    assert!(!arrived.from_cache);
    assert_same(&arrived, &loaded);
}

#[test]
fn the_sample_and_the_bad_fixture_sent_as_read_are_what_a_whole_load_gives() {
    for store in ["assets/sample", "tests/fixtures/bad"] {
        let loaded = load_path_lazy(Path::new(store)).unwrap();
        let arrived = take_in(open_in_background(Path::new(store), None));
        assert!(arrived.order.starts_with('B') && arrived.order.ends_with("SD"));
        assert_same(&arrived, &loaded);
    }
}

#[test]
fn many_shards_arrive_in_store_order_and_the_cache_they_leave_gives_the_same_store() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let config = SynthConfig {
        records: 2600,
        seed: 5,
        shard_size: 100,
        full_text_per_mille: 0,
    };
    generate(&config, &store).unwrap();
    carrel::synth::backdate(&store, Duration::from_secs(3600)).unwrap();
    let cache = tmp.path().join("cache");
    let loaded = load_path_lazy(&store).unwrap();

    let first = take_in(open_in_background(&store, Some(&cache)));
    assert!(!first.from_cache);
    // Shards of 100: records gathered and sent in a few batches, not one per shard.
    assert_eq!(first.order, "BRSD");
    // Judged from the first shard: 26 shards of about the same size.
    let Expected::About(n) = first.expected else {
        panic!("{:?}", first.expected);
    };
    assert!((2000..=3200).contains(&n), "{n}");
    assert_same(&first, &loaded);

    let second = take_in(open_in_background(&store, Some(&cache)));
    assert!(second.from_cache);
    assert_eq!(second.order, "BRD");
    assert_eq!(second.expected, Expected::Exactly(2600));
    assert_same(&second, &loaded);
}

#[test]
fn a_troubled_store_comes_back_from_the_cache_its_streamed_first_run_wrote() {
    let dir = troubled_store();
    let store = dir.path().join("store");
    fs::create_dir(&store).unwrap();
    for name in ["archive.json", "collections.json", "records"] {
        fs::rename(dir.path().join(name), store.join(name)).unwrap();
    }
    carrel::synth::backdate(&store, Duration::from_secs(3600)).unwrap();
    let cache = dir.path().join("cache");
    let loaded = load_path_lazy(&store).unwrap();
    let first = take_in(open_in_background(&store, Some(&cache)));
    assert!(!first.from_cache);
    let second = take_in(open_in_background(&store, Some(&cache)));
    assert!(second.from_cache);
    assert_same(&second, &loaded);
    assert!(!second.problems.is_empty());
}

/// A named pipe among the shards would block a reader for ever (nothing ever writes
/// into it): it is reported and skipped without being opened, and every other record
/// arrives. (This test once used such a pipe to show the first records arrive before
/// the last shard is read; a pipe is no longer read at all.)
#[cfg(target_os = "linux")]
#[test]
fn a_named_pipe_among_the_shards_is_reported_and_the_rest_arrives() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let config = SynthConfig {
        records: 400,
        seed: 9,
        shard_size: 100,
        full_text_per_mille: 0,
    };
    generate(&config, &store).unwrap();
    let last = store.join("records").join("part-9999.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&last)
        .status()
        .unwrap();
    assert!(made.success());
    let rest = take_in(open_in_background(&store, None));
    assert!(rest.order.ends_with("SD"), "{}", rest.order);
    assert_eq!(rest.store.records.len(), 400);
    assert!(
        rest.problems.iter().any(|p| p
            .to_string()
            .contains("part-9999.jsonl: a named pipe, not a regular file")),
        "{:?}",
        rest.problems
    );
}
