//! Opening the chosen store as the CLI and the reading room do: through the metadata
//! cache, with texts read back from disk, or the built-in sample.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::path::{Path, PathBuf};
use std::time::Duration;

use carrel::store::cache::{Expected, Opening};
use carrel::store::locate::choose;
use carrel::store::{Loaded, StoreChoice, load_path};
use carrel::synth::{SynthConfig, backdate, generate};

/// A synthetic store whose files were last modified an hour ago (a store modified in
/// the last moments is not cached).
fn settled_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let config = SynthConfig {
        records: 60,
        seed: 11,
        shard_size: 25,
        ..SynthConfig::default()
    };
    generate(&config, &store).unwrap();
    backdate(&store, Duration::from_secs(3600)).unwrap();
    store
}

fn flag(path: &Path) -> StoreChoice {
    choose(Some(path), None, None)
}

#[test]
fn a_chosen_store_opens_from_the_cache_the_second_time_with_the_same_texts() {
    let dir = tempfile::tempdir().unwrap();
    let store = settled_store(dir.path());
    let cache = dir.path().join("cache");
    let choice = flag(&store);
    let first = choice.open_cached(Some(&cache)).unwrap();
    let second = choice.open_cached(Some(&cache)).unwrap();
    assert!(!first.from_cache);
    assert!(second.from_cache);
    let whole = load_path(&store).unwrap();
    assert_eq!(second.store.records.len(), whole.store.records.len());
    for (i, record) in whole.store.records.iter().enumerate() {
        let read = second.store.texts(i).unwrap();
        assert_eq!(read.as_ref(), record.texts.as_slice(), "{}", record.id);
    }
}

#[test]
fn without_a_cache_folder_nothing_is_cached_but_texts_still_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = settled_store(dir.path());
    let choice = flag(&store);
    let first = choice.open_cached(None).unwrap();
    let second = choice.open_cached(None).unwrap();
    assert!(!second.from_cache);
    let whole = load_path(&store).unwrap();
    let with_text = whole
        .store
        .records
        .iter()
        .position(|r| r.has_full_text())
        .unwrap();
    assert!(first.store.records[with_text].texts[0].body.is_empty());
    let read = first.store.reading_text(with_text).unwrap().unwrap();
    assert_eq!(
        Some(read.body.as_str()),
        whole.store.records[with_text]
            .reading_text()
            .map(|t| t.body.as_str())
    );
}

#[test]
fn the_builtin_sample_opens_whole_both_ways() {
    let choice = choose(None, None, None);
    let Loaded { store, .. } = choice.open_cached(None).unwrap();
    assert!(!store.records.is_empty());
    let messages: Vec<Opening> = choice.open_in_background(None).into_iter().collect();
    let mut records = Vec::new();
    assert!(
        matches!(messages.first(), Some(Opening::Begun(b)) if b.records == Expected::Exactly(store.records.len()))
    );
    assert!(matches!(messages.last(), Some(Opening::Done)));
    for message in messages {
        if let Opening::Records(batch) = message {
            records.extend(batch);
        }
    }
    assert_eq!(records, store.records);
}

#[test]
fn a_chosen_folder_opens_in_the_background_too() {
    let dir = tempfile::tempdir().unwrap();
    let store = settled_store(dir.path());
    let cache = dir.path().join("cache");
    let whole = load_path(&store).unwrap();
    for _ in 0..2 {
        let mut count = 0;
        let mut done = false;
        for message in flag(&store).open_in_background(Some(&cache)) {
            match message {
                Opening::Records(batch) => count += batch.len(),
                Opening::Done => done = true,
                Opening::Failed(e) => panic!("{e}"),
                Opening::Begun(_) | Opening::Settled { .. } => {}
            }
        }
        assert!(done);
        assert_eq!(count, whole.store.records.len());
    }
}
