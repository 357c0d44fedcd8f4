//! `carrel grep` as a user runs it: the built binary, its output and exit codes, each
//! test with a home (and so a cache) of its own.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod cli_support;
mod store_support;
use cli_support::carrel;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::{Value, json};
use tempfile::TempDir;

fn store(dir: &Path) -> PathBuf {
    let records = [
        json!({"id": "r1", "title": "Message to Congress", "date": {"edtf": "1941-01-06", "display": "January 6, 1941"},
               "texts": [{"lang": "en", "role": "original",
                          "body": "In the future days, which we seek to make secure, we look forward to a world founded upon four essential human freedoms."}]}),
        json!({"id": "r2", "title": "Донесение", "date": {"edtf": "1945-10"},
               "texts": [{"lang": "ru", "role": "original",
                          "body": "Совершенно секретно. Берия сообщает товарищу Молотову, что Оспан Батыр называет себя ханом Алтая."}]}),
        json!({"id": "r3", "title": "Hostile \u{1b}[2J title",
               "texts": [{"lang": "en", "role": "original", "body": "Beria wrote \u{1b}]52;c;aGk=\u{7} again."}]}),
    ];
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    let store = store_support::write_store(dir, &[("part.jsonl", &lines)]);
    fs::write(
        store.join("collections.json"),
        json!([{"id": "ru", "title": "Russian", "record_ids": ["r2"]}]).to_string(),
    )
    .unwrap();
    store
}

#[test]
fn hits_are_listed_with_a_line_of_text_around_the_words() {
    let tmp = TempDir::new().unwrap();
    let store = store(tmp.path());
    carrel(tmp.path())
        .arg("--store")
        .arg(&store)
        .args(["grep", "freedoms"])
        .assert()
        .code(0)
        .stdout(
            "January 6, 1941       Message to Congress  [r1]\n    \
             …we seek to make secure, we look forward to a world founded upon four essential human freedoms.\n",
        );
    // The index is kept beside the metadata cache.
    let stores = tmp.path().join("cache/carrel/stores");
    let kept = fs::read_dir(&stores)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".fulltext"));
    assert!(kept, "no index in {}", stores.display());
}

