//! The metadata cache and texts left on disk: an unchanged store opens from the cache
//! with exactly what parsing gives; any change to the store, or a damaged cache, is
//! noticed and the store parsed again; texts read back are the store's texts or an
//! error, never another record's text.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use carrel::store::cache::{
    Begun, Expected, FORMAT_VERSION, Opening, cache_file, open_in_background,
};
use carrel::store::schema::{Bodies, Record};
use carrel::store::{Loaded, Store, StoreError, load_path, load_path_cached, load_path_lazy};
use carrel::synth::{SynthConfig, generate};
use tempfile::TempDir;

/// A synthetic store of `records` records in shards of 40, last modified `hours_ago`.
fn synth_store(dir: &Path, records: u64) -> PathBuf {
    let store = dir.join("store");
    let config = SynthConfig {
        records,
        seed: 7,
        shard_size: 40,
        ..SynthConfig::default()
    };
    generate(&config, &store).expect("synthetic store written");
    backdate(&store, 1);
    store
}

/// Sets every file of the store `hours` into the past, as if written long ago (a store
/// modified in the last moments is not cached).
fn backdate(store: &Path, hours: u64) {
    carrel::synth::backdate(store, Duration::from_secs(3600 * hours))
        .expect("modification time set");
}

fn shard(store: &Path, n: usize) -> PathBuf {
    store.join("records").join(format!("part-{n:04}.jsonl"))
}

fn open(store: &Path, cache: &Path) -> Loaded {
    load_path_cached(store, Some(cache)).expect("store opens")
}

/// Same archive, collections, records (metadata and where bodies are) and problems.
fn assert_same(a: &Loaded, b: &Loaded) {
    assert_eq!(a.store.archive, b.store.archive);
    assert_eq!(a.store.collections, b.store.collections);
    assert_eq!(a.store.records.len(), b.store.records.len());
    for (x, y) in a.store.records.iter().zip(&b.store.records) {
        assert_eq!(x, y);
    }
    assert_eq!(a.problems, b.problems);
}

fn ids(loaded: &Loaded) -> Vec<&str> {
    loaded.store.records.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn an_unchanged_store_opens_from_the_cache_with_the_same_records() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 150);
    let cache = tmp.path().join("cache");
    let first = open(&store, &cache);
    assert!(!first.from_cache);
    assert_eq!(first.store.records.len(), 150);
    let second = open(&store, &cache);
    assert!(second.from_cache);
    assert_same(&first, &second);
    // The cache holds what a plain parse finds, bodies aside.
    assert_same(&load_path_lazy(&store).unwrap(), &second);
}

#[test]
fn texts_read_back_are_the_texts_a_full_load_holds() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 120);
    let cache = tmp.path().join("cache");
    let full = load_path(&store).unwrap();
    open(&store, &cache);
    let cached = open(&store, &cache);
    assert!(cached.from_cache);
    let mut on_disk = 0;
    for (i, (record, whole)) in cached
        .store
        .records
        .iter()
        .zip(&full.store.records)
        .enumerate()
    {
        if let Bodies::OnDisk(_) = record.bodies {
            on_disk += 1;
            assert!(record.texts.iter().all(|t| t.body.is_empty()));
        }
        assert_eq!(record.has_full_text(), whole.has_full_text());
        assert_eq!(*cached.store.texts(i).unwrap(), whole.texts[..]);
        assert_eq!(
            cached.store.reading_text(i).unwrap().as_deref(),
            whole.reading_text()
        );
        assert_eq!(*record.with_full_texts().unwrap(), *whole);
    }
    assert!(
        on_disk > 50,
        "only {on_disk} records left their bodies on disk"
    );
    assert!(full.store.records.iter().any(|r| !r.has_full_text()));
}

