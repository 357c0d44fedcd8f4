//! `carrel export` in the citation formats, and the way back: what `carrel export
//! --format csl-json|ris` writes (Zotero's mapping, from `carrel::cite`), `carrel
//! import` reads again with the archive, the locator, the translator and the date.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

mod cli_support;
use cli_support::carrel;

use serde_json::Value;

const BERIA: &str = "1945-10-05-beria-to-molotov";

/// Exports the sample's Beria report in `format`, imports the file into a new store,
/// and returns that store's record as JSON.
fn round_trip(format: &str, file_name: &str) -> (String, Value) {
    let home = tempfile::tempdir().unwrap();
    let out = carrel(home.path())
        .args([
            "export",
            "--format",
            format,
            "--query",
            "beria molotov altai",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let exported = String::from_utf8(out.stdout).unwrap();
    let file = home.path().join(file_name);
    std::fs::write(&file, &exported).unwrap();
    let into = home.path().join("store");
    carrel(home.path())
        .arg("import")
        .arg(&file)
        .arg("--into")
        .arg(&into)
        .assert()
        .success();
    let out = carrel(home.path())
        .arg("--store")
        .arg(&into)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let beria = records
        .into_iter()
        .find(|r| r["title"] == "L. Beria to Cde. V.M. Molotov")
        .expect("the report came back");
    (exported, beria)
}

fn assert_archival_facts_kept(record: &Value) {
    let provenance = &record["provenance"];
    let text = provenance.to_string();
    assert!(
        text.contains("GARF") || text.contains("State Archive of the Russian Federation"),
        "{text}"
    );
    assert!(
        text.contains("f. 9401s, op. 2, d. 10004, ll. 62-63"),
        "{text}"
    );
    assert!(text.contains("Goldberg"), "the translator: {text}");
    assert_eq!(record["date"]["edtf"], "1945-10-05", "{record}");
}

#[test]
fn csl_json_export_imports_back_with_archive_locator_translator_and_date() {
    let (exported, beria) = round_trip("csl-json", "zotero.json");
    let items: Value = serde_json::from_str(&exported).unwrap();
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == BERIA)
        .unwrap();
    assert_eq!(
        item["archive_location"],
        "f. 9401s, op. 2, d. 10004, ll. 62-63"
    );
    assert_archival_facts_kept(&beria);
}

#[test]
fn ris_export_imports_back_with_archive_locator_translator_and_date() {
    let (exported, beria) = round_trip("ris", "zotero.ris");
    assert!(
        exported.contains("AN  - f. 9401s, op. 2, d. 10004, ll. 62-63"),
        "{exported}"
    );
    assert!(exported.contains("\nER  -"), "{exported}");
    assert_archival_facts_kept(&beria);
}

#[test]
fn bibtex_export_is_biblatex_unpublished_with_the_locator_in_addendum() {
    let home = tempfile::tempdir().unwrap();
    let out = carrel(home.path())
        .args(["export", "--format", "bibtex"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("@unpublished{").count(),
        11,
        "one entry per record"
    );
    let beria = &text[text.find(&format!("@unpublished{{{BERIA},")).unwrap()..];
    let entry = &beria[..beria.find("\n}\n").unwrap()];
    assert!(entry.contains("addendum = {"), "{entry}");
    assert!(entry.contains("ll. 62-63"), "{entry}");
    assert!(entry.contains("date = {1945-10-05}"), "{entry}");
}
