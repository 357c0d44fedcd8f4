use super::*;
use crate::import::Parsed;

const FRUS: &str = include_str!("../../../tests/fixtures/import/frus1945v07-excerpt.xml");

fn frus() -> Parsed {
    let mut parsed = Parsed::default();
    parse("frus1945v07-excerpt.xml", FRUS, &mut parsed);
    parsed
}

fn record<'a>(parsed: &'a Parsed, id: &str) -> &'a Record {
    &parsed
        .records
        .iter()
        .find(|r| r.record.id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
        .record
}

#[test]
fn documents_collections_and_places() {
    let parsed = frus();
    assert!(
        parsed.all_problems().is_empty(),
        "{:?}",
        parsed.all_problems()
    );
    let ids: Vec<&str> = parsed
        .records
        .iter()
        .map(|r| r.record.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "frus1945v07-d1",
            "frus1945v07-d2",
            "frus1945v07-d3",
            "frus1945v07-d4"
        ]
    );
    let collections: Vec<(&str, Option<&str>)> = parsed
        .collections
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref()))
        .collect();
    assert_eq!(
        collections,
        [
            ("frus1945v07", None),
            ("frus1945v07-comp1", Some("frus1945v07")),
            ("frus1945v07-ch1", Some("frus1945v07-comp1")),
            ("frus1945v07-ch2", Some("frus1945v07-comp1")),
        ]
    );
    assert!(
        parsed.collections[0]
            .title
            .starts_with("Foreign Relations of the United States")
    );
    let d1 = record(&parsed, "frus1945v07-d1");
    assert_eq!(
        d1.title,
        "1. The Consul General at Tihwa (Ward) to the Secretary of State (Byrnes)"
    );
    assert_eq!(d1.collections, ["frus1945v07-ch1"]);
    assert_eq!(d1.places[0].name, "Tihwa");
    assert_eq!(d1.doc_type.as_deref(), Some("telegram"));
    assert_eq!(
        parsed.records[0].line, 55,
        "the line of <div type=\"document\">"
    );
}

#[test]
fn dates_from_the_frus_attributes_else_the_dateline() {
    let parsed = frus();
    let d1 = record(&parsed, "frus1945v07-d1");
    assert_eq!(d1.edtf().unwrap().as_str(), "1945-10-05");
    assert_eq!(
        d1.date.as_ref().unwrap().display.as_deref(),
        Some("Tihwa, October 5, 1945—4 p.m.")
    );
    assert_eq!(
        record(&parsed, "frus1945v07-d3").edtf().unwrap().as_str(),
        "1945-10-20/1945-10-22"
    );
    assert_eq!(
        record(&parsed, "frus1945v07-d4").edtf().unwrap().as_str(),
        "1945-10-25"
    );
}

#[test]
fn source_notes_persons_terms_and_links() {
    let parsed = frus();
    let d1 = record(&parsed, "frus1945v07-d1");
    let provenance = d1.provenance.as_ref().unwrap();
    assert_eq!(
        provenance.citation,
        "Source: Department of State, Central Files, 893.00/10-545: Telegram. Secret; Priority."
    );
    assert_eq!(
        provenance.classification.as_deref(),
        Some("Secret; Priority")
    );
    let d3 = record(&parsed, "frus1945v07-d3");
    assert_eq!(
        d3.provenance.as_ref().unwrap().classification.as_deref(),
        Some("Top Secret; Eyes Only")
    );
    let people: Vec<(&str, &str)> = d1
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        people,
        [
            ("Angus I. Ward", "author"),
            ("James F. Byrnes", "recipient")
        ]
    );
    assert_eq!(d1.people[0].alt, ["Ward, Angus I.", "Ward"]);
    assert_eq!(
        d1.extra["persons"]["Angus I. Ward"],
        "Consul General at Tihwa"
    );
    assert_eq!(d1.extra["terms"][0], "ETR: East Turkestan Republic");
    assert!(
        d1.subjects
            .contains(&"Kuomintang (Nationalist Party)".to_string())
    );
    assert_eq!(d1.related[0].id, "frus1945v07-d3");
    let note = record(&parsed, "frus1945v07-d2");
    assert_eq!(note.doc_type.as_deref(), Some("editorial-note"));
    assert_eq!(note.related[0].id, "frus1946v10-d44");
    assert_eq!(note.extra["frus_subtype"], "editorial-note");
}

#[test]
fn footnotes_beside_the_text_and_page_markers_in_it() {
    let parsed = frus();
    let d1 = record(&parsed, "frus1945v07-d1");
    let body = &d1.texts[0].body;
    assert!(
        body.contains("hold the Ili valley[1] and are reported"),
        "{body}"
    );
    assert!(
        !body.contains("Kuldja"),
        "the footnote is not run into the text: {body}"
    );
    assert!(body.contains("be told. [p. 170] They fear"), "{body}");
    assert!(!body.contains("Secret; Priority"), "{body}");
    assert!(
        body.starts_with("Tihwa, October 5, 1945—4 p.m.\n\n[Received"),
        "{body}"
    );
    assert_eq!(
        d1.provenance.as_ref().unwrap().notes,
        ["[1] The Ili region, with its centre at Kuldja (Ining); see Document 3."]
    );
}

#[test]
fn generic_tei_and_bad_xml() {
    let generic = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letters</title></titleStmt></fileDesc></teiHeader>
<text><body><div><head>Letter one</head><p>Dated <date when="1901-02-03">3 Feb 1901</date>.</p></div><div><p>no head</p></div><div xml:id="l2"><head>Letter two</head><p>Text<note>a note</note>.</p></div></body></text></TEI>"#;
    let mut parsed = Parsed::default();
    parse("letters.xml", generic, &mut parsed);
    assert_eq!(parsed.records.len(), 2);
    assert_eq!(
        parsed.records[0].record.edtf().unwrap().as_str(),
        "1901-02-03"
    );
    assert_eq!(parsed.records[1].record.id, "letters-l2");
    assert_eq!(parsed.records[1].record.texts[0].body, "Text[1].");

    let mut broken = Parsed::default();
    parse("broken.xml", "<TEI>\n  <text>\n</TEI>", &mut broken);
    let problem = &broken.problems[0];
    assert_eq!((problem.line, problem.column.is_some()), (Some(3), true));
    assert!(problem.message.contains("not well-formed XML"));
}