#[test]
fn touching_changing_adding_or_removing_a_shard_is_noticed() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 160);
    let cache = tmp.path().join("cache");
    let original = open(&store, &cache);
    assert!(open(&store, &cache).from_cache);

    // Touched: same bytes, another time. Parsed again, same result, cached again.
    backdate(&store, 2);
    let touched = open(&store, &cache);
    assert!(!touched.from_cache);
    assert_same(&original, &touched);
    assert!(open(&store, &cache).from_cache);

    // Changed: the first record of shard 1 removed.
    let text = fs::read_to_string(shard(&store, 1)).unwrap();
    let (first_line, rest) = text.split_once('\n').unwrap();
    fs::write(shard(&store, 1), rest).unwrap();
    backdate(&store, 3);
    let changed = open(&store, &cache);
    assert!(!changed.from_cache);
    assert_eq!(changed.store.records.len(), 159);
    assert!(!ids(&changed).contains(&"rec-0000040"));
    assert!(open(&store, &cache).from_cache);

    // Added: that record in a shard of its own.
    fs::write(shard(&store, 9), format!("{first_line}\n")).unwrap();
    backdate(&store, 4);
    let added = open(&store, &cache);
    assert!(!added.from_cache);
    assert!(ids(&added).contains(&"rec-0000040"));
    assert_eq!(open(&store, &cache).store.records.len(), 160);

    // Removed: shard 0 gone.
    fs::remove_file(shard(&store, 0)).unwrap();
    let removed = open(&store, &cache);
    assert!(!removed.from_cache);
    assert_eq!(removed.store.records.len(), 120);
    let again = open(&store, &cache);
    assert!(again.from_cache);
    assert_same(&removed, &again);
}

#[test]
fn a_store_modified_moments_ago_is_not_cached_until_it_settles() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 50);
    let cache = tmp.path().join("cache");
    fs::File::options()
        .write(true)
        .open(shard(&store, 0))
        .unwrap()
        .set_modified(SystemTime::now())
        .unwrap();
    assert!(!open(&store, &cache).from_cache);
    assert!(!open(&store, &cache).from_cache);
    backdate(&store, 1);
    open(&store, &cache);
    assert!(open(&store, &cache).from_cache);
}

#[test]
fn a_damaged_or_foreign_cache_is_rebuilt_and_the_store_is_still_right() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 100);
    let cache = tmp.path().join("cache");
    let original = open(&store, &cache);
    let file = cache_file(&cache, &fs::canonicalize(&store).unwrap());
    let good = fs::read(&file).unwrap();
    assert!(good.len() > 1000);

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let mut other_version = good.clone();
    other_version[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..good.len())
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    let damaged: [(&str, Vec<u8>); 6] = [
        ("cut in half", good[..good.len() / 2].to_vec()),
        ("cut by one byte", good[..good.len() - 1].to_vec()),
        ("empty", Vec::new()),
        ("random bytes", noise),
        ("one byte flipped", flipped),
        ("another format version", other_version),
    ];
    for (what, bytes) in damaged {
        fs::write(&file, bytes).unwrap();
        let reopened = open(&store, &cache);
        assert!(!reopened.from_cache, "{what}: cache was trusted");
        assert_same(&original, &reopened);
        assert_eq!(fs::read(&file).unwrap(), good, "{what}: cache not rebuilt");
        assert!(open(&store, &cache).from_cache, "{what}");
    }
}

#[test]
fn problems_and_mended_records_come_back_from_the_cache() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 60);
    let broken = concat!(
        "{oops\n",
        r#"{"id": "mended", "title": "T", "date": {"edtf": "Oct 1945"}, "texts": [{"lang": "en", "role": "translation", "body": "Kept."}, {"lang": "ru", "role": "nonsense", "body": "x"}]}"#,
        "\n"
    );
    fs::write(shard(&store, 5), broken).unwrap();
    backdate(&store, 1);
    let cache = tmp.path().join("cache");
    let first = open(&store, &cache);
    assert!(first.problems.len() >= 2, "{:?}", first.problems);
    let second = open(&store, &cache);
    assert!(second.from_cache);
    assert_same(&first, &second);
    let index = second.store.index_of("mended").unwrap();
    let texts = second.store.texts(index).unwrap();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].body, "Kept.");
}

