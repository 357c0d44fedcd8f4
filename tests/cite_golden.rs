//! Every citation style against its exact expected text, for the kinds of item a
//! historian cites: the Beria report of the built-in sample, a box/folder letter, a
//! partial date, a circa date, an undated item, and an item with no archival citation.
//!
//! The expected texts are in `tests/golden/cite/<item>.<style>`; they were read line
//! by line against the Manual's rules (see assets/docs/desk.md). After a deliberate
//! change, `CARREL_BLESS=1 cargo test --test cite_golden` rewrites them for review.
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::path::PathBuf;

use carrel::cite::{Style, cite, cite_all};
use carrel::store::Record;
use carrel::store::sample::load_builtin;
use serde_json::json;

fn sample(id: &str) -> Record {
    load_builtin().store.record(id).unwrap().clone()
}

fn made_up(value: serde_json::Value) -> Record {
    serde_json::from_value(value).unwrap()
}

/// The items, each made up for the test except the two from the sample.
fn items() -> Vec<(&'static str, Record)> {
    vec![
        ("beria", sample("1945-10-05-beria-to-molotov")),
        (
            "box-folder",
            made_up(json!({
                "id": "hia-nicolaevsky-12-3",
                "title": "Letter about the émigré press in Paris",
                "date": {"edtf": "1938-03-02", "display": "March 2, 1938"},
                "doc_type": "letter",
                "people": [
                    {"name": "Boris Nicolaevsky", "role": "author"},
                    {"name": "Fyodor Dan", "role": "recipient"}
                ],
                "provenance": {
                    "citation": "Hoover Institution Library & Archives, Boris I. Nicolaevsky Collection, Box 12, Folder 3",
                    "repository": {"abbr": "HIA", "name": "Hoover Institution Library & Archives", "place": "Stanford, CA"},
                    "locator": {"scheme": "box-folder", "box": "12", "folder": "3"}
                }
            })),
        ),
        (
            "partial-date",
            made_up(json!({
                "id": "avprf-telegram-1945-10",
                "title": "Telegram on the Ghulja negotiations",
                "date": {"edtf": "1945-10"},
                "doc_type": "telegram",
                "original_language": "ru",
                "texts": [{"lang": "en", "role": "translation", "translators": ["Sergey Radchenko"], "body": "Text."}],
                "provenance": {
                    "citation": "AVP RF, f. 0100, op. 33, d. 14, l. 7",
                    "repository": {"abbr": "AVP RF", "name": "Archive of Foreign Policy of the Russian Federation", "place": "Moscow"},
                    "locator": {"scheme": "f-op-d-l", "fond": "0100", "opis": "33", "delo": "14", "folios": "7"},
                    "digital": {"name": "Digital Archive of Examples", "url": "https://digitalarchive.example.org/document/123"}
                }
            })),
        ),
        (
            "circa",
            made_up(json!({
                "id": "rgaspi-memo-altai",
                "title": "Memorandum on the situation in the Altai District and the policy to follow there",
                "date": {"edtf": "1944~"},
                "doc_type": "memorandum",
                "provenance": {"citation": "RGASPI, f. 17, op. 162, d. 37, l. 48."}
            })),
        ),
        (
            "undated",
            made_up(json!({
                "id": "hia-trade-routes",
                "title": "",
                "doc_type": "Notes",
                "provenance": {
                    "citation": "Hoover Institution Library & Archives, Box 3",
                    "repository": {"name": "Hoover Institution Library & Archives", "place": "Stanford, CA"},
                    "locator": {"scheme": "box-folder", "box": "3"},
                    "translated_by": ["Anna Ivanova", "Li Wei"]
                }
            })),
        ),
        (
            "no-citation",
            sample("1945-09-05-beria-to-stalin-molotov-malenkov"),
        ),
    ]
}

fn golden_path(item: &str, style: Style) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/cite")
        .join(format!("{item}.{}", style.name()))
}

#[test]
fn every_style_matches_its_golden_text() {
    let bless = std::env::var_os("CARREL_BLESS").is_some();
    let mut wrong = Vec::new();
    for (item, record) in items() {
        for style in Style::ALL {
            let got = cite(&record, style);
            let path = golden_path(item, style);
            if bless {
                std::fs::write(&path, format!("{got}\n")).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if got != want.trim_end_matches('\n') {
                wrong.push(format!(
                    "{}:\n--- want\n{want}\n--- got\n{got}\n",
                    path.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_beria_note_reads_as_the_manual_orders_it() {
    // Spelled out here as well as in the golden file: the one citation most users see first.
    let record = sample("1945-10-05-beria-to-molotov");
    assert_eq!(
        cite(&record, Style::ChicagoNote),
        "Lavrentiy Beria to Vyacheslav Molotov, report, October 5, 1945, f. 9401s, op. 2, \
         d. 10004, ll. 62-63, State Archive of the Russian Federation (GARF), Moscow, \
         trans. Gary Goldberg, Wilson Center Digital Archive."
    );
    assert_eq!(
        cite(&record, Style::ChicagoShort),
        "Beria to Molotov, October 5, 1945."
    );
}

#[test]
fn output_is_plain_text_even_from_a_hostile_store() {
    let record = made_up(json!({
        "id": "x",
        "title": "Title\u{1b}]52;c;aGk=\u{7} end",
        "provenance": {"citation": "GARF, f. 1\u{1b}[2J"}
    }));
    for style in Style::ALL {
        let text = carrel::text::sanitize(&cite(&record, style)).into_owned();
        assert!(!text.contains('\u{1b}'), "{style}: {text:?}");
    }
}

#[test]
fn several_records_cite_together() {
    let a = sample("1945-10-05-beria-to-molotov");
    let b = sample("1945-09-05-beria-to-stalin-molotov-malenkov");
    let notes = cite_all(&[&a, &b], Style::ChicagoShort);
    assert_eq!(notes.lines().count(), 2, "{notes}");
    let csl: serde_json::Value =
        serde_json::from_str(&cite_all(&[&a, &b], Style::CslJson)).unwrap();
    assert_eq!(csl.as_array().unwrap().len(), 2);
    let ris = cite_all(&[&a, &b], Style::Ris);
    assert_eq!(ris.matches("ER  - ").count(), 2);
    let bib = cite_all(&[&a, &b], Style::Bibtex);
    assert_eq!(bib.matches("@unpublished{").count(), 2);
}

#[test]
fn style_names_round_trip_and_unknown_ones_are_refused() {
    for style in Style::ALL {
        assert_eq!(style.name().parse::<Style>().unwrap(), style);
    }
    let err = "apa".parse::<Style>().unwrap_err();
    assert!(err.to_string().contains("chicago-note"), "{err}");
}
