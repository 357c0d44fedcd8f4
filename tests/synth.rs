//! The synthetic store generator: deterministic, realistic in shape, and loadable.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use carrel::store::load_path;
use carrel::store::schema::{Archive, Collection, Locator, Record};
use carrel::synth::{SynthConfig, collections, generate, records, store};

fn config(records: u64, seed: u64) -> SynthConfig {
    SynthConfig {
        records,
        seed,
        shard_size: 100,
        ..SynthConfig::default()
    }
}

fn read_store(dir: &Path) -> (Archive, Vec<Collection>, Vec<Record>) {
    let read = |path: &Path| fs::read_to_string(path).expect("store file");
    let archive = serde_json::from_str(&read(&dir.join("archive.json"))).expect("archive");
    let collections =
        serde_json::from_str(&read(&dir.join("collections.json"))).expect("collections");
    let mut shards: Vec<_> = fs::read_dir(dir.join("records"))
        .expect("records folder")
        .map(|e| e.expect("entry").path())
        .collect();
    shards.sort();
    let mut out = Vec::new();
    for shard in shards {
        for line in read(&shard).lines() {
            out.push(serde_json::from_str(line).expect("one record per line"));
        }
    }
    (archive, collections, out)
}

fn id_is_valid(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= 80
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
}

#[test]
fn the_generated_store_loads_through_the_store_loader_without_problems() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("store");
    let summary = generate(&config(1500, 7), &out).unwrap();
    assert_eq!(summary.records, 1500);
    assert_eq!(summary.shards, 15);
    let loaded = load_path(&out).unwrap();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(loaded.store.records.len(), 1500);
    assert_eq!(loaded.store.collections.len(), summary.collections);
}

#[test]
fn the_folder_layout_is_archive_collections_and_jsonl_shards() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("store");
    let summary = generate(&config(250, 3), &out).unwrap();
    let mut names: Vec<String> = fs::read_dir(out.join("records"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["part-0000.jsonl", "part-0001.jsonl", "part-0002.jsonl"]
    );
    let (archive, collections, records) = read_store(&out);
    assert_eq!(archive.schema_version, 1);
    assert_eq!(records.len(), 250);
    assert_eq!(collections.len(), summary.collections);
    let held: usize = collections.iter().map(|c| c.record_ids.len()).sum();
    assert_eq!(held, 250, "every record is in exactly one collection");
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    generate(&config(120, 11), &a).unwrap();
    generate(&config(120, 11), &b).unwrap();
    generate(&config(120, 12), &c).unwrap();
    let shard = |d: &Path| fs::read(d.join("records/part-0000.jsonl")).unwrap();
    assert_eq!(shard(&a), shard(&b));
    assert_ne!(shard(&a), shard(&c));
    let collections = |d: &Path| fs::read(d.join("collections.json")).unwrap();
    assert_eq!(collections(&a), collections(&b));
}

#[test]
fn a_folder_with_files_in_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let err = generate(&config(10, 1), dir.path()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn records_have_realistic_shapes() {
    let all: Vec<Record> = records(2000, 5).collect();
    assert_eq!(all.len(), 2000);
    let ids: HashSet<&str> = all.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 2000, "ids are unique");
    assert!(all.iter().all(|r| id_is_valid(&r.id)));

    let mut undated = 0;
    let mut partial_or_qualified = 0;
    let mut with_text = 0;
    for r in &all {
        let words = r.title.split_whitespace().count();
        assert!((6..=14).contains(&words), "{}: {words}-word title", r.id);
        let summary = r.summary.as_deref().unwrap();
        assert!((30..=80).contains(&summary.split_whitespace().count()));
        match r.edtf() {
            None => undated += 1,
            Some(d) if d.as_str().len() != 10 => partial_or_qualified += 1,
            Some(_) => {}
        }
        if let Some(text) = r.texts.first() {
            with_text += 1;
            assert!(
                (1024..=20 * 1024).contains(&text.body.len()),
                "{}: {} bytes",
                r.id,
                text.body.len()
            );
            assert!(text.paragraphs().count() >= 3);
        }
        let provenance = r.provenance.as_ref().unwrap();
        match provenance.locator.as_ref().unwrap() {
            Locator::FondOpisDelo {
                fond: Some(fond),
                delo: Some(delo),
                ..
            } => {
                assert!(provenance.citation.contains(&format!("f. {fond},")));
                assert!(provenance.citation.contains(&format!("d. {delo},")));
            }
            Locator::BoxFolder {
                r#box: Some(b),
                folder: Some(f),
            } => assert!(
                provenance
                    .citation
                    .ends_with(&format!("Box {b}, Folder {f}"))
            ),
            other => panic!("unexpected locator {other:?}"),
        }
        assert!(r.rights.is_some());
        assert!(r.people.iter().any(|p| p.role.as_deref() == Some("author")));
    }
    assert!((5..=40).contains(&undated), "{undated} undated of 2000");
    assert!(
        (60..=160).contains(&partial_or_qualified),
        "{partial_or_qualified} partial of 2000"
    );
    assert!((1500..=1900).contains(&with_text), "{with_text} with text");
}

#[test]
fn names_come_with_transliteration_variants() {
    let all: Vec<Record> = records(500, 9).collect();
    let people: Vec<_> = all.iter().flat_map(|r| &r.people).collect();
    assert!(
        people.iter().all(|p| !p.alt.is_empty()),
        "initials at least"
    );
    assert!(people.iter().any(|p| {
        p.alt
            .iter()
            .any(|a| a.ends_with("off") || a.ends_with("eff"))
    }));
    assert!(
        people
            .iter()
            .any(|p| p.name.contains("kh") && p.alt.iter().any(|a| !a.contains("kh")))
    );
    let distinct: HashSet<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert!(distinct.len() > 500, "drawn from a large pool");
}

#[test]
fn collections_hold_ten_to_five_hundred_and_some_are_partial() {
    let cols = collections(20_000, 2);
    let held: usize = cols.iter().map(|c| c.record_ids.len()).sum();
    assert_eq!(held, 20_000);
    assert!(
        cols.iter()
            .all(|c| (10..=509).contains(&c.record_ids.len()))
    );
    let partial = cols
        .iter()
        .filter(|c| c.count_label().contains(" of "))
        .count();
    assert!(partial > 0 && partial < cols.len() / 2, "{partial}");
    assert!(cols.iter().all(|c| id_is_valid(&c.id) && c.date.is_some()));
}

#[test]
fn the_in_memory_store_matches_what_is_written_to_disk() {
    let config = SynthConfig {
        records: 400,
        seed: 21,
        shard_size: 1000,
        full_text_per_mille: 0,
    };
    let in_memory = store(&config);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("store");
    generate(&config, &out).unwrap();
    let (archive, collections, records) = read_store(&out);
    assert_eq!(in_memory.archive, archive);
    assert_eq!(in_memory.collections, collections);
    assert_eq!(in_memory.records, records);
    assert!(records.iter().all(|r| r.texts.is_empty()), "metadata only");
    assert_eq!(
        in_memory.record("rec-0000399").map(|r| r.id.as_str()),
        Some("rec-0000399")
    );
}