#[test]
fn a_shard_rewritten_after_opening_gives_an_error_not_another_records_text() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 40);
    let cache = tmp.path().join("cache");
    open(&store, &cache);
    let loaded = open(&store, &cache);
    assert!(loaded.from_cache);
    let full = load_path(&store).unwrap();
    // The first two lines swapped: the first record's place now holds the second.
    let text = fs::read_to_string(shard(&store, 0)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let first = (0..lines.len())
        .find(|&i| full.store.records[i].has_full_text())
        .unwrap();
    let mut swapped = lines.clone();
    swapped.swap(first, first + 1);
    fs::write(shard(&store, 0), swapped.join("\n") + "\n").unwrap();
    match loaded.store.texts(first) {
        Err(StoreError::Changed { id, .. }) => assert_eq!(id, full.store.records[first].id),
        other => panic!("expected Changed, got {other:?}"),
    }
    // A record whose line did not move still reads right.
    let last = lines.len() - 1;
    assert_eq!(
        *loaded.store.texts(last).unwrap(),
        full.store.records[last].texts[..]
    );
    fs::remove_file(shard(&store, 0)).unwrap();
    assert!(matches!(
        loaded.store.texts(last),
        Err(StoreError::Io { .. })
    ));
}

#[test]
fn a_single_file_store_is_cached_and_its_texts_read_back() {
    let tmp = TempDir::new().unwrap();
    let folder = synth_store(tmp.path(), 30);
    let full = load_path(&folder).unwrap();
    let single = tmp.path().join("one.json");
    let json = serde_json::json!({
        "schema_version": 1,
        "archive": full.store.archive,
        "collections": full.store.collections,
        "records": full.store.records,
    });
    fs::write(&single, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    backdate(&single, 1);
    let cache = tmp.path().join("cache");
    let first = open(&single, &cache);
    let second = open(&single, &cache);
    assert!(!first.from_cache && second.from_cache);
    assert_same(&first, &second);
    for (i, whole) in full.store.records.iter().enumerate() {
        assert_eq!(*second.store.texts(i).unwrap(), whole.texts[..]);
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_still_opens_the_store() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 30);
    let not_a_folder = tmp.path().join("file");
    fs::write(&not_a_folder, "x").unwrap();
    let cache = not_a_folder.join("cache");
    let first = open(&store, &cache);
    let second = open(&store, &cache);
    assert!(!first.from_cache && !second.from_cache);
    assert_eq!(second.store.records.len(), 30);
}

/// Everything the opening thread sends, until it is finished; what `Settled` says
/// replaces what `Begun` said.
fn opened_in_background(store: &Path, cache: &Path) -> (Begun, Vec<Vec<Record>>) {
    let rx = open_in_background(store, Some(cache));
    let Ok(Opening::Begun(mut begun)) = rx.recv() else {
        panic!("Begun did not come first");
    };
    let mut batches = Vec::new();
    let mut done = false;
    for message in rx {
        match message {
            Opening::Records(records) if !done => batches.push(records),
            Opening::Settled {
                collections,
                problems,
            } if !done => {
                begun.collections = collections;
                begun.problems = problems;
            }
            Opening::Done if !done => done = true,
            other => panic!("unexpected {other:?} (done: {done})"),
        }
    }
    assert!(done, "no Done");
    (begun, batches)
}

fn assert_same_as_background(loaded: &Loaded, begun: &Begun, batches: Vec<Vec<Record>>) {
    assert_eq!(begun.archive, loaded.store.archive);
    assert_eq!(begun.collections, loaded.store.collections);
    assert_eq!(begun.problems, loaded.problems);
    let count = loaded.store.records.len();
    match begun.records {
        Expected::Exactly(n) => assert_eq!(n, count),
        // Judged from the first shard's share of the bytes: near, not exact.
        Expected::About(n) => assert!(n.abs_diff(count) <= count / 4, "{n} of {count}"),
    }
    let mut store = Store::new(begun.archive.clone(), begun.collections.clone(), Vec::new());
    for batch in batches {
        store.extend_records(batch);
    }
    assert_eq!(store.records, loaded.store.records);
    assert_eq!(
        store.index_of("rec-0000003"),
        loaded.store.index_of("rec-0000003")
    );
}

#[test]
fn a_store_opened_in_the_background_arrives_whole_in_batches() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let config = SynthConfig {
        records: 4500,
        seed: 3,
        shard_size: 1000,
        full_text_per_mille: 0,
    };
    generate(&config, &store).unwrap();
    backdate(&store, 1);
    let cache = tmp.path().join("cache");
    let parsed = load_path_lazy(&store).unwrap();

    // No cache yet: parsed, sent, and the cache written.
    let (begun, batches) = opened_in_background(&store, &cache);
    assert!(!begun.from_cache);
    assert_same_as_background(&parsed, &begun, batches);

    let (begun, batches) = opened_in_background(&store, &cache);
    assert!(begun.from_cache);
    assert!(batches.len() >= 2, "{} batches", batches.len());
    assert_same_as_background(&parsed, &begun, batches);

    // The last chunk damaged: what came before is kept, the rest parsed and sent.
    let file = cache_file(&cache, &fs::canonicalize(&store).unwrap());
    let mut bytes = fs::read(&file).unwrap();
    let head_offset = u64::from_le_bytes(bytes[12..20].try_into().unwrap());
    bytes[usize::try_from(head_offset).unwrap() - 1] ^= 0x55;
    fs::write(&file, &bytes).unwrap();
    let (begun, batches) = opened_in_background(&store, &cache);
    assert!(begun.from_cache);
    assert_same_as_background(&parsed, &begun, batches);
}

