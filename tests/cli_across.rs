//! `carrel index` and `carrel timeline` on the built binary, over the built-in sample.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod cli_support;
use cli_support::carrel;

use assert_cmd::Command;
use serde_json::Value;

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn index_of_people_merges_spellings_and_counts_records() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout(carrel(&home).args(["index", "people"]));
    let first = text.lines().next().unwrap();
    assert_eq!(first, "3  Lavrentiy Beria (also L. Beria)");
    assert!(text.contains("Choybalsan (also Choibalsan)"), "{text}");

    let json = stdout(carrel(&home).args(["index", "people", "--json"]));
    let beria: Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(beria["name"], "Lavrentiy Beria");
    assert_eq!(beria["count"], 3);
    assert_eq!(beria["ids"].as_array().unwrap().len(), 3);
}

#[test]
fn index_of_archives_and_of_a_collection_without_records_finds_nothing() {
    let home = tempfile::tempdir().unwrap();
    carrel(&home)
        .args(["index", "archives"])
        .assert()
        .success()
        .stdout("1  GARF\n");
    carrel(&home)
        .args(["index", "people", "--collection", "nope"])
        .assert()
        .code(2);
}

#[test]
fn timeline_counts_every_year_and_a_query_narrows_it() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout(carrel(&home).arg("timeline"));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with(" 1935  3  █"), "{text}");
    assert_eq!(
        lines[3], " 1938  0",
        "an empty year is shown, without a bar"
    );
    assert_eq!(lines.len(), 11, "1935 to 1945, nothing undated: {text}");

    let json = stdout(carrel(&home).args(["timeline", "beria", "--json"]));
    let rows: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let total: u64 = rows.iter().filter_map(|r| r["count"].as_u64()).sum();
    assert_eq!(total, 4, "the records that name Beria: {json}");
    assert_eq!(rows.last().unwrap()["undated"], 0);

    carrel(&home)
        .args(["timeline", "zzzzqqq"])
        .assert()
        .code(1)
        .stdout("undated  0\n");
    let decades = stdout(carrel(&home).args(["timeline", "--by", "decade"]));
    assert_eq!(decades.lines().count(), 2, "{decades}");
    assert!(
        decades.starts_with("1930s  5  █") && decades.contains("\n1940s  6  █"),
        "{decades}"
    );
}

/// A made-up store: one report with its Russian original and an English translation
/// (no public-domain original exists for the sample's report).
fn parallel_store(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("store.json");
    let store = serde_json::json!({
        "schema_version": 1,
        "archive": {"schema_version": 1, "id": "made-up", "title": "Made up"},
        "records": [{
            "id": "report",
            "title": "Report",
            "texts": [
                {"lang": "ru", "role": "original", "body": "Совершенно секретно\n\nТоварищу Молотову."},
                {"lang": "en", "role": "translation", "translators": ["A. Translator"],
                 "body": "Top Secret\n\nTo Comrade Molotov."}
            ]
        }, {
            "id": "only-english",
            "title": "Only English",
            "texts": [{"lang": "en", "role": "translation", "body": "Text."}]
        }]
    });
    std::fs::write(&file, store.to_string()).unwrap();
    file
}

#[test]
fn show_prints_the_original_the_translation_or_both() {
    let home = tempfile::tempdir().unwrap();
    let store = parallel_store(home.path());
    let show = |which: Option<&str>| {
        let mut cmd = carrel(&home);
        cmd.arg("--store").arg(&store).args(["show", "report"]);
        if let Some(which) = which {
            cmd.args(["--text", which]);
        }
        stdout(&mut cmd)
    };
    let default = show(None);
    assert!(default.contains("To Comrade Molotov."), "{default}");
    assert!(!default.contains("Товарищу"), "the translation by default");
    let original = show(Some("original"));
    assert!(original.contains("Товарищу Молотову."), "{original}");
    assert!(!original.contains("To Comrade"));
    let all = show(Some("all"));
    let ru = all.find("Товарищу").unwrap();
    let en = all.find("To Comrade").unwrap();
    assert!(ru < en, "in the store's order: {all}");

    let out = carrel(&home)
        .arg("--store")
        .arg(&store)
        .args(["show", "only-english", "--text", "original"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "the record is still shown");
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("has no original text"), "{said}");
}

/// A store with a document dated Old Style (`"calendar": "julian"`) beside one dated in
/// the Gregorian calendar four days after it in the Julian reckoning but earlier in fact.
fn old_style_store(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("old-style");
    std::fs::create_dir_all(path.join("records")).unwrap();
    std::fs::write(
        path.join("archive.json"),
        r#"{"schema_version": 1, "id": "os", "title": "Old Style"}"#,
    )
    .unwrap();
    std::fs::write(
        path.join("records/a.jsonl"),
        concat!(
            r#"{"id": "decree-on-peace", "title": "Decree on Peace", "date": {"edtf": "1917-10-26", "display": "26 October 1917", "calendar": "julian"}}"#,
            "\n",
            r#"{"id": "gregorian-note", "title": "A note dated New Style", "date": {"edtf": "1917-11-01"}}"#,
            "\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn an_old_style_date_shows_both_sorts_and_filters_by_the_gregorian_and_cites_as_written() {
    let home = tempfile::tempdir().unwrap();
    let store = old_style_store(home.path());
    let store = store.to_str().unwrap();
    // 26 October O.S. is 8 November N.S.: after the note of 1 November.
    let list = stdout(carrel(&home).args(["list", "--store", store]));
    let ids: Vec<&str> = list
        .lines()
        .map(|l| {
            l.split_whitespace()
                .last()
                .unwrap()
                .trim_matches(|c| c == '[' || c == ']')
        })
        .collect();
    assert_eq!(ids, ["gregorian-note", "decree-on-peace"], "{list}");
    assert!(
        list.contains("26 October/8 November 1917 (O.S./N.S.)"),
        "{list}"
    );
    let found = stdout(carrel(&home).args(["search", "--store", store, "date:1917-11-08"]));
    assert!(found.contains("decree-on-peace"), "{found}");
    let cite = stdout(carrel(&home).args(["cite", "--store", store, "decree-on-peace"]));
    assert!(cite.contains("26 October 1917 (O.S.)"), "{cite}");
    assert!(!cite.contains("November"), "{cite}");
}
