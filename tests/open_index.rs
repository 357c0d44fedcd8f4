//! Opening a store with its search index: built in the background and saved beside the
//! cache on the first run, loaded from there while the store is unchanged, and built
//! afresh when the store changes or the saved index is damaged.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use carrel::open::{Arrival, open_with_index};
use carrel::search::SearchIndex;
use carrel::store::cache::Opening;
use carrel::store::{Store, StoreChoice, StoreOrigin};
use carrel::synth::{SynthConfig, generate};
use tempfile::TempDir;

fn synth_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let config = SynthConfig {
        records: 300,
        seed: 11,
        shard_size: 50,
        ..SynthConfig::default()
    };
    generate(&config, &store).unwrap();
    backdate(&store);
    store
}

/// Files modified moments ago are not cached (they may change again unseen).
fn backdate(store: &Path) {
    carrel::synth::backdate(store, Duration::from_secs(3600)).unwrap();
}

/// What arrived, in order: 'B'egun, 'R'ecords, 'I'ndex, 'D'one; the store and index.
fn open(store: &Path, cache: &Path) -> (String, Store, SearchIndex, bool) {
    let choice = StoreChoice {
        path: Some(store.to_path_buf()),
        origin: StoreOrigin::Flag,
    };
    let mut order = String::new();
    let mut opened = Store::default();
    let mut index = None;
    let mut from_cache = false;
    for arrival in open_with_index(&choice, Some(cache)) {
        match arrival {
            Arrival::Store(Opening::Begun(begun)) => {
                order.push('B');
                from_cache = begun.from_cache;
                opened = Store::new(begun.archive, begun.collections, Vec::new());
            }
            Arrival::Store(Opening::Records(batch)) => {
                if !order.ends_with('R') {
                    order.push('R');
                }
                opened.extend_records(batch);
            }
            Arrival::Index(i) => {
                order.push('I');
                index = Some(i);
            }
            Arrival::Store(Opening::Settled { collections, .. }) => {
                opened.collections = collections;
            }
            Arrival::Store(Opening::Done) => order.push('D'),
            Arrival::Store(Opening::Failed(e)) => panic!("{e}"),
            Arrival::Ended => order.push('E'),
        }
    }
    (order, opened, *index.unwrap(), from_cache)
}

fn set_modified(file: &Path, when: SystemTime) {
    fs::File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(when))
        .unwrap();
}

fn modified(file: &Path) -> SystemTime {
    fs::metadata(file).unwrap().modified().unwrap()
}

fn titles(store: &Store, index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(&store.records, query, None, Some(10))
        .iter()
        .map(|hit| store.records[hit.record].title.clone())
        .collect()
}

fn sidecars(cache: &Path) -> Vec<PathBuf> {
    let Ok(listing) = fs::read_dir(cache.join("stores")) else {
        return Vec::new();
    };
    listing
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "search"))
        .collect()
}

#[test]
fn the_first_run_builds_the_index_and_the_next_loads_it_before_the_records() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path());
    let cache = tmp.path().join("cache");

    let (order, first, index, from_cache) = open(&store, &cache);
    assert!(!from_cache);
    assert_eq!(
        order, "BRIDE",
        "built as the records go by, ready before Done; then the threads end"
    );
    assert_eq!(index.len(), 300);
    assert_eq!(sidecars(&cache).len(), 1, "saved beside the cache");

    let sidecar = sidecars(&cache).pop().unwrap();
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    set_modified(&sidecar, long_ago);
    let (order, second, saved, from_cache) = open(&store, &cache);
    assert!(from_cache);
    assert!(order.starts_with('B') && order.ends_with("DE"), "{order}");
    assert_eq!(
        modified(&sidecar),
        long_ago,
        "loaded, not built and saved again"
    );
    let fresh = SearchIndex::build(&second);
    let query = &first.records[17].title;
    assert!(!titles(&second, &saved, query).is_empty());
    for query in [query.as_str(), "telegram", "1945", "mlotov"] {
        assert_eq!(
            titles(&second, &saved, query),
            titles(&second, &fresh, query)
        );
    }
}

#[test]
fn a_changed_store_or_a_damaged_saved_index_is_indexed_again() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path());
    let cache = tmp.path().join("cache");
    open(&store, &cache);

    // Damaged: ignored, built again, and saved whole again.
    let sidecar = sidecars(&cache).pop().unwrap();
    let mut bytes = fs::read(&sidecar).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&sidecar, &bytes).unwrap();
    let (order, ..) = open(&store, &cache);
    assert_eq!(order, "BRIDE");
    let repaired = fs::read(&sidecar).unwrap();
    assert_ne!(repaired, bytes, "built again and saved whole");
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    set_modified(&sidecar, long_ago);
    open(&store, &cache);
    assert_eq!(modified(&sidecar), long_ago, "the repaired index is used");

    // A record's title changed: the new title is found, the old one is not.
    let shard = store.join("records").join("part-0000.jsonl");
    let text = fs::read_to_string(&shard).unwrap();
    let first_line = text.lines().next().unwrap();
    let record: serde_json::Value = serde_json::from_str(first_line).unwrap();
    let old_title = record["title"].as_str().unwrap().to_string();
    fs::write(
        &shard,
        text.replacen(&old_title, "Zzyzx Quokka Memorandum", 1),
    )
    .unwrap();
    backdate(&store);
    let (order, opened, index, _) = open(&store, &cache);
    assert_eq!(
        order, "BRIDE",
        "a changed store is parsed and indexed again"
    );
    assert_eq!(
        titles(&opened, &index, "quokka"),
        vec!["Zzyzx Quokka Memorandum"]
    );
    assert!(!titles(&opened, &index, &old_title).contains(&old_title));
}