#[test]
fn a_store_that_cannot_be_opened_fails_in_the_background_too() {
    let tmp = TempDir::new().unwrap();
    let rx = open_in_background(&tmp.path().join("nothing here"), Some(tmp.path()));
    let messages: Vec<Opening> = rx.into_iter().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Opening::Failed(StoreError::Io { .. })]
        ),
        "{messages:?}"
    );
}

#[test]
fn a_lookup_decodes_just_the_records_asked_for_and_refuses_a_stale_cache() {
    use carrel::store::cache::Lookup;
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 1300);
    let cache = tmp.path().join("cache");
    let whole = open(&store, &cache);
    let mut lookup = Lookup::open(&store, Some(&cache)).unwrap();
    assert_eq!(lookup.len(), 1300);
    let numbers = [1299, 0, 513, 512, 511, 7, 1299, 5000];
    let found = lookup.records_at(&numbers).unwrap();
    for (number, record) in numbers.iter().zip(&found) {
        assert_eq!(
            record.as_ref(),
            whole.store.records.get(*number),
            "{number}"
        );
    }
    assert!(lookup.records_at(&[]).unwrap().is_empty());

    fs::write(shard(&store, 3), "{}\n").unwrap();
    assert!(
        Lookup::open(&store, Some(&cache)).is_none(),
        "store changed"
    );
}

#[test]
fn temporary_files_left_by_a_killed_writer_are_swept_when_the_cache_is_written() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 30);
    let cache = tmp.path().join("cache");
    let stores = cache.join("stores");
    fs::create_dir_all(&stores).unwrap();
    let (old, young) = (
        stores.join(".abc.index.1-0.tmp"),
        stores.join(".abc.index.2-0.tmp"),
    );
    fs::write(&old, "half a cache").unwrap();
    fs::write(&young, "being written").unwrap();
    let two_days_ago = SystemTime::now() - Duration::from_secs(48 * 3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .and_then(|f| f.set_modified(two_days_ago))
        .unwrap();
    open(&store, &cache);
    assert!(!old.exists(), "a day-old leftover is removed");
    assert!(young.exists(), "one that may be being written is not");
}

fn set_age(file: &Path, days: u64) {
    let when = SystemTime::now() - Duration::from_secs(days * 24 * 3600);
    fs::File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(when))
        .expect("modification time set");
}