#[test]
fn json_gives_the_snippet_and_the_byte_ranges_of_the_hits() {
    let tmp = TempDir::new().unwrap();
    let store = store(tmp.path());
    let output = carrel(tmp.path())
        .arg("--store")
        .arg(&store)
        .args(["grep", "--json", "Beria"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let russian = lines.iter().find(|l| l["id"] == "r2").unwrap();
    let snippet = russian["snippet"].as_str().unwrap();
    let [start, end] = [
        russian["hits"][0][0].as_u64().unwrap(),
        russian["hits"][0][1].as_u64().unwrap(),
    ];
    assert_eq!(&snippet[start as usize..end as usize], "Берия");
    let chars: Vec<char> = snippet.chars().collect();
    let [from, to] = [
        russian["hit_chars"][0][0].as_u64().unwrap(),
        russian["hit_chars"][0][1].as_u64().unwrap(),
    ];
    assert_eq!(
        chars[from as usize..to as usize].iter().collect::<String>(),
        "Берия"
    );
    assert_eq!(russian["edtf"], "1945-10");
    assert_eq!(russian["lang"], "ru");
}

#[test]
fn scopes_limits_and_collections() {
    let tmp = TempDir::new().unwrap();
    let store = store(tmp.path());
    let run = |args: &[&str]| {
        let output = carrel(tmp.path())
            .arg("--store")
            .arg(&store)
            .arg("grep")
            .args(args)
            .output()
            .unwrap();
        let ids: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| {
                l.rsplit_once('[')
                    .map(|(_, id)| id.trim_end_matches(']').to_string())
            })
            .collect();
        (output.status.code(), ids)
    };
    assert_eq!(
        run(&["beria", "--collection", "ru"]),
        (Some(0), vec!["r2".to_string()])
    );
    assert_eq!(run(&["beria", "--limit", "1"]).1.len(), 1);
    assert_eq!(
        run(&["beria", "date:1945"]),
        (Some(0), vec!["r2".to_string()])
    );
    assert_eq!(run(&["\"ospan batyr\""]), (Some(0), vec!["r2".to_string()]));
    assert_eq!(
        run(&["\"khan of altay\""]).0,
        Some(1),
        "no such words in the texts"
    );
    assert_eq!(run(&["cotton"]), (Some(1), vec![]));
}

#[test]
fn store_text_reaches_the_terminal_sanitised() {
    let tmp = TempDir::new().unwrap();
    let store = store(tmp.path());
    carrel(tmp.path())
        .arg("--store")
        .arg(&store)
        .args(["grep", "again"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\u{1b}").not())
        .stdout(predicate::str::contains("Hostile ␛[2J title"));
}

#[test]
fn a_bad_query_or_store_is_an_error_that_says_where() {
    let tmp = TempDir::new().unwrap();
    let store = store(tmp.path());
    carrel(tmp.path())
        .arg("--store")
        .arg(&store)
        .args(["grep", "beria date:19x4.."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "bad query at column 12: date:19x4..: not a date: 19x4",
        ))
        .stderr(predicate::str::contains(
            "  beria date:19x4..\n             ^",
        ));
    carrel(tmp.path())
        .arg("--store")
        .arg(&store)
        .args(["grep", "date:1945"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no words to look for in the texts",
        ));
    carrel(tmp.path())
        .arg("--store")
        .arg(tmp.path().join("nowhere"))
        .args(["grep", "beria"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot open the store"));
    carrel(tmp.path())
        .arg("--store")
        .arg(&store)
        .args(["grep", "beria", "--collection", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no collection \"nope\""));
}

#[test]
fn the_built_in_sample_is_searched_in_memory() {
    let tmp = TempDir::new().unwrap();
    carrel(tmp.path())
        .args(["grep", "\"khan of altay\""])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[1945-10-05-beria-to-molotov]"))
        .stdout(predicate::str::contains("himself as the khan of Altay."));
}

#[test]
fn an_unchanged_store_is_searched_from_the_saved_index_with_the_same_output() {
    let tmp = TempDir::new().unwrap();
    let store = store(tmp.path());
    // A store written moments ago is not cached: date it an hour back.
    carrel::synth::backdate(&store, std::time::Duration::from_secs(3600)).unwrap();
    let run = |args: &[&str]| {
        let output = carrel(tmp.path())
            .arg("--store")
            .arg(&store)
            .arg("grep")
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let first = run(&["beria", "--json"]);
    let stores = tmp.path().join("cache/carrel/stores");
    let saved = fs::read_dir(&stores)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".fulltext-map"));
    assert!(saved, "the record numbers are saved beside the cache");
    assert_eq!(run(&["beria", "--json"]), first);
    assert_eq!(run(&["\"ospan batyr\""]).0, Some(0));
    assert_eq!(run(&["cotton"]), (Some(1), String::new()));
    // The index damaged: found again from the texts.
    for entry in fs::read_dir(&stores).unwrap().filter_map(Result::ok) {
        if entry.path().is_dir() {
            for file in fs::read_dir(entry.path()).unwrap().filter_map(Result::ok) {
                fs::write(file.path(), b"rubbish").unwrap();
            }
        }
    }
    assert_eq!(run(&["beria", "--json"]), first);
}

#[test]
fn the_saved_search_tells_the_stores_problems_and_finds_records_mended_or_without_text() {
    let tmp = TempDir::new().unwrap();
    let lines = [
        json!({"id": "c1", "title": "Report", "date": {"edtf": "1944-03"},
               "texts": [{"lang": "en", "role": "original", "body": "The caravan left Kulja at dawn."}]})
        .to_string(),
        // No text: grep looks in texts (a title only lifts a text's hit).
        json!({"id": "c2", "title": "Caravan routes"}).to_string(),
        // Mended when loaded (subjects must be a list): its texts stay in memory.
        json!({"id": "c3", "title": "Telegram", "subjects": 7,
               "texts": [{"lang": "en", "role": "original", "body": "A second caravan is expected."}]})
        .to_string(),
        "{broken".to_string(),
    ];
    let store = store_of_lines(tmp.path(), &lines);
    let run = || grep_caravan(tmp.path(), &store);
    let first = run();
    assert_eq!(first.0, Some(0));
    for id in ["[c1]", "[c3]"] {
        assert!(first.1.contains(id), "{id} in {}", first.1);
    }
    assert!(!first.1.contains("[c2]"));
    assert!(first.2.contains("part.jsonl:4"), "{}", first.2);
    let (places, old) = saved_places_dated_back(tmp.path());
    assert_eq!(run(), first, "the saved search prints and tells the same");
    let modified = fs::metadata(&places).unwrap().modified().unwrap();
    assert_eq!(modified, old, "the saved search was the one that ran");
    // The places damaged: each record is still itself.
    let mut bytes = fs::read(&places).unwrap();
    let end = bytes.len();
    for byte in &mut bytes[end - 48..] {
        *byte ^= 0x5a;
    }
    fs::write(&places, bytes).unwrap();
    assert_eq!(run(), first);
}

/// A grep without a limit prints every hit, read a batch at a time from the saved
/// index: the same lines, in the same order, as when the store was opened, the
/// records mended when loaded (kept in the cache, not in place) included.
#[test]
fn every_hit_of_a_large_store_is_printed_from_the_saved_index_as_from_the_store() {
    let tmp = TempDir::new().unwrap();
    let lines: Vec<String> = (0..700)
        .map(|n| {
            let body = format!(
                "Caravan {n} left Kulja{} at dawn.",
                " with wool".repeat(n % 7)
            );
            let mut record = json!({"id": format!("c{n}"), "title": format!("Report {n}"),
                "texts": [{"lang": "en", "role": "original", "body": body}]});
            if n % 97 == 0 {
                record["subjects"] = json!(7);
            }
            record.to_string()
        })
        .collect();
    let store = store_of_lines(tmp.path(), &lines);
    let run = || {
        let (code, stdout, _) = grep_caravan(tmp.path(), &store);
        (code, stdout)
    };
    let first = run();
    assert_eq!(first.0, Some(0));
    assert_eq!(
        first.1.lines().filter(|l| l.contains("  Report ")).count(),
        700
    );
    for id in ["[c0]", "[c291]", "[c679]"] {
        assert!(first.1.contains(id), "mended {id} printed");
    }
    let (places, old) = saved_places_dated_back(tmp.path());
    assert_eq!(run(), first);
    let modified = fs::metadata(&places).unwrap().modified().unwrap();
    assert_eq!(modified, old, "the saved search was the one that ran");
}

/// A store of these record lines, dated an hour back (a store written moments ago is
/// not cached).
fn store_of_lines(dir: &Path, lines: &[String]) -> PathBuf {
    let store = store_support::write_store(dir, &[("part.jsonl", lines)]);
    carrel::synth::backdate(&store, std::time::Duration::from_secs(3600)).unwrap();
    store
}

/// `carrel grep caravan` on `store`: exit code, stdout, stderr.
fn grep_caravan(home: &Path, store: &Path) -> (Option<i32>, String, String) {
    let output = carrel(home)
        .arg("--store")
        .arg(store)
        .args(["grep", "caravan"])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The records' places saved beside the cache in `home`, dated two hours back: a grep
/// that opened the whole store would write them again. Their path and the date.
fn saved_places_dated_back(home: &Path) -> (PathBuf, std::time::SystemTime) {
    let places = fs::read_dir(home.join("cache/carrel/stores"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".record-places"))
        .expect("the records' places are saved beside the cache")
        .path();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let file = fs::File::options().write(true).open(&places).unwrap();
    file.set_modified(old).unwrap();
    (places, old)
}