#[test]
fn the_cache_of_a_store_gone_for_a_month_is_swept_and_the_others_are_kept() {
    let tmp = TempDir::new().unwrap();
    let cache = tmp.path().join("cache");
    let make = |name: &str| {
        let dir = tmp.path().join(name);
        fs::create_dir_all(&dir).unwrap();
        let store = synth_store(&dir, 10);
        open(&store, &cache);
        let file = cache_file(&cache, &fs::canonicalize(&store).unwrap());
        let search = file.with_extension("search");
        fs::write(&search, "a saved index").unwrap();
        (store, file, search)
    };
    let (gone, gone_cache, gone_search) = make("gone");
    let (recent, recent_cache, recent_search) = make("recent");
    let (kept, kept_cache, kept_search) = make("kept");
    fs::remove_dir_all(&gone).unwrap();
    fs::remove_dir_all(&recent).unwrap();
    for file in [&gone_cache, &gone_search, &kept_cache, &kept_search] {
        set_age(file, 40);
    }
    set_age(&recent_cache, 2);
    let stray = cache.join("stores").join("0123456789abcdef.search");
    fs::write(&stray, "beside no cache").unwrap();
    set_age(&stray, 40);

    // Writing a new store's cache sweeps.
    let dir = tmp.path().join("new");
    fs::create_dir_all(&dir).unwrap();
    open(&synth_store(&dir, 10), &cache);
    assert!(!gone_cache.exists(), "a month unused, its store gone");
    assert!(!gone_search.exists(), "and what was kept beside it");
    assert!(!stray.exists(), "kept beside a cache that is no more");
    assert!(
        recent_cache.exists() && recent_search.exists(),
        "used two days ago"
    );
    assert!(
        kept_cache.exists() && kept_search.exists(),
        "its store is there"
    );
    // Opening a store from its cache marks the cache used.
    assert!(open(&kept, &cache).from_cache);
    let age = fs::metadata(&kept_cache).unwrap().modified().unwrap();
    assert!(age.elapsed().unwrap() < Duration::from_secs(24 * 3600));
}

#[test]
fn texts_left_on_disk_are_read_back_whole_and_a_mended_record_keeps_its_own() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    fs::create_dir_all(store.join("records")).unwrap();
    fs::write(
        store.join("archive.json"),
        r#"{"schema_version": 1, "id": "t", "title": "T"}"#,
    )
    .unwrap();
    let text =
        |body: &str| format!(r#"[{{"lang": "en", "role": "translation", "body": {body:?}}}]"#);
    let lines = [
        format!(
            r#"{{"id": "plain", "title": "Plain", "texts": {}}}"#,
            text("Line one.\n\nLine \"two\".")
        ),
        format!(
            r#"{{"id": "blank", "title": "Blank", "texts": {}}}"#,
            text("  \n ")
        ),
        format!(
            r#"{{"id": "mended", "title": "Mended", "doc_type": 7, "texts": {}}}"#,
            text("Kept in memory.")
        ),
    ];
    fs::write(store.join("records/a.jsonl"), lines.join("\n")).unwrap();
    let lazy = load_path_lazy(&store).unwrap();
    let eager = load_path(&store).unwrap();
    for id in ["plain", "blank", "mended"] {
        let (l, e) = (
            lazy.store.record(id).unwrap(),
            eager.store.record(id).unwrap(),
        );
        assert_eq!(l.has_full_text(), e.has_full_text(), "{id}");
        assert_eq!(l.full_texts().unwrap().as_ref(), e.texts.as_slice(), "{id}");
    }
    assert!(!lazy.store.record("blank").unwrap().has_full_text());
    let mended = lazy.store.record("mended").unwrap();
    assert_eq!(mended.texts[0].body, "Kept in memory.");
    assert!(matches!(mended.bodies, Bodies::Inline));
}

/// Asserts that records holding equal people (or archives) hold one shared value.
fn assert_shared(loaded: &Loaded) {
    let records = &loaded.store.records;
    let people: Vec<&std::sync::Arc<carrel::store::schema::NamedEntity>> =
        records.iter().flat_map(|r| &r.people).collect();
    let mut alike = 0;
    for (i, a) in people.iter().enumerate() {
        for b in &people[i + 1..] {
            if a == b {
                alike += 1;
                assert!(std::sync::Arc::ptr_eq(a, b), "{} held twice", a.name);
            }
        }
    }
    assert!(alike > 0, "the synthetic store names someone twice");
    let archives: Vec<_> = records
        .iter()
        .filter_map(|r| r.provenance.as_ref()?.repository.clone())
        .collect();
    let first = &archives[0];
    let same = archives.iter().filter(|a| std::sync::Arc::ptr_eq(a, first));
    assert_eq!(
        same.count(),
        archives.iter().filter(|a| a == &first).count()
    );
}

#[test]
fn records_parsed_or_read_from_the_cache_share_the_people_and_archives_they_have_alike() {
    let tmp = TempDir::new().unwrap();
    let store = synth_store(tmp.path(), 300);
    let cache = tmp.path().join("cache");
    let parsed = open(&store, &cache);
    let cached = open(&store, &cache);
    assert!(cached.from_cache);
    assert_same(&parsed, &cached);
    assert_shared(&parsed);
    assert_shared(&cached);
}
